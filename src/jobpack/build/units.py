"""`jobpack check` one post file at a time: each file's results kept, keyed by what it drew on.

A post's problems (reading it, its school and wording, resolving it, its pay and hours, its templates'
verdict, its lints) depend only on its own file, the profiles and blocks it reaches (the use records give
the graph) and trust-wide inputs (trust.yaml, templates, assets, logos, jobpack itself). So each file's
results are a `Unit`, kept in this machine's cache folder (sealed: see `state`) under the hashes of
exactly those files. A check reads trust.yaml and the blocks (few, always), works out again only the
units whose files changed, recomputes the trust-wide checks (output clashes) and puts every problem in
the order a full check gives (see `assemble`): the answer is the full check's, word for word.

Whenever a result could depend on the order posts are read in — a block or role profile with problems of
its own (reported once, through the first post that reaches it), two files for one post or block, a post
extending one that does not exist — `NeedFull` is raised and the caller runs the full check instead. A
unit with an error is never kept (errors name other files' state). Many units to work out (a first
check) are shared between worker processes, their results put back in order.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import multiprocessing
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jobpack.build.cache import jobpack_digest
from jobpack.build.unit_store import UNITS as UNITS  # where the units are kept (tests name it here)
from jobpack.build.unit_store import Unit, read_units, write_units
from jobpack.check.lint.run import Linter, by_item, item_index
from jobpack.check.lint.texts import block_texts, post_texts, trust_texts
from jobpack.check.validate import (
    check_logos,
    check_post_details,
    check_trust_file,
    finish,
    output_clashes,
    profile_problems,
    school_problems,
)
from jobpack.compose.resolve import MAX_NESTING, ResolvedPost, Resolver
from jobpack.compose.variables import text_problems
from jobpack.errors import Problem
from jobpack.load import TrustFiles, _yaml_files, draws_on, load_file, load_trust_files, reach
from jobpack.load.models.post import Post
from jobpack.render.verify import Verdict, Verifier, merge
from jobpack.view.context import build_context

PARALLEL_FROM = 150  # units to work out from which worker processes share them
SHARES_PER_WORKER = 8  # small shares, taken in turn: a worker that drew cheap posts takes more, none idles
SHARE_FROM = 20  # posts in a share at least (each share's results travel back to this process at once)


class NeedFull(Exception):
    """The per-file results cannot be sure to give the full check's answer here: run the full check."""


# ---------------------------------------------------------------- the trust-wide part, read every time


@dataclass
class Trustwide:
    """trust.yaml and the blocks, read and checked (what every unit draws on)."""

    files: TrustFiles
    problems: list[Problem]  # loading them, trust.yaml's checks, the logos, the blocks' variables
    lint: tuple[list[Problem], list[Problem], list[Problem]]  # allow, phrases, sentences of their texts
    linter: Linter
    resolver: Resolver
    bad_blocks: set[str]
    post_paths: dict[str, Path]  # post id -> its file, in the order a full check reads them
    index: dict[tuple[str, int | None], list[Any]]
    logos: dict[str, Any]
    verifier: Verifier
    loaded_posts: dict[str, Any] = field(default_factory=dict)
    text_bad: dict[str, bool] = field(default_factory=dict)  # profile id -> its texts have problems
    pictures: dict[str, str] = field(default_factory=dict)  # the pack's pictures, checked once (view.context)
    texts: dict[str, list[Any]] = field(default_factory=dict)  # post id -> its own texts, read once for the lints
    extra: Callable[[ResolvedPost, dict[str, Any]], Any] | None = None  # also kept on each buildable unit
    light: bool = False  # only what `extra` needs: no templates' verdict, no lints (never a check's answer)


