"""Spreading a build over several machines: `build --shard I/N` builds a fixed share of the posts, and
`merge` puts the shards' output folders back together, byte for byte what one machine would have built.

A post's shard depends only on its id (a hash of it), so adding or removing other posts never moves it,
and every shard validates the whole trust, so each one fails on the same errors as a full build would.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from jobpack.atomic import inside, make_folder, sha256, write_files
from jobpack.build.cache import CACHE, Cache
from jobpack.build.manifest import MANIFEST, Manifest
from jobpack.errors import InvalidTrust, Problem
from jobpack.faults import Refused

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

    def record(self, prints: dict[str, str]) -> dict:
        """What the shard's manifest says of it: which share it is, and a hash of every input it was built
        from (the fingerprint), which all shards of one commit of one trust share."""
        trust = hashlib.sha256(json.dumps(prints, sort_keys=True).encode("utf-8")).hexdigest()
        return {"index": self.index, "count": self.count, "trust": trust}


def _problem(folder: Path, message: str, hint: str) -> InvalidTrust:
    return InvalidTrust([Problem(str(folder), message, hint=hint)])


def merge(folders: list[Path], out_dir: Path) -> list[str]:
    """Copy the documents of every shard's output folder into `out_dir` with one manifest (and one build
    cache), as a single build would have written them. Returns the files written. Refuses, writing
    nothing, when a folder is not a build's output, a shard is missing or of another trust or commit, two
    shards built the same post or the same file, a manifest names a file outside its folder, or a document
    does not have the bytes its manifest records."""
    merged = Manifest()
    files: dict[str, bytes] = {}
    came_from: dict[str, Path] = {}
    caches: list[Cache | None] = []
    manifests: list[tuple[Path, Manifest]] = []
    for folder in folders:
        if not (folder / MANIFEST).is_file():
            raise _problem(folder, "This folder has no jobpack manifest: it is not the output of 'jobpack build'.",
                           "Give the output folders of 'jobpack build --shard I/N'.")
        manifests.append((folder, Manifest.read(folder, sealed=False)))  # another machine's: bytes checked below
    _same_build(manifests)
    for folder, manifest in manifests:
        for post_id, entry in manifest.posts.items():
            if post_id in merged.posts:
                raise _problem(folder, f"The post '{post_id}' was built by two of these shards.",
                               "Build each shard into its own folder with the same N, then merge them.")
            for rel, digest in entry["files"].items():
                data = _read_document(folder, rel)
                if sha256(data) != digest:
                    raise _problem(folder, f"{rel} has changed since it was built.",
                                   "Build that shard again, then merge.")
                if rel in files and files[rel] != data:
                    raise _problem(folder, f"{rel} is in {came_from[rel]} too, with different contents.",
                                   "Two shards cannot both write one file: build every shard from the same "
                                   "commit into its own folder, then merge.")
                files[rel] = data
                came_from[rel] = folder
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


def _read_document(folder: Path, rel: str) -> bytes:
    """The bytes of a document a shard's manifest lists, refusing a path that leaves the folder or passes
    through a link (a manifest is only as trustworthy as the folder it came in)."""
    try:
        return inside(folder, rel).read_bytes()
    except (ValueError, Refused) as exc:
        raise _problem(folder / MANIFEST, f"The manifest lists '{rel[:200]}', which is not a file inside "
                       f"{folder.name}/ ({exc}).", "Build that shard again with 'jobpack build --shard I/N', "
                       "then merge.") from None
    except OSError as exc:
        raise _problem(folder, f"{rel[:200]} is listed in the manifest but cannot be read "
                       f"({exc.strerror or exc}).", "Build that shard again, then merge.") from None


def _same_build(manifests: list[tuple[Path, Manifest]]) -> None:
    """Refuse shards that are not all the shards of one build: one missing, one given twice, or one built
    from another trust or another commit (its inputs differ)."""
    shards = [(folder, m.shard) for folder, m in manifests if m.shard is not None]
    if not shards:
        return  # whole builds (no --shard): nothing to match, only overlaps are refused
    if len(shards) != len(manifests):
        plain = next(folder for folder, m in manifests if m.shard is None)
        raise _problem(plain, "This folder is a whole build, not a shard, so it cannot be merged with shards.",
                       "Give only the folders of 'jobpack build --shard I/N', one for each I.")
    first_folder, first = shards[0]
    seen: dict[int, Path] = {}
    for folder, shard in shards:
        if shard["count"] != first["count"]:
            raise _problem(folder, f"This is shard {shard['index']} of {shard['count']}, but {first_folder} is "
                           f"shard {first['index']} of {first['count']}.",
                           "Build every shard with the same N, then merge them.")
        if shard["trust"] != first["trust"]:
            raise _problem(folder, f"This shard was built from different files than {first_folder}: another "
                           "trust, or another commit of it.",
                           "Build every shard from the same commit of the same trust, then merge them.")
        if shard["index"] in seen:
            raise _problem(folder, f"Shard {shard['index']} of {shard['count']} is given twice (also "
                           f"{seen[shard['index']]}).", "Give each shard's folder once.")
        seen[shard["index"]] = folder
    missing = sorted(set(range(1, first["count"] + 1)) - set(seen))
    if missing:
        names = ", ".join(f"{i}/{first['count']}" for i in missing)
        raise _problem(first_folder, f"Shard {names} {'is' if len(missing) == 1 else 'are'} missing: a merge "
                       f"needs all {first['count']} shards, or the site would lack their posts.",
                       "Give the output folder of every 'jobpack build --shard I/N', then merge again.")


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
