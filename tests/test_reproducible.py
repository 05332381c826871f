"""The same commit built in two different folders gives byte-identical documents and website: nothing in
the output depends on where the trust is checked out (logos travel as data, paths stay relative)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from jobpack.build.run import build
from jobpack.publish.site import build_site
from tests.conftest import REPO

TODAY = dt.date(2025, 1, 15)


def _checkout(where: Path) -> Path:
    where.mkdir(parents=True)
    for name in ("trust.yaml", "blocks", "posts", "templates", "assets"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, where / name)
    return where


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_checkouts_build_byte_identical_documents_and_sites(tmp_path):
    outputs = []
    for where in (tmp_path / "a", tmp_path / "deeper" / "second-checkout"):
        root = _checkout(where)
        report = build(root, root / "output", jobs=2)
        assert report.ok, report.problems
        build_site(root, root / "output" / "site", root / "output", jobs=2, today=TODAY)
        outputs.append(_files(root / "output"))
    first, second = outputs
    assert sorted(first) == sorted(second)
    differ = [name for name in first if first[name] != second[name]]
    assert differ == [], f"these files depend on the checkout folder: {differ}"
    assert sum(name.endswith(".pdf") for name in first) >= 2 * 12  # documents and their site copies
    for name, data in first.items():
        assert str(tmp_path).encode() not in data, f"{name} holds the checkout's path"
