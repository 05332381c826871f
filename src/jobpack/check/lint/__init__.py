"""Lints: `jobpack check` looks at the wording too — fair (Equality Act 2010), plain (GOV.UK) and complete
(safer recruitment). docs/lints.md lists every lint, why it exists and how a trust controls it.

Each lint has an id; the trust sets its severity (off, warning, error) in trust.yaml `lints: severity:`,
and an item can carry `allow: {lint-id: "the reason"}` for a phrase that is right for that post. Texts are
checked once where they are written (a block's item in the block); balances, reading ease, acronyms and
safer recruitment are per document, worked out for each resolved post.

Imports are inside the functions: model.py reads `lint.settings`, and this package reads the loaded files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jobpack.check.validate import Checked
    from jobpack.errors import Problem
    from jobpack.load import TrustFiles


def lint(checked: Checked) -> list[Problem]:
    """Every lint's findings on a checked trust, with the trust's severities and the items' allows applied."""
    from jobpack.check.lint.run import lint as run

    return run(checked)


def allowances(files: TrustFiles) -> dict[tuple[str, int | None], dict[str, str]]:
    """(file, line of an item) -> its allow reasons and justification, for `jobpack show`."""
    from jobpack.check.lint.run import allowances as notes

    return notes(files)
