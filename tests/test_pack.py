"""Issue 25: the pack a trust sends candidates — cover, welcome, about pages, JD, PS — as one numbered
document with bookmarks, a working apply link, located errors for ways to apply, and a pay-year warning."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pikepdf
from click.testing import CliRunner
from pypdf import PdfReader

from jobpack.build.run import build
from jobpack.cli import main
from tests.conftest import MINI_POST, MINI_TRUST

POST = MINI_POST.rstrip(" ")
PACK = """\
pack:
  welcome:
    title: A welcome from our headteacher
    paragraphs: ["Thank you for your interest in {{ school.name }}."]
    signatory: {name: Ada Byron, role: Headteacher}
  about_trust:
    paragraphs: [Mini Trust runs two schools.]
  benefits: [Local Government Pension Scheme]
"""
VACANCY = """\
    vacancy:
      posted: 2025-01-06
      closing_date: 2025-01-31
      closing_time: "12:00"
      interviews: 2025-02-11
      apply_url: https://oak.example.org/apply
      advert: Join Oak School's friendly team.
"""


def text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _pack(make_trust, tmp_path: Path, post: str = POST + VACANCY, trust: str = MINI_TRUST + PACK) -> Path:
    root = make_trust({"trust.yaml": trust}, post=post)
    out = tmp_path / "out"
    report = build(root, out)
    assert report.ok, (report.failed, report.problems)
    return out / "oak" / "teaching-assistant" / "teaching-assistant-job-pack.pdf"


def page_text(path: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_the_pack_reads_cover_welcome_about_jd_ps_in_order(make_trust, tmp_path: Path) -> None:
    pack = _pack(make_trust, tmp_path)
    cover, welcome, about, jd = (page_text(pack, n) for n in (1, 2, 3, 4))
    for words in ("VACANCY", "Join Oak School's friendly team.", "12 noon on 31 January 2025", "11 February 2025",
                  "In this pack", "A welcome from our headteacher", "About Mini Trust", "Job description"):
        assert words in cover, words
    assert "Thank you for your interest in Oak School." in welcome and "Ada Byron" in welcome
    assert "Mini Trust runs two schools." in about and "Local Government Pension Scheme" in about
    assert "JOB DESCRIPTION" in jd
    assert "PERSON SPECIFICATION" in page_text(pack, len(PdfReader(pack).pages))
    assert text(pack).count("Oak School is committed to safeguarding.") == 1


def test_every_part_has_its_page_labels_and_bookmark(make_trust, tmp_path: Path) -> None:
    pack = _pack(make_trust, tmp_path)
    labels = PdfReader(pack).page_labels
    assert labels[:3] == ["Cover", "A welcome from our headteacher", "About Mini Trust"]
    assert labels[3].startswith("Job description") and labels[-1].startswith("Person specification")
    with pikepdf.open(pack) as pdf, pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert titles == ["Vacancy: Teaching Assistant", "A welcome from our headteacher", "About Mini Trust",
                      "Job description: Teaching Assistant", "Person specification: Teaching Assistant"]
    printed = text(pack)
    assert "Job description · page 1 of" in printed and "Person specification · page 1 of" in printed


def test_the_apply_link_is_a_real_link_on_the_cover(make_trust, tmp_path: Path) -> None:
    pack = _pack(make_trust, tmp_path)
    with pikepdf.open(pack) as pdf:
        uris = [str(a.A.URI) for a in pdf.pages[0].get("/Annots", []) if "/A" in a and "/URI" in a.A]
    assert "https://oak.example.org/apply" in uris


def test_an_application_form_is_published_beside_the_pack(make_trust, tmp_path: Path) -> None:
    root = make_trust({"trust.yaml": MINI_TRUST}, post=POST + VACANCY + "      application_form: assets/form.docx\n")
    (root / "assets").mkdir()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", '<Types><Override ContentType="application/vnd.openxmlformats-'
                   'officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", "<w:document/>")
    (root / "assets" / "form.docx").write_bytes(buffer.getvalue())
    report = build(root, tmp_path / "out")
    assert report.ok, report.problems
    folder = tmp_path / "out" / "oak" / "teaching-assistant"
    assert (folder / "teaching-assistant-application-form.docx").read_bytes() == buffer.getvalue()
    assert "teaching-assistant-application-form.docx" in text(folder / "teaching-assistant-job-pack.pdf")


def _check(make_trust, post: str, files: dict[str, bytes] | None = None) -> tuple[int, str]:
    root = make_trust(post=post)
    for rel, data in (files or {}).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    result = CliRunner().invoke(main, ["check", "--trust", str(root)])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_no_way_to_apply_is_an_error_at_the_vacancy(make_trust) -> None:
    post = POST + VACANCY.replace("      apply_url: https://oak.example.org/apply\n", "")
    code, output = _check(make_trust, post)
    line = post.splitlines().index("    vacancy:") + 1
    assert code == 1 and f"posts/oak/teaching-assistant.yaml:{line}" in output
    assert "does not say where to apply" in output and "apply_email" in output and "application_form" in output


def test_a_missing_or_macro_form_and_a_bad_email_are_errors_at_their_lines(make_trust) -> None:
    post = POST + VACANCY + "      application_form: assets/forms/missing.docx\n"
    code, output = _check(make_trust, post)
    assert code == 1 and f"teaching-assistant.yaml:{len(post.splitlines())}" in output
    assert "There is no application form 'assets/forms/missing.docx'" in output

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types>wordprocessingml macroEnabled</Types>")
        z.writestr("word/vbaProject.bin", b"\0")
    post = POST + VACANCY + "      application_form: assets/form.docx\n"
    code, output = _check(make_trust, post, {"assets/form.docx": buffer.getvalue()})
    assert code == 1 and "contains macros" in output

    post = POST + VACANCY + "      apply_email: not an address\n"
    code, output = _check(make_trust, post)
    assert code == 1 and f"teaching-assistant.yaml:{len(post.splitlines())}" in output


def test_a_vacancy_after_its_pay_year_ended_is_warned_about_at_its_date(make_trust) -> None:
    trust = MINI_TRUST + 'pay:\n  year: "2024-25"\n  grades:\n    - {id: band-d, name: Band D, from: 9, to: 17}\n'
    post = POST + "    pay: {grade: band-d}\n    hours: {per_week: 37}\n" + VACANCY.replace(
        "2025-01-06", "2026-11-16").replace("2025-01-31", "2027-01-15").replace("2025-02-11", "2027-01-25")
    root = make_trust({"trust.yaml": trust}, post=post)
    result = CliRunner().invoke(main, ["check", "--trust", str(root)])
    line = post.splitlines().index("      posted: 2026-11-16") + 1
    assert result.exit_code == 0, result.output
    assert f"teaching-assistant.yaml:{line}:3: warning: The vacancy for 'Teaching Assistant' was posted on " \
           "16 November 2026, but its salary is worked out on 2024-25 pay, which ended on 31 March 2025" \
           in result.output
    assert "needs 2026-27 pay" in result.output
    assert "jobpack has 2025-26 pay, the latest it knows for this spine: write 'year: \"2025-26\"' under pay:" \
        in result.output and "'award_pending: \"2026-27\"' until the 2026-27 award is agreed" in result.output

    fits = post.replace("2026-11-16", "2025-06-02").replace("2027-01-15", "2025-06-30").replace(
        "2027-01-25", "2025-07-07")
    root = make_trust({"trust.yaml": trust}, post=fits)
    result = CliRunner().invoke(main, ["check", "--trust", str(root)])
    assert "write 'year: \"2025-26\"'" in result.output  # jobpack has the 2025-26 award (3.2% from 1 April 2025)
