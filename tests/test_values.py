"""Values in the trust's files are checked, printed as they were written, and whatever `build` would reject
`check` finds first, located (issue 8: check ≡ build)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobpack.build.orchestrate import check
from jobpack.cli import main
from jobpack.view.post import build_view

POST = "posts/oak/teaching-assistant.yaml"


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--trust", str(root)])
    return result.exit_code, result.output


def trust_with(make_trust, before_issue_date: str = "", extra: str = "", **files: str) -> Path:
    root = make_trust(files or None)
    text = (root / "trust.yaml").read_text("utf-8")
    text = text.replace("issue_date:", before_issue_date + "issue_date:", 1) + extra
    (root / "trust.yaml").write_text(text, "utf-8")
    return root


@pytest.mark.parametrize("website", ["javascript:alert(1)", "ftp://example.org", "https://exa mple.org",
                                     "www.example.org"])
def test_a_website_that_is_not_a_web_address_is_refused(make_trust, website):
    root = trust_with(make_trust, f'website: "{website}"\n')
    code, out = run(root, "check")
    assert code == 1, out
    assert "trust.yaml:2:" in out and "is not a web address jobpack can link to" in out and "https://" in out


def test_an_apply_link_must_be_https_or_mailto(make_trust):
    vacancy = "vacancy:\n  closing_date: 2030-01-31\n  apply_url: \"javascript:alert(1)\"\n"
    root = make_trust()
    (root / POST).write_text((root / POST).read_text("utf-8") + vacancy, "utf-8")
    code, out = run(root, "check")
    assert code == 1 and f"{POST}:13:" in out and "mailto:" in out
    (root / POST).write_text((root / POST).read_text("utf-8").replace("javascript:alert(1)", "mailto:hr@oak.sch.uk"),
                             "utf-8")
    code, out = run(root, "check")
    assert code == 0, out


def test_a_version_is_printed_as_written(make_trust):
    root = trust_with(make_trust, "version: 2024.10\n")
    checked = check(root)
    assert checked.trust.version == "2024.10"
    view = build_view(checked.posts["oak/teaching-assistant"], checked.trust)
    assert view.trust.version == "2024.10"


@pytest.mark.parametrize(("text", "what"), [
    ('"Help pupils \\ud83d with reading."', "half of a character"),
    ('"Help pupils\\0 with reading."', "invisible control character"),
])
def test_text_that_documents_cannot_hold_is_found_by_check_and_build_writes_nothing(make_trust, text, what):
    root = make_trust({POST: f"school: oak\ntitle: TA\nduties:\n  pupils:\n    - {text}\ncriteria:\n"
                             "  qualifications:\n    - use: quals\n"})
    code, out = run(root, "check")
    assert code == 1 and f"{POST}:5:7:" in out and what in out, out
    code, out = run(root, "build")
    assert code == 1 and not (root / "output/oak").exists()


def test_a_title_too_long_for_the_documents_is_found_by_check(make_trust):
    root = make_trust({POST: f"school: oak\ntitle: {'Learning Support ' * 15}\nduties:\n  pupils: [Help.]\n"
                             "criteria:\n  qualifications: [GCSEs.]\n"})
    code, out = run(root, "check")
    assert code == 1 and f"{POST}:2:" in out and "keep it to 150 characters or fewer" in out


def test_an_impossible_allowance_is_found_by_check(make_trust):
    pay = ("pay:\n  year: 2024-25\n  grades:\n    - {id: band-a, name: Band A, from: 3, to: 4}\n"
           "  allowances:\n    - {id: sen, name: SEN allowance, amount: 1e30}\n")
    root = trust_with(make_trust, extra=pay)
    code, out = run(root, "check")
    assert code == 1 and "amount" in out and "100000" in out.replace(",", "").replace("_", "")


def test_a_huge_file_is_refused_without_being_read(make_trust):
    root = make_trust()
    huge = root / "posts/oak/huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(600 * 1024 * 1024)  # sparse: no disk used, and reading it would take 600 MB
    started = time.perf_counter()
    code, out = run(root, "check")
    assert code == 1 and "posts/oak/huge.yaml:1:1: This file is 629,145,600 bytes" in out
    assert time.perf_counter() - started < 20


def test_an_unclosed_bracket_names_the_line_where_it_opens(make_trust):
    root = make_trust({POST: "school: oak\ntitle: TA\nduties:\n  pupils: [Help pupils.,\n    Tidy up.\n"
                             "criteria:\n  qualifications: [GCSEs.]\n"})
    code, out = run(root, "check")
    assert code == 1
    assert f"{POST}:4:11: The list opened with '[' on line 4 is never closed" in out


def test_terminal_escape_sequences_from_a_file_are_shown_escaped(make_trust):
    root = make_trust({POST: 'school: oak\ntitle: TA\n"\\e[2J\\e[HAll good\\r": 1\n'})
    code, out = run(root, "check")
    assert code == 1
    assert "\x1b" not in out and "\r" not in out
    assert f"{POST}:3:1: This text contains an invisible control character" in out
    # A file name can carry them too: it is shown escaped, never sent to the terminal as is.
    (root / POST).unlink()
    (root / "posts/oak/\x1b[2J\x1b[HAll good.yaml").write_text("school: oak\n", "utf-8")
    code, out = run(root, "check")
    assert code == 1 and "\x1b" not in out
    assert "posts/oak/\\x1b[2J\\x1b[HAll good.yaml" in out
