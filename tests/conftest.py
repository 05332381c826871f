"""Shared fixtures: a tiny trust written into a temporary folder, and the example trust's root."""

from __future__ import annotations

import os
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from jobpack.build import units

REPO = Path(__file__).resolve().parent.parent

# jobpack's records and key go to a folder of the test run's own (never the user's ~/.cache), one for the
# whole session so that fixtures built once (session scope) are sealed with the same key as each test.
os.environ["JOBPACK_CACHE_DIR"] = tempfile.mkdtemp(prefix="jobpack-test-cache-")

MINI_TRUST = """\
name: Mini Trust
issue_date: 2024-11-04
schools:
  - id: oak
    name: Oak School
  - id: elm
    name: Elm Academy
duty_areas:
  - id: pupils
    title: Support for pupils
  - id: teachers
    title: Support for teachers
criteria_categories:
  - id: qualifications
    title: Qualifications
  - id: experience
    title: Experience
assessment_methods:
  - code: A
    name: Application form
  - code: I
    name: Interview
clauses:
  - id: safeguarding
    text: "{{ school.name }} is committed to safeguarding."
safer_recruitment:
  dbs: enhanced-children
  roa_exempt: true
  online_search: true
"""

MINI_BLOCKS = {
    "blocks/pupils-core.yaml": """\
        area: pupils
        items:
          - id: interests
            text: Maintain pupils' interests and motivation.
          - id: hygiene
            text: Help pupils with personal hygiene.
          - use: pupils-extra
        """,
    "blocks/pupils-extra.yaml": """\
        area: pupils
        items:
          - id: escort
            text: Escort pupils around {{ school.name }}.
        """,
    "blocks/quals.yaml": """\
        category: qualifications
        assessed: [A]
        items:
          - id: gcse
            text: GCSE English and maths.
          - id: nvq
            text: NVQ level 3.
            need: desirable
            assessed: [A, I]
        """,
}

MINI_POST = """\
    school: oak
    title: Teaching Assistant
    duties:
      pupils:
        - use: pupils-core
      teachers:
        - Prepare resources for lessons.
    criteria:
      qualifications:
        - use: quals
    """


@pytest.fixture
def make_trust(tmp_path: Path) -> Callable[..., Path]:
    """Write a small valid trust, with `files` (path -> YAML text) added or replacing defaults."""

    def make(files: dict[str, str] | None = None, post: str | None = MINI_POST) -> Path:
        contents = {"trust.yaml": MINI_TRUST, **MINI_BLOCKS}
        if post is not None:
            contents["posts/oak/teaching-assistant.yaml"] = post
        contents.update(files or {})
        for rel, text in contents.items():
            if text is None:
                continue
            path = tmp_path / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return tmp_path

    return make


@pytest.fixture
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def example_build(tmp_path_factory) -> Path:
    """The repository's example trust, built once per test session into a temporary folder."""
    from jobpack.build.run import build

    out = tmp_path_factory.mktemp("example-output")
    report = build(REPO, out, jobs=2)
    assert report.ok, report.failed
    return out



def count_work_out(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """From now on, the ids of the posts whose check is worked out (`build.units.work_out`), in order: what
    a check or a diff did not take from kept results."""
    done: list[str] = []
    real = units.work_out

    def counting(tw, post_id, prints, word_again=False):  # noqa: ANN001, ANN202 - units.work_out's own
        done.append(post_id)
        return real(tw, post_id, prints, word_again)

    monkeypatch.setattr(units, "work_out", counting)
    return done
