"""`jobpack publish teaching-vacancies` against a stand-in service that enforces the contract (tv_server.py):
the whole life of a vacancy, a wrong key, a service failing midway, a refused vacancy, many pages, the dry run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from jobpack.cli import main
from tests.publish.conftest import ELM, KEY, LEAP
from tests.publish.tv_server import TvServer, validate

ELM_ID = "elm-tree/pastoral-learning-support-practitioner"
LEAP_ID = "leap/learning-support-assistant-key-worker"
PREFIX = "example-learning-trust/"


def run(trust: Path, *args: str, key: str | None = KEY, url: str | None = None) -> Result:
    env = {"TEACHING_VACANCIES_API_KEY": key} if key is not None else {"TEACHING_VACANCIES_API_KEY": ""}
    extra = ["--api-url", url] if url else []
    return CliRunner().invoke(main, ["publish", "teaching-vacancies", "--trust", str(trust), *extra, *args], env=env)


def output(result: Result) -> str:
    return result.stdout + result.stderr


def by_reference(server: TvServer) -> dict[str, dict]:
    return {v["external_reference"]: v for v in server.service.vacancies.values()}


def test_the_life_of_a_vacancy(trust: Path, server: TvServer) -> None:
    first = run(trust, url=server.url)
    assert first.exit_code == 0, output(first)
    held = by_reference(server)
    assert sorted(held) == [PREFIX + "elm-tree/pastoral-learning-support-practitioner/etpa-plsp-01",
                            PREFIX + f"leap/learning-support-assistant-key-worker/{_leap_closing(trust)}"]
    elm = held[PREFIX + "elm-tree/pastoral-learning-support-practitioner/etpa-plsp-01"]
    assert elm["job_title"] == "Pastoral Learning Support Practitioner"
    assert elm["external_advert_url"] == "https://jobs.example.org/elm-tree/pastoral-learning-support-practitioner/"
    assert elm["schools"] == {"trust_uid": "16644", "school_urns": ["100002"]}
    assert elm["contract_type"] == "permanent" and elm["working_patterns"] == ["part_time"]
    assert elm["salary"].startswith("£27,254 – £31,022 FTE (2025-26 NJC pay; 2026-27 award pending); Actual salary "
                                    "£21,361")
    assert elm["job_advert"].startswith("<p>Could you help our pupils feel safe") and "Elm Tree Primary Academy" \
        in elm["job_advert"]
    assert f"created        {ELM_ID} (id {elm['id']})" in first.stdout
    assert "Teaching Vacancies: 2 created, 0 updated, 0 withdrawn, 0 unchanged; 0 failed." in output(first)

    server.service.log.clear()
    second = run(trust, url=server.url)
    assert second.exit_code == 0, output(second)
    assert server.service.writes() == [], "a second run only reads"
    assert "0 created, 0 updated, 0 withdrawn, 2 unchanged" in output(second)

    path = trust / ELM
    path.write_text(path.read_text("utf-8").replace("Could you help", "Could you help us help"), "utf-8")
    server.service.log.clear()
    third = run(trust, url=server.url)
    assert third.exit_code == 0, output(third)
    assert [(m, p.rsplit("/", 1)[-1], s) for m, p, s in server.service.writes()] == [("PUT", elm["id"], 200)]
    assert f"updated        {ELM_ID} (changed: job_advert)" in third.stdout
    assert by_reference(server)[elm["external_reference"]]["job_advert"].startswith("<p>Could you help us help")

    path = trust / LEAP
    path.write_text(path.read_text("utf-8").split("\nvacancy:")[0] + "\n", "utf-8")  # no longer a vacancy
    server.service.add({"external_reference": "another-trust/x/y/z", "job_title": "Not ours"})
    server.service.log.clear()
    fourth = run(trust, url=server.url)
    assert fourth.exit_code == 0, output(fourth)
    assert [m for m, _, _ in server.service.writes()] == ["DELETE"]
    assert sorted(by_reference(server)) == ["another-trust/x/y/z", elm["external_reference"]]
    assert "withdrew       " + PREFIX + "leap/" in fourth.stdout
    assert "1 withdrawn, 1 unchanged; 0 failed." in output(fourth)


def _leap_closing(trust: Path) -> str:
    text = (trust / LEAP).read_text("utf-8")
    return text.split("closing_date: ")[1].split()[0]


def test_a_wrong_key_says_so_and_the_key_appears_nowhere(trust: Path, server: TvServer, tmp_path: Path) -> None:
    wrong = "tv-wrong-key-8d2e61b0"
    result = run(trust, url=server.url, key=wrong)
    assert result.exit_code == 1
    assert "the key is wrong or missing" in output(result) and "Traceback" not in output(result)
    assert server.service.vacancies == {} and [m for m, _, _ in server.service.log] == ["GET"]
    assert server.service.headers_seen[0]["X-Api-Key"] == wrong  # it was sent, in the header only
    ok = run(trust, "--dry-run", "-o", str(tmp_path / "bodies"), url=server.url)
    good = run(trust, url=server.url)
    assert good.exit_code == 0
    written = [p.read_bytes() for p in [*trust.rglob("*"), *tmp_path.rglob("*")] if p.is_file()]
    for key in (wrong, KEY):
        assert key not in output(result) + output(ok) + output(good)
        assert not any(key.encode() in data for data in written)


def test_no_key_sends_nothing(trust: Path, server: TvServer) -> None:
    result = run(trust, url=server.url, key=None)
    assert result.exit_code == 1 and "No API key: set the environment variable TEACHING_VACANCIES_API_KEY" \
        in output(result)
    assert server.service.log == []


def test_a_service_failing_midway_reports_what_was_sent_as_sent(trust: Path, server: TvServer) -> None:
    server.service.fail_after = 1  # the first write goes through; then every request answers 500
    result = run(trust, url=server.url)
    assert result.exit_code == 1, output(result)
    [held] = server.service.vacancies.values()
    assert f"created        {ELM_ID} (id {held['id']})" in result.stdout
    assert f"FAILED         {LEAP_ID} ({LEAP}:" in result.stdout
    assert "after 3 tries (status 500" in result.stdout and "Run the command again later" in result.stdout
    assert "1 created, 0 updated, 0 withdrawn, 0 unchanged; 1 failed." in output(result)
    assert [s for m, _, s in server.service.log if m == "POST"] == [201, 500, 500, 500]
    server.service.fail_after = None
    again = run(trust, url=server.url)
    assert again.exit_code == 0 and "1 created, 0 updated, 0 withdrawn, 1 unchanged" in output(again)


def test_busy_answers_are_tried_again(trust: Path, server: TvServer) -> None:
    server.service.busy, server.service.retry_after = 2, "1"
    result = run(trust, url=server.url)
    assert result.exit_code == 0, output(result)
    assert [s for _, _, s in server.service.log][:3] == [429, 429, 200]
    assert len(server.service.vacancies) == 2


def test_a_vacancy_the_service_refuses_is_reported_at_the_post(trust: Path, server: TvServer) -> None:
    server.service.reject_urns = {"100003"}  # LEAP: a school the service cannot take
    result = run(trust, url=server.url)
    assert result.exit_code == 1
    line = next(n for n, text in enumerate((trust / LEAP).read_text("utf-8").splitlines(), 1) if text == "vacancy:")
    assert f"FAILED         {LEAP_ID} ({LEAP}:{line}): could not create: the service cannot take a vacancy for " \
           "this school (The school is not one Teaching Vacancies can take" in result.stdout
    assert "Check the school's urn in trust.yaml" in result.stdout
    assert "1 created, 0 updated, 0 withdrawn, 0 unchanged; 1 failed." in output(result)


def test_a_duplicate_is_reported_with_the_service_link(trust: Path, server: TvServer) -> None:
    first = run(trust, url=server.url)
    assert first.exit_code == 0
    elm = next(v for v in server.service.vacancies.values() if v["job_title"].startswith("Pastoral"))
    server.service.vacancies.pop(elm["id"])
    copy = {k: v for k, v in elm.items() if k != "id"} | {"external_reference": "someone-else/1"}
    other = server.service.add(copy)  # the same advert under another client's reference
    result = run(trust, url=server.url)
    assert result.exit_code == 1
    assert f"could not create: the service already has this vacancy (/ats-api/v1/vacancies/{other})" in result.stdout


def test_more_than_a_hundred_remote_vacancies_are_all_read(trust: Path, server: TvServer) -> None:
    for n in range(150):
        server.service.add({"external_reference": f"{PREFIX}old/post-{n}/2025-01-01", "job_title": f"Old {n}"})
    result = run(trust, url=server.url)
    assert result.exit_code == 0, output(result)
    pages = [p for m, p, _ in server.service.log if m == "GET"]
    assert len(pages) == 2
    assert "2 created, 0 updated, 150 withdrawn, 0 unchanged; 0 failed." in output(result)
    assert len(server.service.vacancies) == 2


def test_the_dry_run_writes_the_bodies_and_sends_nothing(trust: Path, tmp_path: Path) -> None:
    out = tmp_path / "bodies"
    result = run(trust, "--dry-run", "-o", str(out), key=None, url="http://127.0.0.1:9")
    assert result.exit_code == 0, output(result)
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert files == ["elm-tree/pastoral-learning-support-practitioner.json",
                     "leap/learning-support-assistant-key-worker.json"]
    for name in files:
        body = json.loads((out / name).read_text("utf-8"))
        assert validate(body) == [], name  # exactly what the service accepts
    leap = json.loads((out / files[1]).read_text("utf-8"))["vacancy"]
    assert leap["contract_type"] == "fixed_term" and leap["key_stages"] == ["ks3", "ks4"]
    assert f"would create   {ELM_ID} ({ELM}:" in result.stdout
    assert "Dry run, nothing sent: 2 to create, 0 to update, 0 to withdraw, 0 unchanged." in result.stdout
    assert list(out.rglob("*.tmp")) == []


def test_an_unreachable_service_says_so(trust: Path) -> None:
    result = run(trust, url="http://127.0.0.1:9/ats-api/v1")
    assert result.exit_code == 1
    assert "Teaching Vacancies could not be reached at http://127.0.0.1:9/ats-api/v1" in output(result)
    assert "Nothing was sent." in output(result) and "Traceback" not in output(result)


@pytest.mark.parametrize("url", ["http://teaching-vacancies.service.gov.uk/ats-api/v1", "ftp://x"])
def test_the_key_only_travels_encrypted(trust: Path, url: str) -> None:
    result = run(trust, url=url)
    assert result.exit_code == 1 and "is not an https:// address" in output(result)


def test_a_trust_with_errors_sends_nothing(trust: Path, server: TvServer) -> None:
    path = trust / LEAP
    path.write_text(path.read_text("utf-8").replace("job_roles: [teaching_assistant]", "job_roles: [ta]"), "utf-8")
    result = run(trust, url=server.url)
    assert result.exit_code == 1 and "'ta' is not a job role Teaching Vacancies knows." in output(result)
    assert server.service.log == []


def test_the_rate_limiter_keeps_under_600_a_minute() -> None:
    from jobpack.publish.teaching_vacancies.client import RateLimiter

    now, slept = [0.0], []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(clock=lambda: now[0], sleep=sleep)
    for _ in range(601):
        limiter.wait()
        now[0] += 0.01
    assert len(slept) == 1 and slept[0] == pytest.approx(60 - 6.0)


def test_the_advert_keeps_only_the_allowed_html() -> None:
    from jobpack.publish.teaching_vacancies.advert_html import advert_html

    html = advert_html("We **need** you <script>x()</script>.\nSecond line\n\n- one\n- [two](https://example.org)")
    assert html == ("<p>We <strong>need</strong> you &lt;script&gt;x()&lt;/script&gt;.<br>Second line</p>"
                    '<ul><li>one</li><li><a href="https://example.org">two</a></li></ul>')
