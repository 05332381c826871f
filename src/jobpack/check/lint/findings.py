"""What a lint finds, before the trust's severities and the items' `allow:` are applied."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from jobpack.check.lint.texts import Text, place
from jobpack.errors import Problem


@dataclass(frozen=True)
class Finding:
    """One thing a lint found: `lint` decides its severity; `text` (with `term`) decides whether an
    `allow:` on the item silences it."""

    lint: str
    problem: Problem
    text: Text | None = None
    term: str | None = None


@cache
def data(name: str) -> Any:
    """A data file shipped in jobpack/lint/data (term lists, reasons, sources)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where PyYAML has it: 10x faster
    return yaml.load(resources.files("jobpack.check.lint").joinpath("data", name).read_text("utf-8"), Loader=loader)


def at_words(lint: str, text: Text, offset: int, message: str, hint: str, term: str | None = None) -> Finding:
    """A finding located at the words `offset` characters into `text`."""
    line, column = place(text, offset)
    if text.entry is not None:
        hint += (f" If the wording is right for this post, add  allow: {{{lint}: \"the reason\"}}  to the item"
                 " (the reason is shown in 'jobpack show').")
    return Finding(lint, Problem(text.file, message, line, column, hint.strip(), severity="warning"), text, term)
