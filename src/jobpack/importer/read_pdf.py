"""PDF job packs, read from their text layer with pypdf's layout mode.

pypdf is pure Python (a pip install brings it, where pdftotext needs poppler on the machine), says plainly
when a file is encrypted, and its layout mode keeps the columns of tables as runs of spaces, which is
what the key-facts tables and person-spec grids are rebuilt from. A PDF has no styles, so headings are
recognised later by their words; here lines are joined back into paragraphs and list items (a bullet
starts an item, an indented line continues it) and into table rows (cells start where the header's columns
start; a tick in a column, or a first column that starts a new sentence, starts a new row).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from jobpack.importer.read_text import bulleted
from jobpack.importer.source import (
    MAX_ELEMENTS,
    MAX_TEXT,
    Budget,
    Cell,
    Element,
    ImportRefused,
    Para,
    Row,
    Source,
    check_size,
    too_large,
)

MAX_PAGES = 200
GAP = re.compile(r"\S+(?: {1,2}\S+)*")
BULLETS = "\uf0b7•·▪◦‣●○■–-*"
_HEADER_WORDS = ("essential", "desirable", "assessed", "identified", "criteri", "level", "evidence")
_MARK_WORDS = ("essential", "desirable", "level")
MARKS = {"✓", "✔", "☑", "x", "X", "✗", "yes", "Yes", "E", "D", "*"}
_SENTENCE_END = (".", ":", ";", "!", "?")


def _segments(line: str) -> list[tuple[int, str]]:
    """The runs of text on a line separated by three or more spaces, with their columns."""
    return [(m.start(), m.group()) for m in GAP.finditer(line)]


def _joined(lines: list[str]) -> str:
    """Wrapped lines joined back: with a space, or none after a slash or a hyphen that ended a line."""
    out = ""
    for line in lines:
        out += line if not out or out.endswith("/") or re.search(r"[a-z]-$", out) else f" {line}"
    return out


def _column(start: int, columns: list[int]) -> int:
    return min(range(len(columns)), key=lambda k: abs(columns[k] - start))


class _Page:
    """Turns one page's lines into paragraphs and rows."""

    def __init__(self, number: int, out: list[Element]) -> None:
        self.number = number
        self.out = out
        self.para: list[str] = []
        self.para_where = ""
        self.para_bullet = False
        self.indent = 0
        self.columns: list[int] = []
        self.last_grid: tuple[list[int], set[int]] | None = None
        self.width = 80
        self.row: list[list[str]] = []
        self.row_where = ""
        self.header_marks: set[int] = set()

    def flush_para(self) -> None:
        if self.para:
            para = bulleted(_joined(self.para), self.para_where)
            if para:
                self.out.append(Para(para.text, para.where, bullet=para.bullet or self.para_bullet))
        self.para = []
        self.para_bullet = False

    def flush_row(self) -> None:
        if self.row:
            cells = tuple(
                Cell(tuple([_joined(parts)] if parts else []), f"{self.row_where} cell {k + 1}")
                for k, parts in enumerate(self.row)
            )
            self.out.append(Row(cells, self.row_where))
        self.row = []

    def end_table(self) -> None:
        self.flush_row()
        if self.header_marks:  # a grid may go on after a category row or heading between its rows
            self.last_grid = (self.columns, self.header_marks)
        self.columns = []
        self.header_marks = set()

    def resumes_grid(self, segments: list[tuple[int, str]]) -> bool:
        """A row laid out on the columns of the grid just ended: the grid goes on (with its header's meaning)."""
        if not self.last_grid:
            return False
        columns, marks = self.last_grid
        if len(segments) < 2 or not all(min(abs(start - c) for c in columns) <= 3 for start, _ in segments):
            return False
        self.columns, self.header_marks = list(columns), set(marks)
        return True

    def line(self, n: int, raw: str, width: int) -> None:
        where = f"page {self.number} line {n}"
        self.width = width
        stripped = raw.strip()
        if not stripped:
            self.flush_para()
            if not self.header_marks:  # a grid goes on across the blank lines between its rows
                self.end_table()
            return
        segments = _segments(raw)
        if self.columns:
            self.table_line(segments, where, raw)
            return
        if self.resumes_grid(segments):
            self.flush_para()
            self.table_line(segments, where, raw)
            return
        if len(segments) >= 2 and segments[0][0] < 4 and segments[0][1][0] not in BULLETS:
            self.flush_para()
            self.columns = [start for start, _ in segments]
            words = [text.lower() for _, text in segments]
            if sum(any(h in w for h in _HEADER_WORDS) for w in words) >= 2:  # a grid's header: a mark in its
                marks = {k for k, w in enumerate(words) if k and any(h in w for h in _MARK_WORDS)}  # need or
                self.header_marks = marks or set(range(1, len(words)))  # level columns starts a new row
            self.row = [[text] for _, text in segments]
            self.row_where = where
            if self.header_marks:  # a header row stands alone
                self.flush_row()
            return
        self.line_outside(where, raw)

    def line_outside(self, where: str, raw: str) -> None:
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        bullet = stripped[0] in BULLETS and len(stripped) > 1 and stripped[1] == " " or stripped[0] == "\uf0b7"
        if bullet:
            self.flush_para()
            self.para, self.para_where, self.para_bullet, self.indent = (
                [stripped.lstrip(BULLETS).strip()],
                where,
                True,
                indent,
            )
            return
        if self.para:
            last = self.para[-1]
            heading = (stripped[0].isupper() and len(stripped) < 0.5 * self.width and "," not in stripped
                       and len(stripped.split()) >= 2 and not stripped.endswith(_SENTENCE_END))  # a heading
            continues = (self.para_bullet and indent > self.indent) or (
                not last.endswith(_SENTENCE_END) and (stripped[0].islower() or (len(last) >= 0.6 * self.width
                                                                                and not heading))
            )
            if continues:
                self.para.append(stripped)
                return
            self.flush_para()
        self.para, self.para_where, self.para_bullet, self.indent = [stripped], where, False, indent

    def table_line(self, segments: list[tuple[int, str]], where: str, raw: str) -> None:
        cols: dict[int, str] = {}
        for start, text in segments:
            k = _column(start, self.columns)
            cols[k] = f"{cols[k]} {text}" if k in cols else text
        first = cols.get(0, "")
        if self.header_marks:
            marked = any(k in self.header_marks and cols[k] for k in cols)
            previous = " ".join(self.row[0]) if self.row else ""
            lone = len(cols) == 1 and bool(first) and not first[0].islower()
            if lone and (not self.row or previous.endswith(_SENTENCE_END)) and not first.endswith("."):
                self.end_table()  # a heading after the grid (or a category row): a paragraph of its own
                self.line_outside(where, raw)
                return
            new = marked or not self.row or (lone and previous.endswith(_SENTENCE_END))
        else:
            if len(cols) == 1 and first:  # a lone line at the left margin: the table has ended
                self.end_table()
                self.line_outside(where, raw)
                return
            new = bool(first) or not self.row
        if new:
            self.flush_row()
            self.row = [[] for _ in self.columns]
            self.row_where = where
        for k, text in cols.items():
            self.row[k].append(text)


