"""The build cache: what the last build learnt about the trust, so the next one redoes only what changed.

`.jobpack-cache.json` in the output folder records a content hash (SHA-256) of every input file, a hash
of jobpack itself (its version, code and built-in templates), and for every post the files it draws on
(its own file, the profiles it extends, every block it uses, nested ones included), its output folder,
the hash of its inputs and the problems `check` found. The next build hashes the input files again:

* nothing changed: nothing is parsed, validated or rendered; the documents are only checked to be there;
* a post, profile or block changed: only the posts that draw on it are read, validated and resolved again;
* trust.yaml, a template, a logo or anything in assets/ changed, a block or profile was added or removed,
  or jobpack itself changed: the whole trust is validated again (posts still render only if their
  documents would differ).

The cache holds nothing of the machine (no times, no absolute paths), so two builds of the same trust
write the same bytes. It is plain JSON checked field by field when read: a damaged, foreign or older cache is ignored
(the build then validates everything), never trusted. It is never executed (no pickle).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jobpack import __version__
from jobpack.atomic import write_if_changed
from jobpack.build.state import read_sealed, seal
from jobpack.errors import Problem

CACHE = ".jobpack-cache.json"
FORMAT = 1
WATCHED = ("blocks", "posts", "templates", "assets")
"""Folders of the trust whose files are inputs (with trust.yaml and the schools' logos)."""


@functools.cache
def jobpack_digest() -> str:
    """A hash of jobpack's version and every file of its package (code, built-in templates, data), so a new
    jobpack, or an edited one in development, never reuses what an older one worked out."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(f"{__version__}/{FORMAT}".encode())
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _hash_file(path: Path, root: Path) -> str:
    """The file's content hash; a link leading outside the trust is never read (its target is named), nor
    anything that is not a regular file (a link to a FIFO or /dev/zero)."""
    try:
        real = path.resolve()
        if not real.is_relative_to(root):
            return "outside:" + str(real)
        if not real.is_file():
            return "special" if real.exists() else "missing"
        return _sha256(real)
    except OSError as exc:
        return f"unreadable:{exc.errno}"


def _sha256(path: str | Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _walk(folder: str, rel: str, root: Path, found: dict[str, str], seen: frozenset[str] = frozenset()) -> None:
    """Hash every file under `folder` into `found` under the names the loader reads them by: a link to a
    folder inside the trust is followed (the loader follows it), one leading outside is recorded by its
    target and never read (the loader refuses what is under it); a link to a file is resolved the same
    way; a pipe, socket or device is never opened (reading a FIFO would wait for ever) but recorded as
    "special", so `special_files` can warn about it."""
    real = os.path.realpath(folder)
    if real in seen:
        found[rel + "/"] = "loop"
        return
    seen = seen | {real}
    with os.scandir(folder) as listing:
        entries = list(listing)
    for entry in entries:
        name = f"{rel}/{entry.name}"
        try:
            link = entry.is_symlink()
            if entry.is_dir():
                target = Path(os.path.realpath(entry.path))
                if not link:
                    _walk(entry.path, name, root, found, seen)
                elif target.is_relative_to(root):
                    found[name + "/"] = "link:" + target.relative_to(root).as_posix()
                    _walk(entry.path, name, root, found, seen)
                else:
                    found[name + "/"] = "outside:" + str(target)
                continue
            if not entry.is_file():  # a pipe, socket or device (or a link to one, or to nothing)
                found[name] = _hash_file(Path(entry.path), root) if link else "special"
                continue
        except OSError:
            link = True  # cannot tell: take the careful way
        if link:
            found[name] = _hash_file(Path(entry.path), root)
        else:
            try:
                found[name] = _sha256(entry.path)
            except OSError as exc:
                found[name] = f"unreadable:{exc.errno}"


def fingerprint(root: Path, logos: list[str]) -> dict[str, str]:
    """Trust-relative path -> content hash of every input file: trust.yaml, everything under blocks/,
    posts/, templates/ and assets/ (through links to folders inside the trust, as the loader reads them),
    and the logo files trust.yaml names (`logos`); and whether each of those folders is there."""
    root = root.resolve()
    found: dict[str, str] = {}
    if (root / "trust.yaml").exists():
        found["trust.yaml"] = _hash_file(root / "trust.yaml", root)
    for folder in WATCHED:
        base = root / folder
        target = Path(os.path.realpath(base))
        if base.is_symlink() and not target.is_relative_to(root):
            found[folder + "/"] = "outside:" + str(target)
        elif base.is_dir():
            # an empty posts/ is not a missing one ("There is no posts/ folder"); a linked one names its target
            found[folder + "/"] = "link:" + target.relative_to(root).as_posix() if base.is_symlink() else "folder"
            _walk(str(base), folder, root, found)
    return with_logos(found, root, logos)


def special_files(prints: dict[str, str]) -> list[str]:
    """The pipes, sockets and devices among a fingerprint's files (jobpack skips them)."""
    return sorted(name for name, value in prints.items() if value == "special")


def with_logos(found: dict[str, str], root: Path, logos: list[str]) -> dict[str, str]:
    """`found` (a fingerprint) with the hashes of the logo files trust.yaml names added."""
    root = root.resolve()
    found = dict(found)
    for logo in logos:
        path = root / logo
        if path.exists():
            found.setdefault(Path(os.path.normpath(logo)).as_posix(), _hash_file(path, root))
    return found


def problem_from(data: Any) -> Problem:
    """A problem read back from a cache, checked field by field (ValueError when it is not one)."""
    if not isinstance(data, dict):
        raise ValueError("problem")
    file, message, hint, severity = (data.get(k) for k in ("file", "message", "hint", "severity"))
    line, column, chain = data.get("line"), data.get("column"), data.get("chain")
    if not (isinstance(file, str) and isinstance(message, str) and isinstance(hint, str)
            and severity in ("error", "warning") and isinstance(chain, list)
            and all(isinstance(c, str) for c in chain)
            and all(v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in (line, column))):
        raise ValueError("problem")
    return Problem(file, message, line, column, hint, tuple(chain), severity)


def strings(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("list of text")
    return value


@dataclass
class PostEntry:
    """What the cache knows of one buildable post."""

    school: str
    folder: str
    deps: list[str]  # trust-relative files it draws on (own file, profiles, blocks)


@dataclass
class Cache:
    """What the last build worked out, keyed by the input files' hashes."""

    files: dict[str, str] = field(default_factory=dict)  # input file -> content hash
    logos: list[str] = field(default_factory=list)  # logo paths trust.yaml names
    posts: dict[str, PostEntry] = field(default_factory=dict)  # buildable post id -> entry
    failed: list[str] = field(default_factory=list)  # posts with errors (not buildable)
    profiles: list[str] = field(default_factory=list)  # role profiles (never built)
    problems: list[Problem] = field(default_factory=list)  # every problem check found

    @classmethod
    def read(cls, out_dir: Path) -> Cache | None:
        """The cache of the last build, or None when there is none, or it is damaged, or it was written
        by another jobpack: any doubt costs a full validation, never a wrong document."""
        try:
            data = read_sealed(out_dir / CACHE)  # size-capped, depth-safe, and only what this machine wrote
            if not isinstance(data, dict) or data.get("jobpack") != jobpack_digest():
                return None
            files = data["files"]
            if not isinstance(files, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                      for k, v in files.items()):
                return None
            posts = {}
            for post_id, entry in data["posts"].items():
                if not (isinstance(post_id, str) and isinstance(entry, dict)
                        and isinstance(entry.get("school"), str) and isinstance(entry.get("folder"), str)):
                    return None
                posts[post_id] = PostEntry(entry["school"], entry["folder"], strings(entry.get("deps")))
            if not isinstance(data["posts"], dict):
                return None
            return cls(files=files, logos=strings(data["logos"]), posts=posts, failed=strings(data["failed"]),
                       profiles=strings(data["profiles"]), problems=[problem_from(p) for p in data["problems"]])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def write(self, out_dir: Path) -> None:
        data = {"generator": "jobpack", "jobpack": jobpack_digest(), "files": self.files, "logos": self.logos,
                "posts": {pid: {"school": e.school, "folder": e.folder, "deps": e.deps}
                          for pid, e in sorted(self.posts.items())},
                "failed": sorted(self.failed), "profiles": sorted(self.profiles),
                "problems": [p.as_json() for p in self.problems]}
        write_if_changed(out_dir / CACHE, (json.dumps(seal(data), sort_keys=True) + "\n").encode("utf-8"))


@dataclass
class Plan:
    """What this build must validate again: everything (`full`), or only the posts and profiles in `posts`
    (with the profiles they extend, trust.yaml and every block, which are few and always read)."""

    full: bool
    posts: set[str] = field(default_factory=set)
    changed: set[str] = field(default_factory=set)


def plan(cache: Cache | None, files: dict[str, str]) -> Plan:
    """Which posts must be read and validated again, given the cache and the input files' hashes now."""
    if cache is None:
        return Plan(True)
    changed = {f for f in set(files) | set(cache.files) if files.get(f) != cache.files.get(f)}
    if not changed:
        return Plan(False, set(), changed)
    post_files = {f"posts/{pid}": pid for pid in [*cache.posts, *cache.failed, *cache.profiles]}
    affected: set[str] = set()
    for path in changed:
        stem = path.rsplit(".", 1)[0]
        if path.startswith("templates/schools/"):
            school = path.split("/")[2]
            affected |= {pid for pid, e in cache.posts.items() if e.school == school}
        elif path.startswith("posts/") and path.endswith((".yaml", ".yml")):
            if stem in post_files:  # a post, or a profile (read again even if no post extends it)
                affected.add(post_files[stem])
            elif path in files:
                affected.add(stem.removeprefix("posts/"))  # a new post
            # a deleted post needs nothing validated: its documents are removed
        elif path.startswith("blocks/") and path in files and path in cache.files:
            pass  # an edited block: the posts that use it, below
        elif path.startswith("posts/") and not path.endswith((".yaml", ".yml")):
            pass  # not a post (a README, an editor's backup)
        else:
            return Plan(True, changed=changed)  # trust.yaml, a template, a logo, assets, a new or removed block
    affected |= {pid for pid, e in cache.posts.items() if changed & set(e.deps)}
    affected |= set(cache.failed)  # a post with errors may be fixed by any change
    return Plan(False, affected, changed)
