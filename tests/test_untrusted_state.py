"""Nothing a pull request commits can answer for a check, a build or a site (issues 23 and 24).

Each test commits a forged or damaged state file into a git repository (`git add -f`, as a pull request
would) and proves that check and build ignore it: the answer is the one a machine with no state gives.
Links in output paths are refused; special files are skipped, never read; pictures are checked after
'..' is worked out.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

import jobpack.build.run as jobpack_build
from jobpack.build import state
from jobpack.build.cache import CACHE, fingerprint, jobpack_digest
from jobpack.build.check import CHECK_CACHE, record_dir
from jobpack.build.manifest import MANIFEST
from jobpack.cli import main
from tests.conftest import MINI_BLOCKS, REPO
from tests.test_cache import FILES, post
from tests.test_check_cache import PROBLEM_FILES

DEEP = "[" * 100000 + "]" * 100000


def write(root: Path, files: dict[str, str]) -> Path:
    """The test trust of test_cache (with its blocks and logo)."""
    for rel, text in {**MINI_BLOCKS, **files}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text) if rel != "trust.yaml" else text, encoding="utf-8")
    (root / "assets").mkdir(exist_ok=True)
    shutil.copy(REPO / "assets/logos/leap.png", root / "assets/elm.png")
    return root


def commit(root: Path, *paths: str) -> None:
    """Commit the trust with `paths` forced in (output/ is ignored, as in a real trust)."""
    (root / ".gitignore").write_text("output/\nshard/\n")
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    if paths:
        subprocess.run([*git, "add", "-f", *paths], check=True)
    subprocess.run([*git, "commit", "-qm", "pull request"], check=True)


def check(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--trust", str(root), *args])
    assert "Traceback" not in result.output and result.exit_code in (0, 1), result.output
    return result.exit_code, result.output


def stand_in(job, environments=None) -> dict[str, bytes]:
    """Documents without layout (their bytes follow the post's inputs): what is built, not how it looks."""
    return {name: f"{job.inputs_hash()} {name}".encode() for name in job.outputs.names().values()}


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jobpack_build, "render_job", stand_in)


def build(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "--trust", str(root), "-j", "1", *args])
    assert "Traceback" not in result.output and result.exit_code in (0, 1), result.output
    return result.exit_code, result.output


def forged_record(root: Path) -> dict:
    """A record saying "no problems" for the trust exactly as it is, keyed as the old record was."""
    prints = fingerprint(root, [])
    return {"generator": "jobpack", "jobpack": jobpack_digest(), "files": prints, "logos": [], "claims": {},
            "problems": [], "posts": 4, "profiles": 1, "blocks": 3, "draws": {}}


def test_a_committed_check_record_saying_all_good_changes_nothing(tmp_path: Path) -> None:
    root = write(tmp_path / "t", PROBLEM_FILES)
    expected = check(root, "--format", "json")
    assert expected[0] == 1
    (record_dir(root) / CHECK_CACHE).unlink()
    (root / "output").mkdir()
    (root / "output/.jobpack-check.json").write_text(json.dumps(forged_record(root)))
    commit(root, "output/.jobpack-check.json")
    assert check(root, "--format", "json") == expected  # exit 1: the unknown block is still reported


def test_a_record_in_the_cache_folder_without_this_machines_seal_is_ignored(tmp_path: Path) -> None:
    root = write(tmp_path / "t", PROBLEM_FILES)
    expected = check(root, "--format", "json")
    path = record_dir(root) / CHECK_CACHE
    data = json.loads(path.read_text())
    data["problems"] = []
    path.write_text(json.dumps(data))  # its seal no longer matches
    assert check(root, "--format", "json") == expected
    data = {k: v for k, v in data.items() if k != "seal"}
    data["problems"] = {}  # sealed, but not a list: damage, not "no problems"
    path.write_text(json.dumps(state.seal(data)))
    assert check(root, "--format", "json") == expected


@pytest.mark.parametrize("damage", ["link", "deep", "huge"])
def test_a_damaged_record_or_link_to_dev_zero_is_ignored(tmp_path: Path, damage: str) -> None:
    root = write(tmp_path / "t", PROBLEM_FILES)
    expected = check(root, "--format", "json")
    path = record_dir(root) / CHECK_CACHE
    path.unlink()
    if damage == "link":
        path.symlink_to("/dev/zero")
    elif damage == "deep":
        path.write_text(DEEP)
    else:
        with open(path, "wb") as handle:
            handle.truncate(state.MAX_STATE_BYTES + 1)
    assert check(root, "--format", "json") == expected


