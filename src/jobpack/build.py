"""`jobpack build`: validate, resolve, render every post (in parallel), and write the files atomically.

Rendering a post is a pure step from a `RenderJob` (the post's template context plus its template folders)
to a dict of file name -> bytes, so posts render independently in worker processes and only the main
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
from urllib.parse import urlparse
from urllib.request import url2pathname

from . import __version__
from .context import build_context, document_context
from .errors import InvalidTrust, Problem, did_you_mean, display_path
from .output import Manifest, inside, make_folder, remove_stale_temps, write_files
from .render import TemplateError
from .render.lookup import template_dirs
from .resolve import ResolvedPost
from .validate import Checked, check

KINDS = ("job-description", "person-specification")


@dataclass(frozen=True)
class RenderJob:
    """Everything needed to render one post, and nothing that needs the trust folder to be re-read."""

    post_id: str
    folder: str  # output folder relative to the output root: <school>/<post-slug>
    slug: str
    title: str
    issue_date: Any
    context: dict[str, Any]
    template_dirs: tuple[str, ...]
    base_url: str

    def inputs_hash(self, template_digests: dict[tuple[str, ...], str] | None = None) -> str:
        """Changes whenever anything that shapes this post's files changes: jobpack's version, the
        template context, the templates, and the logo file. `template_digests` caches the (costly)
        template part across posts that share template folders."""
        cache = template_digests if template_digests is not None else {}
        if self.template_dirs not in cache:
            cache[self.template_dirs] = _templates_digest(self.template_dirs)
        digest = hashlib.sha256(__version__.encode())
        digest.update(json.dumps(self.context, sort_keys=True, default=str).encode())
        digest.update(cache[self.template_dirs].encode())
        logo = self.context["school"].get("logo")
        if logo:
            digest.update(Path(url2pathname(urlparse(logo).path)).read_bytes())
        return digest.hexdigest()


def _templates_digest(dirs: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for folder in dirs:
        for path in sorted(Path(folder).rglob("*")):
            parts = path.relative_to(folder).parts
            # Other schools' overrides and the website's templates do not shape this post's documents.
            if path.is_file() and "schools" not in parts[:-1] and parts[0] != "site":
                digest.update(str(path.relative_to(folder)).encode())
                digest.update(path.read_bytes())
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

    @property
    def ok(self) -> bool:
        return not self.failed and not any(p.severity == "error" for p in self.problems)


def file_names(slug: str) -> dict[str, str]:
    """Document key -> file name. File names carry the post so downloads stay distinguishable."""
    return {
        "job-description.pdf": f"{slug}-job-description.pdf",
        "person-specification.pdf": f"{slug}-person-specification.pdf",
        "job-pack.pdf": f"{slug}-job-pack.pdf",
        "job-description.docx": f"{slug}-job-description.docx",
        "person-specification.docx": f"{slug}-person-specification.docx",
    }


def make_job(post: ResolvedPost, checked: Checked) -> RenderJob:
    root = checked.files.root
    return RenderJob(
        post_id=post.id, folder=f"{post.school.id}/{post.slug}", slug=post.slug, title=post.title,
        issue_date=post.issue_date, context=build_context(post, checked.trust, root),
        template_dirs=tuple(str(d) for d in template_dirs(root, post.school.id)),
        base_url=root.as_uri() + "/")


def render_job(job: RenderJob) -> dict[str, bytes]:
    """Render one post's five documents. Pure: the same job always gives the same bytes."""
    from .render.docx import render_docx
    from .render.html import render_html
    from .render.lookup import find_template
    from .render.pdf import render_pdfs

    dirs = [Path(d) for d in job.template_dirs]
    contexts = {kind: document_context(job.context, kind) for kind in KINDS}
    html = {kind: render_html(dirs, kind, contexts[kind]) for kind in KINDS}
    pdfs = render_pdfs(html["job-description"], html["person-specification"], job.base_url,
                       f"{job.title} – {job.context['school']['name']}", job.issue_date)
    names = file_names(job.slug)
    files = {names[f"{key}.pdf"]: data for key, data in pdfs.items()}
    for kind in KINDS:
        files[names[f"{kind}.docx"]] = render_docx(find_template(dirs, f"{kind}.docx"), contexts[kind])
    return files


PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _worker_start(parent: int) -> None:
    """Pool initializer: a worker dies with the build that started it, even when the build is killed
    (SIGKILL leaves no chance to shut the pool down). Linux: the kernel sends SIGTERM when the parent
    goes; elsewhere a watchdog thread notices the parent is gone."""
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
        for name in file_names(job.slug).values():
            inside(out_dir, f"{job.folder}/{name}")


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
    todo = [make_job(checked.posts[pid], checked) for pid in wanted if pid in checked.posts]
    make_folder(out_dir)
    remove_stale_temps(out_dir)  # left by a build that was killed while writing
    digests: dict[tuple[str, ...], str] = {}
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
        for job in pending:
            try:
                finish(job, render_job(job))
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
