"""Writing documents safely: atomic files, and a manifest of what jobpack wrote.

A build that fails or is interrupted must never leave half a PDF or damage last week's good one, so
every file is written to a temporary file in the same folder and renamed into place. The manifest
(`.jobpack-manifest.json` in the output folder) records each post's files, their hashes and a hash of
the post's inputs, so unchanged posts are skipped and the outputs of deleted or renamed posts are removed
— but never a file jobpack did not write.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .faults import CannotWrite, Refused

MANIFEST = ".jobpack-manifest.json"
TEMP_SUFFIX = ".tmp"
#: The names `tempfile.mkstemp(prefix=".<name>.", suffix=".tmp")` gives: a dot, the file's name, a dot, eight
#: random characters, ".tmp". Only files named so are ever swept away as leftovers of a killed build.
TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")
_written = 0


def files_written() -> int:
    """How many files this process has put in place; lets a message say whether anything changed."""
    return _written


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@contextlib.contextmanager
def writing(path: Path) -> Iterator[None]:
    """Turn an OSError while writing `path` into CannotWrite(path), so messages name the file, not a temp."""
    try:
        yield
    except OSError as exc:
        raise CannotWrite(path, exc) from exc


def make_folder(folder: Path) -> None:
    """Create `folder` and prove it is writable before anything is written, so a read-only or misplaced
    folder is reported while nothing has changed."""
    existed = folder.is_dir()
    with writing(folder):
        folder.mkdir(parents=True, exist_ok=True)
        try:
            fd, probe = tempfile.mkstemp(prefix=".jobpack-probe.", suffix=TEMP_SUFFIX, dir=folder)
        except OSError:
            if not existed:
                with contextlib.suppress(OSError):
                    folder.rmdir()
            raise
        os.close(fd)
        os.unlink(probe)


def _stage(path: Path, data: bytes) -> str:
    """Write `data` into a temporary file next to `path`; return its name."""
    with writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    return tmp


def write_files(files: dict[Path, bytes]) -> None:
    """Write several files so that either all of them are replaced or none is (short of a crash between
    renames): every temporary file is complete before the first rename, so a full disk damages nothing."""
    global _written
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            staged.append((_stage(path, data), path))
        while staged:
            tmp, path = staged[0]
            with writing(path):
                os.replace(tmp, path)
            staged.pop(0)
            _written += 1
    finally:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see either the old file or the whole new one."""
    write_files({path: data})


def write_if_changed(path: Path, data: bytes) -> None:
    """`write_atomic`, skipped when the file already holds exactly `data` (a no-op build rewrites nothing)."""
    with contextlib.suppress(OSError):
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return
    write_atomic(path, data)


def inside(root: Path, relative: str) -> Path:
    """`root/relative`, refusing a path that leaves `root` (ValueError) or passes through a link inside it
    (Refused): jobpack never writes or deletes through a link, wherever it points. (Plain strings and
    lstat, not pathlib: a no-op build of a large trust calls this for every document.)"""
    if not relative or relative.startswith("/") or "\\" in relative:
        raise ValueError(f"refusing to write outside the output folder: {relative}")
    parts = [part for part in relative.split("/") if part not in ("", ".")]
    if not parts or ".." in parts:
        raise ValueError(f"refusing to write outside the output folder: {relative}")
    current = os.fspath(root)
    for part in parts:
        current = os.path.join(current, part)
        try:
            is_link = stat.S_ISLNK(os.lstat(current).st_mode)
        except (OSError, ValueError):
            is_link = False  # not there (yet): nothing to follow
        if is_link:
            raise Refused(f"{current} is a link (to {os.readlink(current)}): jobpack never writes or deletes "
                          "through links.", "Replace the link with a real folder, or choose another folder with -o.")
    return root.joinpath(*parts)


def remove_stale_temps(folder: Path) -> list[Path]:
    """Delete the temporary files a killed jobpack left in `folder` (named as `_stage` names them), never
    following links and never touching any other file."""
    removed = []
    for dirpath, _dirs, names in os.walk(folder):
        for name in names:
            if not TEMP_NAME.match(name):
                continue
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path)
    return removed


