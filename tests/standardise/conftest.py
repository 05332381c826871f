"""A real git repository holding a copy of the example trust, for where-used, drift and diff."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=root,
                          check=True, capture_output=True, text=True).stdout


@pytest.fixture
def trust_repo(tmp_path: Path) -> Path:
    """The example trust committed as the first commit of a new repository (in a subfolder, as trusts
    sometimes are, so the trust's path inside the repository matters)."""
    root = tmp_path / "repo" / "trust"
    root.mkdir(parents=True)
    for name in ("trust.yaml", "blocks", "posts", "assets", "templates"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.is_file():
            shutil.copy(source, root / name)
    git(root.parent, "init", "-q", "-b", "main")
    git(root.parent, "add", "-A")
    git(root.parent, "commit", "-q", "-m", "The example trust")
    return root
