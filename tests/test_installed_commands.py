"""Every command a user can type, run once as a user runs it: the `jobpack` entry point that the install
put beside this Python (the README's `.venv/bin/jobpack`), in a subprocess, on temporary copies of the
example trust. An undeclared dependency, a missing install step or a Python the code does not support
shows here as "bug in jobpack" / exit 2, and fails this test rather than a user."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

JOBPACK = Path(sys.executable).parent / "jobpack"  # not resolved: a venv's python is a link out of it
TRUST_PARTS = ("trust.yaml", "blocks", "posts", "assets", "templates")
POST = "westminster/learning-support-practitioner"
IMPORTED = """\
Teaching Assistant: job description

Post title: Teaching Assistant
Grade: NJC Scale 6, SCP 18-20
Hours: 30 hours a week, term time only

Purpose of the job
- To support pupils' learning in class.
- To maintain pupils' interests and motivation.

Person specification
Qualifications
- GCSE English and maths at grade 4/C or equivalent
"""


def copy_trust(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in TRUST_PARTS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, folder / name)
        elif source.is_file():
            shutil.copy(source, folder / name)
    return folder


def jobpack(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    if not JOBPACK.is_file():
        pytest.fail(f"There is no jobpack command at {JOBPACK}: install jobpack into this Python's environment "
                    "(the README's set-up command: pip install -e '.[test]' in .venv).")
    done = subprocess.run([str(JOBPACK), *args], cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_COLOR": "1"})
    said = done.stdout + done.stderr
    assert "bug in jobpack" not in said and "Traceback" not in said, said
    assert done.returncode == 0, f"jobpack {' '.join(args)} exited {done.returncode}:\n{said}"
    return done


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=cwd, check=True,
                   capture_output=True)


@pytest.fixture
def trust(tmp_path: Path) -> Path:
    return copy_trust(tmp_path / "trust")


def test_check_list_show_and_where_used(trust: Path) -> None:
    assert "westminster" in jobpack("list", cwd=trust).stdout
    jobpack("check", cwd=trust)
    assert "title:" in jobpack("show", POST, cwd=trust).stdout
    assert "school-policies" in jobpack("where-used", "school-policies", cwd=trust).stdout


def test_build_one_post(trust: Path, tmp_path: Path) -> None:
    jobpack("build", POST, "-o", str(tmp_path / "out"), "-j", "1", cwd=trust)
    written = sorted(p.name for p in (tmp_path / "out" / POST).iterdir())
    assert "learning-support-practitioner-job-pack.pdf" in written and len(written) == 5


def test_site(trust: Path, tmp_path: Path) -> None:
    jobpack("site", "-o", str(tmp_path / "site"), "-j", "1", cwd=trust)
    assert (tmp_path / "site" / "index.html").is_file()


def test_drift_as_text_and_json(trust: Path) -> None:
    jobpack("drift", cwd=trust)
    assert isinstance(json.loads(jobpack("drift", "--format", "json", cwd=trust).stdout), dict)


def test_import_a_text_job_description(trust: Path, tmp_path: Path) -> None:
    source = tmp_path / "ta.txt"
    source.write_text(IMPORTED, "utf-8")
    report = json.loads(jobpack("import", str(source), "--school", "leap", "--format", "json", cwd=trust).stdout)
    assert (trust / report["files"][0]["post"]).is_file()


def test_diff_between_two_commits(tmp_path: Path) -> None:
    trust = copy_trust(tmp_path / "repo")
    git("init", "-q", "-b", "main", cwd=trust)
    git("add", "-A", cwd=trust)
    git("commit", "-qm", "The example trust", cwd=trust)
    path = trust / "trust.yaml"
    path.write_text(path.read_text("utf-8").replace('year: "2024-25"', 'year: "2025-26"'), "utf-8")
    git("commit", "-qam", "Pay award", cwd=trust)
    assert "4 posts changed, 1 unchanged" in jobpack("diff", "HEAD~1", "HEAD", cwd=trust).stdout  # Elm Tree: own year


def test_schema_templates_init_doctor_and_version(trust: Path, tmp_path: Path) -> None:
    jobpack("schema", "-o", str(tmp_path / "schemas"), cwd=trust)
    assert (tmp_path / "schemas" / "post.schema.json").is_file()
    assert "style.css" in jobpack("templates", "list", cwd=trust).stdout
    jobpack("init", str(tmp_path / "new-trust"), cwd=tmp_path)
    jobpack("check", cwd=tmp_path / "new-trust")
    assert "Pango" in jobpack("doctor", cwd=trust).stdout
    assert jobpack("--version", cwd=trust).stdout.startswith("jobpack, version ")
