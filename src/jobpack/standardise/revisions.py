"""A trust as it was at a git revision: exported into a temporary folder, never checked out in place.

The revision's tree is listed with `git ls-tree` and its files read with `git cat-file` (raw blobs: no
hooks, filters or attributes from the repository run), then written by jobpack itself, so an old revision
from a pull request is read like any other untrusted input, on every Python (no tar, so no reliance on
tarfile's extraction filter, which Python 3.11.2 lacks). Only plain files and folders are written, each
with a path checked to stay inside the temporary folder (no absolute paths, no '..', never through a
link, never over an existing file). A committed link (symlink) is recreated only when its target stays
inside the trust folder, as the loader would follow it; one leading out is refused with its path, as the
loader refuses it in the working tree. Submodules are left out. The working tree (the default "after")
is read where it is.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jobpack.errors import InvalidTrust, Problem

WORKING_TREE = "working tree"
LINK_OUT = ("This file is a link (symlink) to a file outside the trust folder, and jobpack only reads files inside it.",
            "Replace the link with a copy of the file itself.")  # the loader's words for the working tree


@dataclass(frozen=True)
class Revision:
    """A named state of the trust: a commit, or the working tree."""

    name: str  # as the user wrote it ("HEAD", "main", "a1b2c3d"), or "working tree"
    commit: str  # the full commit id ("" for the working tree)

    @property
    def label(self) -> str:
        return self.name if not self.commit else f"{self.name} ({self.commit[:7]})"


def _git(trust_dir: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-c", "core.hooksPath=/dev/null", *args], cwd=trust_dir, capture_output=True,
                          check=False, timeout=120)


def _fail(message: str, hint: str) -> InvalidTrust:
    return InvalidTrust([Problem("(command line)", message, hint=hint)])


def repository(trust_dir: Path) -> tuple[Path, str]:
    """The repository holding the trust, and the trust folder's path inside it ("" at its root)."""
    try:
        top = _git(trust_dir, "rev-parse", "--show-toplevel")
    except FileNotFoundError as exc:
        raise _fail("git is not installed, and 'jobpack diff' compares git revisions.",
                    "Install git (apt-get install git) and run the command again.") from exc
    if top.returncode != 0:
        raise _fail(f"The trust folder {trust_dir} is not in a git repository, so there are no revisions to compare.",
                    "Run 'git init' and commit the trust, or run the command in the trust's repository.")
    prefix = _git(trust_dir, "rev-parse", "--show-prefix").stdout.decode().strip()
    return Path(top.stdout.decode().strip()), prefix


def resolve(trust_dir: Path, name: str) -> Revision | None:
    """The commit `name` names (a branch, tag, commit id, HEAD~1, ...), or None if it names none."""
    if name == WORKING_TREE:
        return Revision(WORKING_TREE, "")
    found = _git(trust_dir, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}")
    return Revision(name, found.stdout.decode().strip()) if found.returncode == 0 else None


def require(trust_dir: Path, name: str) -> Revision:
    revision = resolve(trust_dir, name)
    if revision is None:
        raise _fail(f"'{name}' is not a commit, branch or tag of this repository.",
                    "Use a branch (main), a tag, a commit id, or HEAD~1 for the commit before the last.")
    return revision


@contextlib.contextmanager
def checked_out(trust_dir: Path, revision: Revision) -> Iterator[Path]:
    """The trust folder as it is at `revision`, for the length of the `with` block."""
    if not revision.commit:
        yield trust_dir
        return
    top, prefix = repository(trust_dir)
    entries = _tree(top, revision, prefix)
    blobs = _blobs(top, revision, [oid for _, kind, oid, _ in entries if kind == "blob"])
    with tempfile.TemporaryDirectory(prefix="jobpack-rev-") as folder:
        _write(Path(folder), entries, blobs, revision, prefix)
        root = Path(folder) / prefix
        if not (root / "trust.yaml").is_file():
            raise _fail(f"There is no trust.yaml in the trust folder at {revision.label}.",
                        "Compare revisions that hold the trust (a commit after it was added).")
        yield root


def _unreadable(revision: Revision, done: subprocess.CompletedProcess[bytes]) -> InvalidTrust:
    return _fail(f"The trust at {revision.label} could not be read from git: "
                 f"{done.stderr.decode(errors='replace').strip()[:200]}",
                 "Check that the revision holds the trust folder.")