def read_pdf(path: Path) -> Source:
    """Read a PDF's text layer, page by page, leaving out running headers and footers."""
    check_size(path)
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PdfReadError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    with path.open("rb") as handle:
        if not handle.read(1024).lstrip().startswith(b"%PDF"):
            raise ImportRefused(f"{path.name} is not a PDF file (or it is damaged): export it again as PDF.")
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise ImportRefused(
                f"{path.name} is password-protected: save a copy without the password "
                "(or import the Word original) and try again."
            )
        if len(reader.pages) > MAX_PAGES:
            raise ImportRefused(f"{path.name} has {len(reader.pages)} pages; a job pack has far fewer.")
        budget = Budget(path)
        pages = []
        for number, pdf_page in enumerate(reader.pages, start=1):
            pages.append(pdf_page.extract_text(extraction_mode="layout") or "")
            budget.chars(len(pages[-1]), f"page {number}")
            budget.clock(f"page {number}")
    except ImportRefused:
        raise
    except LimitReachedError as exc:  # a stream that inflates past pypdf's own limit: a "PDF bomb"
        raise too_large(path, "a part that unpacks to more than pypdf reads", f"{MAX_TEXT:,} characters of text, "
                        f"and no part over pypdf's limit ({exc})") from exc
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError, OSError,
            MemoryError) as exc:
        raise ImportRefused(
            f"{path.name} is damaged and cannot be read ({type(exc).__name__}): export it again as PDF."
        ) from exc
    if not any(text.strip() for text in pages):
        raise ImportRefused(
            f"{path.name} has no text to read: it is a scanned image. Import the Word "
            "original, or run it through text recognition (OCR) first."
        )
    lines_by_page = [text.splitlines() for text in pages]
    if len(lines_by_page) > 1 and _is_cover(lines_by_page[0]):
        lines_by_page[0] = []  # a vacancy's cover page (jobpack's own): the documents follow it
    repeated = _repeated(lines_by_page)
    source = Source(path, "pdf")
    page = _Page(1, source.elements)  # one reader for all pages: a list item or a grid goes on over a page break
    for number, lines in enumerate(lines_by_page, start=1):
        width = max((len(line.rstrip()) for line in lines), default=80)
        page.number = number
        for n, raw in enumerate(lines, start=1):
            if raw.strip() and _running(raw) in repeated:
                continue  # a running header or footer
            if CONTINUED.fullmatch(raw.strip()):
                continue  # "Personal qualities (continued)" over rows carried onto a new page: the same section
            page.line(n, raw.replace("\u00a0", " "), width)
            if len(source.elements) > MAX_ELEMENTS:
                raise too_large(path, f"more than {MAX_ELEMENTS:,} paragraphs and table rows", f"{MAX_ELEMENTS:,}",
                                f"page {number} line {n}")
    page.flush_para()
    page.end_table()
    return source


CONTINUED = re.compile(r"\S.{0,80} \(continued\)")
"""A section title repeated over a table carried onto a new page (jobpack's own PDFs print these)."""


def _is_cover(lines: list[str]) -> bool:
    """Whether a first page is a vacancy's cover page as jobpack prints it: the vacancy's facts and what is
    in the pack, not job content to import."""
    words = {" ".join(line.split()) for line in lines}
    return any(w.startswith("Closing date") for w in words) and "In this pack" in words


def _running(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()))


def _repeated(pages: list[list[str]]) -> set[str]:
    """Running headers and footers: lines (page numbers aside) that are the first or last line of
    two or more pages."""
    if len(pages) < 2:
        return set()
    counts: dict[str, int] = {}
    for lines in pages:
        kept = [line for line in lines if line.strip()]
        for key in {_running(line) for line in kept[:1] + kept[-1:]}:
            counts[key] = counts.get(key, 0) + 1
    return {key for key, n in counts.items() if n >= 2}
