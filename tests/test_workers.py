"""Workers are replaced after a number of posts (memory stays flat on long builds), and the documents do
not depend on which worker rendered them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import jobpack.build.run as jobpack_build
import tests.test_workers
from tests.conftest import MINI_POST

PIDS: list[Path] = []
REAL_RENDER = jobpack_build.render_job


def noting_render(job, environments=None):
    """render_job, noting which process ran it (runs in the forked workers)."""
    with PIDS[0].open("a") as handle:
        handle.write(f"{os.getpid()}\n")
    return REAL_RENDER(job, environments)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_workers_are_recycled_and_the_bytes_do_not_change(make_trust, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_trust({f"posts/{school}/post-{n}.yaml": MINI_POST.replace("school: oak", f"school: {school}")
                       for n, school in enumerate(["oak", "oak", "elm", "elm"])})
    single = jobpack_build.build(root, tmp_path / "single", jobs=1)
    assert single.ok and len(single.built) == 5
    pids = tmp_path / "pids"
    monkeypatch.setattr(tests.test_workers, "PIDS", [pids])
    monkeypatch.setattr(jobpack_build, "render_job", noting_render)
    monkeypatch.setattr(jobpack_build, "RECYCLE_AFTER", 1)  # a fresh pair of workers every 2 posts
    parallel = jobpack_build.build(root, tmp_path / "parallel", jobs=2)
    assert parallel.ok and sorted(parallel.built) == sorted(single.built)
    used = pids.read_text().split()
    assert len(used) == 5 and len(set(used)) >= 3 and str(os.getpid()) not in used
    assert snapshot(tmp_path / "parallel") == snapshot(tmp_path / "single")
