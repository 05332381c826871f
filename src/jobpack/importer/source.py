"""What every reader produces: a document as located paragraphs and tables, in reading order.

Word, PDF and text files differ in what they keep (styles, pages, tabs), so each reader turns its file
into this one shape and the recogniser never needs to know which kind of file it was. Every paragraph and
cell carries where it was found, so the report can send a data lead back to the exact place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

MAX_INPUT_BYTES = 20_000_000
"""Largest file read: a long job pack in Word is under 2 MB; anything bigger is not a job description."""
MAX_ELEMENTS = 20_000
"""Most paragraphs and table rows read from one file (a bound on the work a hostile file can cause)."""


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