@dataclass
class Manifest:
    """What a previous build wrote: post id -> inputs hash and {relative path: sha256}."""

    posts: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def read(cls, out_dir: Path) -> Manifest:
        """The manifest, keeping only well-formed entries: a damaged one only costs a rebuild."""
        try:
            data = json.loads((out_dir / MANIFEST).read_text("utf-8"))
        except (OSError, ValueError):
            return cls()
        posts = data.get("posts") if isinstance(data, dict) else None
        if not isinstance(posts, dict):
            return cls()
        clean = {}
        for post_id, entry in posts.items():
            if isinstance(entry, dict) and isinstance(entry.get("inputs"), str) \
                    and isinstance(entry.get("files"), dict):
                files = {rel: digest for rel, digest in entry["files"].items()
                         if isinstance(rel, str) and isinstance(digest, str)}
                clean[post_id] = {"inputs": entry["inputs"], "files": files}
        return cls(posts=clean)

    def write(self, out_dir: Path) -> None:
        text = json.dumps({"generator": "jobpack", "posts": self.posts}, indent=2, sort_keys=True) + "\n"
        write_if_changed(out_dir / MANIFEST, text.encode("utf-8"))

    def owners(self) -> dict[str, str]:
        """Output folder (<school>/<post>) -> the post whose documents it holds."""
        return {rel.rsplit("/", 1)[0]: post_id for post_id, entry in self.posts.items() for rel in entry["files"]}

    def unchanged(self, out_dir: Path, post_id: str, inputs: str) -> bool:
        """True when the post's inputs are the same as last time and its files are still intact."""
        entry = self.posts.get(post_id)
        if not entry or entry["inputs"] != inputs:
            return False
        return all(_intact(out_dir, rel, digest) for rel, digest in entry["files"].items())

    def unchanged_file(self, out_dir: Path, rel: str, digest: str) -> bool:
        """True when the file at `rel` still has the bytes whose hash is `digest`."""
        return _intact(out_dir, rel, digest)

    def record(self, post_id: str, inputs: str, files: dict[str, bytes]) -> None:
        self.posts[post_id] = {"inputs": inputs, "files": {rel: sha256(b) for rel, b in sorted(files.items())}}

    def remove_stale(self, out_dir: Path, keep: set[str]) -> list[str]:
        """Delete files of posts no longer in `keep` (unless a kept post now writes them); return them."""
        gone = {post_id: self.posts.pop(post_id) for post_id in list(self.posts) if post_id not in keep}
        current = {rel for entry in self.posts.values() for rel in entry["files"]}
        removed: list[str] = []
        for entry in gone.values():
            for rel, digest in entry["files"].items():
                if rel not in current:
                    removed += _remove(out_dir, rel, digest)
        return removed

    def drop_files(self, out_dir: Path, post_id: str, new_files: set[str]) -> list[str]:
        """Delete files this post wrote last time but no longer writes (e.g. after a rename of the post)."""
        old = self.posts.get(post_id, {}).get("files", {})
        removed: list[str] = []
        for rel in sorted(set(old) - new_files):
            removed += _remove(out_dir, rel, old[rel])
        return removed


def _intact(out_dir: Path, rel: str, digest: str) -> bool:
    try:
        path = inside(out_dir, rel)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a pipe put there would not block
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return False
            return hashlib.file_digest(handle, "sha256").hexdigest() == digest
    except (ValueError, Refused, OSError):
        return False


def _remove(out_dir: Path, rel: str, digest: str) -> list[str]:
    """Delete one file jobpack wrote, if it still has the bytes jobpack wrote, and folders left empty."""
    if not _intact(out_dir, rel, digest):
        return []  # not there, outside the folder, behind a link, or changed by someone: not ours to delete
    path = inside(out_dir, rel)
    with writing(path):
        path.unlink()
    root = out_dir.resolve()
    folder = path.parent
    while folder.resolve() != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
    return [rel]