def trustwide(root: Path) -> Trustwide:
    files = load_trust_files(root, only=set())
    if files.trust is None:
        raise NeedFull
    problems = list(files.problems) + check_trust_file(files.trust)
    logo_problems, logos = check_logos(files.trust)
    problems += logo_problems
    bad_blocks = set()
    for block_id, block in files.blocks.items():
        found = text_problems(block.doc)
        problems += found
        if found:
            bad_blocks.add(block_id)
    if any("Another block is also called" in p.message for p in files.problems):
        raise NeedFull
    resolver = Resolver(files)
    for block_id in files.blocks:  # a block with problems is reported through the first post reaching it
        resolver.block_items(block_id, ())
    resolver._trust_criteria()
    if resolver.problems or files.broken_blocks:
        raise NeedFull
    paths: dict[str, Path] = {}
    for path in _yaml_files(files.root / "posts"):
        post_id = path.relative_to(files.root / "posts").with_suffix("").as_posix()
        if post_id in paths:
            raise NeedFull  # posts/x.yaml and x.yml
        paths[post_id] = path
    linter = Linter(files)
    if linter.settings.terms:
        raise NeedFull  # a trust's own term given up as too slow is reported once, after every search
    texts = trust_texts(files.trust.doc) + [t for b in files.blocks.values() for t in block_texts(b.doc)]
    return Trustwide(files, problems, linter.texts(texts), linter, resolver, bad_blocks, paths,
                     by_item([b.doc for b in files.blocks.values()]), logos, Verifier(files.root))


def _load(tw: Trustwide, post_id: str) -> None:
    """Read one post file into the trust-wide files (once per process)."""
    if post_id in tw.loaded_posts:
        return
    loaded, problems = load_file(tw.post_paths[post_id], tw.files.root, Post)
    tw.loaded_posts[post_id] = (loaded, problems)
    if loaded is None:
        tw.files.broken_posts[post_id] = tw.post_paths[post_id].relative_to(tw.files.root).as_posix()
    else:
        tw.files.posts[post_id] = loaded
        tw.texts[post_id] = post_texts(loaded.doc)
        tw.index.update(item_index(loaded.doc, tw.texts[post_id]))


def work_out(tw: Trustwide, post_id: str, prints: dict[str, str], word_again: bool = False) -> Unit:
    """The unit of one post file, worked out as the full check would (raises NeedFull, see above);
    `word_again` tries its Word templates even if this process has tried them on another post."""
    files, resolver, trust = tw.files, tw.resolver, tw.files.trust.model  # type: ignore[union-attr]
    _load(tw, post_id)
    loaded, load_problems = tw.loaded_posts[post_id]
    file = tw.post_paths[post_id].relative_to(files.root).as_posix()
    unit = Unit(post_id, file, load=list(load_problems))
    if loaded is None:
        unit.broken = True
        unit.deps = {file: prints.get(file, "")}
        return unit
    chain, parent = [], loaded.model.extends
    while parent is not None and parent not in chain:  # the posts it extends, each read and composed first
        if parent not in tw.post_paths:
            raise NeedFull  # "no post called ..." suggests names from every post
        chain.append(parent)
        _load(tw, parent)
        found = tw.loaded_posts[parent][0]
        if found is not None and not found.model.profile:
            raise NeedFull  # a post extending a post: the full check reads them in its own order
        parent = found.model.extends if found is not None else None
        if len(chain) >= MAX_NESTING - 1:
            raise NeedFull  # which profile reports "too deep" depends on the order they are composed in
    for ancestor in reversed(chain):
        if ancestor in files.posts:
            before = len(resolver.problems)
            resolver.partial(ancestor)
            if len(resolver.problems) > before:
                raise NeedFull  # a profile's problem is reported through the first post that reaches it
    schools = [s.id for s in trust.schools]
    unit.own = school_problems(loaded, schools)
    own_text = text_problems(loaded.doc)
    unit.own += own_text
    unit.profile = bool(loaded.model.profile)
    before = len(resolver.problems)
    if unit.profile:
        resolver.partial(post_id)
        if len(resolver.problems) > before:
            raise NeedFull
        unit.own += profile_problems(loaded, trust)
    else:
        post = resolver.resolve(post_id)
        unit.resolve = resolver.problems[before:]
        bad = {p for p in (post.extends if post else []) if p in files.posts and _text_bad(tw, p)}
        if own_text:
            bad.add(post_id)
        if post is not None and not bad and not tw.bad_blocks & set(post.blocks_used):
            details, terms = check_post_details(post, files)
            unit.own += details
            if terms is not None and not any(p.severity == "error" for p in details):
                post = replace(post, pricing=terms.pricing, terms=terms)
                unit.folder = post.outputs.folder
                unit.school_at = loaded.doc.where(("school",))
                context = build_context(post, trust, files.root, tw.logos, tw.pictures)
                if tw.extra is not None:
                    unit.extra = tw.extra(post, context)
                if not tw.light:
                    unit.verdict = tw.verifier.verdict(post.school.id, context, word_again=word_again)
                    unit.document = tw.linter.post(post, files, tw.index)
    if not tw.light:
        unit.allow, unit.phrases, unit.sentences = tw.linter.texts(tw.texts[post_id])
    graph = draws_on(TrustFiles(files.root, files.trust, files.blocks,
                                {p: files.posts[p] for p in [post_id, *chain] if p in files.posts}))
    unit.draws = graph.get(loaded.file, [])
    unit.deps = {f: prints.get(f, "") for f in reach(graph, {loaded.file})}
    return unit


