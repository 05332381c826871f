"""The PDFs carry every piece of the post's text, are tagged and titled, and are byte-reproducible."""

from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from render_sample import PACK_TITLE, TRICKY, all_texts, criteria_texts, render_all_pdfs


def pdf_text(data: bytes) -> str:
    """The PDF's text as pypdf extracts it, with runs of whitespace (line ends) as single spaces."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture(scope="module")
def texts(pdfs) -> dict[str, str]:
    return {name: pdf_text(data) for name, data in pdfs.items()}


def test_job_description_has_every_duty_clause_summary_and_salary_line(texts, contexts):
    text = texts["job-description"]
    missing = [t for t in all_texts(contexts["job-description"]) if t not in text]
    assert missing == []
    for line in contexts["job-description"]["post"]["recruitment"]:
        assert line["label"] in text and line["value"] in text


def test_person_specification_has_every_criterion(texts, contexts):
    text = texts["person-specification"]
    missing = [t for t in criteria_texts(contexts["person-specification"]) if t not in text]
    assert missing == []
    assert "Application form" in text  # the key of assessment methods


def test_awkward_text_prints_literally(texts):
    for kind in ("job-description", "person-specification"):
        assert TRICKY in texts[kind]


def test_pack_is_job_description_then_person_specification(pdfs, texts):
    pages = {name: len(pypdf.PdfReader(io.BytesIO(data)).pages) for name, data in pdfs.items()}
    assert pages["job-pack"] == pages["job-description"] + pages["person-specification"]
    text = texts["job-pack"]
    assert text.index("JOB DESCRIPTION") < text.index("PERSON SPECIFICATION")


def test_pdfs_are_tagged_titled_and_bookmarked(pdfs):
    for name, data in pdfs.items():
        reader = pypdf.PdfReader(io.BytesIO(data))
        root = reader.trailer["/Root"]
        assert root["/Lang"] == "en-GB"
        assert root["/MarkInfo"]["/Marked"]
        assert "/StructTreeRoot" in root
        assert reader.metadata["/CreationDate"] == reader.metadata["/ModDate"] == "D:20241104"
        assert reader.outline, name
    pack = pypdf.PdfReader(io.BytesIO(pdfs["job-pack"]))
    assert pack.metadata.title == PACK_TITLE
    top = [item.title for item in pack.outline if not isinstance(item, list)]
    assert top == ["Job description: Learning Support Practitioner",
                   "Person specification: Learning Support Practitioner"]
    jd = pypdf.PdfReader(io.BytesIO(pdfs["job-description"]))
    assert jd.metadata.title.startswith("Learning Support Practitioner: Job description")


def test_same_input_gives_identical_bytes_in_this_and_another_process(pdfs, contexts, logo):
    again = render_all_pdfs(contexts, logo.parent.as_uri() + "/")
    assert again == pdfs
    script = (
        "import hashlib, sys; sys.path[:0] = sys.argv[1:2];"
        "from pathlib import Path;"
        "from render_sample import KINDS, render_all_pdfs, sample_context;"
        "logo = Path(sys.argv[2]);"
        "contexts = {k: sample_context(k, logo=logo.as_uri()) for k in KINDS};"
        "out = render_all_pdfs(contexts, logo.parent.as_uri() + '/');"
        "print(' '.join(hashlib.sha256(out[k]).hexdigest() for k in sorted(out)))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run([sys.executable, "-c", script, str(Path(__file__).parent), str(logo)],
                            capture_output=True, text=True, env=env, check=True)
    assert result.stdout.split() == [hashlib.sha256(pdfs[k]).hexdigest() for k in sorted(pdfs)]