def test_a_committed_build_cache_and_manifest_skip_nothing(tmp_path: Path, quick: None) -> None:
    """A pull request commits output/ from a build of the good trust, then breaks a post: the build must
    fail on the broken post instead of calling it unchanged."""
    root = write(tmp_path / "t", FILES)
    assert build(root)[0] == 0
    for name in (CACHE, MANIFEST):  # as another machine (or a forger) would have them: genuine hashes, no seal
        data = json.loads((root / "output" / name).read_text())
        data.pop("seal")
        (root / "output" / name).write_text(json.dumps(data))
    pack = next((root / "output").rglob("*job-pack.pdf"))
    pack.write_bytes(b"%PDF-1.7 swapped")
    manifest = json.loads((root / "output" / MANIFEST).read_text())
    for entry in manifest["posts"].values():
        for rel in entry["files"]:
            if rel.endswith(pack.name):
                entry["files"][rel] = state.hashlib.sha256(b"%PDF-1.7 swapped").hexdigest()
    (root / "output" / MANIFEST).write_text(json.dumps(manifest))
    commit(root, "output")
    code, out = build(root)
    assert code == 0 and "unchanged" not in out.split("built")[0], out
    assert pack.read_bytes() != b"%PDF-1.7 swapped"  # this machine's document, not the committed one
    (root / "posts/elm/c.yaml").write_text(post("elm", "g2", "duties:\n  pupils:\n    - use: nowhere\n"))
    code, out = build(root)
    assert code == 1 and "nowhere" in out


def test_a_committed_shard_folder_is_built_again(tmp_path: Path, quick: None) -> None:
    root = write(tmp_path / "t", FILES)
    assert build(root, "--shard", "1/1", "-o", str(root / "shard"))[0] == 0
    for name in (CACHE, MANIFEST):
        data = json.loads((root / "shard" / name).read_text())
        data.pop("seal")
        (root / "shard" / name).write_text(json.dumps(data))
    commit(root, "shard")
    code, out = build(root, "--shard", "1/1", "-o", str(root / "shard"))
    assert code == 0 and "4 built" in out, out


@pytest.mark.parametrize("name", [CACHE, MANIFEST])
@pytest.mark.parametrize("damage", ["link", "deep", "folder"])
def test_damaged_build_state_costs_a_rebuild_never_a_crash(tmp_path: Path, quick: None, name: str,
                                                           damage: str) -> None:
    root = write(tmp_path / "t", FILES)
    assert build(root)[0] == 0
    path = root / "output" / name
    if damage == "link":
        path.unlink()
        path.symlink_to("/dev/zero")
    elif damage == "deep":
        path.write_text(DEEP)
    else:  # a field of the wrong type, sealed: still damage
        data = {k: v for k, v in json.loads(path.read_text()).items() if k != "seal"}
        key = "posts"
        data[key] = {"oak/a": {"school": "oak", "folder": "oak-ta", "deps": {}, "inputs": 3, "files": []}}
        path.write_text(json.dumps(state.seal(data)))
    code, out = build(root)
    assert code == 0, out


def test_the_key_is_private_to_this_user(tmp_path: Path) -> None:
    check(write(tmp_path / "t", FILES))
    key = state.cache_base() / state.KEY_FILE
    assert key.is_file() and key.stat().st_mode & 0o077 == 0


def test_an_output_folder_that_is_a_link_is_refused(tmp_path: Path, quick: None) -> None:
    root = write(tmp_path / "t", FILES)
    (tmp_path / "elsewhere").mkdir()
    (root / "output").symlink_to(tmp_path / "elsewhere")
    code, out = build(root)
    assert code == 1 and "link" in out
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_a_fifo_in_blocks_is_skipped_with_a_warning(tmp_path: Path) -> None:
    root = write(tmp_path / "t", FILES)
    os.mkfifo(root / "blocks/.editor-pipe")
    code, out = check(root)  # returns: the pipe is never opened
    assert code == 0 and "blocks/.editor-pipe" in out and "pipe" in out
    assert check(root) == (code, out)  # and the record answers the same


def test_a_picture_outside_assets_through_dotdot_is_refused(tmp_path: Path) -> None:
    files = {**FILES, "posts/oak/a.yaml": FILES["posts/oak/a.yaml"] + (
        "sections:\n  relationships:\n    image: assets/../pics/chart.png\n    alt: Our team.\n")}
    files["trust.yaml"] += "sections:\n  - id: relationships\n    title: Relationships\n    position: after-duties\n"
    root = write(tmp_path / "t", files)
    (root / "pics").mkdir()
    (root / "assets").mkdir(exist_ok=True)
    from PIL import Image

    Image.new("RGB", (4, 4)).save(root / "pics/chart.png")
    code, out = check(root)
    assert code == 1 and "The picture 'assets/../pics/chart.png' is not in the assets/ folder" in out, out


def test_a_linked_posts_folder_is_fingerprinted_through_the_link(tmp_path: Path) -> None:
    root = write(tmp_path / "t", FILES)
    (root / "content").mkdir()
    (root / "posts").rename(root / "content/posts")
    (root / "posts").symlink_to("content/posts")
    assert check(root)[0] == 0
    (root / "content/posts/oak/a.yaml").write_text("school: [unclosed\n")
    code, out = check(root)  # not answered from the record of the good trust
    assert code == 1 and "posts/oak/a.yaml" in out
