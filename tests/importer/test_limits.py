"""Hostile files are read within explicit limits (rows, cells, spans, merged-cell chains, inflated size,
time): each is refused as too large with the limit named and where it was passed (exit 1, nothing written),
in a second or two, never a traceback; and text files saved as UTF-16 or UTF-8 with a byte-order mark read."""

from __future__ import annotations

import json
import re
import time
import zipfile
import zlib
from pathlib import Path

import docx
from pypdf import PdfWriter
from pypdf.generic import NameObject, StreamObject

from jobpack.importer import read
from jobpack.importer.source import Row

from .conftest import run_import

TEXT = """Teaching Assistant
Support for pupils
- To maintain pupils' interests and motivation.
- To assist pupils with dress/changing for activities/personal hygiene.
"""


def _docx_with_body(path: Path, make_body) -> Path:  # noqa: ANN001
    """A real Word file whose document.xml body is rewritten by `make_body(xml) -> xml`."""
    document = docx.Document()
    document.add_paragraph("Support for pupils")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "MARK"
    document.save(str(path))
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/document.xml"] = make_body(parts["word/document.xml"].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _row(xml: str) -> str:
    return re.search(r"<w:tr\b.*?</w:tr>", xml, re.S).group()  # type: ignore[union-attr]


def _refused(root: Path, path: Path, *args: str) -> str:
    before = sorted(p.relative_to(root) for p in (root / "posts").rglob("*"))
    started = time.monotonic()
    code, out, err = run_import(root, str(path), "--school", "elm-tree", *args)
    assert time.monotonic() - started < 10
    assert code == 1, out + err
    assert "Traceback" not in out + err and "a bug in jobpack" not in out + err
    assert sorted(p.relative_to(root) for p in (root / "posts").rglob("*")) == before
    return out + err


def test_a_cell_150_million_columns_wide_is_refused_naming_the_limit(example_copy, tmp_path):
    root = example_copy()
    path = _docx_with_body(tmp_path / "span.docx", lambda xml: xml.replace(
        "<w:tcPr>", '<w:tcPr><w:gridSpan w:val="150000000"/>', 1))
    assert path.stat().st_size < 50_000
    said = _refused(root, path)
    assert "span.docx is too large to import (at table 1 row 1 cell 1)" in said
    assert "a cell 150,000,000 columns wide" in said and "at most 64 columns" in said


def test_a_60000_row_table_is_refused_at_the_row_limit(example_copy, tmp_path):
    root = example_copy()
    path = _docx_with_body(tmp_path / "rows.docx", lambda xml: xml.replace(_row(xml), _row(xml) * 60_000, 1))
    said = _refused(root, path)
    assert "rows.docx is too large to import (at table 1 row 5001)" in said
    assert "more than 5,000 table rows" in said


def test_a_cell_merged_down_1100_rows_is_read_once_quickly(tmp_path):
    """python-docx walks a vertical merge up the table recursively (RecursionError after 36 s); the reader
    reads the merge from the XML: the merged cell once, in its first row."""

    def merged(xml: str) -> str:
        row = _row(xml)
        first = row.replace("<w:tcPr>", '<w:tcPr><w:vMerge w:val="restart"/>', 1)
        rest = row.replace("<w:tcPr>", "<w:tcPr><w:vMerge/>", 1).replace("MARK", "")
        return xml.replace(row, first + rest * 1_099, 1)

    path = _docx_with_body(tmp_path / "merged.docx", merged)
    started = time.monotonic()
    source = read(path)
    assert time.monotonic() - started < 5
    rows = [e for e in source.elements if isinstance(e, Row)]
    assert len(rows) == 1_100
    assert [c.text for r in rows for c in r.cells if c.text] == ["MARK"]


def test_a_pdf_bomb_is_refused_as_too_large(example_copy, tmp_path):
    """A page whose content stream inflates to 80 MB from 80 KB: pypdf stops at its limit (LimitReachedError,
    uncaught before), and the import says the file is too large."""
    root = example_copy()
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    stream = StreamObject()
    stream._data = zlib.compress(b" " * 80_000_000, 9)
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(stream)
    path = tmp_path / "bomb.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    assert path.stat().st_size < 300_000
    said = _refused(root, path)
    assert "bomb.pdf is too large to import" in said and "pypdf" in said


def test_a_notepad_unicode_text_file_is_read(example_copy, tmp_path):
    """Notepad's "Unicode" is UTF-16 (little-endian, with a byte-order mark); "UTF-8 with BOM" starts EF BB BF;
    UTF-16 without a mark is recognised by its zero bytes. Each imports like the UTF-8 file."""
    root = example_copy()
    drafts = []
    for name, data in [("utf16.txt", "\ufeff".encode("utf-16-le") + TEXT.replace("\n", "\r\n").encode("utf-16-le")),
                       ("utf16be.txt", TEXT.encode("utf-16-be")),
                       ("bom.txt", b"\xef\xbb\xbf" + TEXT.encode("utf-8")), ("plain.txt", TEXT.encode("utf-8"))]:
        path = tmp_path / name
        path.write_bytes(data)
        code, out, err = run_import(root, str(path), "--school", "elm-tree", "--dry-run", "--format", "json")
        assert code == 0, out + err
        drafts.append(json.loads(out)["files"][0]["statements"])
    assert drafts[0] == drafts[1] == drafts[2] == drafts[3]
    assert "To maintain pupils' interests and motivation." in [s["text"] for s in drafts[0]]
