"""A pay award still to be agreed: `award_pending` keeps a post on the latest agreed year's rates, says so
beside the salary on every document, and lets a vacancy run into the pending year without a stale-pay
warning; a wrong or already-agreed pending year is caught at its line."""

from __future__ import annotations

import subprocess

from click.testing import CliRunner

from jobpack.build.run import build
from jobpack.cli import main
from jobpack.compose import pay
from tests.conftest import MINI_POST, MINI_TRUST

POST = MINI_POST.rstrip(" ")
VACANCY = """\
    vacancy:
      posted: 2026-11-16
      closing_date: 2027-01-15
      apply_url: https://oak.example.org/apply
"""


def _trust(extra: str = "") -> str:
    return (MINI_TRUST + 'pay:\n  year: "2025-26"\n' + extra
            + "  grades:\n    - {id: band-d, name: Band D, from: 9, to: 17}\n")


def _check(root) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--trust", str(root)])
    return result.exit_code, result.output


def test_a_pending_award_is_printed_beside_the_pay_and_accepts_a_vacancy_in_its_year(make_trust, tmp_path) -> None:
    post = POST + '    pay: {grade: band-d, award_pending: "2026-27"}\n    hours: {per_week: 37}\n' + VACANCY
    root = make_trust({"trust.yaml": _trust()}, post=post)
    code, output = _check(root)
    assert code == 0 and "pay" not in output and "vacancy" not in output, output

    report = build(root, tmp_path / "out", jobs=1)
    assert report.ok, report.problems
    spine = pay.builtin_spines()["njc"]["2025-26"]
    expected = (f"{pay.format_money(spine[9])} – {pay.format_money(spine[17])} FTE "
                "(2025-26 NJC pay; 2026-27 award pending)")
    for name in ("job-description.pdf", "job-pack.pdf"):
        pdf = next((tmp_path / "out").rglob(f"*{name}"))
        text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                       check=True).stdout.split())
        assert expected in text, name

    without = post.replace(', award_pending: "2026-27"', "")
    code, output = _check(make_trust({"trust.yaml": _trust()}, post=without))
    assert code == 0 and "warning: The vacancy for 'Teaching Assistant' was posted on 16 November 2026" in output
    assert "write 'award_pending: \"2026-27\"' under pay:" in output


def test_the_trusts_pending_award_covers_posts_on_its_year(make_trust) -> None:
    post = POST + "    pay: {grade: band-d}\n    hours: {per_week: 37}\n" + VACANCY
    root = make_trust({"trust.yaml": _trust('  award_pending: "2026-27"\n')}, post=post)
    code, output = _check(root)
    assert code == 0 and "pay" not in output and "vacancy" not in output, output
    result = CliRunner().invoke(main, ["show", "--trust", str(root), "oak/teaching-assistant"])
    assert "(2025-26 NJC pay; 2026-27 award pending)" in result.output

    beyond = post.replace("2027-01-15", "2027-04-09")  # closes after the pending year too
    code, output = _check(make_trust({"trust.yaml": _trust('  award_pending: "2026-27"\n')}, post=beyond))
    assert "closes on 9 April 2027, but its salary is worked out on 2025-26 pay with the 2026-27 award pending" \
        in output and "needs 2027-28 pay" in output


def test_a_wrong_or_agreed_pending_year_is_reported_at_its_line(make_trust) -> None:
    post = POST + '    pay:\n      grade: band-d\n      award_pending: "2027-28"\n'
    code, output = _check(make_trust({"trust.yaml": _trust()}, post=post))
    line = post.splitlines().index('      award_pending: "2027-28"') + 1
    assert code == 1
    assert f"teaching-assistant.yaml:{line}:" in output
    assert "award_pending is 2027-28, but this post is priced on 2025-26 pay: the award still to come is 2026-27's" \
        in output

    agreed = post.replace('"2027-28"', '"2025-26"').replace("grade: band-d", 'grade: band-d\n      year: "2024-25"')
    code, output = _check(make_trust({"trust.yaml": _trust()}, post=agreed))
    assert code == 0 and "warning: The 2025-26 award is agreed: jobpack has 2025-26 pay" in output

    trust = _trust('  award_pending: "2028-29"\n')
    code, output = _check(make_trust({"trust.yaml": trust}, post=MINI_POST))
    line = trust.splitlines().index('  award_pending: "2028-29"') + 1
    assert code == 1 and f"trust.yaml:{line}:" in output
    assert "The award still to come after 2025-26 pay is 2026-27's, not 2028-29" in output
