"""A council form's own sections come across as the fields they are: a ticked background check is the post's
DBS check, a marked Yes or No answers safety critical (and so on), and what the built job description says
follows from them; the form's questions and notes are accounted for as its guidance. And every seed's
content lines reach the draft (95% or more), the form's guidance counted apart and named."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from jobpack.build.run import build
from jobpack.cli import main
from jobpack.importer import Importer, Options

from .carry import carry
from .conftest import SEED_POSTS, import_one, seed_file

FORM = """JOB DESCRIPTION
Job Title\tCaretaker
Responsible to\tSite Manager
Job purpose
- To keep the school's buildings and grounds safe, clean and secure for pupils and staff.
Support to School
- To open and lock the school buildings every day and respond to alarm calls out of hours.
- To carry out minor repairs and keep a record of the work done for the Site Manager.
9. Background Checks
Please ✓ required check(s)
The post is subject to the following Background Check(s).\ta) Enhanced DBS with Children's Barring List Check\t☐
\td) Enhanced DBS Check\t☑
\te) Standard DBS Check\t☐
12. Safety Critical Posts
A safety critical post is one that is likely to be exposed to noise or vibration.
Having reviewed the criteria outlined in Section 12 is this post a "Safety Critical" post?
☑ Yes
No
"""


def test_a_forms_marked_answers_are_the_posts_safer_recruitment(example_copy, tmp_path):
    root = example_copy()
    report, post = import_one(root, tmp_path / "caretaker.txt", FORM)
    assert post["safer_recruitment"] == {"dbs": "enhanced", "safety_critical": True}  # the trust's: children, false
    lines = {a["text"]: a for a in report["lines"]}
    assert lines["d) Enhanced DBS Check"]["became"] == "fact"
    assert lines["☑ Yes"]["detail"] == "the post's safer_recruitment safety_critical: true"
    question = lines['Having reviewed the criteria outlined in Section 12 is this post a "Safety Critical" post?']
    assert question["became"] == "boilerplate" and question["detail"].startswith("form guidance")
    shown = run_show(root, report["post"])  # what the documents print, from the post's fields
    assert "DBS check: Enhanced DBS check." in shown
    assert "Safety critical: Yes: a pre-employment medical assessment" in shown.replace("'", "")


def run_show(root: Path, post_file: str) -> str:
    post_id = post_file.removeprefix("posts/").removesuffix(".yaml")
    result = CliRunner().invoke(main, ["show", "--trust", str(root), post_id])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("number", sorted(SEED_POSTS))
def test_every_seeds_content_lines_reach_the_draft(example_copy, number):
    """95% or more of each seed's content lines (six words or more, not a council form's own guidance) are in
    the composed post as text, a field or the trust's wording. Seed 000 was 84 of 128 (66%) before the form's
    sections were read as fields; its 30 lines of the form's guidance are named, not counted."""
    root = example_copy(SEED_POSTS[number])
    path = seed_file(number)
    result = Importer(root, Options()).one([path])
    assert not result.refused
    result.post_file.parent.mkdir(parents=True, exist_ok=True)
    result.post_file.write_text(result.text, "utf-8")
    found = carry(path, root, result.post_id, result.account)
    assert found.share >= 0.95, found.missing
    if number == "000":
        assert len(found.guidance) == 30 and found.lines == 98
        assert any(g.startswith("What does the job require in the way of") for g in found.guidance)
        assert any(g.startswith("Having reviewed the criteria outlined in Section 12") for g in found.guidance)
    else:
        assert found.guidance == []


ORDERED = """Job Title: Learning Mentor
Job purpose
- To help pupils who find school hard to attend, learn and take part in school life.
WORKING ENVIRONMENT
The mentor works from the inclusion base next to the library and visits classes across the school.
Support for pupils
- To meet each pupil on the mentor's list every week and agree targets with them and their family.
RELATIONSHIPS
Internal: Pupils, teachers and the inclusion team.
LOCAL ARRANGEMENTS
The mentor covers the breakfast club one morning a week on a rota agreed each term.
CONTROL OF RESOURCES
Personnel: None
"""


def _order(text: str, headings: list[str]) -> list[str]:
    """The headings in the order they appear in `text` (each must be there)."""
    found = {h: text.find(h) for h in headings}
    assert all(at >= 0 for at in found.values()), found
    return sorted(headings, key=found.__getitem__)


def test_the_built_job_description_keeps_the_documents_section_order(example_copy, tmp_path):
    """Two sections of the post's own, one between the summary and the duties and one between the trust's
    Relationships and Control of resources: the draft gives each section the position it had in the
    document, so the built PDF and Word job description print them in the document's order (without
    `position:` both printed after Control of resources)."""
    root = example_copy()
    report, post = import_one(root, tmp_path / "mentor.txt", ORDERED)
    assert post["sections"]["working-environment"]["position"] == "after-summary"
    assert post["sections"]["local-arrangements"]["position"] == "after-duties"
    assert post["sections"]["resources"]["position"] == "before-general"
    assert "position" not in post["sections"]["relationships"]  # where trust.yaml puts it already
    post_id = report["post"].removeprefix("posts/").removesuffix(".yaml")
    built = build(root, tmp_path / "out", posts=[post_id], jobs=1)
    assert built.ok, built.failed
    folder = tmp_path / "out" / "elm-tree" / post_id.split("/")[1]
    pdf = " ".join(p.extract_text() or "" for p in PdfReader(folder / "learning-mentor-job-description.pdf").pages)
    word = "\n".join(p.text for p in docx.Document(str(folder / "learning-mentor-job-description.docx")).paragraphs)
    expected = ["Job summary", "Working environment", "Duties and responsibilities", "Relationships",
                "Local arrangements", "Control of resources", "General responsibilities"]
    assert _order(pdf, expected) == expected
    assert _order(word, expected) == expected


CHECKLIST = """Job Title: Site Assistant
Support to School
- To open and lock the school buildings every day and respond to alarm calls out of hours.
Main physical activities
Activity\tPart of this post
Lifting / manual handling / client handling\tYes
Working at heights\tNo
Working outdoors\t☑
Lone working\t☐
"""


def test_a_checklist_answered_yes_or_no_gives_the_physical_requirements(example_copy, tmp_path):
    """As jobpack's own documents print the full checklist (Yes or No beside each activity), and as forms
    tick boxes: the activities marked Yes or ticked are the post's, the others are said not to be."""
    root = example_copy()
    report, post = import_one(root, tmp_path / "site.txt", CHECKLIST)
    assert post["physical_requirements"] == ["lifting", "outdoors"]
    lines = {a["text"]: a for a in report["lines"]}
    assert lines["Working at heights"]["detail"] == (
        "not one of the post's physical_requirements ('heights' is not ticked)")
    assert lines["Lone working"]["detail"].startswith("not one of the post's physical_requirements")