def _text_bad(tw: Trustwide, post_id: str) -> bool:
    """Whether a profile's own texts name unknown variables (worked out once per profile, not per post)."""
    found = tw.text_bad.get(post_id)
    if found is None:
        found = tw.text_bad[post_id] = bool(text_problems(tw.files.posts[post_id].doc))
    return found


# ---------------------------------------------------------------- putting the answer together


def assemble(tw: Trustwide, units: list[Unit], owners: dict[str, str], again: Any,
             special: list[Problem]) -> tuple[list[Problem], dict[str, str], dict]:
    """Every problem in the full check's order; the buildable posts' folders; the folders' claims."""
    ordered = [u for u in units if u.profile] + [u for u in units if not u.profile]
    problems = list(tw.problems) + [p for u in units for p in u.load]
    problems += [p for u in ordered for p in u.own] + [p for u in ordered for p in u.resolve]
    folders = {u.post_id: u.folder for u in units if u.folder is not None}
    at = {u.post_id: (u.file, u.school_at) for u in units}
    claims: dict[str, tuple[list[str], str | None]] = {}
    clashes, losers = output_clashes(folders, set(tw.post_paths), lambda pid, message, hint: Problem(
        at[pid][0], message, at[pid][1][0], at[pid][1][1], hint), owners, claims)
    problems += clashes + special
    built = [u for u in units if u.folder is not None and u.post_id not in losers]

    def tried(n: int) -> Verdict:  # kept with the unit: next time it answers without trying again
        built[n].verdict = again(built[n].post_id)
        return built[n].verdict

    problems += merge(tw.verifier, [u.verdict for u in built if u.verdict is not None], tried)
    allow, phrases, sentences = tw.lint
    lints = allow + [p for u in units for p in u.allow] + phrases + [p for u in units for p in u.phrases]
    lints += sentences + [p for u in units for p in u.sentences] + [p for u in built for p in u.document]
    problems += list(dict.fromkeys(lints))
    return finish(problems), {u.post_id: u.folder for u in built if u.folder}, claims


# ---------------------------------------------------------------- kept between checks


def global_key(prints: dict[str, str]) -> str:
    """What every unit draws on besides posts and blocks: trust.yaml, templates, assets, logos, jobpack, and
    the day (which vacancies are open, and so checked against Teaching Vacancies' rules, depends on it)."""
    digest = hashlib.sha256(f"{jobpack_digest()}\0{dt.date.today().isoformat()}".encode())
    for name, value in sorted(prints.items()):
        if not name.startswith(("posts/", "blocks/")):
            digest.update(f"{name}\0{value}\0".encode())
    return digest.hexdigest()


# ---------------------------------------------------------------- the run


_SHARED: tuple[Trustwide, dict[str, str]] | None = None


def _share(ids: list[str]) -> list[Unit] | None:
    """(In a worker) the units of `ids`, or None when one needs the full check."""
    assert _SHARED is not None
    tw, prints = _SHARED
    try:
        return [work_out(tw, post_id, prints) for post_id in ids]
    except NeedFull:
        return None


