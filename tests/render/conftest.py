"""Fixtures for the renderer tests: the sample context, a small PNG logo, and each output rendered once.

Rendering is the slow part (WeasyPrint lays out about 0.3 s a document), so the outputs are built once
per session and shared by the tests that inspect them.
"""

from __future__ import annotations

import datetime
import struct
import zlib
from pathlib import Path

import pytest
from render_sample import sample_context

from jobpack.render.docx import render_docx
from jobpack.render.html import render_html
from jobpack.render.lookup import BUILTIN_DIR
from jobpack.render.pdf import render_pdfs

KINDS = ("job-description", "person-specification")
ISSUE_DATE = datetime.date(2024, 11, 4)
PACK_TITLE = "Learning Support Practitioner: job pack"


def write_png(path: Path, width: int = 8, height: int = 4) -> Path:
    """A tiny solid-colour PNG, written by hand so the tests need no imaging library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x1f\x4e\x79" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
                     + chunk(b"IEND", b""))
    return path


def render_all_pdfs(contexts: dict[str, dict], base_url: str) -> dict[str, bytes]:
    html = {kind: render_html([BUILTIN_DIR], kind, contexts[kind]) for kind in KINDS}
    return render_pdfs(html["job-description"], html["person-specification"], base_url, PACK_TITLE, ISSUE_DATE)


@pytest.fixture(scope="session")
def logo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_png(tmp_path_factory.mktemp("assets") / "westminster.png")


@pytest.fixture(scope="session")
def contexts(logo: Path) -> dict[str, dict]:
    return {kind: sample_context(kind, logo=logo.as_uri()) for kind in KINDS}


@pytest.fixture(scope="session")
def pdfs(contexts: dict[str, dict], logo: Path) -> dict[str, bytes]:
    return render_all_pdfs(contexts, logo.parent.as_uri() + "/")


@pytest.fixture(scope="session")
def docxs(contexts: dict[str, dict]) -> dict[str, bytes]:
    return {kind: render_docx(BUILTIN_DIR / f"{kind}.docx", contexts[kind]) for kind in KINDS}
