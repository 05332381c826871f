"""Job descriptions of other shapes than the seeds (tests/importer/shapes_docx.py): an advert followed by its
job description and person specification, and a job description laid out as a Word table. For each, every
line of the document is in the import's account with a reason (none "not recognised"), 95% or more of its
content lines reach the draft, and its parts land where a data lead would put them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobpack.importer import Importer, Options
from jobpack.importer.account import UNRECOGNISED

from .carry import carry
from .conftest import load_post, run_import
from .shapes_docx import ADVERT, TABLE_DUTIES, write_advert, write_table_jd
from .test_account import _lines

WRITERS = {"advert": write_advert, "table": write_table_jd}


def _imported(root: Path, path: Path) -> tuple[dict, dict]:
    code, out, err = run_import(root, str(path), "--school", "elm-tree", "--format", "json")
    assert code == 0, out + err
    report = json.loads(out)["files"][0]
    return report, load_post(root / report["post"])


@pytest.mark.parametrize("shape", sorted(WRITERS))
def test_every_line_is_accounted_for_and_the_content_reaches_the_draft(example_copy, tmp_path, shape):
    root = example_copy()
    path = WRITERS[shape](tmp_path / f"{shape}.docx")
    report, _ = _imported(root, path)
    accounted = {(a["line"], a["text"]) for a in report["lines"]}
    missing = [line for line in _lines(path) if line not in accounted]
    assert not missing, missing
    assert [a for a in report["lines"] if a["detail"] == UNRECOGNISED] == []
    result = Importer(root, Options(school="elm-tree", dry_run=True, force=True)).one([path])
    found = carry(path, root, report["post"].removeprefix("posts/").removesuffix(".yaml"), result.account)
    assert found.lines >= 10 and found.share >= 0.95, found.missing
    assert found.guidance == []


def test_an_advert_before_the_job_description_is_the_posts_advert(example_copy, tmp_path):
    """The advert's paragraphs become `advert:` (the pack's cover and the website show it), not a section
    printed in the job description; its closing date and contract are the vacancy's, said so, not dropped
    as a form's fields; the job description and person specification after it come in as usual."""
    from pypdf import PdfReader

    from jobpack.build.run import build

    root = example_copy()
    report, post = _imported(root, write_advert(tmp_path / "advert.docx"))
    assert post["advert"] == "\n\n".join(ADVERT)
    assert post["title"] == "Teaching Assistant" and post["responsible_to"] == "Year 2 class teacher"
    assert "introduction" not in post.get("sections", {})
    assert post["summary"] == ["To support the class teacher in helping every pupil in Year 2 to learn, and to "
                               "care for pupils' welfare and safety."]
    assert set(post["duties"]) == {"pupils", "teachers"}
    assert set(post["criteria"]) == {"qualifications", "experience", "personal-qualities"}
    lines = {a["text"]: a for a in report["lines"]}
    assert lines["Closing date: 15 November 2024"]["detail"].startswith("the advert's closing date: a past vacancy's")
    assert lines["Contract: Permanent"]["detail"].startswith("the advert's contract")
    post_id = report["post"].removeprefix("posts/").removesuffix(".yaml")
    built = build(root, tmp_path / "out", posts=[post_id], jobs=1)
    assert built.ok, built.failed
    folder = tmp_path / "out" / "elm-tree" / "teaching-assistant"
    pack = " ".join(" ".join((p.extract_text() or "").split())
                    for p in PdfReader(folder / "teaching-assistant-job-pack.pdf").pages)
    jd = " ".join(" ".join((p.extract_text() or "").split())
                  for p in PdfReader(folder / "teaching-assistant-job-description.pdf").pages)
    assert "We are looking for a caring and patient teaching assistant" in pack.replace("’", "'")
    assert "We are looking for" not in jd


def test_a_job_description_laid_out_as_a_word_table(example_copy, tmp_path):
    """A heading in the left column and its text in the right: each left cell is read as a heading (the
    summary, general duties, a section of the post's own), not as a duty."""
    root = example_copy()
    report, post = _imported(root, write_table_jd(tmp_path / "table.docx"))
    assert post["title"] == "Midday Supervisor" and post["responsible_to"] == "Senior Midday Supervisor"
    assert len(post["summary"]) == 2 and post["summary"][0].startswith("To supervise pupils over the lunch break")
    duties = [d for items in post["duties"].values() for d in items if isinstance(d, str)]
    assert duties == [d.split(". ", 1)[1] for d in TABLE_DUTIES]  # without their numbers, every one
    special = post["sections"]["special-conditions"]
    assert special["title"] == "Special conditions" and special["position"] == "after-duties"
    assert "Special conditions" not in json.dumps(post["duties"])  # the left column's heading is not a duty
    experience = post["criteria"]["experience"]
    assert {"text": "A first aid at work or paediatric first aid certificate.", "need": "desirable",
            "assessed": ["C"]} in experience
    lines = {a["text"]: a for a in report["lines"]}
    assert lines["Special conditions"]["became"] == "heading"
