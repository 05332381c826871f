"""Each post file's kept check results (`units`): what one unit holds, and its sealed file in this machine's
cache folder, read field by field (a damaged or forged file is read as "nothing kept")."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jobpack.atomic import write_if_changed
from jobpack.build.cache import problem_from
from jobpack.build.state import read_sealed, seal
from jobpack.errors import Problem
from jobpack.faults import CannotWrite, Refused
from jobpack.render.verify import Verdict

UNITS = "units.json"


@dataclass
class Unit:
    """What checking one post file found (see the module docstring for the categories' order)."""

    post_id: str
    file: str
    deps: dict[str, str] = field(default_factory=dict)  # every file it drew on (its own too) -> content hash
    load: list[Problem] = field(default_factory=list)
    broken: bool = False
    profile: bool = False
    own: list[Problem] = field(default_factory=list)  # school, variables, pay and hours, pictures
    resolve: list[Problem] = field(default_factory=list)
    folder: str | None = None  # a buildable post's output folder
    school_at: tuple[int | None, int | None] = (None, None)
    verdict: Verdict | None = None
    allow: list[Problem] = field(default_factory=list)
    phrases: list[Problem] = field(default_factory=list)
    sentences: list[Problem] = field(default_factory=list)
    document: list[Problem] = field(default_factory=list)
    draws: list[str] = field(default_factory=list)
    extra: Any = None  # what the caller's `Trustwide.extra` made of the post (never kept on disk)

    def keep(self) -> bool:
        problems = self.load + self.own + self.resolve + self.allow + self.phrases + self.sentences + self.document
        return not any(p.severity == "error" for p in problems) and (self.verdict is None or _clean(self.verdict))


def _clean(verdict: Verdict) -> bool:
    return verdict.theme is None and not any(verdict.html.values()) and not any(verdict.docx.values())


def _problems(data: Any) -> list[Problem]:
    if not isinstance(data, list):
        raise ValueError("problems")
    return [problem_from(p) for p in data]


def _verdict_json(verdict: Verdict | None) -> Any:
    if verdict is None:
        return None
    return {"school": verdict.school, "word": {k: str(v) for k, v in verdict.word.items()},
            "html": {k: None if v is None else [p.as_json() for p in v] for k, v in verdict.html.items()},
            "docx": {k: None if v is None else [p.as_json() for p in v] for k, v in verdict.docx.items()}}


def _verdict(data: Any) -> Verdict | None:
    if data is None:
        return None
    if not (isinstance(data, dict) and isinstance(data.get("school"), str)):
        raise ValueError("verdict")
    maps = [data.get(k) for k in ("word", "html", "docx")]
    if not all(isinstance(m, dict) and all(isinstance(k, str) for k in m) for m in maps):
        raise ValueError("verdict")
    word = {k: Path(v) for k, v in maps[0].items() if isinstance(v, str)}
    if len(word) != len(maps[0]):
        raise ValueError("verdict")
    html = {k: None if v is None else _problems(v) for k, v in maps[1].items()}
    docx = {k: None if v is None else _problems(v) for k, v in maps[2].items()}
    return Verdict(data["school"], None, html, word, docx)


def unit_json(unit: Unit) -> dict[str, Any]:
    return {"post_id": unit.post_id, "file": unit.file, "deps": unit.deps, "profile": unit.profile,
            "folder": unit.folder, "school_at": list(unit.school_at), "verdict": _verdict_json(unit.verdict),
            "draws": unit.draws, **{k: [p.as_json() for p in getattr(unit, k)] for k in PROBLEM_FIELDS}}


PROBLEM_FIELDS = ("load", "own", "resolve", "allow", "phrases", "sentences", "document")


def unit_from(data: Any) -> Unit:
    """A kept unit, checked field by field (ValueError when it is not one)."""
    if not isinstance(data, dict):
        raise ValueError("unit")
    deps, at, draws = data.get("deps"), data.get("school_at"), data.get("draws")
    if not (isinstance(data.get("post_id"), str) and isinstance(data.get("file"), str)
            and isinstance(deps, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in deps.items())
            and isinstance(data.get("profile"), bool)
            and (data.get("folder") is None or isinstance(data["folder"], str))
            and isinstance(at, list) and len(at) == 2
            and all(v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in at)
            and isinstance(draws, list) and all(isinstance(d, str) for d in draws)):
        raise ValueError("unit")
    return Unit(data["post_id"], data["file"], deps, profile=data["profile"], folder=data["folder"],
                school_at=(at[0], at[1]), verdict=_verdict(data.get("verdict")), draws=list(draws),
                **{k: _problems(data.get(k)) for k in PROBLEM_FIELDS})


@dataclass
class Kept:
    """What the last check kept under the same trust-wide inputs: each post file's unit, and the schools
    whose website templates compiled cleanly (they depend on the templates and jobpack alone)."""

    units: dict[str, Unit] = field(default_factory=dict)
    clean_sites: set[str] = field(default_factory=set)


def read_units(folder: Path, key: str) -> Kept:
    """What the last check of this trust kept under the same trust-wide inputs; nothing on any doubt."""
    data = read_sealed(folder / UNITS)
    if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("units"), list):
        return Kept()
    sites = data.get("clean_sites", [])
    try:
        units = [unit_from(u) for u in data["units"]]
    except (ValueError, TypeError, KeyError, AttributeError):
        return Kept()
    if not (isinstance(sites, list) and all(isinstance(s, str) for s in sites)):
        return Kept()
    return Kept({u.post_id: u for u in units}, set(sites))


def write_units(folder: Path, key: str, units: list[Unit], site_found: dict[str, list[Problem]]) -> None:
    data = seal({"key": key, "units": [unit_json(u) for u in units if u.keep()],
                 "clean_sites": sorted(school for school, found in site_found.items() if not found)})
    with contextlib.suppress(OSError, CannotWrite, Refused):
        folder.mkdir(parents=True, exist_ok=True)
        write_if_changed(folder / UNITS, (json.dumps(data, sort_keys=True) + "\n").encode("utf-8"), counted=False)
