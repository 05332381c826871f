"""Sharded builds: each shard builds a stable share of the posts, and merged they are byte for byte the
single-machine build (documents, manifest and build cache); `init --shards N` writes a matrix workflow."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from jobpack.build.run import build
from jobpack.build.shard import Shard
from jobpack.cli import main
from tests.conftest import REPO


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_post_always_lands_in_the_same_single_shard() -> None:
    ids = [f"school-{n % 7}/post-{n}" for n in range(400)]
    for count in (1, 2, 3, 4):
        owners = [[i for i in range(1, count + 1) if Shard(i, count).has(pid)] for pid in ids]
        assert all(len(o) == 1 for o in owners)
        sizes = [sum(o == [i] for o in owners) for i in range(1, count + 1)]
        assert min(sizes) > 400 / count / 2  # spread, not all on one machine
    assert Shard.parse(" 2/4 ") == Shard(2, 4)
    for bad in ("0/4", "5/4", "2", "a/b", "1/0"):
        with pytest.raises(ValueError, match="not a shard"):
            Shard.parse(bad)


@pytest.mark.parametrize("count", [2, 4])
def test_merged_shards_equal_the_single_build_byte_for_byte(example_build: Path, tmp_path: Path,
                                                           count: int) -> None:
    folders = []
    built: list[str] = []
    for index in range(1, count + 1):
        folder = tmp_path / f"shard-{index}"
        report = build(REPO, folder, jobs=1, shard=Shard(index, count))
        assert report.ok and not set(report.built) & set(built)
        built += report.built
        folders.append(folder)
    single = snapshot(example_build)
    assert len(built) == sum(k.endswith("job-pack.pdf") for k in single)  # every post built once
    result = CliRunner().invoke(main, ["merge", *map(str, folders), "-o", str(tmp_path / "merged")])
    assert result.exit_code == 0, result.output
    assert snapshot(tmp_path / "merged") == single
    # and the merged folder is a normal output folder: a build there has nothing to do
    again = build(REPO, tmp_path / "merged", jobs=1)
    assert again.built == [] and again.validated == []


def test_merge_refuses_overlapping_or_tampered_shards(example_build: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["merge", str(example_build), str(example_build), "-o", str(tmp_path / "m")])
    assert result.exit_code == 1 and "was built by two of these shards" in result.output
    assert not (tmp_path / "m").exists()
    (tmp_path / "empty").mkdir()
    result = runner.invoke(main, ["merge", str(tmp_path / "empty"), "-o", str(tmp_path / "m")])
    assert result.exit_code == 1 and "not the output of 'jobpack build'" in result.output


def test_a_bad_shard_is_a_usage_mistake(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--trust", str(REPO), "--shard", "3/2", "-o", str(tmp_path / "o")])
    assert result.exit_code != 0 and "not a shard" in result.output
    assert not (tmp_path / "o").exists()


def test_init_with_shards_writes_a_matrix_workflow(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "t"), "--shards", "3"])
    assert result.exit_code == 0, result.output
    flow = yaml.safe_load((tmp_path / "t/.github/workflows/jobpack.yml").read_text("utf-8"))
    jobs = flow["jobs"]
    assert jobs["documents"]["strategy"]["matrix"]["shard"] == [1, 2, 3]
    steps = " ".join(str(step.get("run", "")) for step in jobs["documents"]["steps"])
    assert "jobpack build --shard ${{ matrix.shard }}/3" in steps
    site = " ".join(str(step.get("run", "")) for step in jobs["site"]["steps"])
    assert site.index("jobpack merge") < site.index("jobpack site")
    assert jobs["site"]["needs"] == "documents" and jobs["deploy"]["needs"] == "site"
    plain = CliRunner().invoke(main, ["init", str(tmp_path / "u")])
    assert plain.exit_code == 0 and "matrix" not in (tmp_path / "u/.github/workflows/jobpack.yml").read_text()


@pytest.fixture(scope="module")
def halves(tmp_path_factory) -> tuple[Path, Path]:
    """Shards 1/2 and 2/2 of the example trust, built once for the merge-refusal tests (copied before use)."""
    base = tmp_path_factory.mktemp("halves")
    for index in (1, 2):
        assert build(REPO, base / f"shard-{index}", jobs=1, shard=Shard(index, 2)).ok
    return base / "shard-1", base / "shard-2"


def _copies(halves: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    import shutil

    return (Path(shutil.copytree(halves[0], tmp_path / "s1")), Path(shutil.copytree(halves[1], tmp_path / "s2")))


def _merge(*folders: Path, out: Path):
    return CliRunner().invoke(main, ["merge", *map(str, folders), "-o", str(out)])


def _edit_manifest(folder: Path, change) -> None:
    import json

    path = folder / ".jobpack-manifest.json"
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data), "utf-8")


def test_merge_refuses_a_missing_shard_and_names_it(halves, tmp_path: Path) -> None:
    s1, _ = _copies(halves, tmp_path)
    result = _merge(s1, out=tmp_path / "m")
    assert result.exit_code == 1, result.output
    assert "Shard 2/2 is missing" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "m").exists()


def test_merge_refuses_a_shard_given_twice_or_with_another_count(halves, tmp_path: Path) -> None:
    s1, s2 = _copies(halves, tmp_path)
    _edit_manifest(s2, lambda d: d["shard"].update(count=3))
    result = _merge(s1, s2, out=tmp_path / "m")
    assert result.exit_code == 1 and "shard 2 of 3" in result.output and "same N" in result.output
    assert not (tmp_path / "m").exists()


def test_merge_refuses_shards_of_another_commit_of_the_trust(halves, tmp_path: Path) -> None:
    import shutil

    s1, _ = _copies(halves, tmp_path)
    edited = Path(shutil.copytree(REPO, tmp_path / "trust", ignore=shutil.ignore_patterns("output", ".git", "tests")))
    post = edited / "posts/westminster/attendance-and-welfare-officer.yaml"
    post.write_text(post.read_text("utf-8").replace("title:", "title: Senior", 1) if "title:" in post.read_text(
        "utf-8") else post.read_text("utf-8") + "\n# edited\n", "utf-8")
    assert build(edited, tmp_path / "other-2", jobs=1, shard=Shard(2, 2)).ok
    result = _merge(s1, tmp_path / "other-2", out=tmp_path / "m")
    assert result.exit_code == 1, result.output
    assert "built from different files" in result.output and str(tmp_path / "other-2") in result.output
    assert not (tmp_path / "m").exists()


def test_merge_refuses_a_manifest_entry_outside_its_folder(halves, tmp_path: Path) -> None:
    import hashlib

    s1, s2 = _copies(halves, tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"not a document")
    digest = hashlib.sha256(secret.read_bytes()).hexdigest()
    _edit_manifest(s1, lambda d: d["posts"].update({"x/evil": {"inputs": "0", "files": {"../secret.txt": digest}}}))
    result = _merge(s1, s2, out=tmp_path / "m")
    assert result.exit_code == 1, result.output
    assert "'../secret.txt', which is not a file inside s1/" in result.output
    assert not (tmp_path / "m").exists()


def test_merge_refuses_two_shards_writing_one_file_differently(halves, tmp_path: Path) -> None:
    import hashlib
    import json

    s1, s2 = _copies(halves, tmp_path)
    rel = next(iter(json.loads((s1 / ".jobpack-manifest.json").read_text("utf-8"))["posts"].values()))["files"]
    rel = sorted(rel)[0]
    (s2 / rel).parent.mkdir(parents=True, exist_ok=True)
    (s2 / rel).write_bytes(b"other bytes")
    digest = hashlib.sha256(b"other bytes").hexdigest()
    _edit_manifest(s2, lambda d: d["posts"].update({"x/other": {"inputs": "0", "files": {rel: digest}}}))
    result = _merge(s1, s2, out=tmp_path / "m")
    assert result.exit_code == 1, result.output
    assert f"{rel} is in {s1} too, with different contents" in result.output
    assert not (tmp_path / "m").exists()
