"""Files that are not job descriptions, or cannot be read, get a plain message naming the file, exit 1,
and nothing is written."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from pypdf import PdfWriter

from .conftest import SEED_POSTS, run_import, seed_file


def _posts(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "posts").rglob("*.yaml"))}


def _zip_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as handle:
            chunk = b"\0" * 1_000_000
            for _ in range(120):
                handle.write(chunk)


def _encrypted_pdf(path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret")
    with path.open("wb") as handle:
        writer.write(handle)


def _image_only_pdf(path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    with path.open("wb") as handle:
        writer.write(handle)


CASES = {
    "empty.docx": (lambda p: p.write_bytes(b""), "is empty"),
    "empty.txt": (lambda p: p.write_text(""), "is empty"),
    "bomb.docx": (_zip_bomb, "unpacks to far more data than any Word document"),
    "damaged.docx": (lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 50), "is not a Word document"),
    "locked.docx": (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000), "password-protected"),
    "garbage.pdf": (lambda p: p.write_bytes(b"this is not a pdf at all" * 20), "is not a PDF file"),
    "broken.pdf": (lambda p: p.write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\n" + b"\xff" * 300), "damaged"),
    "locked.pdf": (_encrypted_pdf, "password-protected"),
    "scan.pdf": (_image_only_pdf, "has no text to read"),
    "huge.txt": (lambda p: p.open("wb").truncate(50_000_000), "is 50 MB"),
    "binary.txt": (lambda p: p.write_bytes(b"\0\1\2\3" * 100), "is not a text file"),
    "recipe.txt": (lambda p: p.write_text("Apple crumble\n\nPeel six apples.\nBake for forty minutes.\n"),
                   "does not look like a job description"),
    "pack.odt": (lambda p: p.write_text("x"), "jobpack imports .docx, .pdf, .txt and .md files"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_is_refused_plainly(example_copy, tmp_path, name):
    root = example_copy()
    make, expected = CASES[name]
    path = tmp_path / name
    make(path)
    before = _posts(root)
    code, out, err = run_import(root, str(path))
    assert code == 1
    assert expected in out + err and name in out + err
    assert "Traceback" not in out + err and "internal error" not in out + err
    assert _posts(root) == before


def test_missing_file(example_copy, tmp_path):
    root = example_copy()
    code, out, err = run_import(root, str(tmp_path / "nowhere.docx"))
    assert code == 1 and "nowhere.docx cannot be read" in out + err


def test_a_bad_file_in_a_batch_does_not_stop_the_others(example_copy, tmp_path):
    root = example_copy(SEED_POSTS["001"])
    (tmp_path / "empty.txt").write_text("")
    code, out, err = run_import(root, str(tmp_path / "empty.txt"), str(seed_file("001")))
    assert code == 1
    assert "2 files: 1 draft written, 1 not imported" in out
    assert (root / f"posts/{SEED_POSTS['001']}.yaml").is_file()
