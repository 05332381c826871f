"""`jobpack build`: validate, resolve, render every post (in parallel), and write the files atomically.

Rendering a post is a pure step from a `RenderJob` (the post's template context, its school's `Theme` and
its `PostOutputs`) to a dict of file name -> bytes, so posts render independently in worker processes and only the main
process touches the output folder. A post whose inputs (context and templates) hash the same as last
time, and whose files are intact, is skipped; the build cache (`cache`) lets a build validate only the
posts whose files changed, and nothing at all when nothing did.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import gc
import hashlib
import json
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jobpack import __version__
from jobpack.atomic import inside, make_folder, remove_stale_temps, write_files
from jobpack.build import check as checkcache
from jobpack.build.cache import Cache, PostEntry, fingerprint
from jobpack.build.incremental import _posts_on_disk, _validate, _Validated
from jobpack.build.manifest import Manifest
from jobpack.build.shard import Shard
from jobpack.check.validate import Checked
from jobpack.compose.output_paths import DOCUMENT_KINDS, PostOutputs, file_names, post_outputs
from jobpack.compose.post import ResolvedPost
from jobpack.errors import InvalidTrust, Problem, did_you_mean, display_path
from jobpack.load.forms import FormError, load_form
from jobpack.render import TemplateError
from jobpack.render.theme import Environments, Theme
from jobpack.view.context import build_context, document_context
from jobpack.view.post import as_data

KINDS = DOCUMENT_KINDS
__all__ = ["BuildReport", "RenderJob", "build", "file_names", "make_job", "render_job", "select"]


@dataclass(frozen=True)
class RenderJob:
    """Everything needed to render one post, and nothing that needs the trust folder to be re-read."""

    post_id: str
    outputs: PostOutputs
    title: str
    issue_date: Any
    context: dict[str, Any]
    theme: Theme
    base_url: str
    form: tuple[str, bytes] | None = None  # the vacancy's application form: (".docx", its checked bytes)

    @property
    def folder(self) -> str:
        """The output folder relative to the output root: <school>/<post-slug>."""
        return self.outputs.folder

    @property
    def template_dirs(self) -> tuple[str, ...]:
        return tuple(str(d) for d in self.theme.document_dirs)

    def inputs_hash(self, template_digests: dict[Theme, str] | None = None) -> str:
        """Changes whenever anything that shapes this post's files changes: jobpack's version, the
        template context (the logo's bytes included), and the templates. `template_digests` caches the
        (costly) template part across posts that share a theme."""
        cache = template_digests if template_digests is not None else {}
        if self.theme not in cache:
            cache[self.theme] = self.theme.digest()
        digest = hashlib.sha256(__version__.encode())
        digest.update(json.dumps(as_data(self.context), sort_keys=True, default=str).encode())
        digest.update(cache[self.theme].encode())
        if self.form is not None:
            digest.update(hashlib.sha256(self.form[1]).digest())
        return digest.hexdigest()


@dataclass
class BuildReport:
    """What a build did, for the summary line and for CI."""

    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    checked: Checked | None = None  # what the build validated and rendered, for steps that follow (site)
    outputs: dict[str, PostOutputs] = field(default_factory=dict)  # post id -> where its documents are
    validated: list[str] = field(default_factory=list)  # posts read and validated again (not from the cache)
    contexts: dict[str, dict] = field(default_factory=dict)  # post id -> the template names it was built with

    @property
    def ok(self) -> bool:
        return not self.failed and not any(p.severity == "error" for p in self.problems)


def make_job(post: ResolvedPost, checked: Checked, themes: dict[str, Theme] | None = None,
             pictures: dict[str, str] | None = None) -> RenderJob:
    """The render job of one post; `themes` (school id -> Theme) shares each school's theme across posts, and
    `pictures` the checked pack pictures (see view.context.build_context)."""
    root = checked.files.root
    themes = themes if themes is not None else {}
    if post.school.id not in themes:
        themes[post.school.id] = Theme.for_school(root, post.school.id)
    return RenderJob(
        post_id=post.id, outputs=post.outputs, title=post.title, issue_date=post.issue_date,
        context=build_context(post, checked.trust, root, checked.logos, pictures), theme=themes[post.school.id],
        base_url=root.as_uri() + "/", form=_form(post, root))


def _form(post: ResolvedPost, root: Path) -> tuple[str, bytes] | None:
    """The vacancy's application form, to publish beside the pack (check reported an unusable one)."""
    written = post.vacancy.application_form if post.vacancy is not None else None
    if not written:
        return None
    try:
        return ("." + written.rsplit(".", 1)[-1].lower(), load_form(root, written))
    except FormError:
        return None


_BUILD_ENVIRONMENTS: Environments | None = None
"""In a worker process: the environments of the build that started it (the pool lives for one build)."""


def render_job(job: RenderJob, environments: Environments | None = None) -> dict[str, bytes]:
    """Render one post's five documents. Pure: the same job always gives the same bytes."""
    from jobpack.render.docx import render_docx
    from jobpack.render.html import render_html
    from jobpack.render.lookup import find_template
    from jobpack.render.pdf import render_pdfs

    envs = environments or _BUILD_ENVIRONMENTS or Environments()
    dirs = list(job.theme.document_dirs)
    env = envs.get(job.theme.document_dirs)
    kinds = [kind for kind in KINDS if kind in job.context["post"].documents]
    contexts = {kind: document_context(job.context, kind) for kind in kinds}
    html = {kind: render_html(dirs, kind, contexts[kind], env) for kind in kinds}
    cover = render_html(dirs, "cover", document_context(job.context, "cover"), env)
    pages = [(page.title, render_html(dirs, "pack-page", _page_context(job.context, page), env))
             for page in job.context["post"].pack.pages]
    pack_ps = None
    if "person-specification" in kinds:
        pack_ps = render_html(dirs, "person-specification",
                              document_context(job.context, "person-specification", in_pack=True), env)
    pdfs = render_pdfs(html.get("job-description"), html.get("person-specification"), job.base_url,
                       f"{job.title} – {job.context['school']['name']}", job.issue_date,
                       fonts_key=job.theme.document_dirs, cover_html=cover, pages_html=pages, pack_ps_html=pack_ps)
    names = job.outputs.names()
    files = {names[f"{key}.pdf"]: data for key, data in pdfs.items()}
    for kind in kinds:
        files[names[f"{kind}.docx"]] = render_docx(find_template(dirs, f"{kind}.docx"), contexts[kind])
    if job.form is not None:
        files[names[f"application-form{job.form[0]}"]] = job.form[1]
    return files


def _page_context(context: dict[str, Any], page: Any) -> dict[str, Any]:
    """The names a pack page's template receives: the post's view, `document` (titled with the page's kicker,
    so headers, footers and bookmarks name the part) and `page`."""
    names = document_context(context, page.kind, in_pack=True)
    return {**names, "document": dataclasses.replace(names["document"], title=page.kicker), "page": page}


MANIFEST_EVERY = 1.0
"""Seconds between saves of the manifest during a build (and once at the end, or when stopped)."""

RECYCLE_AFTER = 50
"""Posts a worker renders before it is replaced by a fresh one, so memory stays flat on long builds."""

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _worker_start(parent: int) -> None:
    """Pool initializer: a worker dies with the build that started it, even when the build is killed
    (SIGKILL leaves no chance to shut the pool down). Linux: the kernel sends SIGTERM when the parent
    goes; elsewhere a watchdog thread notices the parent is gone."""
    global _BUILD_ENVIRONMENTS
    _BUILD_ENVIRONMENTS = Environments()
    armed = False
    if sys.platform.startswith("linux"):
        try:
            armed = ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    if not armed:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _check_targets(out_dir: Path, jobs: list[RenderJob]) -> None:
    """Refuse (before writing anything) if a post's files would go through a link inside the output folder."""
    for job in jobs:
        for path in job.outputs.paths():
            inside(out_dir, path)


def select(checked: Checked, wanted: list[str]) -> list[str]:
    """Post ids for the names given on the command line (a post id, or its file name if unique)."""
    all_posts = [pid for pid, p in checked.files.posts.items() if not p.model.profile]
    all_posts += list(checked.files.broken_posts)
    chosen, problems = [], []
    for name in wanted:
        name = name.removeprefix("posts/").removesuffix(".yaml").removesuffix(".yml")
        matches = [name] if name in all_posts else [p for p in all_posts if p.rsplit("/", 1)[-1] == name]
        if len(matches) == 1:
            chosen.append(matches[0])
        else:
            hint = ("Several posts have that name: " + ", ".join(matches) + "." if matches
                    else did_you_mean(name, all_posts, "post") + " Run 'jobpack list' to see every post.")
            problems.append(Problem("(command line)", f"There is no single post called '{name}'.", hint=hint))
    if problems:
        raise InvalidTrust(problems)
    return chosen


def _deps(post: ResolvedPost, checked: Checked) -> list[str]:
    """The trust files one post draws on: its own, the profiles it extends, every block it uses."""
    files = checked.files
    found = {post.file} | {files.posts[p].file for p in post.extends if p in files.posts}
    found |= {files.blocks[b].file for b in post.blocks_used if b in files.blocks}
    return sorted(found)


def build(root: Path, out_dir: Path, posts: list[str] | None = None, jobs: int | None = None,
          keep_going: bool = False, force: bool = False,
          progress: Callable[[str, str, int, int], None] | None = None, *, complete: bool = False,
          shard: Shard | None = None, current_ok: bool = False) -> BuildReport:
    """Build the trust at `root` into `out_dir`. Raises InvalidTrust (writing nothing) on errors,
    unless `keep_going`, which builds the valid posts and reports the rest in the returned report.

    Only what changed since the last build is validated again (see `cache`); `complete` validates the
    whole trust whatever the cache says, so `report.checked` holds every post (the website needs them).
    `shard` builds only that share of the posts (the whole trust is still validated; see `shard`).
    `current_ok` (with `complete`): when the cache says every post is current, validate nothing after all
    (`report.checked` is None), for a caller that has what it needs of an unchanged trust (the site's record)."""
    started = time.perf_counter()
    manifest = Manifest.read(out_dir)
    incremental = not (posts or force or complete)
    cache = Cache.read(out_dir) if incremental or (current_ok and not (posts or force)) else None
    prints = fingerprint(root, cache.logos if cache else [])
    found = _validate(root, out_dir, manifest, cache, prints, whole=complete)
    checked = found.checked
    report = BuildReport(problems=found.problems, checked=checked, validated=sorted(found.buildable))
    errors = [p for p in found.problems if p.severity == "error"]
    if (checked is not None and checked.files.trust is None) or (errors and not keep_going):
        raise InvalidTrust(errors)
    if posts:
        assert checked is not None
        wanted = select(checked, posts)
    else:
        wanted = [pid for pid in found.buildable] + [pid for pid in found.failed if pid not in found.buildable]
        wanted = sorted(set(wanted) - set(found.current))
    if shard is not None:
        manifest.shard = shard.record(prints)
        wanted = [pid for pid in wanted if shard.has(pid)]
        found.buildable = {pid: post for pid, post in found.buildable.items() if shard.has(pid)}
        found.current = {pid: entry for pid, entry in found.current.items() if shard.has(pid)}
    for post_id in wanted:
        if post_id not in found.buildable:
            report.failed[post_id] = "has errors (see above)"
    themes: dict[str, Theme] = {}
    pictures: dict[str, str] = {}
    todo = [make_job(found.buildable[pid], checked, themes, pictures) for pid in wanted if pid in found.buildable]
    report.outputs = {job.post_id: job.outputs for job in todo}
    report.contexts = {job.post_id: job.context for job in todo}  # the site's pages read the same names
    for pid, entry in found.current.items():  # skipped: its documents are the ones the manifest says it wrote
        school, slug = entry.folder.split("/", 1)
        every = post_outputs(pid, school, slug)
        written = manifest.posts.get(pid, {}).get("files", {})
        documents = tuple(kind for kind in KINDS if every.file(f"{kind}.pdf").path in written)
        form = next((f".{path.rsplit('.', 1)[-1]}" for path in written if "-application-form." in path), "")
        report.outputs[pid] = post_outputs(pid, school, slug, documents or KINDS, form)
    make_folder(out_dir)
    remove_stale_temps(out_dir)  # left by a build that was killed while writing
    digests: dict[Theme, str] = {}
    hashes = {job.post_id: job.inputs_hash(digests) for job in todo}
    pending = []
    total = len(todo) + len(found.current)
    counter = {"done": 0}

    def tell(post_id: str, status: str) -> None:
        counter["done"] += 1
        if progress:
            progress(post_id, status, counter["done"], total)

    for post_id in sorted(found.current):
        report.unchanged.append(post_id)
        tell(post_id, "unchanged")
    for job in todo:
        if not force and manifest.unchanged(out_dir, job.post_id, hashes[job.post_id]):
            report.unchanged.append(job.post_id)
            tell(job.post_id, "unchanged")
        else:
            pending.append(job)

    _check_targets(out_dir, pending)

    def finish(job: RenderJob, files: dict[str, bytes]) -> None:
        rel = {f"{job.folder}/{name}": data for name, data in files.items()}
        write_files({inside(out_dir, path): data for path, data in rel.items()})
        report.removed += manifest.drop_files(out_dir, job.post_id, set(rel))
        manifest.record(job.post_id, hashes[job.post_id], rel)
        if time.monotonic() - saved["at"] >= MANIFEST_EVERY:  # not after every post: O(posts²) on big trusts
            manifest.write(out_dir)
            saved["at"] = time.monotonic()
        report.built.append(job.post_id)
        report.written += sorted(rel)
        tell(job.post_id, "built")

    def fail(job: RenderJob, exc: TemplateError) -> None:
        report.failed[job.post_id] = "a template could not be used (see above); its old files are kept"
        problem = exc.problem()
        report.problems.append(replace(problem, file=display_path(Path(problem.file), checked.files.root),
                                       hint="Fix the template, or delete your copy to use jobpack's built-in one."))
        tell(job.post_id, "failed")

    saved = {"at": time.monotonic()}
    try:
        _render(pending, jobs, finish, fail)
    except BaseException:  # stopped, or the disk is full: record what was written, and report the first fault
        if report.built:
            with contextlib.suppress(Exception):
                manifest.write(out_dir)
        raise
    if report.built:
        manifest.write(out_dir)
    if not posts:
        # A post whose file has errors keeps last time's documents: only deleted posts lose theirs.
        report.removed += manifest.remove_stale(out_dir, _posts_on_disk(prints))
        manifest.write(out_dir)
        _remember(out_dir, manifest, found, report, checked, cache, prints)
    report.problems = list(dict.fromkeys(report.problems))
    report.seconds = time.perf_counter() - started
    return report


def _render(pending: list[RenderJob], jobs: int | None, finish: Callable[[RenderJob, dict[str, bytes]], None],
            fail: Callable[[RenderJob, TemplateError], None]) -> None:
    """Render the pending posts, in this process or in a pool of workers."""
    workers = max(1, min(jobs or os.cpu_count() or 1, len(pending)))
    if workers == 1:
        environments = Environments()
        for job in pending:
            try:
                finish(job, render_job(job, environments))
            except TemplateError as exc:
                fail(job, exc)
        return
    # Workers are replaced after about RECYCLE_AFTER posts each (WeasyPrint's caches grow over a long run):
    # the posts go to a fresh pool in chunks. Forked workers start at once, with jobpack already imported.
    # A finished post's bytes are dropped as soon as they are written.
    # Before each fork the main process's objects (the whole validated trust) are frozen out of the garbage
    # collector: a worker's collections would otherwise visit, and so copy, every page of them (copy-on-write
    # memory is only shared while nobody writes it), making each worker as big as the main process.
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    chunk = RECYCLE_AFTER * workers
    for start in range(0, len(pending), chunk):
        gc.freeze()
        try:
            with ProcessPoolExecutor(max_workers=workers, initializer=_worker_start, initargs=(os.getpid(),),
                                     mp_context=context) as pool:
                futures = {pool.submit(render_job, job): job for job in pending[start:start + chunk]}
                for future in as_completed(futures):
                    job = futures.pop(future)
                    try:
                        finish(job, future.result())
                    except TemplateError as exc:
                        fail(job, exc)
                    del future
        finally:
            gc.unfreeze()


def _remember(out_dir: Path, manifest: Manifest, found: _Validated, report: BuildReport, checked: Checked | None,
              cache: Cache | None, prints: dict[str, str]) -> None:
    """Write the cache for the next build: every post whose documents are now current, with its deps."""
    entries = dict(found.current)
    for pid, post in found.buildable.items():
        if pid not in report.failed and checked is not None:
            entries[pid] = PostEntry(post.school.id, post.outputs.folder, _deps(post, checked))
    if checked is not None and checked.files.trust is not None:
        logos = sorted({s.logo for s in checked.trust.schools if s.logo})
    else:
        logos = cache.logos if cache else []
    failed = sorted(set(found.failed) | set(report.failed))
    Cache(files=prints, logos=logos, posts={p: e for p, e in entries.items() if p not in report.failed},
          failed=failed, profiles=found.profiles, problems=found.problems).write(out_dir)
    if found.full and checked is not None:
        checkcache.write(checkcache.record_dir(checked.files.root), prints, checked)  # check answers at once
