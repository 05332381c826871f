"""A trust as it was at a git revision: exported into a temporary folder, never checked out in place.

`git archive` writes the revision's files without running hooks, filters or anything else from the
repository, and the tar is unpacked with Python's "data" filter (no links out, no devices, no absolute
paths), so an old revision from a pull request is read like any other untrusted input. The working tree
(the default "after") is read where it is.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jobpack.errors import InvalidTrust, Problem

WORKING_TREE = "working tree"


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
    archive = _git(top, "archive", "--format=tar", revision.commit, "--", prefix or ".")
    if archive.returncode != 0:
        raise _fail(f"The trust at {revision.label} could not be read from git: "
                    f"{archive.stderr.decode(errors='replace').strip()[:200]}",
                    "Check that the revision holds the trust folder.")
    with tempfile.TemporaryDirectory(prefix="jobpack-rev-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        root = Path(folder) / prefix
        if not (root / "trust.yaml").is_file():
            raise _fail(f"There is no trust.yaml in the trust folder at {revision.label}.",
                        "Compare revisions that hold the trust (a commit after it was added).")
        yield root
