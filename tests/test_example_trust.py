"""The example trust, built for real: every post's content is in its PDF and DOCX files.

Builds the repository's own trust once (module fixture) and reads the documents back the way a user
would: text extracted from the PDFs with pypdf, paragraphs and table cells from the DOCX with python-docx.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
import yaml
from pypdf import PdfReader

from jobpack.build.orchestrate import check
from jobpack.build.run import file_names
from jobpack.load.markup import Rich

REPO = Path(__file__).resolve().parent.parent
CHECKED = check(REPO)
POST_IDS = sorted(CHECKED.posts)
SEED_IDS = sorted(yaml.safe_load((REPO / "tests/data/seed_phrases.yaml").read_text("utf-8")))
"""The four posts made from the seed job packs (the fifth is the trust's own council-style post)."""


def normalise(text: str) -> str:
    text = str(Rich(text))  # what prints: **bold** and [links](https://...) without their markers
    text = text.replace("\u00ad", "").replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"-\s*\n\s*", "-", text)  # words hyphenated across lines
    text = re.sub(r"/\s*\n\s*", "/", text)  # "SEN/SEBD" broken after the slash
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture
def built(example_build) -> Path:
    return example_build


def pdf_text(path: Path) -> str:
    return normalise(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return normalise(" ".join(parts))


def documents(out: Path, post_id: str) -> dict[str, Path]:
    post = CHECKED.posts[post_id]
    folder = out / post.school.id / post.slug
    return {key: folder / name for key, name in file_names(post.slug).items()
            if key == "job-pack.pdf" or key.rsplit(".", 1)[0] in post.documents}


def test_example_trust_is_valid_without_warnings():
    assert not CHECKED.problems, "\n".join(p.format() for p in CHECKED.problems)
    assert len(SEED_IDS) == 4 and set(SEED_IDS) < set(POST_IDS)


@pytest.mark.parametrize("post_id", POST_IDS)
def test_every_duty_and_criterion_is_in_pdf_and_docx(built, post_id):
    post = CHECKED.posts[post_id]
    files = documents(built, post_id)
    jd_pdf, jd_docx = pdf_text(files["job-description.pdf"]), docx_text(files["job-description.docx"])
    pack = pdf_text(files["job-pack.pdf"])
    if "person-specification" not in post.documents:
        assert "person-specification.pdf" not in files and "Person specification" not in pack
        return
    ps_pdf, ps_docx = pdf_text(files["person-specification.pdf"]), docx_text(files["person-specification.docx"])
    for item in post.summary + post.duties:
        text = normalise(item.text)
        assert text in jd_pdf, f"JD PDF lacks: {text}"
        assert text in jd_docx, f"JD DOCX lacks: {text}"
        assert text in pack
    for item in post.criteria:
        for text in map(normalise, item.alternatives or (item.text,)):
            assert text in ps_pdf, f"PS PDF lacks: {text}"
            assert text in ps_docx, f"PS DOCX lacks: {text}"
            assert text in pack
    for text in (post.title, post.school.name, post.responsible_to):
        assert normalise(text) in jd_pdf and normalise(text) in jd_docx


@pytest.mark.parametrize("post_id", SEED_IDS)
def test_seed_content_reaches_the_documents(built, post_id):
    """Distinctive phrases from each seed job pack (tests/data/seed_phrases.yaml) appear in the output."""
    phrases = yaml.safe_load((REPO / "tests/data/seed_phrases.yaml").read_text("utf-8"))[post_id]
    files = documents(built, post_id)
    pdf = pdf_text(files["job-pack.pdf"])
    word = docx_text(files["job-description.docx"]) + " " + docx_text(files["person-specification.docx"])
    missing = [p for p in phrases if normalise(p) not in pdf or normalise(p) not in word]
    assert not missing, missing


def test_seed_salary_figures_are_computed(built):
    """Seed 001's 2024-25 figures come from the same weeks (tests/test_pay.py); the post is advertised now, so
    it is priced on 2025-26 and says the 2026-27 award is pending."""
    files = documents(built, "elm-tree/pastoral-learning-support-practitioner")
    text = pdf_text(files["job-description.pdf"])
    assert "£27,254 – £31,022 FTE (2025-26 NJC pay; 2026-27 award pending)" in text
    assert "Actual salary £21,361 – £24,314" in text
    assert "SEN allowance £1,491 per annum" in text


@pytest.mark.parametrize("post_id", POST_IDS)
def test_every_post_states_dbs_and_safeguarding(built, post_id):
    files = documents(built, post_id)
    for key in ("job-description.pdf", "job-description.docx"):
        text = pdf_text(files[key]) if key.endswith("pdf") else docx_text(files[key])
        assert "DBS check" in text
        assert "committed to safeguarding and promoting the welfare of children" in text


def test_levelled_person_spec_shows_levels(built):
    files = documents(built, "nightingale/learner-support-professional")
    for text in (pdf_text(files["person-specification.pdf"]), docx_text(files["person-specification.docx"])):
        for level in ("Level 1", "Level 2", "Level 3", "Level 4"):
            assert level in text


@pytest.mark.parametrize("post_id", SEED_IDS)
def test_docx_uses_real_headings_lists_and_tables(built, post_id):
    files = documents(built, post_id)
    jd = docx.Document(str(files["job-description.docx"]))
    styles = {p.style.name for p in jd.paragraphs if p.text.strip()}
    assert {"Heading 1", "Heading 2"} <= styles
    assert "List Bullet" in styles
    assert not any(p.text.lstrip().startswith(("•", "·", "- ")) for p in jd.paragraphs), "fake bullets"
    ps = docx.Document(str(files["person-specification.docx"]))
    assert ps.tables, "the person specification is a table"
    header = ps.tables[-1].rows[0]
    assert header._tr.trPr is not None and header._tr.trPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
    assert ps.core_properties.title and ps.core_properties.language == "en-GB"


def test_pdfs_are_a4_and_have_running_footer(built):
    files = documents(built, POST_IDS[0])
    reader = PdfReader(files["job-pack.pdf"])
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)
    last = normalise(reader.pages[-1].extract_text())
    assert re.search(r"Person specification · page (\d+) of \1", last)  # each page names its part (issue 25)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (libreoffice-writer-nogui) not installed")
