"""`jobpack site`: build the documents, then publish them as a static, accessible vacancies website.

The site is a folder of plain files (index.html, a page per post with its documents next to it,
packs.json, sitemap.xml) that any web host can serve, from any sub-path, or that opens from disk. It is
byte-stable: building an unchanged trust on the same day rewrites nothing. The only input that is not a
file is today's date, which decides whether a vacancy is still open (and so gets JobPosting markup).

Everything is rendered in memory before anything is written, so a template mistake leaves the previous
site exactly as it was — which is what `jobpack serve` relies on while someone edits. The files of the last
build are kept (`record`): building an unchanged trust's site again writes them without rendering anything.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jobpack.build.cache import fingerprint, with_logos
from jobpack.build.run import BuildReport, build
from jobpack.build.state import state_dir
from jobpack.check.validate import Checked
from jobpack.errors import InvalidTrust, Problem
from jobpack.publish.site import record
from jobpack.publish.site.data import MissingDocument, SitePost, collect
from jobpack.publish.site.extra import PageMaker
from jobpack.publish.site.files import write_site
from jobpack.publish.site.pages import site_files

__all__ = ["SiteReport", "build_site", "default_site_dir"]


@dataclass
class SiteReport:
    """What a site build did: the document build's report, and the site's pages and files."""

    site_dir: Path
    documents: BuildReport
    posts: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    open_vacancies: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    warnings: list[Problem] = field(default_factory=list)  # about the site itself (e.g. no sitemap)

    def summary(self) -> str:
        docs = self.documents
        open_count = len(self.open_vacancies)
        return (f"Site: {len(self.posts)} post page{'s' if len(self.posts) != 1 else ''} "
                f"({open_count} open vacanc{'ies' if open_count != 1 else 'y'}) in {self.site_dir}; "
                f"{len(self.written)} files written, {len(self.unchanged)} unchanged, {len(self.removed)} removed. "
                f"Documents: {len(docs.built)} built, {len(docs.unchanged)} unchanged. {self.seconds:.1f}s.")

    @property
    def problems(self) -> list[Problem]:
        """Warnings from validation and about the site (errors stop the build before a report exists)."""
        return self.documents.problems + self.warnings


def no_website(checked: Checked) -> Problem:
    """Without the trust's web address the site has no sitemap: the sitemap protocol allows only full URLs."""
    files = checked.files
    line = files.trust.doc.where(("name",), key=True)[0] if files.trust is not None else None
    return Problem("trust.yaml", "The trust has no website: address, so the site has no sitemap.xml (search "
                   "engines need the pages' full addresses) and its pages name no canonical address.", line,
                   hint="Add website: https://... (the address the site is published at) to trust.yaml.",
                   severity="warning")


def default_site_dir(root: Path) -> Path:
    return root / "output" / "site"


def _failed(report: BuildReport) -> InvalidTrust:
    problems = [p for p in report.problems if p.severity == "error"]
    problems += [Problem(post_id, f"The documents of this post could not be built: {why}")
                 for post_id, why in sorted(report.failed.items())
                 if not any(p.message in why for p in problems)]
    return InvalidTrust(problems)


def _ordered(posts: list[SitePost], school_order: list[str]) -> list[SitePost]:
    """Schools in trust.yaml order, then posts by title (and id, so equal titles stay stable)."""
    rank = {school: n for n, school in enumerate(school_order)}
    return sorted(posts, key=lambda sp: (rank.get(sp.post.school.id, len(rank)), sp.post.title.casefold(), sp.post.id))


