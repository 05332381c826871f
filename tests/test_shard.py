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
