"""Awkward text written in YAML comes out literally in the PDF, the DOCX and the HTML — never as markup."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import yaml

from jobpack.build.orchestrate import check
from jobpack.build.run import build, make_job
from jobpack.render.html import render_html
from jobpack.view.context import document_context

AWKWARD = [
    "Tom & Jerry's <b>bold</b> \"quoted\" claims",
    "Pupils’ welfare costs £1,491 – roughly",
    "Café staff in Llanelwy: ŵ ŷ Ŵ Ŷ ✅ 🎓",
    "<script>alert('x')</script>",
    "Braces {{ not a var }} and {% if %} stay literal",
    "Supercalifragilisticexpialidociousantidisestablishmentarianismfloccinaucinihilipilification",
]


def write_post(root: Path) -> None:
    post = {"school": "oak", "title": "TA & <Assistant>", "duties": {"pupils": AWKWARD},
            "criteria": {"experience": ["Experience <with> children & families"]}}
    (root / "posts/oak/teaching-assistant.yaml").write_text(yaml.safe_dump(post, allow_unicode=True), "utf-8")


def test_awkward_text_is_literal_in_pdf_docx_and_html(make_trust, tmp_path, caplog):
    root = make_trust()
    write_post(root)
    checked = check(root)
    assert not checked.errors, [p.format() for p in checked.errors]
    report = build(root, tmp_path / "out", jobs=1)
    assert report.ok, report.failed
    missing_glyphs = [r.getMessage() for r in caplog.records if ".notdef" in r.getMessage()]
    assert not missing_glyphs, "a character has no font (install fonts-symbola): " + "; ".join(missing_glyphs)
    folder = tmp_path / "out/oak/teaching-assistant"
    pdf = subprocess.run(["pdftotext", str(folder / "teaching-assistant-job-description.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    pdf = " ".join(pdf.split())
    word = docx.Document(str(folder / "teaching-assistant-job-description.docx"))
    word_text = "\n".join(p.text for p in word.paragraphs)
    for line in AWKWARD[:-1]:
        assert line in word_text, line
        assert " ".join(line.split()) in pdf, line
    # the very long word is wrapped in the PDF but intact in Word
    assert AWKWARD[-1] in word_text
    assert AWKWARD[-1][:30] in pdf.replace(" ", "")
    html = render_html([Path(d) for d in make_job(checked.posts["oak/teaching-assistant"], checked).template_dirs],
                       "job-description",
                       document_context(make_job(checked.posts["oak/teaching-assistant"], checked).context,
                                        "job-description"))
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert "TA &amp; &lt;Assistant&gt;" in html
