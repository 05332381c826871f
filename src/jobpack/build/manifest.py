"""The manifest of what jobpack wrote (`.jobpack-manifest.json` in the output folder).

It records each post's files, their hashes and a hash of the post's inputs, so unchanged posts are
skipped and the outputs of deleted or renamed posts are removed — but never a file jobpack did not write.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from jobpack.atomic import inside, sha256, write_if_changed, writing
from jobpack.build.state import read_json, seal, unseal
from jobpack.faults import Refused

MANIFEST = ".jobpack-manifest.json"


@dataclass
class Manifest:
    """What a previous build wrote: post id -> inputs hash and {relative path: sha256}."""

    posts: dict[str, dict] = field(default_factory=dict)
    shard: dict | None = None
    """For a shard's folder: {"index": I, "count": N, "trust": hash of the inputs it was built from}, so
    `merge` can tell a missing shard, or shards of different trusts or commits."""

    @classmethod
    def read(cls, out_dir: Path, sealed: bool = True) -> Manifest:
        """The manifest, keeping only well-formed entries: a damaged one only costs a rebuild. Only a
        manifest this machine sealed is read (see `state`), unless `sealed` is False: `merge` reads a
        shard's (written on another machine) and checks every document's bytes against it instead."""
        data = read_json(out_dir / MANIFEST)
        if sealed:
            data = unseal(data)
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
        shard = data.get("shard")
        if not (isinstance(shard, dict) and isinstance(shard.get("index"), int)
                and isinstance(shard.get("count"), int) and isinstance(shard.get("trust"), str)):
            shard = None
        return cls(posts=clean, shard=shard)

    def write(self, out_dir: Path) -> None:
        data: dict = {"generator": "jobpack", "posts": self.posts}
        if self.shard is not None:
            data["shard"] = self.shard
        text = json.dumps(seal(data), indent=2, sort_keys=True) + "\n"
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
