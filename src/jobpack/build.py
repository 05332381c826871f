"""`jobpack build`: validate, resolve, render every post (in parallel), and write the files atomically.

Rendering a post is a pure step from a `RenderJob` (the post's template context, its school's `Theme` and
its `PostOutputs`) to a dict of file name -> bytes, so posts render independently in worker processes and only the main
process touches the output folder. A post whose inputs (context and templates) hash the same as last
time, and whose files are intact, is skipped.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
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

from . import __version__
from .compose.post import ResolvedPost
from .context import build_context, document_context
from .errors import InvalidTrust, Problem, did_you_mean, display_path
from .output import Manifest, inside, make_folder, remove_stale_temps, write_files
from .outputs import DOCUMENT_KINDS, PostOutputs, file_names
from .render import TemplateError
from .render.theme import Environments, Theme
from .validate import Checked, check
from .view import as_data

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

    @property
    def ok(self) -> bool:
        return not self.failed and not any(p.severity == "error" for p in self.problems)


def make_job(post: ResolvedPost, checked: Checked, themes: dict[str, Theme] | None = None) -> RenderJob:
    """The render job of one post; `themes` (school id -> Theme) shares each school's theme across posts."""
    root = checked.files.root
    themes = themes if themes is not None else {}
    if post.school.id not in themes:
        themes[post.school.id] = Theme.for_school(root, post.school.id)
    return RenderJob(
        post_id=post.id, outputs=post.outputs, title=post.title, issue_date=post.issue_date,
        context=build_context(post, checked.trust, root, checked.logos), theme=themes[post.school.id],
        base_url=root.as_uri() + "/")


_BUILD_ENVIRONMENTS: Environments | None = None
"""In a worker process: the environments of the build that started it (the pool lives for one build)."""


def render_job(job: RenderJob, environments: Environments | None = None) -> dict[str, bytes]:
    """Render one post's five documents. Pure: the same job always gives the same bytes."""
    from .render.docx import render_docx
    from .render.html import render_html
    from .render.lookup import find_template
    from .render.pdf import render_pdfs

    envs = environments or _BUILD_ENVIRONMENTS or Environments()
    dirs = list(job.theme.document_dirs)
    env = envs.get(job.theme.document_dirs)
    kinds = [kind for kind in KINDS if kind in job.context["post"].documents]
    contexts = {kind: document_context(job.context, kind) for kind in kinds}
    html = {kind: render_html(dirs, kind, contexts[kind], env) for kind in kinds}
    pdfs = render_pdfs(html.get("job-description"), html.get("person-specification"), job.base_url,
                       f"{job.title} – {job.context['school']['name']}", job.issue_date)
    names = job.outputs.names()
    files = {names[f"{key}.pdf"]: data for key, data in pdfs.items()}
    for kind in kinds:
        files[names[f"{kind}.docx"]] = render_docx(find_template(dirs, f"{kind}.docx"), contexts[kind])
    return files


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


def build(root: Path, out_dir: Path, posts: list[str] | None = None, jobs: int | None = None,
          keep_going: bool = False, force: bool = False,
          progress: Callable[[str, str, int, int], None] | None = None) -> BuildReport:
    """Build the trust at `root` into `out_dir`. Raises InvalidTrust (writing nothing) on errors,
    unless `keep_going`, which builds the valid posts and reports the rest in the returned report."""
    started = time.perf_counter()
    manifest = Manifest.read(out_dir)
    checked = check(root, owners=manifest.owners())
    report = BuildReport(problems=checked.problems, checked=checked)
    if checked.files.trust is None or (checked.errors and not keep_going):
        raise InvalidTrust(checked.errors)
    wanted = select(checked, posts) if posts else [pid for pid in checked.files.posts
                                                   if not checked.files.posts[pid].model.profile]
    if not posts:
        wanted += sorted(checked.files.broken_posts)  # unreadable files count as failed posts
    for post_id in wanted:
        if post_id not in checked.posts:
            report.failed[post_id] = "has errors (see above)"
    themes: dict[str, Theme] = {}
    todo = [make_job(checked.posts[pid], checked, themes) for pid in wanted if pid in checked.posts]
    report.outputs = {job.post_id: job.outputs for job in todo}
    make_folder(out_dir)
    remove_stale_temps(out_dir)  # left by a build that was killed while writing
    digests: dict[Theme, str] = {}
    hashes = {job.post_id: job.inputs_hash(digests) for job in todo}
    pending = []
    counter = {"done": 0}

    def tell(post_id: str, status: str) -> None:
        counter["done"] += 1
        if progress:
            progress(post_id, status, counter["done"], len(todo))

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
        manifest.write(out_dir)
        report.built.append(job.post_id)
        report.written += sorted(rel)
        tell(job.post_id, "built")

    def fail(job: RenderJob, exc: TemplateError) -> None:
        report.failed[job.post_id] = "a template could not be used (see above); its old files are kept"
        problem = exc.problem()
        report.problems.append(replace(problem, file=display_path(Path(problem.file), checked.files.root),
                                       hint="Fix the template, or delete your copy to use jobpack's built-in one."))
        tell(job.post_id, "failed")

    workers = max(1, min(jobs or os.cpu_count() or 1, len(pending)))
    if workers == 1:
        environments = Environments()
        for job in pending:
            try:
                finish(job, render_job(job, environments))
            except TemplateError as exc:
                fail(job, exc)
    else:
        with ProcessPoolExecutor(max_workers=workers, initializer=_worker_start, initargs=(os.getpid(),)) as pool:
            futures = {pool.submit(render_job, job): job for job in pending}
            for future in as_completed(futures):
                try:
                    finish(futures[future], future.result())
                except TemplateError as exc:
                    fail(futures[future], exc)
    if not posts:
        # A post whose file has errors keeps last time's documents: only deleted posts lose theirs.
        existing = set(checked.files.posts) | set(checked.files.broken_posts)
        report.removed += manifest.remove_stale(out_dir, existing)
        manifest.write(out_dir)
    report.problems = list(dict.fromkeys(report.problems))
    report.seconds = time.perf_counter() - started
    return report
