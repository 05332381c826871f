"""What `jobpack check` found last time, so checking an unchanged trust again takes a moment, not a minute.

`check.json` in this machine's cache folder for the trust (`state.state_dir`: never inside the trust,
so a record a pull request commits answers for nothing) records, for one exact state of the trust, everything
`jobpack check` prints: every problem (errors and warnings, in order, with file:line), the counts of the
"All good" line and which files each post and block draws on (for `check PATHS`). It is keyed by:

* the content hash (SHA-256) of every input file, the same fingerprint the build cache uses (`cache`);
* a hash of jobpack itself (version, code, built-in templates);
* the owner of each output folder, as the last build's manifest says, for the folders the posts want:
  the only thing outside the trust's files a check depends on (which post keeps a folder two posts want).

If any of these differs, the whole trust is checked again and the file is replaced. So the cache only
ever answers for a trust exactly as it was when it was checked in full: a cached check reports exactly
what a full one would.

It is a separate file from the build cache on purpose: the build cache's problems may come from a build
that validated only the posts that changed, and its list of posts means "documents up to date", which a
check (which writes no documents) must never claim. `jobpack build` writes this file too whenever it
validated the whole trust. It is plain JSON checked field by field when read; a damaged, foreign or
older file is ignored, never trusted, and a check that cannot write it still works.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jobpack.atomic import write_if_changed
from jobpack.build.cache import fingerprint, jobpack_digest, problem_from, strings, with_logos
from jobpack.build.manifest import Manifest
from jobpack.build.orchestrate import check
from jobpack.build.state import read_sealed, seal, state_dir
from jobpack.build.units import NeedFull, check_units
from jobpack.check.validate import Checked
from jobpack.errors import Problem
from jobpack.faults import CannotWrite, Refused
from jobpack.load import draws_on

CHECK_CACHE = "check.json"


def record_dir(root: Path) -> Path:
    """Where the trust's check record is kept: this machine's cache folder, never the trust."""
    return state_dir(root)


@dataclass
class CheckRecord:
    """Everything `jobpack check` reports about one state of the trust."""

    problems: list[Problem]
    posts: int  # buildable posts
    profiles: int
    blocks: int
    draws: dict[str, list[str]]  # each post's and block's file -> the files it draws on directly


def record_of(checked: Checked) -> CheckRecord:
    files = checked.files
    return CheckRecord(list(checked.problems), len(checked.posts),
                       sum(1 for p in files.posts.values() if p.model.profile), len(files.blocks), draws_on(files))


def _same_claims(claims: Any, owners: Mapping[str, str]) -> bool:
    """Whether the folders' owners now would decide every clash as they did (see validate._output_clashes):
    a folder several posts want needs the same owner; a folder one post wants, an owner that is no other
    post (none, or that post itself: either way no clash)."""
    if not isinstance(claims, dict):
        raise ValueError("claims")
    for folder, claim in claims.items():
        if not (isinstance(claim, dict) and isinstance(folder, str)):
            raise ValueError("claim")
        ids, owner = strings(claim.get("posts")), claim.get("owner")
        if not (owner is None or isinstance(owner, str)):
            raise ValueError("owner")
        now = owners.get(folder)
        if now != owner and not (len(ids) == 1 and {now, owner} <= {None, ids[0]}):
            return False
    return True


def read(out_dir: Path, root: Path, owners: Mapping[str, str]) -> CheckRecord | None:
    """The record of the last full check if the trust, jobpack and the folders' owners are all as they
    were then; None otherwise, or when the file is missing or damaged (any doubt: check everything).
    `out_dir` is the trust's record folder (see `record_dir`)."""
    try:
        data = read_sealed(out_dir / CHECK_CACHE)
        if not isinstance(data, dict) or data.get("jobpack") != jobpack_digest():
            return None
        if data.get("day") != dt.date.today().isoformat():
            return None  # which vacancies are open (and checked against Teaching Vacancies) changes with the day
        files, logos = data["files"], strings(data["logos"])
        if not isinstance(files, dict) or not _same_claims(data["claims"], owners):
            return None
        if fingerprint(root, logos) != files:
            return None
        if not isinstance(data["problems"], list):
            return None  # "problems": {} is damage, not "no problems"
        counts = [data[k] for k in ("posts", "profiles", "blocks")]
        if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in counts):
            return None
        draws = data["draws"]
        if not isinstance(draws, dict):
            return None
        graph = {file: strings(found) for file, found in draws.items() if isinstance(file, str)}
        if len(graph) != len(draws):
            return None
        return CheckRecord([problem_from(p) for p in data["problems"]], *counts, graph)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _owner(ids: list[str], owner: str | None) -> str | None:
    """The owner as recorded: a folder one post wants, owned by nobody or by that post, decides no clash
    either way, so both are written as none (a check before and after the first build write the same)."""
    return None if len(ids) == 1 and owner == ids[0] else owner


def write(out_dir: Path, prints: dict[str, str], checked: Checked) -> None:
    """Record a full check of the trust whose input files had the hashes `prints` before it was read
    (`prints` may lack the logos: they are added here, now that trust.yaml has said which they are).
    Best effort: a folder that cannot be written only costs the next check its shortcut."""
    if checked.files.trust is None:
        return  # nothing worth keeping
    logos = sorted({s.logo for s in checked.trust.schools if s.logo})
    _write(out_dir, with_logos(prints, checked.files.root, logos), logos, checked.claims, record_of(checked))


def _write(out_dir: Path, prints: dict[str, str], logos: list[str],
           claims: Mapping[str, tuple[list[str], str | None]], record: CheckRecord) -> None:
    data = {"generator": "jobpack", "jobpack": jobpack_digest(), "day": dt.date.today().isoformat(), "files": prints,
            "logos": logos, "claims": {folder: {"posts": ids, "owner": _owner(ids, owner)}
                                       for folder, (ids, owner) in sorted(claims.items())},
            "problems": [p.as_json() for p in record.problems], "posts": record.posts,
            "profiles": record.profiles, "blocks": record.blocks,
            "draws": {file: found for file, found in sorted(record.draws.items())}}
    with contextlib.suppress(OSError, CannotWrite, Refused):
        out_dir.mkdir(parents=True, exist_ok=True)
        text = json.dumps(seal(data), sort_keys=True) + "\n"
        write_if_changed(out_dir / CHECK_CACHE, text.encode("utf-8"), counted=False)  # not the user's files


def check_trust(root: Path, jobs: int | None = None, owners: Mapping[str, str] | None = None) -> CheckRecord:
    """What `jobpack check` reports for the trust at `root`: answered from the record while the trust, jobpack
    and the output folders' owners are as they were; else from each post file's kept results, working out
    again those whose files changed (see `units`), or, when those cannot be sure to agree, a full check.
    Whichever way, the answer is the full check's, and it is recorded for next time. `owners` are the output
    folders' owners (default: as the manifest in the trust's output/ says)."""
    owners = owners if owners is not None else Manifest.read(root / "output").owners()
    out_dir = record_dir(root)
    found = read(out_dir, root, owners)
    if found is not None:
        return found
    prints = fingerprint(root, [])  # before reading: a file edited meanwhile makes the record stale
    try:
        answer = check_units(root, prints, owners, out_dir, jobs)
    except NeedFull:
        result = check(root, owners=owners, jobs=jobs)
        write(out_dir, prints, result)
        return record_of(result)
    record = CheckRecord(answer.problems, answer.posts, answer.profiles, answer.blocks, answer.draws)
    _write(out_dir, with_logos(prints, root.resolve(), answer.logos), answer.logos, answer.claims, record)
    return record
