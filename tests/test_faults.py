"""Faults of the machine (read-only folders, a full disk, a file where a folder should be, links inside
output/, damaged manifests) end in a plain message and exit 1, and never damage what was built before."""

from __future__ import annotations

import errno
import json
import os
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobpack.cli import main

POST = "posts/oak/teaching-assistant.yaml"
FOLDER = "oak/teaching-assistant"
ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


def run(*args: object):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output and "bug in jobpack" not in result.output, result.output
    return result


def build(root: Path, *args: object):
    return run("build", "--trust", root, "-j", "1", *args)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def temp_files(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*.tmp")]


def failing(code: int, real=None, after: int = 0):
    """A stand-in for the OS call `real` that works `after` times, then fails with `code`."""
    calls = {"n": 0}

    def fake(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] > after:
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    return fake


@pytest.fixture
def built(make_trust) -> tuple[Path, dict[str, bytes]]:
    root = make_trust()
    assert build(root).exit_code == 0
    return root, snapshot(root / "output")


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES])
def test_read_only_output_folder_is_a_message_and_nothing_changes(built, monkeypatch, code):
    root, before = built
    monkeypatch.setattr(tempfile, "mkstemp", failing(code))
    result = build(root, "--force")
    assert result.exit_code == 1
    assert f"The output folder {root / 'output'} is read-only: jobpack could not write" in result.output
    assert "Nothing was changed." in result.output
    monkeypatch.undo()
    assert snapshot(root / "output") == before


@pytest.mark.skipif(ROOT, reason="root can write into a folder whatever its mode")
def test_read_only_output_folder_for_real(built):
    root, before = built
    for folder in [root / "output", *(root / "output").rglob("*")]:
        if folder.is_dir():
            folder.chmod(0o555)
    try:
        result = build(root, "--force")
    finally:
        for folder in [root / "output", *(root / "output").rglob("*")]:
            if folder.is_dir():
                folder.chmod(0o755)
    assert result.exit_code == 1
    assert "is read-only: jobpack could not write" in result.output
    assert snapshot(root / "output") == before


def test_disk_full_writes_nothing_half_and_keeps_earlier_files(built, monkeypatch):
    root, before = built
    monkeypatch.setattr(os, "fsync", failing(errno.ENOSPC, os.fsync, after=2))  # the third document does not fit
    result = build(root, "--force")
    monkeypatch.undo()
    assert result.exit_code == 1
    assert "The disk is full: jobpack could not write" in result.output
    assert f"{FOLDER}/teaching-assistant-" in result.output  # the document, not a temporary file
    assert "Nothing was changed." in result.output
    assert snapshot(root / "output") == before
    assert temp_files(root / "output") == []


def test_output_that_is_a_file(make_trust):
    root = make_trust()
    (root / "output").write_text("my notes\n")
    result = build(root)
    assert result.exit_code == 1
    assert f"{root / 'output'} is a file, not a folder" in result.output
    assert "Move it away, or choose another folder with -o." in result.output
    assert (root / "output").read_text() == "my notes\n"


def test_a_file_where_a_school_folder_should_be(built):
    root, before = built
    (root / "output/elm").write_text("not a folder\n")
    (root / "posts/elm").mkdir()
    (root / "posts/elm/ta.yaml").write_text((root / POST).read_text().replace("school: oak", "school: elm"))
    result = build(root)
    assert result.exit_code == 1
    assert f"{root / 'output/elm'} is a file, not a folder" in result.output
    assert (root / "output/elm").read_text() == "not a folder\n"
    assert {k: v for k, v in snapshot(root / "output").items() if k.startswith("oak/")} == \
        {k: v for k, v in before.items() if k.startswith("oak/")}


def test_link_inside_output_is_never_written_or_deleted_through(built, tmp_path):
    root, before = built
    elsewhere = tmp_path / "elsewhere"
    (root / "output/oak").rename(elsewhere)
    (root / "output/oak").symlink_to(elsewhere, target_is_directory=True)
    behind = snapshot(elsewhere)
    result = build(root, "--force")
    assert result.exit_code == 1
    assert f"{root / 'output/oak'} is a link (to {elsewhere})" in result.output
    assert "Nothing was changed." in result.output
    assert snapshot(elsewhere) == behind
    (root / POST).unlink()  # the post's documents are now stale: they must not be deleted through the link
    result = build(root)
    assert result.exit_code == 0, result.output
    assert snapshot(elsewhere) == behind


def test_read_only_trust_folder(make_trust, monkeypatch):
    root = make_trust()
    real_mkdir = Path.mkdir

    def mkdir(self: Path, *args, **kwargs):
        if self == root / "output":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    result = build(root)
    assert result.exit_code == 1
    assert f"The folder {root} is read-only: jobpack could not write {root / 'output'}." in result.output
    assert "Nothing was changed." in result.output
    assert not (root / "output").exists()


def test_unwritable_init_target(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "mkstemp", failing(errno.EACCES))
    result = run("init", tmp_path / "new-trust")
    assert result.exit_code == 1
    assert "is read-only: jobpack could not write" in result.output and "Nothing was changed." in result.output
    assert not (tmp_path / "new-trust").exists()


@pytest.mark.parametrize("damage", ['{"posts": 5}', "[]", '{"posts": {"x": 5}}', "{not json",
                                    '{"posts": {"oak/teaching-assistant": {"inputs": 1, "files": []}}}'])
def test_damaged_manifest_means_a_rebuild_never_a_crash(built, damage):
    root, before = built
    mine = root / "output/oak/notes.txt"
    mine.write_text("mine")
    (root / "output/.jobpack-manifest.json").write_text(damage)
    result = build(root)
    assert result.exit_code == 0, result.output
    assert "1 built" in result.output
    assert mine.read_text() == "mine"
    assert {k: v for k, v in snapshot(root / "output").items() if k.endswith((".pdf", ".docx"))} == \
        {k: v for k, v in before.items() if k.endswith((".pdf", ".docx"))}


def test_manifest_never_deletes_a_file_jobpack_did_not_write(built):
    root, _ = built
    mine = root / "output/oak/notes.txt"
    mine.write_text("mine")
    manifest = json.loads((root / "output/.jobpack-manifest.json").read_text())
    manifest["posts"]["oak/gone"] = {"inputs": "x", "files": {"oak/notes.txt": "0" * 64, "../trust.yaml": "0"}}
    (root / "output/.jobpack-manifest.json").write_text(json.dumps(manifest))
    result = build(root)
    assert result.exit_code == 0, result.output
    assert mine.read_text() == "mine" and (root / "trust.yaml").is_file()


@pytest.mark.parametrize("damage", ["missing", "broken"])
def test_check_of_one_post_reports_a_missing_or_broken_trust_yaml(make_trust, damage):
    root = make_trust()
    if damage == "missing":
        (root / "trust.yaml").unlink()
    else:
        (root / "trust.yaml").write_text("name: [\n")
    result = run("check", "--trust", root, root / POST)
    assert result.exit_code == 1
    assert "All good" not in result.output
    assert "trust.yaml" in result.output
    assert ("There is no trust.yaml" if damage == "missing" else "trust.yaml:2:1: This is not valid YAML") \
        in result.output
