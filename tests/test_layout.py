"""Layout never clips: a long unbroken word or web address wraps inside its cell, in the PDF and in the Word
file as LibreOffice lays it out, instead of pushing the table off the A4 page."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from jobpack.build.run import build

URL = "https://www.example.org/" + "a-very-long-path-segment-that-never-breaks/" * 4
WORD = "Supercalifragilistic" * 7
POST = f"""\
school: oak
title: Teaching Assistant
duties:
  pupils:
    - "Read the guidance at {URL} before starting."
criteria:
  qualifications:
    - "{WORD} certificate."
    - text: "See {URL}"
      need: desirable
      assessed: [A, I]
"""
A4_WIDTH = 595.28
RIGHT_MARGIN = 40  # points: every template's margin is wider than this


def _words(pdf: Path) -> list[tuple[float, str]]:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [(float(x), w) for x, w in re.findall(r'xMax="([0-9.]+)"[^>]*>([^<]*)</word>', out)]


def _assert_inside_the_page(pdf: Path) -> None:
    words = _words(pdf)
    assert words, pdf
    widest = max(x for x, _ in words)
    assert widest <= A4_WIDTH - RIGHT_MARGIN, f"{pdf.name}: text reaches x={widest:.0f}pt, past the right margin"
    text = "".join(w for _, w in words).replace("-", "")
    for needle in (URL, WORD):
        squeezed = needle.replace("-", "")
        if squeezed[:40] in text:  # this document holds it: all of it must be there, wrapped, not clipped
            assert squeezed in text, f"{pdf.name}: part of a long word is missing"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from tests.conftest import MINI_BLOCKS, MINI_TRUST

    root = tmp_path_factory.mktemp("trust")
    for rel, text in {"trust.yaml": MINI_TRUST, **MINI_BLOCKS}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(__import__("textwrap").dedent(text), "utf-8")
    (root / "posts/oak").mkdir(parents=True)
    (root / "posts/oak/teaching-assistant.yaml").write_text(POST, "utf-8")
    out = root / "output"
    report = build(root, out, jobs=1)
    assert report.ok, report.problems
    return out / "oak/teaching-assistant"


def test_long_words_wrap_inside_the_pdf_page(built):
    for pdf in sorted(built.glob("*.pdf")):
        _assert_inside_the_page(pdf)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by the README's test command")
def test_long_words_wrap_inside_the_word_page(built, tmp_path):
    docs = sorted(built.glob("*.docx"))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), *map(str, docs)], check=True, capture_output=True, timeout=180)
    for doc in docs:
        _assert_inside_the_page(tmp_path / doc.with_suffix(".pdf").name)
