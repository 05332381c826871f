"""Pay, hours and safer-recruitment details: computed from data, rendered in both formats, and checked."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from jobpack.build.orchestrate import check
from jobpack.build.run import build, file_names
from jobpack.cli import main
from jobpack.compose import pay

REPO = Path(__file__).resolve().parent.parent
ELM = "elm-tree/pastoral-learning-support-practitioner"


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.replace("’", "'").split())


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return " ".join(" ".join(parts).replace("’", "'").split())


def copy_example(tmp_path: Path) -> Path:
    root = tmp_path / "trust"
    root.mkdir()
    shutil.copy(REPO / "trust.yaml", root)
    for folder in ("blocks", "posts", "templates", "assets"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder)
    return root


def documents(out: Path, post_id: str) -> dict[str, Path]:
    school, slug = post_id.split("/")
    return {k: out / school / slug / name for k, name in file_names(slug).items()}


def test_changing_hours_changes_every_figure_in_pdf_and_docx(tmp_path):
    root = copy_example(tmp_path)
    post_file = root / "posts" / f"{ELM}.yaml"
    post_file.write_text(post_file.read_text() + "\nhours:\n  per_week: \"25 hours 30 minutes\"\n"
                         "  term_time_only: true\n  inset_days: 5\n")
    report = build(root, tmp_path / "out", posts=[ELM], jobs=1)
    assert report.ok, report.problems
    hours = pay.parse_hours("25 hours 30 minutes")
    spine = pay.builtin_spines()["njc"]["2025-26"]  # the Elm Tree vacancy's pay year
    low = pay.round_pounds(pay.pro_rata(spine[9], hours, 37, pay.Decimal("46.526"), pay.Decimal("52.143")))
    high = pay.round_pounds(pay.pro_rata(spine[17], hours, 37, pay.Decimal("46.526"), pay.Decimal("52.143")))
    expected = f"Actual salary {pay.format_money(low)} – {pay.format_money(high)}"
    files = documents(tmp_path / "out", ELM)
    for text in (pdf_text(files["job-description.pdf"]), docx_text(files["job-description.docx"]),
                 pdf_text(files["job-pack.pdf"])):
        assert expected in text
        assert "£21,361" not in text  # the 32.5-hour figure is gone
        assert "25 hours 30 minutes" in text


def test_switching_the_pay_year_reprices_every_post(tmp_path):
    root = copy_example(tmp_path)
    trust = root / "trust.yaml"
    trust.write_text(trust.read_text().replace('year: "2024-25"', 'year: "2025-26"', 1))
    spine = pay.builtin_spines()["njc"]["2025-26"]
    # Westminster's post is priced on the trust's year (Elm Tree's advertised post names its own).
    result = CliRunner().invoke(main, ["show", "--trust", str(root), "westminster/learning-support-practitioner"])
    assert result.exit_code == 0, result.output
    assert f"{pay.format_money(spine[9])} – {pay.format_money(spine[17])} FTE (2025-26 NJC pay)" in result.output
    assert "£26,409" not in result.output


def test_every_safer_recruitment_field_is_rendered(example_build):
    files = documents(example_build, "westminster/learning-support-practitioner")
    for text in (pdf_text(files["job-description.pdf"]), docx_text(files["job-description.docx"])):
        for expected in ("Enhanced DBS check with children's barred list check",
                         "regulated activity with children",
                         "exempt from the Act",
                         "Rehabilitation of Offenders Act 1974",
                         "shortlisted candidates may be subject to an online search",
                         "Part 7 of the Immigration Act 2016",
                         "Safety critical",
                         "no-smoking",
                         "Working with children or vulnerable adults",
                         "Working with challenging behaviours",
                         "08:40", "15:15", "17:00", "Plus 20 minutes contingency time"):
            assert expected in text, expected
        assert "Politically restricted" not in text  # academies are not politically restricted: unset, unsaid


def test_seed_002_grade_and_hours(example_build):
    text = pdf_text(documents(example_build, "leap/learning-support-assistant-key-worker")["job-description.pdf"])
    spine = pay.builtin_spines()["njc"]["2024-25"]
    assert f"{pay.format_money(spine[18])} – {pay.format_money(spine[20])} FTE" in text
    assert "35 hours per week, term time only" in text


WARN_TRUST = {"trust.yaml": None}


def test_warnings_for_missing_safer_recruitment_details(make_trust):
    root = make_trust()
    trust = root / "trust.yaml"
    trust.write_text(trust.read_text().replace("  dbs: enhanced-children\n", "").replace("  online_search: true\n", ""))
    result = CliRunner().invoke(main, ["check", "--trust", str(root)])
    assert result.exit_code == 0  # warnings alone do not fail a check ...
    assert "Post 'oak/teaching-assistant' does not state the DBS check level" in result.output
    assert "online search" in result.output
    strict = CliRunner().invoke(main, ["check", "--strict", "--trust", str(root)])
    assert strict.exit_code == 1  # ... unless --strict


PAY = """
pay:
  year: "2024-25"
  grades:
    - {id: band-d, name: Band D, from: 9, to: 17}
    - {id: local, name: Local scale, spine: local, from: 1, to: 3}
  spines:
    - id: local
      name: Local scale
      years:
        "2024-25": {1: 20000, 2: 21000}
"""


@pytest.mark.parametrize("post_pay, hours, message, severity", [
    ("{grade: local}", "{per_week: 30}", "SCP 3 is not in the Local scale", "error"),
    ("{grade: band-d, year: '2031-32'}", "{per_week: 30}", "pay year 2031-32", "error"),
    ("{grade: band-e}", "{per_week: 30}", "There is no grade 'band-e'", "error"),
    ("{grade: band-d}", "{per_week: 40}", "more than full time", "warning"),
    ("{grade: band-d}", "{per_week: 'about thirty'}", "write hours as a number", "error"),
])
def test_pay_problems_name_the_post_and_what_to_do(make_trust, post_pay, hours, message, severity):
    root = make_trust()
    (root / "trust.yaml").write_text((root / "trust.yaml").read_text() + PAY)
    post = root / "posts/oak/teaching-assistant.yaml"
    post.write_text(post.read_text() + f"pay: {post_pay}\nhours: {hours}\n")
    problems = [p for p in check(root).problems if message in p.message]
    assert problems, [p.format() for p in check(root).problems]
    assert problems[0].severity == severity
    assert problems[0].file == "posts/oak/teaching-assistant.yaml" and problems[0].line


@pytest.mark.parametrize("value, words", [("-5000", "greater than 0"), ("0", "greater than 0")])
def test_a_spine_value_that_is_not_a_salary_is_refused_at_its_line(make_trust, value, words):
    """A negative or zero figure in a trust's own spine was accepted and printed ("-£5,000 – £0")."""
    root = make_trust()
    (root / "trust.yaml").write_text((root / "trust.yaml").read_text()
                                     + PAY.replace("{1: 20000, 2: 21000}", f"{{1: {value}, 2: 21000}}"))
    result = CliRunner().invoke(main, ["check", "--trust", str(root)])
    assert result.exit_code == 1, result.output
    lines = (root / "trust.yaml").read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if f"{{1: {value}" in text)
    assert f"trust.yaml:{line}:" in result.output and words in result.output
    assert "'1 under 2024-25'" in result.output  # the spinal column point, not "item 2"
    assert "£" not in result.output and "Traceback" not in result.output
