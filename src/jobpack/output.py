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
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".jobpack-manifest.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see either the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def inside(root: Path, relative: str) -> Path:
    """`root/relative`, refusing any path that would land outside `root` (defence in depth: slugs are safe)."""
    target = (root / relative).resolve()
    if not target.is_relative_to(root.resolve()):
        raise ValueError(f"refusing to write outside the output folder: {relative}")
    return target


@dataclass
class Manifest:
    """What a previous build wrote: post id -> inputs hash and {relative path: sha256}."""

    posts: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def read(cls, out_dir: Path) -> Manifest:
        try:
            data = json.loads((out_dir / MANIFEST).read_text("utf-8"))
            return cls(posts=dict(data.get("posts", {})))
        except (OSError, ValueError, AttributeError):
            return cls()

    def write(self, out_dir: Path) -> None:
        text = json.dumps({"generator": "jobpack", "posts": self.posts}, indent=2, sort_keys=True) + "\n"
        write_atomic(out_dir / MANIFEST, text.encode("utf-8"))

    def unchanged(self, out_dir: Path, post_id: str, inputs: str) -> bool:
        """True when the post's inputs are the same as last time and its files are still intact."""
        entry = self.posts.get(post_id)
        if not entry or entry.get("inputs") != inputs:
            return False
        for rel, digest in entry.get("files", {}).items():
            path = out_dir / rel
            if not path.is_file() or sha256(path.read_bytes()) != digest:
                return False
        return True

    def record(self, post_id: str, inputs: str, files: dict[str, bytes]) -> None:
        self.posts[post_id] = {"inputs": inputs, "files": {rel: sha256(b) for rel, b in sorted(files.items())}}

    def remove_stale(self, out_dir: Path, keep: set[str]) -> list[str]:
        """Delete files of posts no longer in `keep`, and files a post no longer produces; return them."""
        removed: list[str] = []
        for post_id in list(self.posts):
            if post_id not in keep:
                for rel in self.posts.pop(post_id).get("files", {}):
                    removed += _remove(out_dir, rel)
        return removed

    def drop_files(self, out_dir: Path, post_id: str, new_files: set[str]) -> list[str]:
        """Delete files this post wrote last time but no longer writes (e.g. after a rename of the post)."""
        old = set(self.posts.get(post_id, {}).get("files", {}))
        removed: list[str] = []
        for rel in sorted(old - new_files):
            removed += _remove(out_dir, rel)
        return removed


def _remove(out_dir: Path, rel: str) -> list[str]:
    try:
        path = inside(out_dir, rel)
    except ValueError:
        return []
    if path.is_file():
        path.unlink()
        folder = path.parent
        while folder != out_dir.resolve() and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
        return [rel]
    return []
