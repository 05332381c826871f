"""The full check of one state of a trust (a git revision `jobpack diff` exported), with what the caller
makes of each buildable post, reusing the per-post results that cannot have changed.

A post's check results and its composed content depend only on the files it draws on and the trust-wide
inputs (see `units`). So the check of a revision takes, as they are, the units of posts whose files have
the same hashes in this machine's kept results for the trust (those `jobpack check` keeps) or in a revision
already checked in this run, and works out only the others, in worker processes when they are many. Two
revisions' units with the same trust-wide key and the same files drawn on are the same post, composed
alike: `same_posts` says which, so a diff need not compose them at all. Whenever the per-post results
cannot be sure to agree with a full check (see `units.NeedFull`), the revision is checked in full, as
before. Either way its problems are the full check's, word for word.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jobpack.build.cache import fingerprint, with_logos
from jobpack.build.orchestrate import check
from jobpack.build.state import state_dir
from jobpack.build.unit_store import Unit, read_units
from jobpack.build.units import NeedFull, Trustwide, global_key, run_units, specials, trustwide, work_out_all
from jobpack.compose.post import ResolvedPost
from jobpack.errors import Problem
from jobpack.view.context import build_context

Extra = Callable[[ResolvedPost, dict[str, Any]], Any]
"""What the caller makes of a buildable post, from the post and its template names (diff: its Record)."""


@dataclass
class Revised:
    """A checked state of the trust."""

    root: Path
    key: str  # the trust-wide key its units were worked out under ("" after a full check: none to reuse)
    problems: list[Problem]
    built: list[str]  # the posts a build would make, in the full check's order
    units: dict[str, Unit] = field(default_factory=dict)  # post id -> its unit (none after a full check)
    extras: dict[str, Any] = field(default_factory=dict)  # post id -> what `extra` made of it, when worked out
    tw: Trustwide | None = None
    prints: dict[str, str] = field(default_factory=dict)
    jobs: int | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def _rebased(unit: Unit, old: Path, new: Path, extra: bool) -> Unit:
    """`unit` as worked out under the trust folder `new` instead of `old`: its Word templates' paths (the
    only paths it holds that are not relative to the trust) moved with it."""
    verdict = unit.verdict
    if verdict is not None:
        word = {k: new / p.relative_to(old) if p.is_relative_to(old) else p for k, p in verdict.word.items()}
        verdict = replace(verdict, word=word)
    return replace(unit, verdict=verdict, extra=unit.extra if extra else None)


def check_revision(root: Path, extra: Extra, earlier: Iterable[Revised] = (), kept_for: Path | None = None,
                   jobs: int | None = None) -> Revised:
    """The full check of the trust at `root`, with `extra` of each buildable post it worked out. Units are
    reused from `earlier` revisions and from the results this machine keeps for the trust at `kept_for`."""
    prints = fingerprint(root, [])
    try:
        tw = trustwide(root)
    except NeedFull:
        return _full(root, extra)
    here = tw.files.root
    logos = sorted({s.logo for s in tw.files.trust.model.schools if s.logo})  # type: ignore[union-attr]
    prints = with_logos(prints, here, logos)
    key = global_key(prints)
    kept: dict[str, Unit] = {}
    if kept_for is not None:
        theirs = kept_for.resolve()
        found = read_units(state_dir(kept_for), key)
        kept = {pid: _rebased(u, theirs, here, False) for pid, u in found.units.items()}
        tw.verifier.known_clean(found.clean_sites)
    for revised in earlier:  # a unit that answers here (the same files) wins: it carries its `extra`
        if revised.key == key:
            kept.update({pid: _rebased(u, revised.root, here, True) for pid, u in revised.units.items()
                         if u.keep() and all(prints.get(f) == h for f, h in u.deps.items())})
    tw.extra = extra
    try:
        problems, ordered, built, _ = run_units(tw, prints, {}, kept, specials(prints), jobs)
    except NeedFull:
        return _full(root, extra)
    units = {u.post_id: u for u in ordered}
    return Revised(here, key, problems, list(built), units,
                   {pid: units[pid].extra for pid in built if units[pid].extra is not None}, tw, prints, jobs)


def _full(root: Path, extra: Extra) -> Revised:
    checked = check(root)
    revised = Revised(checked.files.root, "", checked.problems, list(checked.posts))
    if not revised.errors:
        revised.extras = {pid: extra(post, build_context(post, checked.trust, checked.files.root, checked.logos))
                          for pid, post in checked.posts.items()}
    return revised


def same_posts(before: Revised, after: Revised) -> set[str]:
    """Posts built at both revisions from files with the same content and the same trust-wide inputs."""
    if not before.key or before.key != after.key:
        return set()
    return {pid for pid in set(before.built) & set(after.built)
            if before.units[pid].deps == after.units[pid].deps and before.units[pid].file == after.units[pid].file}


def extras_of(revised: Revised, ids: Iterable[str]) -> dict[str, Any]:
    """`extra` of each of the buildable posts `ids`, working out (without templates or lints) those whose unit
    was reused from the kept results."""
    wanted = [pid for pid in revised.built if pid in set(ids)]
    missing = [pid for pid in wanted if pid not in revised.extras]
    if missing:
        assert revised.tw is not None
        revised.tw.light = True
        try:
            for unit in work_out_all(revised.tw, missing, revised.prints, revised.jobs):
                revised.extras[unit.post_id] = unit.extra
        except NeedFull:
            full = _full(revised.root, revised.tw.extra)  # type: ignore[arg-type]
            revised.extras.update(full.extras)
        finally:
            revised.tw.light = False
    return {pid: revised.extras[pid] for pid in wanted}
