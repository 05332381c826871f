"""Issue 11: an advertised vacancy's job pack opens with what a candidate needs, and says where to apply."""

from __future__ import annotations

import subprocess
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from jobpack.build.run import build
from jobpack.cli import main
from tests.conftest import MINI_POST

POST = MINI_POST.rstrip(" ")

VACANCY = """\
    vacancy:
      closing_date: 2027-01-15
      start_date: April 2027
      contract: Fixed term to 31 August 2027
      reference: OAK-TA-3
      apply_url: mailto:jobs@oak.example.org
      how_to_apply: Complete the application form and email it to the school office.
    """


def text(path: Path, first: int, last: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(first), "-l", str(last), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def test_the_pack_of_an_advertised_vacancy_opens_with_its_cover_page(make_trust, tmp_path: Path) -> None:
    root = make_trust(post=POST + VACANCY)
    out = tmp_path / "out"
    build(root, out)
    folder = out / "oak" / "teaching-assistant"
    pack = folder / "teaching-assistant-job-pack.pdf"
    jd = folder / "teaching-assistant-job-description.pdf"
    ps = folder / "teaching-assistant-person-specification.pdf"
    pages = len(PdfReader(pack).pages)
    assert pages == len(PdfReader(jd).pages) + len(PdfReader(ps).pages) + 1
    cover = text(pack, 1, 1)
    for words in ("VACANCY", "Teaching Assistant", "Closing date", "15 January 2027", "Start date", "April 2027",
                  "Fixed term to 31 August 2027", "OAK-TA-3", "How to apply", "jobs@oak.example.org",
                  "In this pack", "1. Job description", "2. Person specification"):
        assert words in cover, words
    # The safeguarding statement is printed once in the pack (in its job description), not on every part.
    assert text(pack, 1, 99).count("Oak School is committed to safeguarding.") == 1
    assert "Page 1 of" not in cover  # the cover has no page number of its own
    assert "JOB DESCRIPTION" in text(pack, 2, 2)
    links = [a.get_object()["/A"].get("/URI") for a in PdfReader(pack).pages[0].get("/Annots", [])]
    assert "mailto:jobs@oak.example.org" in links
    outline = [item.title for item in PdfReader(pack).outline if not isinstance(item, list)]
    assert outline[:2] == ["Vacancy: Teaching Assistant", "Job description: Teaching Assistant"]
    assert "Closing date" not in text(jd, 1, 1)  # the documents themselves have no cover


def test_a_post_without_a_vacancy_has_a_cover_page_too_without_vacancy_details(make_trust, tmp_path: Path) -> None:
    root = make_trust()
    out = tmp_path / "out"
    build(root, out)
    pack = out / "oak" / "teaching-assistant" / "teaching-assistant-job-pack.pdf"
    cover = text(pack, 1, 1)
    assert "JOB PACK" in cover and "In this pack" in cover and "JOB DESCRIPTION" not in cover
    assert "JOB DESCRIPTION" in text(pack, 2, 2)
    assert "Closing date" not in text(pack, 1, 99) and "How to apply" not in cover


def test_a_vacancy_that_does_not_say_where_to_apply_is_an_error_at_its_line(make_trust) -> None:
    no_where = VACANCY.replace("      apply_url: mailto:jobs@oak.example.org\n", "")
    root = make_trust(post=POST + no_where)
    result = CliRunner().invoke(main, ["check", "--trust", str(root)])
    assert result.exit_code == 1
    line = (POST + no_where).splitlines().index("    vacancy:") + 1
    assert f"posts/oak/teaching-assistant.yaml:{line}" in result.output
    assert "does not say where to apply" in result.output and "apply_url: https://" in result.output
    assert "Traceback" not in result.output


def test_an_email_address_in_how_to_apply_is_enough(make_trust) -> None:
    vacancy = VACANCY.replace("      apply_url: mailto:jobs@oak.example.org\n", "").replace(
        "email it to the school office", "email it to office@oak.example.org")
    root = make_trust(post=POST + vacancy)
    result = CliRunner().invoke(main, ["check", "--trust", str(root)])
    assert "where to apply" not in result.output, result.output