def work_out_all(tw: Trustwide, ids: list[str], prints: dict[str, str], jobs: int | None) -> list[Unit]:
    global _SHARED
    workers = min(jobs or os.cpu_count() or 1, 8)
    if workers < 2 or len(ids) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return [work_out(tw, post_id, prints) for post_id in ids]
    step = max(SHARE_FROM, -(-len(ids) // (workers * SHARES_PER_WORKER)))
    shares = [ids[start:start + step] for start in range(0, len(ids), step)]
    _SHARED = (tw, prints)
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(min(workers, len(shares))) as pool:
            parts = pool.map(_share, shares, chunksize=1)
    finally:
        _SHARED = None
        gc.unfreeze()
    if any(part is None for part in parts):
        raise NeedFull
    return [u for part in parts for u in part or []]


@dataclass
class Answer:
    """What the full check would report, with what its record keeps."""

    problems: list[Problem]
    posts: int
    profiles: int
    blocks: int
    draws: dict[str, list[str]]
    claims: dict[str, tuple[list[str], str | None]]
    logos: list[str]


def check_units(root: Path, prints: dict[str, str], owners: dict[str, str], folder: Path,
                jobs: int | None = None) -> Answer:
    """The full check's answer; units whose files are unchanged are taken from `folder`, the rest worked
    out (and kept there for next time). `prints` is the trust's fingerprint (see cache.fingerprint)."""
    from jobpack.build.cache import with_logos

    tw = trustwide(root)
    logos = sorted({s.logo for s in tw.files.trust.model.schools if s.logo})  # type: ignore[union-attr]
    prints = with_logos(prints, tw.files.root, logos)
    special = specials(prints)
    key = global_key(prints)
    kept = read_units(folder, key)
    tw.verifier.known_clean(kept.clean_sites)
    problems, ordered, built, claims = run_units(tw, prints, owners, kept.units, special, jobs)
    write_units(folder, key, ordered, tw.verifier.site_found)
    graph = {u.file: u.draws for u in ordered if not u.broken}
    blocks = draws_on(TrustFiles(tw.files.root, tw.files.trust, tw.files.blocks))
    graph.update(blocks)
    return Answer(problems, len(built), sum(1 for u in ordered if u.profile), len(tw.files.blocks), graph, claims,
                  logos)


def specials(prints: dict[str, str]) -> list[Problem]:
    """The warnings about pipes, sockets and devices in the trust folder (a full check's too)."""
    from jobpack.build.cache import special_files

    return [Problem(name, "This is a pipe, socket or device, not a file: jobpack skips it.", None, None,
                    "Remove it from the trust folder (an editor or tool may have left it there).",
                    severity="warning") for name in special_files(prints)]


def run_units(tw: Trustwide, prints: dict[str, str], owners: dict[str, str], kept: dict[str, Unit],
        special: list[Problem], jobs: int | None = None) -> tuple[list[Problem], list[Unit], dict[str, str], dict]:
    """The full check's problems, every post file's unit (in the full check's order), the buildable posts'
    folders and the folders' claims: `kept` units whose files are unchanged are used as they are."""
    for unit in kept.values():  # Word templates another post was the first to reach: not tried again here
        if unit.verdict is not None:  # (if a post worked out now is the first, `merge` asks it to try them)
            tw.verifier.word_tried |= set(unit.verdict.word.values())
    units: dict[str, Unit] = {}
    todo = []
    for post_id, path in tw.post_paths.items():
        unit = kept.get(post_id)
        if unit is not None and unit.deps and all(prints.get(f) == h for f, h in unit.deps.items()) \
                and unit.file == path.relative_to(tw.files.root).as_posix():
            units[post_id] = unit
        else:
            todo.append(post_id)
    for unit in work_out_all(tw, todo, prints, jobs):
        units[unit.post_id] = unit
    ordered = [units[p] for p in tw.post_paths]

    def again(post_id: str) -> Verdict:
        """A verdict with its Word templates tried (the first post to reach one, in the full check's order)."""
        verdict = work_out(tw, post_id, prints, word_again=True).verdict
        assert verdict is not None
        return verdict

    problems, built, claims = assemble(tw, ordered, owners, again, special)
    return problems, ordered, built, claims
