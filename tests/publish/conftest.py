"""A copy of the example trust whose vacancies are open whatever the day the tests run (the example's own
closes on 15 January 2027), and the stand-in Teaching Vacancies service."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.publish.tv_server import TvServer
from tests.test_docs_examples import trust_copy

KEY = "tv-secret-key-3f9a7c1e5b"
ELM = "posts/elm-tree/pastoral-learning-support-practitioner.yaml"
LEAP = "posts/leap/learning-support-assistant-key-worker.yaml"


def closing(days: int = 30) -> str:
    return (dt.date.today() + dt.timedelta(days=days)).isoformat()


def reopen(root: Path, days: int = 30) -> None:
    """The elm-tree vacancy's dates moved to the future, so it is open now."""
    path = root / ELM
    text = path.read_text("utf-8")
    text = re.sub(r"(?m)^  posted: .*\n", "", text)
    for key in ("closing_date", "shortlisting", "interviews"):
        text = re.sub(rf"(?m)^  {key}: .*$", f"  {key}: {closing(days + 5 * (key != 'closing_date'))}", text)
    path.write_text(text, "utf-8")


def add_leap_vacancy(root: Path, extra: str = "") -> None:
    """A second open vacancy, at LEAP: full-time-ish hours of 35 (part time at the trust's 37), fixed term."""
    path = root / LEAP
    path.write_text(path.read_text("utf-8") + f"""
vacancy:
  closing_date: {closing(40)}
  contract: Fixed term to 31 August 2027
  apply_email: jobs@leap.example.org
  job_roles: [teaching_assistant]
  key_stages: [ks3, ks4]
{extra}""", "utf-8")


@pytest.fixture
def trust(tmp_path: Path) -> Path:
    root = trust_copy(tmp_path)
    reopen(root)
    add_leap_vacancy(root)
    return root


@pytest.fixture
def server() -> Iterator[TvServer]:
    with TvServer(KEY) as running:
        yield running
