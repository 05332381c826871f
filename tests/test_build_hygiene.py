"""A build cleans up after itself: clashing posts never overwrite documents, killed builds leave no worker
processes, leftover temporary files are swept, and the site never replaces a user's own files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobpack.atomic import TEMP_NAME
from jobpack.cli import main
from tests.security.conftest import example_copy  # noqa: F401 (a fixture)

POST = "posts/oak/teaching-assistant.yaml"
IMPOSTOR = "posts/aaa/teaching-assistant.yaml"  # sorts before oak/: read first
IMPOSTOR_TEXT = ("title: Impostor\nschool: oak\nduties:\n  pupils: [Something else.]\n"
                 "criteria:\n  experience: [Other.]\n")


def run(*args: object):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output and "bug in jobpack" not in result.output, result.output
    return result


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_new_post_clashing_with_a_built_one_overwrites_nothing_and_is_the_one_named(make_trust):
    root = make_trust()
    assert run("build", "--trust", root, "-j", "1").exit_code == 0
    before = snapshot(root / "output/oak")
    (root / IMPOSTOR).parent.mkdir()
    (root / IMPOSTOR).write_text(IMPOSTOR_TEXT)
    result = run("build", "--trust", root, "-j", "1", "--keep-going", "--force")
    assert result.exit_code == 1
    assert f"{IMPOSTOR}:2:" in result.output  # the new file, at its school line
    assert f"{POST}:1:1: Posts" not in result.output
    assert "would both be written to output/oak/teaching-assistant/" in result.output
    assert "'oak/teaching-assistant' keeps its documents" in result.output
    assert "Not built: aaa/teaching-assistant" in result.output
    assert snapshot(root / "output/oak") == before
    check = run("check", "--trust", root)  # check names the same file, from the same manifest
    assert check.exit_code == 1 and f"{IMPOSTOR}:2:" in check.output and f"{POST}:1:1: Posts" not in check.output


def test_clashing_posts_with_no_earlier_build_are_neither_built(make_trust):
    root = make_trust({IMPOSTOR: IMPOSTOR_TEXT})
    result = run("build", "--trust", root, "-j", "1", "--keep-going")
    assert result.exit_code == 1
    assert "would both be written to output/oak/teaching-assistant/" in result.output
    assert not (root / "output/oak").exists()


def test_stale_temporary_files_are_swept_and_nothing_else(make_trust):
    root = make_trust()
    assert run("build", "--trust", root, "-j", "1").exit_code == 0
    folder = root / "output/oak/teaching-assistant"
    stale = [folder / ".teaching-assistant-job-pack.pdf.k3_x9zq1.tmp",
             root / "output/.jobpack-manifest.json.abcd1234.tmp"]
    kept = [folder / "draft.tmp", folder / ".notes.tmp", folder / ".teaching-assistant-job-pack.pdf.short.tmp",
            root / "output/mine.abcd1234.tmp"]
    for path in stale + kept:
        path.write_bytes(b"x")
    assert run("build", "--trust", root, "-j", "1").exit_code == 0
    assert [p.name for p in stale if p.exists()] == []
    assert [p.name for p in kept if not p.exists()] == []


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        found |= {int(c) for c in children.read_text().split()}
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_killing_a_build_kills_its_workers_and_the_next_build_sweeps_its_temporary_files(example_copy):  # noqa: F811
    proc = subprocess.Popen([sys.executable, "-m", "jobpack.cli", "build", "--trust", str(example_copy), "-j", "2",
                             "--force"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while time.monotonic() < deadline and proc.poll() is None:
            workers = _children(proc.pid)
            if len(workers) >= 2:
                break
            time.sleep(0.05)
        assert len(workers) >= 2, "the build never started its workers"
        time.sleep(0.3)  # let them start rendering
        workers = _children(proc.pid)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.05)
    left = [w for w in workers if _alive(w)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == [], "worker processes outlived the killed build"

    out = example_copy / "output"
    out.mkdir(exist_ok=True)
    (out / ".jobpack-manifest.json.zz9_ab12.tmp").write_bytes(b"{half")  # as if killed while writing
    result = run("build", "--trust", example_copy, "-j", "1", "westminster/learning-support-practitioner")
    assert result.exit_code == 0, result.output
    assert [p for p in out.rglob("*") if TEMP_NAME.match(p.name)] == []


def test_site_never_overwrites_a_users_own_file(make_trust, monkeypatch):
    root = make_trust()
    monkeypatch.chdir(root)
    (root / "public").mkdir()
    (root / "public/index.html").write_text("<h1>Our own home page</h1>\n")
    result = run("site", "--trust", root, "-o", "public")
    assert result.exit_code == 1
    assert "public/index.html was not written by jobpack: move it away or choose another folder with -o." \
        in result.output
    assert snapshot(root / "public") == {"index.html": b"<h1>Our own home page</h1>\n"}
    (root / "public/index.html").unlink()
    assert run("site", "--trust", root, "-o", "public").exit_code == 0
    assert run("site", "--trust", root, "-o", "public").exit_code == 0  # its own files it may rewrite
