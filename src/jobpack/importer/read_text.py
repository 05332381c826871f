"""Plain-text and Markdown job packs: exports from Word or PDF where tables are tab-separated and some
HTML fragments remain (`<ul>`, `<p>`, checkboxes), and hand-written Markdown (`#` headings, `-` lists)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from jobpack.importer.source import (
    MAX_ELEMENTS,
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

BULLET = re.compile(r"^\s*(?:[-*•·▪◦‣●○■□–\uf0b7]|\d{1,2}[.)](?=\s|$)|\(?[a-z][.)](?=\s))\s*")
_CHECKED = re.compile(r"<input\b[^>]*\bchecked\b[^>]*>", re.I)
_BOX = re.compile(r"<input\b[^>]*>", re.I)
_BREAK = re.compile(r"<\s*(?:br|/p|/li|li|p)\b[^>]*>", re.I)
_LIST = re.compile(r"<\s*/?\s*(?:ul|ol)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]{0,500}>")
_MD_LINK = re.compile(r"\[([^\]]{1,300})\]\([^)]{0,500}\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
SENTENCE_END = re.compile(r"(?<=[a-z0-9)][.!?])\s+(?=[A-Z•])")

CHECKED, UNCHECKED = "☑", "☐"


_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark: every other byte of plain English is zero."""
    head = data[:4096]
    if len(head) < 4:
        return None
    evens, odds = head[0::2], head[1::2]
    for zeros, encoding in ((odds, "utf-16-le"), (evens, "utf-16-be")):
        if zeros.count(0) > 0.9 * len(zeros) and (evens if zeros is odds else odds).count(0) < 0.1 * len(zeros):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def decode(data: bytes, name: str) -> str:
    """The text of a .txt file: UTF-8 (with or without a byte-order mark), UTF-16 as Notepad saves
    "Unicode" text, or Windows-1252; a file of binary data is refused."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ImportRefused(f"{name} says it is {encoding.upper()} text but is damaged at byte "
                                    f"{exc.start:,}: save it again as .txt (UTF-8).") from exc
    wide = _utf16_without_bom(data)
    if wide is not None:
        return wide
    if b"\x00" in data[:4096]:
        raise ImportRefused(f"{name} is not a text file (it holds binary data): save it as .docx, .pdf or .txt.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def clean_cell(raw: str) -> list[str]:
    """One cell's text as its lines: HTML list items and paragraphs become lines, a checkbox a ☑ or ☐,
    other tags go; a list whose items were run together is split at sentence ends."""
    was_list = bool(_LIST.search(raw))
    text = _CHECKED.sub(f" {CHECKED} ", raw)
    text = _BOX.sub(f" {UNCHECKED} ", text)
    text = _BREAK.sub("\n", text)
    text = _LIST.sub("\n", text)
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    lines: list[str] = []
    for line in text.split("\n"):
        parts = [p for p in re.split(r"\s*•\s*", line)] if "•" in line[1:] else [line]
        for part in parts:
            if was_list:
                lines += SENTENCE_END.split(part)
            else:
                lines.append(part)
    return [" ".join(line.split()) for line in lines if line.strip()]


def bulleted(line: str, where: str, heading: int = 0, bold: bool = False) -> Para | None:
    """A paragraph with its bullet or list number taken off (and remembered), or None if nothing is left."""
    match = BULLET.match(line)
    text = line[match.end() :].strip() if match else line.strip()
    return Para(text, where, heading=heading, bullet=bool(match), bold=bold) if text else None


def read_text(path: Path) -> Source:
    """Read a .txt or .md job pack: one paragraph per line, or a table row where a line has tab-separated
    cells (two or more of them filled)."""
    check_size(path)
    text = decode(path.read_bytes(), path.name)
    source = Source(path, "text")
    budget = Budget(path)
    elements: list[Element] = source.elements
    for number, raw in enumerate(text.splitlines(), start=1):
        if len(elements) > MAX_ELEMENTS:
            raise too_large(path, f"more than {MAX_ELEMENTS:,} lines of text", f"{MAX_ELEMENTS:,} lines",
                            f"line {number}")
        if not raw.strip():
            continue
        cells = raw.split("\t")
        if len(cells) > 1:
            budget.row(f"line {number}")
            for k in range(len(cells)):
                budget.cell(f"line {number} cell {k + 1}")
        cleaned = [clean_cell(cell) for cell in cells]
        filled = [c for c in cleaned if c]
        where = f"line {number}"
        if len(filled) >= 2:
            elements.append(
                Row(
                    tuple(Cell(tuple(lines), f"line {number} cell {n}") for n, lines in enumerate(cleaned, start=1)),
                    where,
                )
            )
            continue
        if not filled:
            continue
        heading = 0
        first = raw.strip()
        match = re.match(r"^(#{1,6})\s+", first)
        if match:
            heading = len(match.group(1))
        for line in filled[0]:
            line = re.sub(r"^#{1,6}\s+", "", line)
            para = bulleted(line, where, heading)
            if para:
                elements.append(para)
    return source
