"""Issue 11: page breaks a reader can follow, measured on every example PDF.

Read from the PDF itself: its structure tree (headings, table rows, paragraphs, each with its page, which
WeasyPrint's tagged PDF records) and the text of each structure element (pdfplumber's marked-content ids).
Rules: no heading ends a page; a table broken over a page keeps at least two of its rows at each end of the
break, and its rows on the new page sit under "<section title> (continued)" and the repeated header row;
key/value tables (no header row) are never broken; no page but a document's last is under 40% full.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
import pytest

A4_HEIGHT_PT = 297 / 25.4 * 72
TOP_PT, BOTTOM_PT = 24 / 25.4 * 72, A4_HEIGHT_PT - 22 / 25.4 * 72
"""The page's content area (style.css: @page margin 24mm top, 22mm bottom); the running header and footer
lie outside it."""

HEADINGS = {"H1", "H2", "H3", "H4"}
TEXT = {"P", "LI", "Figure", "Caption", "DT", "DD"}


@dataclass
class Block:
    kind: str  # heading, head-row, row or text
    pages: list[int]
    text: str
    table: int | None = None


@dataclass
class Document:
    name: str
    blocks: list[Block] = field(default_factory=list)
    fill: dict[int, float] = field(default_factory=dict)  # page -> share of the content area used
    pages: int = 0


def read(path: Path) -> Document:
    """The document's blocks in reading order, with their text and pages."""
    doc = Document(path.name)
    with pdfplumber.open(path) as pdf:
        doc.pages = len(pdf.pages)
        texts: dict[tuple[int, int], str] = {}
        for page in pdf.pages:
            lowest = TOP_PT
            for char in page.chars:
                if char.get("mcid") is not None:
                    key = (page.page_number, char["mcid"])
                    texts[key] = texts.get(key, "") + char["text"]
                if char["top"] >= TOP_PT and char["bottom"] <= BOTTOM_PT:
                    lowest = max(lowest, char["bottom"])
            doc.fill[page.page_number] = (lowest - TOP_PT) / (BOTTOM_PT - TOP_PT)
        tables = iter(range(10_000))

        def marks(node: dict, page: int | None) -> list[tuple[int, int]]:
            page = node.get("page_number", page)
            found = [(page, m) for m in node.get("mcids", [])]
            for child in node.get("children", []):
                found += marks(child, page)
            return found

        def block(kind: str, node: dict, page: int | None, table: int | None = None) -> Block:
            found = marks(node, page)
            text = " ".join(texts.get(m, "") for m in found).strip()
            return Block(kind, sorted({p for p, _ in found}) or [node.get("page_number", page)], text, table)

        def walk(node: dict, page: int | None, table: int | None, head: bool) -> None:
            kind, page = node.get("type"), node.get("page_number", page)
            if kind in HEADINGS:
                doc.blocks.append(block("heading", node, page))
                return
            if kind == "Table":
                table = next(tables)
            if kind == "THead":
                head = True
            if kind == "TR":
                header = head or all(c.get("type") == "TH" for c in node.get("children", []))
                doc.blocks.append(block("head-row" if header and head else "row", node, page, table))
                return
            if kind in TEXT:
                doc.blocks.append(block("text", node, page))
                return
            for child in node.get("children", []):
                walk(child, page, table, head)

        for node in pdf.structure_tree:
            walk(node, None, None, False)
    return doc


def documents(build: Path) -> list[Path]:
    return sorted(p for p in build.rglob("*.pdf") if not p.name.endswith("-job-pack.pdf"))


@pytest.fixture(scope="module")
def read_all(example_build: Path) -> list[Document]:
    return [read(path) for path in documents(example_build)]


def test_the_example_has_documents_with_carried_tables(read_all: list[Document]) -> None:
    """The rules below would pass vacuously on documents that never break a table."""
    assert len(read_all) >= 9
    continued = [b.text for d in read_all for b in d.blocks if b.kind == "heading" and "(continued)" in b.text]
    assert continued, "no example document carries a table onto a new page"


def test_no_heading_ends_a_page(read_all: list[Document]) -> None:
    for doc in read_all:
        for this, after in zip(doc.blocks, doc.blocks[1:], strict=False):
            if this.kind == "heading":
                assert after.pages[0] == this.pages[-1], f"{doc.name}: {this.text!r} ends page {this.pages[-1]}"


def _logical_tables(doc: Document) -> list[tuple[str, list[list[Block]]]]:
    """Each table as its section title and its parts: a part under "(continued)", or one that goes on over the
    page with no heading between (WeasyPrint tags each page's share of a broken table as a table), joins
    the table before it."""
    tables: list[tuple[str, list[list[Block]]]] = []
    title = ""
    current: int | None = None
    for block in doc.blocks:
        if block.kind == "heading":
            title = block.text
            current = None
            continue
        if block.table is None:
            continue
        if block.table != current:
            goes_on = current is not None and tables and block.pages[0] > tables[-1][1][-1][-1].pages[-1]
            current = block.table
            if (title.endswith("(continued)") or goes_on) and tables:
                tables[-1][1].append([])
            else:
                tables.append((title, [[]]))
        tables[-1][1][-1].append(block)
    return tables


def test_a_broken_table_keeps_two_rows_at_each_end_and_says_what_it_continues(read_all: list[Document]) -> None:
    checked = 0
    for doc in read_all:
        for title, parts in _logical_tables(doc):
            rows = [b for part in parts for b in part if b.kind == "row"]
            has_header = any(b.kind == "head-row" for part in parts for b in part)
            pages = sorted({b.pages[0] for b in rows})
            if not has_header:
                assert len(pages) <= 1, f"{doc.name}: the key/value table after {title!r} is broken over pages"
                continue
            for page in pages[1:]:
                checked += 1
                before = [b for b in rows if b.pages[0] == page - 1]
                after = [b for b in rows if b.pages[0] == page]
                assert len(before) >= 2 and len(after) >= 2, (
                    f"{doc.name}: {title!r} breaks with {len(before)} row(s) before and {len(after)} after")
                carried = next(part for part in parts if any(b.kind == "row" and b.pages[0] == page for b in part))
                heading = [b for b in doc.blocks if b.kind == "heading" and page in b.pages]
                assert f"{title} (continued)" in [h.text for h in heading], (doc.name, title, page)
                assert carried[0].kind == "head-row" and carried[0].pages[0] == page, (doc.name, title, page)
    assert checked, "no table in the example is carried over a page"


def test_no_page_but_the_last_is_under_40_percent_full(read_all: list[Document]) -> None:
    for doc in read_all:
        for page in range(1, doc.pages):
            assert doc.fill[page] >= 0.40, f"{doc.name}: page {page} is {doc.fill[page]:.0%} full"
