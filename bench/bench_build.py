"""Benchmark `jobpack build` on a synthetic trust, beside the raw WeasyPrint and docxtpl render times.

Generates N posts (default 200) from the example trust's blocks and posts, builds them with jobpack, then
renders the same documents directly with WeasyPrint and docxtpl in this process, so jobpack's own
overhead (loading, validating, composing, hashing, writing, process pool) shows as a ratio.

    python bench/bench_build.py                 # 200 posts, all cores
    python bench/bench_build.py --posts 40 -j 1 # a quicker, single-process run
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from jobpack.build import KINDS, build, make_job  # noqa: E402
from jobpack.context import document_context  # noqa: E402
from jobpack.validate import check  # noqa: E402


def synthetic_trust(target: Path, posts: int) -> None:
    """Copy the example trust and clone its posts round-robin until there are `posts` of them."""
    shutil.copy(REPO / "trust.yaml", target / "trust.yaml")
    shutil.copytree(REPO / "blocks", target / "blocks")
    for folder in ("templates", "assets"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, target / folder)
    shutil.copytree(REPO / "posts" / "profiles", target / "posts" / "profiles")
    examples = sorted(p for p in (REPO / "posts").rglob("*.yaml") if "profiles" not in p.parts)
    for n in range(posts):
        source = examples[n % len(examples)]
        school = source.parent.name
        dest = target / "posts" / school / f"{source.stem}-{n:04d}.yaml"
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(source.read_bytes())


def raw_render(root: Path, sample: int) -> tuple[float, float, int]:
    """Seconds per post spent in WeasyPrint and in docxtpl alone, over the first `sample` posts (by id)."""
    from docxtpl import DocxTemplate
    from weasyprint import HTML

    from jobpack.render.html import render_html
    from jobpack.render.lookup import find_template

    checked = check(root)
    jobs = [make_job(checked.posts[pid], checked) for pid in sorted(checked.posts)[:sample]]
    weasy = docx = 0.0
    for job in jobs:
        dirs = [Path(d) for d in job.template_dirs]
        for kind in KINDS:
            context = document_context(job.context, kind)
            html = render_html(dirs, kind, context)
            started = time.perf_counter()
            HTML(string=html, base_url=job.base_url).write_pdf()
            weasy += time.perf_counter() - started
            started = time.perf_counter()
            template = DocxTemplate(find_template(dirs, f"{kind}.docx"))
            template.render(context, autoescape=True)
            template.save(os.devnull)
            docx += time.perf_counter() - started
    return weasy / len(jobs), docx / len(jobs), len(jobs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=200, help="number of synthetic posts (default 200)")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.add_argument("--raw-sample", type=int, default=20, help="posts rendered raw for the comparison")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="jobpack-bench-") as tmp:
        root = Path(tmp)
        synthetic_trust(root, args.posts)
        started = time.perf_counter()
        report = build(root, root / "output", jobs=args.jobs, force=True)
        wall = time.perf_counter() - started
        assert report.ok and len(report.built) == args.posts, report.failed
        documents = len(report.written)
        main_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

        started = time.perf_counter()
        again = build(root, root / "output", jobs=args.jobs)
        noop = time.perf_counter() - started
        assert len(again.unchanged) == args.posts

        weasy, docx, sampled = raw_render(root, args.raw_sample)
        sample_ids = sorted(check(root).posts)[:sampled]
        started = time.perf_counter()
        serial = build(root, root / "serial", posts=sample_ids, jobs=1, force=True)
        serial_per_post = (time.perf_counter() - started) / len(serial.built)

    per_post = wall / args.posts
    cpu_per_post = wall * min(args.jobs, args.posts) / args.posts
    raw = weasy + docx
    print(f"posts                     {args.posts} ({documents} documents), {args.jobs} worker(s), "
          f"{os.cpu_count()} cores")
    print(f"build wall time           {wall:.1f} s")
    print(f"time per post             {per_post * 1000:.0f} ms wall, {cpu_per_post * 1000:.0f} ms x workers")
    print(f"documents per second      {documents / wall:.1f}")
    print(f"peak memory               {main_rss:.0f} MiB main process, {child_rss:.0f} MiB largest worker")
    print(f"rebuild, nothing changed  {noop:.2f} s")
    print(f"raw render per post       {raw * 1000:.0f} ms (WeasyPrint {weasy * 1000:.0f} ms for 2 PDFs, "
          f"docxtpl {docx * 1000:.0f} ms for 2 DOCX; {sampled} posts sampled)")
    print(f"jobpack -j 1 per post     {serial_per_post * 1000:.0f} ms (same {sampled} posts, one process)")
    print(f"jobpack / raw             {serial_per_post / raw:.2f}x single process; "
          f"{cpu_per_post / raw:.2f}x counting every worker's wall time in the parallel build")


if __name__ == "__main__":
    main()
