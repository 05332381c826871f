"""Fixtures for the site tests: the small trust with pay and a vacancy, and the example trust built once."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sitecheck import CLOSED_CLOSING, OPEN_CLOSING, TODAY

from jobpack.publish.site import SiteReport, build_site

REPO = Path(__file__).resolve().parents[2]

PAY = """
pay:
  year: "2024-25"
  full_time_hours: 37
  term_time_weeks_paid: 39
  grades:
    - id: band-d
      name: Band D
      from: 9
      to: 17
"""

POST = """\
school: oak
title: Teaching Assistant
responsible_to: Class teacher
summary:
  - Support learning in {{ school.name }}'s classrooms.
pay: {grade: band-d}
hours: {per_week: 30, term_time_only: true}
duties:
  pupils:
    - use: pupils-core
  teachers:
    - Prepare resources for lessons & displays.
criteria:
  qualifications:
    - use: quals
  experience:
    - one_of: [Experience with children, A relevant "Level 3" qualification]
      assessed: [I]
"""

VACANCY = """\
vacancy:
  closing_date: {closing}
  posted: 2025-01-06
  start_date: April 2025
  reference: OAK-TA-1
  apply_url: mailto:jobs@example.org
  how_to_apply: Email your application form to {{{{ school.name }}}}.
"""


@pytest.fixture
def site_trust(make_trust: Callable[..., Path]) -> Callable[..., Path]:
    """The small trust, priced, with an optional vacancy on its one post."""

    def make(closing: dt.date | None = OPEN_CLOSING, website: str = "", colour: str = "",
             files: dict[str, str] | None = None) -> Path:
        post = POST + (VACANCY.format(closing=closing.isoformat()) if closing else "")
        root = make_trust({"posts/oak/teaching-assistant.yaml": post, **(files or {})})
        trust = (root / "trust.yaml").read_text("utf-8") + PAY
        if website:
            trust = trust.replace("issue_date:", f"website: {website}\nissue_date:", 1)
        if colour:
            trust = trust.replace("    name: Oak School", f"    name: Oak School\n    colour: \"{colour}\"", 1)
        (root / "trust.yaml").write_text(trust, "utf-8")
        return root

    return make


def add_vacancy(post_file: Path, closing: dt.date) -> None:
    """Give an example post this test's vacancy, replacing any vacancy the example already has."""
    kept, skipping = [], False
    for line in post_file.read_text("utf-8").splitlines():
        if line.startswith("vacancy:"):
            skipping = True
            continue
        if skipping and (line.startswith((" ", "#")) or not line.strip()):
            continue
        skipping = False
        kept.append(line)
    text = "\n".join(kept).rstrip("\n") + "\n" + VACANCY.format(closing=closing.isoformat())
    post_file.write_text(text, "utf-8")


def example_available() -> bool:
    return (REPO / "trust.yaml").is_file() and any((REPO / "posts").rglob("*.yaml"))


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, SiteReport]:
    """A copy of the example trust with one open and one closed vacancy, built once: (root, site, report)."""
    if not example_available():
        pytest.skip("the example trust (trust.yaml and posts/) is not in the repository yet")
    root = tmp_path_factory.mktemp("example")
    for name in ("trust.yaml", "blocks", "posts", "templates", "assets"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.is_file():
            shutil.copy2(source, root / name)
    posts = sorted(p for p in (root / "posts").rglob("*.yaml") if "profile: true" not in p.read_text("utf-8"))
    add_vacancy(posts[0], OPEN_CLOSING)
    if len(posts) > 1:
        add_vacancy(posts[1], CLOSED_CLOSING)
    site = root / "output" / "site"
    report = build_site(root, site, today=TODAY)
    return root, site, report
