"""What every reader produces: a document as located paragraphs and tables, in reading order.

Word, PDF and text files differ in what they keep (styles, pages, tabs), so each reader turns its file
into this one shape and the recogniser never needs to know which kind of file it was. Every paragraph and
cell carries where it was found, so the report can send a data lead back to the exact place.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

MAX_INPUT_BYTES = 20_000_000
"""Largest file read: a long job pack in Word is under 2 MB; anything bigger is not a job description."""
MAX_ELEMENTS = 20_000
"""Most paragraphs and table rows read from one file (a bound on the work a hostile file can cause)."""
MAX_ROWS = 5_000
"""Most table rows in one file, nested tables counted (a long person specification has about 60)."""
MAX_CELLS = 50_000
"""Most table cells in one file, nested tables counted."""
MAX_SPAN = 64
"""Widest a merged cell may be, in grid columns (Word allows 63 columns in a table)."""
MAX_TEXT = 5_000_000
"""Most characters of text read from one file (a 40-page job pack has about 150,000)."""
MAX_SECONDS = 30.0
"""Longest one file may take to read (a real job pack takes well under a second)."""


def too_large(path: Path, what: str, limit: str, where: str = "") -> ImportRefused:
    """The refusal for a file past one of the limits above, naming the limit and where it was passed."""
    at = f" (at {where})" if where else ""
    return ImportRefused(
        f"{path.name} is too large to import{at}: it has {what}, and jobpack reads at most {limit}. "
        "A job description is far smaller: check it is the right file, or split it."
    )


class Budget:
    """What one file may still cost to read: rows, cells, text and time, counted as a reader goes, so a
    hostile file stops at a named limit instead of running a machine out of memory or time."""

    def __init__(self, path: Path, seconds: float = MAX_SECONDS) -> None:
        self.path = path
        self.rows = self.cells = self.text = 0
        self.deadline = time.monotonic() + seconds
        self.seconds = seconds

    def row(self, where: str) -> None:
        self.rows += 1
        if self.rows > MAX_ROWS:
            raise too_large(self.path, f"more than {MAX_ROWS:,} table rows", f"{MAX_ROWS:,} rows", where)
        self.clock(where)

    def cell(self, where: str, span: int = 1) -> None:
        if span > MAX_SPAN:
            raise too_large(self.path, f"a cell {span:,} columns wide", f"{MAX_SPAN} columns", where)
        self.cells += 1
        if self.cells > MAX_CELLS:
            raise too_large(self.path, f"more than {MAX_CELLS:,} table cells", f"{MAX_CELLS:,} cells", where)

    def chars(self, n: int, where: str) -> None:
        self.text += n
        if self.text > MAX_TEXT:
            raise too_large(self.path, f"more than {MAX_TEXT:,} characters of text", f"{MAX_TEXT:,}", where)

    def clock(self, where: str) -> None:
        if time.monotonic() > self.deadline:
            raise too_large(self.path, f"more than {self.seconds:g} seconds' reading",
                            f"{self.seconds:g} seconds a file", where)


class ImportRefused(Exception):
    """A file that cannot be imported: unreadable, encrypted, empty or not a job description."""


@dataclass(frozen=True)
class Para:
    """One paragraph (or list item, or heading) and where it is."""

    text: str
    where: str
    heading: int = 0  # 0: not marked as a heading; 1, 2, ...: a heading of that level (Word styles, Markdown)
    bullet: bool = False
    bold: bool = False


@dataclass(frozen=True)
class Cell:
    """One table cell: its paragraphs (a cell often holds a list) and where it is."""

    lines: tuple[str, ...]
    where: str

    @property
    def text(self) -> str:
        return " ".join(line for line in self.lines if line)


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    where: str

    @property
    def filled(self) -> list[Cell]:
        return [c for c in self.cells if c.text]


Element = Para | Row


@dataclass
class Source:
    """A file read into paragraphs and table rows, in reading order."""

    path: Path
    kind: str  # "docx", "pdf" or "text"
    elements: list[Element] = field(default_factory=list)


def check_size(path: Path) -> int:
    """The file's size, refusing empty and oversized files before anything reads them."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportRefused(f"{path.name} cannot be read ({exc.strerror or exc}).") from exc
    if not path.is_file():
        raise ImportRefused(f"{path.name} is not a file.")
    if size == 0:
        raise ImportRefused(f"{path.name} is empty.")
    if size > MAX_INPUT_BYTES:
        raise ImportRefused(
            f"{path.name} is {size / 1e6:.0f} MB; a job description is far smaller "
            f"(jobpack reads files up to {MAX_INPUT_BYTES // 1_000_000} MB)."
        )
    return size
