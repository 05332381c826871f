"""What an incremental build must do again: validate what changed since the cached build (everything when
there is no usable cache), keep the posts whose inputs and documents are unchanged, and say which posts
failed or are role profiles. `build.run` renders what this leaves to do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jobpack.build import check as checkcache
from jobpack.build.cache import Cache, PostEntry, plan
from jobpack.build.manifest import Manifest
from jobpack.build.orchestrate import check
from jobpack.check.validate import Checked
from jobpack.compose.post import ResolvedPost
from jobpack.errors import Problem


def _intact(out_dir: Path, manifest: Manifest, post_id: str) -> bool:
    """True when the files the last build wrote for this post are all still there, with the same bytes."""
    entry = manifest.posts.get(post_id)
    return bool(entry) and all(manifest.unchanged_file(out_dir, rel, digest) for rel, digest in entry["files"].items())


def _posts_on_disk(prints: dict[str, str]) -> set[str]:
    """Post ids of every post file, from the fingerprint (profiles and unreadable files included)."""
    return {path.removeprefix("posts/").rsplit(".", 1)[0] for path in prints
            if path.startswith("posts/") and path.endswith((".yaml", ".yml"))}


def _whole(root: Path, owners: dict[str, str]) -> Checked:
    """The whole trust checked. Its problems are what `jobpack check` answers (build/check.check_trust: the
    record of the last check while the trust is as it was, else each post file's kept results with those whose
    files changed worked out again), and only validation runs here, for the posts to build: the templates'
    verdicts and the lints, most of a check, are not worked out again for posts nobody changed."""
    record = checkcache.check_trust(root, owners=owners)
    checked = check(root, owners=owners, quick=True)
    checked.problems = list(record.problems)
    return checked


@dataclass
class _Validated:
    """What validation (full, partial or none at all, from the cache) says about this build's posts."""

    checked: Checked | None
    problems: list[Problem]
    buildable: dict[str, ResolvedPost]  # validated again this time: render if their inputs changed
    current: dict[str, PostEntry]  # unchanged since the last build, documents intact: nothing to do
    failed: list[str]
    profiles: list[str]
    full: bool = False  # the whole trust was validated: `checked` is exactly what `jobpack check` finds


def _validate(root: Path, out_dir: Path, manifest: Manifest, cache: Cache | None,
              prints: dict[str, str], whole: bool = False) -> _Validated:
    """Validate what changed since the cached build (everything when there is no usable cache). `whole`:
    nothing at all when nothing changed, else everything (never a part)."""
    owners = manifest.owners()
    todo = plan(cache, prints)
    if cache is not None and not todo.full:
        on_disk = _posts_on_disk(prints)
        current = {pid: e for pid, e in cache.posts.items() if pid not in todo.posts and pid in on_disk}
        for pid in list(current):
            if not _intact(out_dir, manifest, pid):
                del current[pid]
                todo.posts.add(pid)  # damaged or missing documents: validate and rebuild
        checked = check(root, owners=owners, only=todo.posts) if todo.posts and not whole else None
        if checked is None and not todo.posts:
            return _Validated(None, list(cache.problems), {}, current, [p for p in cache.failed if p in on_disk],
                              [p for p in cache.profiles if p in on_disk])
        folders = {e.folder for e in current.values()}
        if checked is not None and checked.files.trust is not None and not any(p.outputs.folder in folders
                                                                               for p in checked.posts.values()):
            again = {p.file for p in checked.files.posts.values()} | set(checked.files.broken_posts.values())
            again |= {"trust.yaml"} | {path for path in prints if path.startswith("blocks/")}
            kept = [p for p in cache.problems if p.file not in again and (not p.file.startswith("posts/")
                                                                            or p.file in prints)]
            problems = sorted(dict.fromkeys(kept + checked.problems), key=lambda p: (p.file, p.line or 0,
                                                                                     p.column or 0))
            loaded = checked.files.posts
            buildable = dict(checked.posts)
            broken = checked.files.broken_posts
            failed = [p for p in cache.failed if p in on_disk and p not in loaded and p not in broken]
            failed += [pid for pid, f in loaded.items() if not f.model.profile and pid not in buildable]
            failed += list(checked.files.broken_posts)
            profiles = {p for p in cache.profiles if p in on_disk and p not in loaded}
            profiles |= {pid for pid, f in loaded.items() if f.model.profile}
            return _Validated(checked, problems, buildable, current, sorted(set(failed)), sorted(profiles))
        # a changed post now clashes with an unchanged one's folder: validate everything, as without a cache
    checked = _whole(root, owners)
    posts = checked.files.posts
    failed = [pid for pid, f in posts.items() if not f.model.profile and pid not in checked.posts]
    return _Validated(checked, checked.problems, dict(checked.posts), {},
                      sorted(failed + list(checked.files.broken_posts)),
                      sorted(pid for pid, f in posts.items() if f.model.profile), full=True)