def build_site(root: Path, site_dir: Path, docs_dir: Path | None = None, jobs: int | None = None, *,
               today: dt.date | None = None, force: bool = False,
               progress: Callable[[str, str, int, int], None] | None = None,
               added_pages: PageMaker | None = None) -> SiteReport:
    """Build every post's documents into `docs_dir` (default <root>/output), then the site into `site_dir`.

    Raises InvalidTrust when the trust has errors or a post's documents cannot be built; the site folder is
    then left untouched. `today` (default: the real date) decides which vacancies are open. `added_pages`
    makes pages that tools beside the pipeline add (`jobpack site` passes the consistency page's maker,
    which makes it only when trust.yaml turns it on), from the posts the site publishes.
    """
    started = time.perf_counter()
    docs_dir = docs_dir if docs_dir is not None else root / "output"
    if site_dir.resolve() == docs_dir.resolve():
        raise InvalidTrust([Problem("(command line)", "The site folder and the documents folder are the same.",
                                    hint="Give the site its own folder, e.g. output/site.")])
    today = today or dt.date.today()
    maker, kept_in = record.maker_name(added_pages), state_dir(root)
    prints = fingerprint(root, [])  # before anything is read: a file edited meanwhile makes the record stale
    kept = record.read(kept_in) if maker is not None and not force else None
    if kept is not None and kept.key != record.key(with_logos(prints, root, kept.logos), docs_dir, today, maker):
        kept = None
    documents = build(root, docs_dir, jobs=jobs, force=force, progress=progress, complete=True,
                      current_ok=kept is not None)
    if kept is not None and documents.checked is None:  # every post is current: the record may answer
        again = _again(kept, kept_in, documents, docs_dir, site_dir, started)
        if again is not None:
            return again
        documents = build(root, docs_dir, jobs=jobs, complete=True)  # every post was reported (unchanged) above
    if not documents.ok:
        raise _failed(documents)
    checked = documents.checked  # the same validated posts the documents were rendered from
    assert checked is not None
    try:
        posts = [collect(post, documents.outputs[post.id], checked.trust, root, docs_dir, today, checked.logos,
                         documents.contexts.get(post.id)) for post in checked.posts.values()]
    except MissingDocument as exc:
        raise InvalidTrust([Problem(str(docs_dir), f"A document is missing: {exc}.",
                                    hint="Run the command again; if it keeps happening, run 'jobpack build --force'.")]
                           ) from exc
    posts = _ordered(posts, [s.id for s in checked.trust.schools])
    added = list(added_pages(checked, posts)) if added_pages is not None else []
    files = site_files(posts, checked.trust, root, checked.logos, added)
    result = write_site(site_dir, files, docs_dir)
    warnings = [] if checked.trust.website else [no_website(checked)]
    report = SiteReport(warnings=warnings, site_dir=site_dir, documents=documents, posts=[sp.post.id for sp in posts],
                        pages=["index.html"] + [sp.page for sp in posts] + [page.path for page in added],
                        open_vacancies=[sp.post.id for sp in posts if sp.open_vacancy],
                        written=result.written, unchanged=result.unchanged, removed=result.removed,
                        seconds=time.perf_counter() - started)
    if maker is not None:
        logos = sorted({s.logo for s in checked.trust.schools if s.logo})
        _keep(kept_in, record.key(with_logos(prints, root, logos), docs_dir, today, maker), logos, report, posts,
              files, docs_dir)
    return report


def _keep(kept_in: Path, key: dict[str, str], logos: list[str], report: SiteReport, posts: list[SitePost],
          files: dict[str, bytes | Path], docs_dir: Path) -> None:
    """Record this build's files for the next one: documents by their path in `docs_dir`, the rest as bytes."""
    documents = {d.source: d for sp in posts for d in sp.documents}
    entries: list[tuple[str, str | int]] = []
    kept: list[bytes] = []
    for rel, content in files.items():
        if isinstance(content, Path) and content in documents:
            entries.append((rel, content.relative_to(docs_dir).as_posix()))
        else:
            data = content.read_bytes() if isinstance(content, Path) else content
            entries.append((rel, len(data)))
            kept.append(data)
    sizes = {source.relative_to(docs_dir).as_posix(): d.size for source, d in documents.items()}
    record.write(kept_in, record.SiteRecord(key, logos, sizes, entries, report.posts, report.pages,
                                            report.open_vacancies, list(report.documents.problems),
                                            list(report.warnings)), kept)


def _again(kept: record.SiteRecord, kept_in: Path, documents: BuildReport, docs_dir: Path, site_dir: Path,
           started: float) -> SiteReport | None:
    """The site of an unchanged trust, from the record of the last build (None if it cannot answer: the
    documents are not the ones it linked, or its kept bytes are gone)."""
    if not documents.ok:
        return None
    sizes: dict[str, int] = {}
    for outputs in documents.outputs.values():
        for output in outputs.files:
            try:
                sizes[output.path] = (docs_dir / output.path).stat().st_size
            except OSError:
                return None
    if sizes != kept.documents:
        return None
    files = record.kept_files(kept_in, kept)
    if files is None or not {c for c in files.values() if isinstance(c, str)} <= set(sizes):
        return None  # every document it links must be one the build left
    result = write_site(site_dir, {rel: docs_dir / content if isinstance(content, str) else content
                                   for rel, content in files.items()}, docs_dir)
    documents.problems = list(kept.problems)  # the full check's, as a build that validated everything reports
    return SiteReport(site_dir, documents, list(kept.posts), list(kept.pages), list(kept.open_vacancies),
                      result.written, result.unchanged, result.removed, time.perf_counter() - started,
                      list(kept.warnings))
