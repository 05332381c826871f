"""Lints: `jobpack check` looks at the wording too — fair (Equality Act 2010), plain (GOV.UK) and complete
(safer recruitment). docs/lints.md lists every lint, why it exists and how a trust controls it.

Each lint has an id; the trust sets its severity (off, warning, error) in trust.yaml `lints: severity:`,
and an item can carry `allow: {lint-id: "the reason"}` for a phrase that is right for that post. Texts are
checked once where they are written (a block's item in the block); balances, reading ease, acronyms and
safer recruitment are per document, worked out for each resolved post.

Imports are inside the functions: model.py reads `lint.settings`, and this package reads the loaded files.
The lints take the loaded files and the resolved posts, not validation's result: the check orchestrator
(`jobpack.build.check`) calls validation and the lints side by side.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    from jobpack.compose.post import ResolvedPost
    from jobpack.errors import Problem
    from jobpack.load import TrustFiles


def lint(files: TrustFiles, posts: Mapping[str, ResolvedPost]) -> list[Problem]:
    """Every lint's findings on a trust's files and its buildable posts, with the trust's severities and
    the items' allows applied."""
    from jobpack.check.lint.run import lint as run

    return run(files, posts)


def allowances(files: TrustFiles) -> dict[tuple[str, int | None], dict[str, str]]:
    """(file, line of an item) -> its allow reasons and justification, for `jobpack show`."""
    from jobpack.check.lint.run import allowances as notes

    return notes(files)
