"""`jobpack check` knows Teaching Vacancies' rules offline: each mistake at its line, in plain words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jobpack.build.orchestrate import check
from jobpack.check.teaching_vacancies import contract_type
from jobpack.errors import Problem
from tests.publish.conftest import ELM, LEAP, add_leap_vacancy, reopen
from tests.test_docs_examples import trust_copy


def _errors(root: Path) -> list[Problem]:
    return [p for p in check(root, quick=True).errors]


def _line(root: Path, file: str, starts: str) -> int:
    lines = (root / file).read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.lstrip().startswith(starts))


def _edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_the_open_example_vacancies_pass(trust: Path) -> None:
    assert _errors(trust) == []


def test_a_title_over_75_characters_is_reported_at_the_title_line(trust: Path) -> None:
    title = "Pastoral Learning Support Practitioner for Nurture, Therapy and Family Liaison Work"
    _edit(trust, ELM, "title: Pastoral Learning Support Practitioner", f"title: {title}")
    [problem] = _errors(trust)
    assert (problem.file, problem.line) == (ELM, _line(trust, ELM, "title:"))
    assert f"{len(title)} characters" in problem.message and "75" in problem.message


def test_an_unknown_job_role_key_stage_and_subject_name_the_closest(trust: Path) -> None:
    _edit(trust, LEAP, "job_roles: [teaching_assistant]", "job_roles: [teaching_asistant]\n  subjects: [Maths]")
    _edit(trust, LEAP, "key_stages: [ks3, ks4]", "key_stages: [ks3, key stage 4]")
    found = {p.message: p for p in _errors(trust)}
    role = found["'teaching_asistant' is not a job role Teaching Vacancies knows."]
    assert role.line == _line(trust, LEAP, "job_roles:") and "Did you mean 'teaching_assistant'" in role.hint
    assert "'key stage 4' is not a key stage" in " ".join(found)
    subject = found["'Maths' is not a subject Teaching Vacancies knows."]
    assert subject.file == LEAP and "Mathematics" in subject.hint


def test_a_school_without_urn_or_with_a_wrong_phase_is_reported_in_trust_yaml(trust: Path) -> None:
    _edit(trust, "trust.yaml", '    urn: "100003"\n', "")
    leap = 'phases: [secondary]\n    colour: "#5b2a86"'
    _edit(trust, "trust.yaml", leap, leap.replace("secondary", "secundary"))
    found = _errors(trust)
    urn = next(p for p in found if "no urn" in p.message)
    assert urn.file == "trust.yaml" and urn.message.startswith("LEAP") and "six-digit URN" in urn.hint
    phase = next(p for p in found if "'secundary' is not a phase" in p.message)
    assert phase.hint == "Did you mean 'secondary'?"


def test_a_publish_date_not_a_day_before_closing_is_an_error(trust: Path) -> None:
    closing = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    _edit(trust, LEAP, "  contract: Fixed", f"  publish_on: {closing}\n  contract: Fixed")
    [problem] = _errors(trust)
    assert problem.line == _line(trust, LEAP, "publish_on:") and "at least a day after" in problem.message


def test_no_website_no_contract_type_and_no_job_roles(trust: Path) -> None:
    _edit(trust, "trust.yaml", "website: https://jobs.example.org", "")
    _edit(trust, LEAP, "  job_roles: [teaching_assistant]\n", "")
    _edit(trust, LEAP, "contract: Fixed term to 31 August 2027", "contract: Until August 2027")
    messages = " | ".join(p.message for p in _errors(trust))
    assert "trust.yaml has no website: address" in messages
    assert "has no job_roles" in messages
    assert "'Until August 2027' does not say whether the contract is permanent, fixed term or casual" in messages


def test_a_closed_vacancy_is_not_checked_and_a_trust_that_does_not_publish_gets_nothing(tmp_path: Path) -> None:
    root = trust_copy(tmp_path)  # the example: its vacancy closed in 2025
    add_leap_vacancy(root, "  subjects: [Maths]\n")
    _edit(root, LEAP, "closing_date: ", "closing_date: 2025-01-01\n  old: ")
    _edit(root, LEAP, "\n  old: ", "\n  # was: ")
    assert _errors(root) == []
    reopen(root)
    _edit(root, ELM, "job_roles: [teaching_assistant, pastoral_health_and_welfare]", "job_roles: [nurse]")
    assert [p.message for p in _errors(root)] == ["'nurse' is not a job role Teaching Vacancies knows."]
    _edit(root, "trust.yaml", "teaching_vacancies:\n  trust_uid: \"16644\"\n", "")
    assert _errors(root) == []


def test_contract_words() -> None:
    assert contract_type("Permanent, term time only") == "permanent"
    assert contract_type("Fixed term to 31 August 2027") == "fixed_term"
    assert contract_type("Fixed-term (maternity cover)") == "fixed_term"
    assert contract_type("Casual, as and when") == "casual"
    assert contract_type("Permanent or fixed term") is None
    assert contract_type("") is None