def test_docx_files_open_in_libreoffice(built, tmp_path):
    """A real Word-compatible reader converts every example DOCX without error and without losing text."""
    paths = sorted(p for p in built.rglob("*.docx") if not p.stem.endswith("-application-form"))
    assert len(paths) == sum(len(CHECKED.posts[p].documents) for p in POST_IDS)
    result = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                             "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, paths)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for path in paths:
        converted = tmp_path / (path.stem + ".pdf")
        assert converted.is_file() and converted.stat().st_size > 1000, f"{path.name}: {result.stdout}"
        post_id = next(pid for pid in POST_IDS if path.name.startswith(CHECKED.posts[pid].slug + "-"))
        assert normalise(CHECKED.posts[post_id].title) in pdf_text(converted)


def test_a_schools_heading_font_reaches_its_pdfs_and_word_files_and_no_other_schools(example_build):
    """trust.yaml gives LEAP serif headings: one source of branding for the PDF and the Word file alike."""
    import re
    import zipfile

    for post_id, post in CHECKED.posts.items():
        folder = example_build / post.outputs.folder
        serif = post.school.id == "leap"
        for pdf in folder.glob("*.pdf"):
            fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
            assert ("Liberation-Serif" in fonts) == serif, (post_id, pdf.name)
        for word in (w for w in folder.glob("*.docx") if not w.stem.endswith("-application-form")):
            with zipfile.ZipFile(word) as zf:
                theme = zf.read("word/theme/theme1.xml").decode()
                styles = zf.read("word/styles.xml").decode()
            major = re.search(r'<a:majorFont>\s*<a:latin typeface="([^"]+)"', theme).group(1)
            # Word has no Liberation Serif: the Word file names Times New Roman, which it is metrically equal to
            assert (major == "Times New Roman") == serif, (post_id, word.name, major)
            assert "Liberation" not in theme + styles, (post_id, word.name)
            heading = re.search(r'w:styleId="Heading2".*?</w:style>', styles, re.S).group(0)
            assert ('w:asciiTheme="majorHAnsi"' in heading) == serif, (post_id, word.name)
