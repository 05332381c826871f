"""Word (.docx) job packs, read with python-docx.

python-docx (already a jobpack dependency, through docxtpl) gives the body in order with each
paragraph's style (Heading 1, List Paragraph, numbering), its runs' bold, and tables cell by cell, which is
what recognising headings, lists, key-facts tables and person-spec grids needs. docx2python flattens
styles away and mammoth turns the file into HTML to parse again; neither adds anything here.

A .docx is a zip file, so it is checked before python-docx opens it: a password-protected file (an OLE
container), a damaged zip, or a zip bomb (far more uncompressed data than any document) is refused with
a plain message.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from jobpack.importer.read_text import bulleted
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

MAX_UNZIPPED = 100_000_000
MAX_ENTRIES = 5_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _check_zip(path: Path) -> None:
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == OLE_MAGIC:
        raise ImportRefused(
            f"{path.name} is password-protected or an old Word 97-2003 file: open it in Word, "
            "remove the password (or save it as .docx) and import it again."
        )
    if not zipfile.is_zipfile(path):
        raise ImportRefused(
            f"{path.name} is not a Word document (.docx) or is damaged: open it in Word and save it again as a .docx."
        )
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_UNZIPPED:
                raise ImportRefused(
                    f"{path.name} unpacks to far more data than any Word document: it was "
                    "not imported (it may be damaged or hostile)."
                )
            if "word/document.xml" not in archive.namelist():
                raise ImportRefused(f"{path.name} is a zip file but not a Word document (it has no word/document.xml).")
            bad = archive.testzip()
            if bad:
                raise ImportRefused(
                    f"{path.name} is damaged (the part {bad} cannot be read): open it in Word and save it again."
                )
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise ImportRefused(
            f"{path.name} is damaged and cannot be read ({exc}): open it in Word and save it again."
        ) from exc


def _heading_level(style: str, outline: str | None) -> int:
    name = style.lower()
    if name == "title":
        return 1
    if name.startswith("heading"):
        digits = "".join(ch for ch in name if ch.isdigit())
        return int(digits) if digits else 1
    if outline is not None and outline.isdigit():
        return int(outline) + 1
    return 0


def _marked(paragraph) -> str:  # noqa: ANN001  (a python-docx Paragraph)
    """The paragraph's text with bold and italic words and web links written the way posts mark them
    (**bold**, *italic*, [text](https://...)); a paragraph that is bold throughout (a heading) stays plain."""
    from docx.text.hyperlink import Hyperlink

    parts = list(paragraph.iter_inner_content())
    runs = [p for p in parts if not isinstance(p, Hyperlink) and p.text.strip()]
    all_bold = bool(runs) and all(r.bold for r in runs)
    all_italic = bool(runs) and all(r.italic for r in runs)
    out = []
    for part in parts:
        if isinstance(part, Hyperlink):
            url = part.url or ""
            out.append(f"[{part.text}]({url})" if url.startswith(("https://", "http://")) and part.text else part.text)
            continue
        text = part.text
        core = text.strip()
        if core and part.bold and not all_bold:
            text = text.replace(core, f"**{core}**", 1)
        elif core and part.italic and not all_italic:
            text = text.replace(core, f"*{core}*", 1)
        out.append(text)
    return "".join(out).replace("****", "")


def _para(paragraph, where: str) -> Para | None:  # noqa: ANN001  (a python-docx Paragraph)
    text = " ".join(_marked(paragraph).split())
    if not text:
        return None
    style = paragraph.style.name if paragraph.style is not None else ""
    ppr = paragraph._p.pPr
    numbered = ppr is not None and ppr.numPr is not None
    outline = None
    if ppr is not None:
        node = ppr.find(f"{W}outlineLvl")
        outline = node.get(f"{W}val") if node is not None else None
    runs = [r for r in paragraph.runs if r.text.strip()]
    bold = bool(runs) and all(r.bold for r in runs)
    para = bulleted(text, where, _heading_level(style, outline), bold)
    if para and (numbered or "list" in style.lower()) and not para.heading:
        para = Para(para.text, para.where, 0, True, para.bold)
    return para


MAX_NESTING = 4
"""Tables inside table cells read this deep (a form rarely nests one table in another)."""


def _span(tcpr) -> tuple[int, str | None]:  # noqa: ANN001  (a w:tcPr element or None)
    """A cell's width in grid columns and its vertical merge ('restart', 'continue' or None), read from the
    XML without python-docx's row.cells (which makes a list as long as the span, and walks a vertical merge
    cell by cell up the table, recursively)."""
    if tcpr is None:
        return 1, None
    span = 1
    node = tcpr.find(f"{W}gridSpan")
    if node is not None:
        value = node.get(f"{W}val") or "1"
        span = int(value) if value.isdigit() and len(value) < 12 else 1
    merge = tcpr.find(f"{W}vMerge")
    return span, (None if merge is None else merge.get(f"{W}val") or "continue")


def _cell_lines(tc, parent, budget: Budget, where: str, depth: int = 0) -> list[str]:  # noqa: ANN001
    """A cell's paragraphs (bullets taken off), then any table inside it, its cells' text row by row."""
    from docx.text.paragraph import Paragraph

    lines = []
    for child in tc.iterchildren():
        if child.tag == f"{W}p":
            text = " ".join(Paragraph(child, parent).text.split())
            budget.chars(len(text), where)
            para = bulleted(text, "")
            if para:
                lines.append(para.text)
        elif child.tag == f"{W}tbl" and depth < MAX_NESTING:
            for tr in child.iterchildren(f"{W}tr"):
                budget.row(where)
                for inner in tr.iterchildren(f"{W}tc"):
                    span, merge = _span(inner.find(f"{W}tcPr"))
                    budget.cell(where, span)
                    if merge != "continue":
                        text = " ".join(_cell_lines(inner, parent, budget, where, depth + 1))
                        if text:
                            lines.append(text)
    return lines


def _table(tbl, parent, number: int, budget: Budget) -> list[Row]:  # noqa: ANN001  (a w:tbl element)
    """A table's rows; each cell once, numbered by its first grid column; a cell merged down from the row
    above is read in that row only."""
    rows = []
    for r, tr in enumerate(tbl.iterchildren(f"{W}tr"), start=1):
        where = f"table {number} row {r}"
        budget.row(where)
        cells, column = [], 1
        for tc in tr.iterchildren(f"{W}tc"):
            span, merge = _span(tc.find(f"{W}tcPr"))
            cell_where = f"{where} cell {column}"
            budget.cell(cell_where, span)
            column += span
            if merge == "continue":
                continue
            cells.append(Cell(tuple(_cell_lines(tc, parent, budget, cell_where)), cell_where))
        rows.append(Row(tuple(cells), where))
    return rows


def read_docx(path: Path) -> Source:
    """Read a .docx: headers, then body paragraphs and table rows in order, then footers."""
    check_size(path)
    _check_zip(path)
    import docx
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for broken parts
        raise ImportRefused(
            f"{path.name} cannot be read as a Word document ({type(exc).__name__}): open it in "
            "Word and save it again as a .docx."
        ) from exc
    source = Source(path, "docx")
    budget = Budget(path)
    out: list[Element] = source.elements
    for n, section in enumerate(document.sections, start=1):
        for k, paragraph in enumerate(section.header.paragraphs, start=1):
            para = _para(paragraph, f"header {n} paragraph {k}")
            if para:
                out.append(Para(para.text, para.where))
    paragraphs = tables = 0
    for child in document.element.body.iterchildren():
        if len(out) > MAX_ELEMENTS:
            raise too_large(path, f"more than {MAX_ELEMENTS:,} paragraphs and tables", f"{MAX_ELEMENTS:,}",
                            f"paragraph {paragraphs}")
        if child.tag == f"{W}p":
            paragraphs += 1
            para = _para(Paragraph(child, document), f"paragraph {paragraphs}")
            budget.clock(f"paragraph {paragraphs}")
            if para:
                budget.chars(len(para.text), para.where)
                out.append(para)
        elif child.tag == f"{W}tbl":
            tables += 1
            out += _table(child, document, tables, budget)
    for n, section in enumerate(document.sections, start=1):
        for k, paragraph in enumerate(section.footer.paragraphs, start=1):
            para = _para(paragraph, f"footer {n} paragraph {k}")
            if para:
                out.append(Para(para.text, para.where))
    return source
