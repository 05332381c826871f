"""Fixtures for the renderer tests: the sample context, a small PNG logo, and each output rendered once.

Rendering is the slow part (WeasyPrint lays out about 0.3 s a document), so the outputs are built once
per session and shared by the tests that inspect them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from render_sample import KINDS, render_all_pdfs, sample_context, write_png

from jobpack.render.docx import render_docx
from jobpack.render.lookup import BUILTIN_DIR


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
