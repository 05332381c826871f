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
from jobpack.importer.source import MAX_ELEMENTS, Cell, Element, ImportRefused, Para, Row, Source, check_size

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


def _cell_lines(cell) -> list[str]:  # noqa: ANN001  (a python-docx _Cell)
    lines = []
    for paragraph in cell.paragraphs:
        para = bulleted(" ".join(paragraph.text.split()), "")
        if para:
            lines.append(para.text)
    for table in cell.tables:  # a table inside a cell: its cells' text, row by row
        for row in table.rows:
            lines += [" ".join(c.text.split()) for c in row.cells if c.text.strip()]
    return lines


def read_docx(path: Path) -> Source:
    """Read a .docx: headers, then body paragraphs and table rows in order, then footers."""
    check_size(path)
    _check_zip(path)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for broken parts
        raise ImportRefused(
            f"{path.name} cannot be read as a Word document ({type(exc).__name__}): open it in "
            "Word and save it again as a .docx."
        ) from exc
    source = Source(path, "docx")
    out: list[Element] = source.elements
    for n, section in enumerate(document.sections, start=1):
        for k, paragraph in enumerate(section.header.paragraphs, start=1):
            para = _para(paragraph, f"header {n} paragraph {k}")
            if para:
                out.append(Para(para.text, para.where))
    paragraphs = tables = 0
    for child in document.element.body.iterchildren():
        if len(out) > MAX_ELEMENTS:
            raise ImportRefused(f"{path.name} has more than {MAX_ELEMENTS:,} paragraphs: it is not a job description.")
        if child.tag == f"{W}p":
            paragraphs += 1
            para = _para(Paragraph(child, document), f"paragraph {paragraphs}")
            if para:
                out.append(para)
        elif child.tag == f"{W}tbl":
            tables += 1
            table = Table(child, document)
            for r, row in enumerate(table.rows, start=1):
                cells, seen = [], set()
                for c, cell in enumerate(row.cells, start=1):
                    if id(cell._tc) in seen:  # a merged cell is returned once per grid column
                        continue
                    seen.add(id(cell._tc))
                    cells.append(Cell(tuple(_cell_lines(cell)), f"table {tables} row {r} cell {c}"))
                out.append(Row(tuple(cells), f"table {tables} row {r}"))
    for n, section in enumerate(document.sections, start=1):
        for k, paragraph in enumerate(section.footer.paragraphs, start=1):
            para = _para(paragraph, f"footer {n} paragraph {k}")
            if para:
                out.append(Para(para.text, para.where))
    return source