def _tree(top: Path, revision: Revision, prefix: str) -> list[tuple[str, str, str, str]]:
    """(mode, type, object id, path from the repository's top) of every file under `prefix` at `revision`."""
    listed = _git(top, "ls-tree", "-r", "-z", "--full-tree", revision.commit, "--", prefix or ".")
    if listed.returncode != 0:
        raise _unreadable(revision, listed)
    entries = []
    for record in listed.stdout.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, oid = meta.decode("ascii").split()
        entries.append((mode, kind, oid, os.fsdecode(name)))
    return entries


def _blobs(top: Path, revision: Revision, oids: list[str]) -> dict[str, bytes]:
    """The content of each blob, read in one `git cat-file --batch`."""
    if not oids:
        return {}
    wanted = sorted(set(oids))
    done = subprocess.run(["git", "-c", "core.hooksPath=/dev/null", "cat-file", "--batch"], cwd=top,
                          input="".join(f"{oid}\n" for oid in wanted).encode(), capture_output=True, check=False,
                          timeout=120)
    if done.returncode != 0:
        raise _unreadable(revision, done)
    out, at = {}, 0
    data = done.stdout
    for _ in wanted:
        end = data.index(b"\n", at)
        oid, kind, size = data[at:end].decode("ascii").split()
        out[oid] = data[end + 1:end + 1 + int(size)]
        at = end + 2 + int(size)
    return out


def _refuse(revision: Revision, path: str, prefix: str, message: str, hint: str) -> InvalidTrust:
    shown = path[len(prefix):] if prefix and path.startswith(prefix) else path
    return InvalidTrust([Problem(shown, f"At {revision.label}: {message}", hint=hint)])


def _safe_parts(path: str) -> bool:
    parts = path.split("/")
    return not path.startswith("/") and all(part not in ("", ".", "..") for part in parts)


def _write(folder: Path, entries: list[tuple[str, str, str, str]], blobs: dict[str, bytes], revision: Revision,
           prefix: str) -> None:
    """Write the revision's plain files, then its links that stay inside the trust folder, into `folder`."""
    real = folder.resolve()
    links = []
    for mode, kind, oid, path in entries:
        if kind != "blob":  # a submodule (commit): nothing of it is in this repository
            continue
        if not _safe_parts(path):
            raise _refuse(revision, path, prefix, "the repository holds a file with a path that is not a plain "
                          "path inside the trust folder, and jobpack will not write it.",
                          "Rename or remove the file in a new commit, and compare that commit instead.")
        if mode == "120000":
            links.append((path, os.fsdecode(blobs[oid])))
            continue
        target = real.joinpath(*path.split("/"))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.parent.resolve().is_relative_to(real):
                raise FileExistsError(path)
            handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
        except (FileExistsError, NotADirectoryError) as exc:
            raise _refuse(revision, path, prefix, "the repository holds this path twice (as a file and as a "
                          "folder), and jobpack will not write it.", "Remove one of them in a new commit.") from exc
        with os.fdopen(handle, "wb") as out:
            out.write(blobs[oid])
    trust = prefix.rstrip("/")
    made = []
    for path, written in links:
        lands = posixpath.normpath(posixpath.join(posixpath.dirname(path), written))
        inside = not written.startswith("/") and not lands.startswith("..") and (
            not trust or lands == trust or lands.startswith(trust + "/"))
        if not inside:
            raise _refuse(revision, path, prefix, *LINK_OUT)
        target = real.joinpath(*path.split("/"))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.parent.resolve().is_relative_to(real):
                raise FileExistsError(path)
            os.symlink(written, target)
        except (FileExistsError, NotADirectoryError) as exc:
            raise _refuse(revision, path, prefix, "the repository holds this path twice (as a link and as a "
                          "file or folder), and jobpack will not write it.", "Remove one of them in a new "
                          "commit.") from exc
        made.append((path, target))
    for path, target in made:  # links through links: where each really leads, now that all are there
        if not target.resolve().is_relative_to(real.joinpath(*trust.split("/")) if trust else real):
            raise _refuse(revision, path, prefix, *LINK_OUT)
