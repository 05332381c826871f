"""Spreading a build over several machines: `build --shard I/N` builds a fixed share of the posts, and
`merge` puts the shards' output folders back together, byte for byte what one machine would have built.

A post's shard depends only on its id (a hash of it), so adding or removing other posts never moves it,
and every shard validates the whole trust, so each one fails on the same errors as a full build would.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from jobpack.atomic import inside, make_folder, sha256, write_files
from jobpack.build.cache import CACHE, Cache
from jobpack.build.manifest import MANIFEST, Manifest
from jobpack.errors import InvalidTrust, Problem

_SPEC = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


@dataclass(frozen=True)
class Shard:
    """Shard `index` (1-based) of `count`."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        """'2/4' -> Shard(2, 4); a clear message for anything else."""
        match = _SPEC.match(text)
        if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
            raise ValueError(f"'{text}' is not a shard: write I/N with 1 <= I <= N, e.g. --shard 2/4.")
        return cls(int(match.group(1)), int(match.group(2)))

    def has(self, post_id: str) -> bool:
        """True when `post_id` is built by this shard: stable across runs, machines and Python versions."""
        number = int.from_bytes(hashlib.sha256(post_id.encode("utf-8")).digest()[:8], "big")
        return number % self.count == self.index - 1


def _problem(folder: Path, message: str, hint: str) -> InvalidTrust:
    return InvalidTrust([Problem(str(folder), message, hint=hint)])


def merge(folders: list[Path], out_dir: Path) -> list[str]:
    """Copy the documents of every shard's output folder into `out_dir` with one manifest (and one build
    cache), as a single build would have written them. Returns the files written. Refuses, writing
    nothing, when a folder is not a build's output, two shards built the same post, or a document does not
    have the bytes its manifest records."""
    merged = Manifest()
    files: dict[str, bytes] = {}
    caches: list[Cache | None] = []
    for folder in folders:
        if not (folder / MANIFEST).is_file():
            raise _problem(folder, "This folder has no jobpack manifest: it is not the output of 'jobpack build'.",
                           "Give the output folders of 'jobpack build --shard I/N'.")
        manifest = Manifest.read(folder, sealed=False)  # another machine's: every byte is checked below
        for post_id, entry in manifest.posts.items():
            if post_id in merged.posts:
                raise _problem(folder, f"The post '{post_id}' was built by two of these shards.",
                               "Build each shard into its own folder with the same N, then merge them.")
            for rel, digest in entry["files"].items():
                data = inside(folder, rel).read_bytes()
                if sha256(data) != digest:
                    raise _problem(folder, f"{rel} has changed since it was built.",
                                   "Build that shard again, then merge.")
                files[rel] = data
            merged.posts[post_id] = entry
        caches.append(Cache.read(folder))
    make_folder(out_dir)
    old = Manifest.read(out_dir)
    write_files({inside(out_dir, rel): data for rel, data in sorted(files.items())})
    old.remove_stale(out_dir, set(merged.posts))
    merged.write(out_dir)
    cache = _merged_cache(caches)
    if cache is not None:
        cache.write(out_dir)
    else:
        (out_dir / CACHE).unlink(missing_ok=True)
    return sorted(files)


def _merged_cache(caches: list[Cache | None]) -> Cache | None:
    """One cache for the merged folder, when every shard has a usable one of the same trust."""
    if not caches or any(c is None for c in caches):
        return None
    first = caches[0]
    assert first is not None
    merged = Cache(files=first.files, logos=first.logos, profiles=first.profiles, problems=first.problems)
    failed: set[str] = set()
    for cache in caches:
        assert cache is not None
        if (cache.files, cache.logos, cache.profiles) != (first.files, first.logos, first.profiles):
            return None  # shards built from different versions of the trust: validate afresh next time
        merged.posts.update(cache.posts)
        failed |= set(cache.failed)
    merged.failed = sorted(failed)
    return merged
