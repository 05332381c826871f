"""Fixtures for the import tests: a copy of the example trust with chosen posts removed, and the seeds."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from jobpack.cli import main

REPO = Path(__file__).resolve().parents[2]
SEEDS = Path(os.environ.get("JOBPACK_SEEDS") or REPO.parent / "shared" / "seeds")
"""The seed job packs: next to the clone in CI (../shared/seeds), or wherever JOBPACK_SEEDS says."""
SEED_POSTS = {
    "000": "westminster/learning-support-practitioner",
    "001": "elm-tree/pastoral-learning-support-practitioner",
    "002": "leap/learning-support-assistant-key-worker",
    "003": "nightingale/learner-support-professional",
}


def seed_file(number: str) -> Path:
    found = sorted(SEEDS.glob(f"{number}_*.txt"))
    if not found:
        pytest.skip(f"seed {number} is not in {SEEDS}")
    return found[0]


@pytest.fixture
def example_copy(tmp_path: Path) -> Callable[..., Path]:
    """The example trust copied into a temporary folder, without the posts named."""

    def make(*remove: str) -> Path:
        root = tmp_path / "trust"
        root.mkdir()
        shutil.copy(REPO / "trust.yaml", root / "trust.yaml")
        for folder in ("blocks", "posts", "assets"):
            shutil.copytree(REPO / folder, root / folder)
        for post in remove:
            (root / "posts" / f"{post}.yaml").unlink()
        return root

    return make


def run_import(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["import", "--trust", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def import_one(root: Path, path: Path, text: str, school: str = "elm-tree") -> tuple[dict, dict]:
    """Write `text` to `path`, import it into the trust at `root` (JSON report) and return the file's report
    and the draft post it wrote; the import must succeed."""
    path.write_text(text, "utf-8")
    code, out, err = run_import(root, str(path), "--school", school, "--format", "json")
    assert code == 0, out + err
    report = json.loads(out)["files"][0]
    return report, load_post(root / report["post"])


def uses(post: dict) -> set[tuple[str, str]]:
    """(block, item) for every `use:` in a post file, with its only: items (or 'ALL' for a whole block)."""
    found = set()
    for group in ("duties", "criteria"):
        for entries in (post.get(group) or {}).values():
            for entry in entries:
                if isinstance(entry, dict) and "use" in entry:
                    for item in entry.get("only") or ["ALL"]:
                        found.add((entry["use"], item))
    return found


def load_post(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))
