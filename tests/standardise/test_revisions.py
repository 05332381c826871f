"""A revision is read from git as untrusted input, on every Python (no tar, no extraction filter needed):
links are followed only inside the trust, a link out is refused at its path, and a crafted tree cannot
write outside the temporary folder. Never exit 2."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from click.testing import CliRunner

from jobpack.cli import main
from jobpack.standardise.revisions import checked_out, require

from .conftest import git


def run(root: Path, *args: str):
    return CliRunner().invoke(main, ["diff", *args, "--trust", str(root)])


def test_a_link_inside_the_trust_is_kept_and_followed(trust_repo: Path) -> None:
    (trust_repo / "notes.txt").symlink_to("trust.yaml")
    git(trust_repo, "add", "-A")
    git(trust_repo, "commit", "-qm", "A link inside")
    with checked_out(trust_repo, require(trust_repo, "HEAD")) as root:
        links = [p for p in root.rglob("*") if p.is_symlink()]
        assert len(links) == 1 and links[0].resolve().is_file()
        assert links[0].resolve().is_relative_to(root.resolve())
    result = run(trust_repo, "HEAD~1", "HEAD")
    assert result.exit_code == 0, result.output


def test_a_committed_link_out_of_the_trust_is_refused_at_its_path(trust_repo: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("title: secret\n", "utf-8")
    for name, target in (("posts/westminster/absolute.yaml", str(secret)),
                         ("posts/westminster/relative.yaml", "../../../../secret.yaml")):
        link = trust_repo / name
        link.symlink_to(target)
        git(trust_repo, "add", "-A")
        git(trust_repo, "commit", "-qm", f"A link out: {name}")
        result = run(trust_repo, "HEAD", "HEAD")
        assert result.exit_code == 1, result.output
        assert f"{name}: At HEAD (" in result.output
        assert "is a link (symlink) to a file outside the trust folder" in result.output
        assert "bug in jobpack" not in result.output and "secret" not in result.output.replace(name, "")
        link.unlink()
        git(trust_repo, "commit", "-qam", "No link")


def test_a_link_through_a_link_is_judged_by_where_it_really_leads(trust_repo: Path) -> None:
    (trust_repo / "here").symlink_to(".")
    (trust_repo / "posts" / "sneaky.yaml").symlink_to("../here/../outside.yaml")  # lexically inside, really not
    git(trust_repo, "add", "-A")
    git(trust_repo, "commit", "-qm", "Links through links")
    result = run(trust_repo, "HEAD", "HEAD")
    assert result.exit_code == 1, result.output
    assert "posts/sneaky.yaml: At HEAD (" in result.output and "outside the trust folder" in result.output


def _crafted_commit(repo: Path, trust: str, name: str) -> None:
    """A commit whose trust folder holds an entry called `name` (git's own commands refuse to make one;
    a pull request can still carry it)."""
    blob = subprocess.run(["git", "hash-object", "-w", "--stdin"], cwd=repo, input=b"written: outside\n",
                          capture_output=True, check=True).stdout.decode().strip()
    listing = git(repo, "ls-tree", f"HEAD:{trust}") + f"100644 blob {blob}\t{name}\n"
    inner = subprocess.run(["git", "mktree"], cwd=repo, input=listing.encode(), capture_output=True,
                           check=True).stdout.decode().strip()
    top = "".join((line if not line.endswith(f"\t{trust}") else line.split()[0] + f" tree {inner}\t{trust}") + "\n"
                  for line in git(repo, "ls-tree", "HEAD").splitlines())
    tree = subprocess.run(["git", "mktree"], cwd=repo, input=top.encode(), capture_output=True,
                          check=True).stdout.decode().strip()
    commit = git(repo, "commit-tree", tree, "-p", "HEAD", "-m", "Crafted").strip()
    git(repo, "update-ref", "HEAD", commit)


def test_a_crafted_path_out_of_the_folder_is_refused_and_nothing_is_written(trust_repo: Path, tmp_path: Path,
                                                                           monkeypatch) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    _crafted_commit(trust_repo.parent, trust_repo.name, "..")
    result = run(trust_repo, "HEAD", "HEAD")
    assert result.exit_code == 1, result.output
    assert "not a plain path inside the trust folder" in result.output and "bug in jobpack" not in result.output
    assert os.listdir(scratch) == []  # the temporary folder is gone, and nothing was written beside it
