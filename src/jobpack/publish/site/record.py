"""What the last site build made, kept so that building the site of an unchanged trust again is a copy, not a
render.

Every file of the site (pages, index, search index, packs.json, sitemap, assets, logos) is a pure function of
the trust's input files, jobpack itself (its code and built-in templates), the day (the check's, and the
site's `today`), the documents the build left (their paths and sizes; their bytes are copied from the
documents folder, never kept here) and the page maker another tool hands over. So the last build's files
are kept in this machine's cache folder for the trust (beside the check record, never in the trust or the
site: see build/state), under exactly those, and a build whose inputs are all the same writes them again
without reading, validating, composing or rendering a post. Any doubt (an edited file, another jobpack,
another day, a document of another size, a damaged, foreign or half-written record) builds the site in full
and records it again.

`site.json` is sealed (only this machine's jobpack wrote it) and checked field by field; it names the
SHA-256 of `site-files.z` (the kept files' bytes, compressed), which is read only when that hash matches.
A page maker is part of the key by name, so only a module-level function of jobpack itself (whose code
`jobpack_digest` covers) is trusted to make the same pages again; any other maker always builds in full.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jobpack.atomic import write_if_changed
from jobpack.build.cache import jobpack_digest, problem_from, strings
from jobpack.build.state import MAX_STATE_BYTES, read_bytes, read_sealed, seal
from jobpack.errors import Problem
from jobpack.faults import CannotWrite, Refused

RECORD = "site.json"
KEPT = "site-files.z"
LEVEL = 3  # zlib: a 1,000-post site's 38 MB of pages keep in 4 MB, in a fifth of a second


@dataclass
class SiteRecord:
    """One site build: its key, the documents it linked, its files in writing order, and its report."""

    key: dict[str, str]
    logos: list[str]  # the logo files trust.yaml named (their hashes are in the key's fingerprint)
    documents: dict[str, int]  # each document it published (relative to the documents folder) -> its size
    files: list[tuple[str, str | int]]  # site path -> a document (relative to the documents folder), or the
    # length of its bytes, kept one after another in site-files.z
    posts: list[str]
    pages: list[str]
    open_vacancies: list[str]
    problems: list[Problem]  # the documents build's: the full check's, in its order
    warnings: list[Problem]  # about the site itself
    kept: str = ""  # the SHA-256 of site-files.z as written with this record


def maker_name(maker: Callable[..., Any] | None) -> str | None:
    """The page maker as the key names it ("" for none); None for one that cannot be named for sure."""
    if maker is None:
        return ""
    module, name = getattr(maker, "__module__", None), getattr(maker, "__qualname__", None)
    if isinstance(module, str) and module.startswith("jobpack.") and isinstance(name, str) and name.isidentifier():
        return f"{module}.{name}"
    return None


def key(prints: dict[str, str], docs_dir: Path, today: dt.date, maker: str) -> dict[str, str]:
    """Everything the site's files are made from besides the documents (see the module docstring).
    `prints` is the trust's fingerprint with its logos (build/cache.fingerprint), taken before reading."""
    files = hashlib.sha256(json.dumps(sorted(prints.items())).encode("utf-8")).hexdigest()
    return {"jobpack": jobpack_digest(), "day": dt.date.today().isoformat(), "today": today.isoformat(),
            "documents": str(docs_dir.resolve()), "maker": maker, "files": files}


def read(folder: Path) -> SiteRecord | None:
    """The last site build's record (its files not yet read: see `kept_files`), or None on any doubt."""
    data = read_sealed(folder / RECORD)
    try:
        if not isinstance(data, dict) or data.get("generator") != "jobpack site":
            return None
        found, documents = data["key"], data["documents"]
        if not (isinstance(found, dict) and all(isinstance(v, str) for v in found.values())
                and isinstance(documents, dict)
                and all(isinstance(k, str) and type(v) is int for k, v in documents.items())):
            return None
        files: list[tuple[str, str | int]] = []
        for entry in data["files"]:
            if not (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str)
                    and (isinstance(entry[1], str) or (type(entry[1]) is int and entry[1] >= 0))):
                return None
            files.append((entry[0], entry[1]))
        if not isinstance(data["kept"], str):
            return None
        return SiteRecord(found, strings(data["logos"]), documents, files, strings(data["posts"]),
                          strings(data["pages"]), strings(data["open_vacancies"]),
                          [problem_from(p) for p in data["problems"]], [problem_from(p) for p in data["warnings"]],
                          data["kept"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def kept_files(folder: Path, record: SiteRecord) -> dict[str, str | bytes] | None:
    """The record's files: bytes from `site-files.z` (only if it is the one the record names), documents
    by their path in the documents folder; None when the kept bytes are missing or not the recorded ones."""
    blob = read_bytes(folder / KEPT)
    if blob is None or hashlib.sha256(blob).hexdigest() != record.kept:
        return None  # missing, damaged, or written by a later build than the record in hand
    total = sum(length for _, length in record.files if isinstance(length, int))
    try:
        unpack = zlib.decompressobj()
        raw = unpack.decompress(blob, total + 1)
    except zlib.error:
        return None
    if len(raw) != total or not unpack.eof:
        return None
    files: dict[str, str | bytes] = {}
    at = 0
    for rel, content in record.files:
        if isinstance(content, int):
            files[rel] = raw[at:at + content]
            at += content
        else:
            files[rel] = content
    return files


def write(folder: Path, record: SiteRecord, kept: list[bytes]) -> None:
    """Keep `record` for the next build, with the bytes of its files that are not documents (`kept`, in the
    record's order). Best effort: a cache folder that cannot be written costs the next build only its copy."""
    raw = b"".join(kept)
    blob = zlib.compress(raw, LEVEL)
    if len(blob) > MAX_STATE_BYTES:
        return  # more than a state file may be: the next build reads none and builds in full
    data = {"generator": "jobpack site", "key": record.key, "logos": record.logos,
            "documents": record.documents, "kept": hashlib.sha256(blob).hexdigest(),
            "files": [[rel, content] for rel, content in record.files],
            "posts": record.posts, "pages": record.pages, "open_vacancies": record.open_vacancies,
            "problems": [p.as_json() for p in record.problems], "warnings": [p.as_json() for p in record.warnings]}
    with contextlib.suppress(OSError, CannotWrite, Refused):
        folder.mkdir(parents=True, exist_ok=True)
        write_if_changed(folder / KEPT, blob, counted=False)  # the bytes first: never a record without them
        text = json.dumps(seal(data), sort_keys=True) + "\n"
        write_if_changed(folder / RECORD, text.encode("utf-8"), counted=False)  # (not the user's files)
