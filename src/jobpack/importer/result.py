"""One file's import: the draft written (or why not), and every statement's fate. Its own module so the
batch steps (shared.py) and the importer (__init__.py) both use it without importing each other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jobpack.errors import Problem
from jobpack.importer.account import Line
from jobpack.importer.decide import Decision
from jobpack.importer.draft_terms import Terms
from jobpack.importer.recognised import Recognised
from jobpack.importer.source import Source


@dataclass
class FileResult:
    """One file's import: the draft written (or why not), and every statement's fate."""

    path: Path
    refused: str = ""
    post_file: Path | None = None
    post_id: str = ""
    text: str = ""
    recognised: Recognised = field(default_factory=Recognised)
    decisions: list[Decision] = field(default_factory=list)
    terms: Terms = field(default_factory=Terms)
    problems: list[Problem] = field(default_factory=list)
    inherited_omits: list[str] = field(default_factory=list)
    account: list[Line] = field(default_factory=list)  # every line of the document and what became of it
    redraw: Callable[[], str] | None = None  # writes the draft again from the decisions
    names: dict[str, str] = field(default_factory=dict)  # the school's and trust's names -> their variables
    shares: list = field(default_factory=list)  # the shared blocks (importer/shared.py) this draft uses
    source: Source | None = None
