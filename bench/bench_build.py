"""Benchmark jobpack on a synthetic trust, side by side in one run (figures, never assertions).

Posts are cloned round-robin from the example trust. In one run it prints:

* full build, seconds per post and per document, with -j 1 and -j N (on --render-posts posts);
* raw WeasyPrint + docxtpl of the same documents in this process, and jobpack's overhead ratio;
* LibreOffice converting jobpack's own DOCX to PDF in one batch (when `soffice` is installed), and
  jobpack's seconds per PDF document against it;
* `check` (in process, and the `jobpack check` command with no record and answered from its record), a
  no-op rebuild (in process and the `jobpack build` command) and a one-block-edit rebuild at 200 and
  1,000 posts. These prime the output
  folder with a stand-in renderer (files of real size, no layout) so they time jobpack's own work: reading,
  validating, the cache and the manifest. Posts the edit re-renders are counted and costed at the -j 1
  time per post measured above;
* peak RSS of the main process and the largest worker (and of the first and last worker, to show it stays
  flat) for real builds of every post at the --rss-posts sizes (each in a fresh process; 1,000 posts take
  about 15 minutes on 2 cores).

    python bench/bench_build.py                          # the whole table (a few minutes on 2 cores)
    python bench/bench_build.py --sizes 200 --rss-posts 10 100
    python bench/bench_build.py --rss-posts 10 1000              # the figures in docs/speed.md
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import jobpack.build.run as jobpack_build  # noqa: E402
from jobpack.build.orchestrate import check  # noqa: E402
from jobpack.build.run import KINDS, build, make_job  # noqa: E402
from jobpack.view.context import document_context  # noqa: E402

EDITED_BLOCK = "blocks/pupils-care.yaml"  # used through the role profile: half the example posts


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
        dest = target / "posts" / source.parent.name / f"{source.stem}-{n:04d}.yaml"
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(source.read_bytes())


def stand_in_render(job, environments=None) -> dict[str, bytes]:
    """Files of a real post's sizes whose bytes follow the post's inputs, without any layout."""
    seed = hashlib.sha256(job.inputs_hash().encode()).digest()
    sizes = {"job-pack.pdf": 63_000, "job-description.pdf": 42_000, "person-specification.pdf": 30_000,
             "job-description.docx": 46_000, "person-specification.docx": 44_000}
    names = job.outputs.names()
    return {name: (seed * (sizes[key] // 32 + 1))[:sizes[key]] for key, name in names.items()}


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def raw_render(root: Path, ids: list[str]) -> tuple[float, float, float]:
    """Seconds per post in WeasyPrint (two PDFs: plain, and tagged PDF/UA as jobpack writes them) and
    docxtpl (two DOCX) alone, for the posts `ids`."""
    from docxtpl import DocxTemplate
    from weasyprint import HTML

    from jobpack.render.html import render_html
    from jobpack.render.lookup import find_template

    checked = check(root)
    weasy = tagged = docx = 0.0
    for pid in ids:
        job = make_job(checked.posts[pid], checked)
        dirs = [Path(d) for d in job.template_dirs]
        for kind in KINDS:
            context = document_context(job.context, kind)
            html = render_html(dirs, kind, context)
            _, took = timed(lambda html=html, job=job: HTML(string=html, base_url=job.base_url).write_pdf())
            weasy += took
            _, took = timed(lambda html=html, job=job: HTML(string=html, base_url=job.base_url).write_pdf(
                pdf_variant="pdf/ua-1", pdf_identifier=True))
            tagged += took
            started = time.perf_counter()
            template = DocxTemplate(find_template(dirs, f"{kind}.docx"))
            template.render(context, autoescape=True)
            template.save(os.devnull)
            docx += time.perf_counter() - started
    return weasy / len(ids), tagged / len(ids), docx / len(ids)


def libreoffice(out: Path, scratch: Path) -> tuple[float, int] | None:
    """Seconds per document for LibreOffice converting every DOCX under `out` to PDF in one batch."""
    soffice = shutil.which("soffice")
    if not soffice:
        return None
    docs = sorted(out.rglob("*.docx"))
    profile = scratch / "lo-profile"
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
               "--outdir", str(scratch / "lo-pdf"), *map(str, docs)]
    subprocess.run(command[:3] + ["--terminate_after_init"], capture_output=True, check=False)  # first start
    _, took = timed(lambda: subprocess.run(command, capture_output=True, check=True))
    return took / len(docs), len(docs)


def cli(*args: str) -> float:
    """Seconds for one `jobpack ARGS` command in a fresh process, as a user runs it (start-up included)."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    _, took = timed(lambda: subprocess.run([sys.executable, "-m", "jobpack.cli", *args], env=env,
                                           capture_output=True, check=False))
    return took


def rebuild_figures(size: int, per_post: float) -> dict[str, float]:
    """check (in this process, and the `jobpack check` command without and with its record), no-op rebuild
    (in this process and the `jobpack build` command) and one-block-edit rebuild of `size` posts (primed
    with the stand-in renderer)."""
    with tempfile.TemporaryDirectory(prefix="jobpack-bench-") as tmp:
        root = Path(tmp)
        synthetic_trust(root, size)
        checked, check_s = timed(lambda: check(root))
        assert not checked.errors
        del checked  # a second trust's worth of live objects would slow the builds' garbage collection
        check_cold = cli("check", "--trust", str(root))  # writes output/.jobpack-check.json
        check_warm = cli("check", "--trust", str(root))
        real = jobpack_build.render_job
        jobpack_build.render_job = stand_in_render
        try:
            first = build(root, root / "output", jobs=1)
            assert first.ok and len(first.built) == size
            noop, noop_s = timed(lambda: build(root, root / "output", jobs=1))
            assert noop.built == [] and noop.validated == []
            noop_cli = cli("build", "--trust", str(root), "-j", "1")
            block = root / EDITED_BLOCK
            text = block.read_text("utf-8")
            edited = text.replace("and motivation", "and motivation in lessons", 1)
            assert edited != text, f"the bench's one-word edit no longer matches {EDITED_BLOCK}: update it"
            block.write_text(edited, "utf-8")
            edit, edit_s = timed(lambda: build(root, root / "output", jobs=1))
        finally:
            jobpack_build.render_job = real
        stand_in = stand_in_cost() * len(edit.built)
    return {"check": check_s, "check_cold": check_cold, "check_warm": check_warm, "noop": noop_s,
            "noop_cli": noop_cli, "edit": edit_s - stand_in, "edit_validated": len(edit.validated),
            "edit_built": len(edit.built), "edit_with_render": edit_s - stand_in + len(edit.built) * per_post}


def stand_in_cost() -> float:
    """What the stand-in renderer itself costs per post (taken out of the edit figure)."""
    class Job:  # just enough of a RenderJob
        def inputs_hash(self) -> str:
            return "x"

        class outputs:  # noqa: N801
            @staticmethod
            def names() -> dict[str, str]:
                return {k: k for k in ("job-pack.pdf", "job-description.pdf", "person-specification.pdf",
                                       "job-description.docx", "person-specification.docx")}

    _, took = timed(lambda: [stand_in_render(Job()) for _ in range(20)])
    return took / 20


def _hwm(pid: int | str) -> float:
    """Peak resident memory (VmHWM) of a live process, in MiB; 0 if it has gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _private(pid: int) -> float:
    """Memory of a live process that is its own (Private_Clean + Private_Dirty, not shared with the process
    it was forked from), in MiB; 0 if it has gone."""
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return 0.0
    return sum(int(line.split()[1]) for line in lines if line.startswith(("Private_Clean:", "Private_Dirty:"))) / 1024


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def rss_run(posts: int, jobs: int) -> None:
    """(In a fresh process) build `posts` posts for real; print as JSON the peak RSS (VmHWM, which unlike
    getrusage does not inherit the parent's) of this process and of the largest worker, sampled every
    0.25 s, and the peak of the first and of the last worker started (workers are replaced every
    RECYCLE_AFTER posts), to show whether memory stays flat over a long build."""
    import threading

    peaks: dict[int, float] = {}  # worker pid -> its peak, in the order the workers started
    own: dict[int, float] = {}  # worker pid -> its largest private (unshared) memory seen
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.25):
            for child in _children(os.getpid()):
                peaks[child] = max(peaks.get(child, 0.0), _hwm(child))
                own[child] = max(own.get(child, 0.0), _private(child))

    threading.Thread(target=sample, daemon=True).start()
    with tempfile.TemporaryDirectory(prefix="jobpack-bench-") as tmp:
        root = Path(tmp)
        synthetic_trust(root, posts)
        report, took = timed(lambda: build(root, root / "output", jobs=jobs))
        assert report.ok and len(report.built) == posts
    done.set()
    workers = [peak for peak in peaks.values() if peak]
    print(json.dumps({"main": _hwm("self"), "worker": max(workers, default=0.0), "seconds": took,
                      "workers": len(workers), "first": workers[0] if workers else 0.0,
                      "own": max(own.values(), default=0.0),
                      "last": workers[-1] if workers else 0.0}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, help="worker processes for -j N")
    parser.add_argument("--render-posts", type=int, default=12, help="posts rendered for real (default 12)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[200, 1000], help="posts for check and rebuilds")
    parser.add_argument("--rss-posts", type=int, nargs="*", default=[10, 100], help="real builds for peak RSS")
    parser.add_argument("--rss-run", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_run:
        rss_run(args.rss_run, args.jobs)
        return

    n = args.render_posts
    with tempfile.TemporaryDirectory(prefix="jobpack-bench-") as tmp:
        root = Path(tmp)
        synthetic_trust(root, n)
        serial, serial_s = timed(lambda: build(root, root / "serial", jobs=1, force=True))
        parallel, parallel_s = timed(lambda: build(root, root / "parallel", jobs=args.jobs, force=True))
        assert serial.ok and parallel.ok and len(serial.built) == n
        documents = len(serial.written)
        weasy, tagged, docx = raw_render(root, sorted(serial.built))
        office = libreoffice(root / "serial", root)
    per_post = serial_s / n
    raw = weasy + docx
    print(f"jobpack bench: {n} posts rendered ({documents} documents), "
          f"{os.cpu_count()} cores")
    print(f"full build -j 1          {per_post:.2f} s/post  {serial_s / documents:.3f} s/document")
    print(f"full build -j {args.jobs:<2}         {parallel_s / n:.2f} s/post  {parallel_s / documents:.3f} s/document "
          f"(wall)")
    print(f"raw WeasyPrint+docxtpl   {raw:.2f} s/post  (WeasyPrint {weasy:.2f} s for 2 PDFs, docxtpl {docx:.2f} s "
          f"for 2 DOCX)")
    print(f"raw, tagged PDF/UA       {tagged + docx:.2f} s/post  (WeasyPrint {tagged:.2f} s for 2 tagged PDFs, as "
          "jobpack writes them)")
    print(f"jobpack / raw            {per_post / raw:.2f}x plain, {per_post / (tagged + docx):.2f}x tagged  "
          "(-j 1, same posts; jobpack also validates, writes the pack and the files)")
    pdf_per_doc = (per_post - docx) / 2  # jobpack's PDF time per document (the pack comes free with the two)
    if office:
        lo, count = office
        print(f"LibreOffice batch        {lo:.3f} s/document ({count} DOCX -> PDF in one process)")
        print(f"jobpack PDF / LO         {pdf_per_doc / lo:.2f}x  (jobpack {pdf_per_doc:.3f} s per PDF document, "
              "single process each)")
    else:
        print("LibreOffice batch        (soffice is not installed)")
    for size in args.sizes:
        figures = rebuild_figures(size, per_post)
        print(f"{size:>5} posts: check      {figures['check']:.2f} s in process; 'jobpack check' command "
              f"{figures['check_cold']:.2f} s with no record, {figures['check_warm']:.2f} s answered from it")
        print(f"{size:>5} posts: no-op      {figures['noop']:.2f} s in process; 'jobpack build' command "
              f"{figures['noop_cli']:.2f} s")
        print(f"{size:>5} posts: block edit {figures['edit']:.2f} s jobpack's own work "
              f"({figures['edit_validated']} posts validated, {figures['edit_built']} re-rendered: "
              f"~{figures['edit_with_render']:.0f} s with real rendering at -j 1)")
    for size in args.rss_posts:
        out = subprocess.run([sys.executable, __file__, "--rss-run", str(size), "-j", str(args.jobs)],
                             capture_output=True, text=True, check=True).stdout
        rss = json.loads(out.strip().splitlines()[-1])
        print(f"{size:>5} posts: peak RSS   {rss['main']:.0f} MiB main, {rss['worker']:.0f} MiB largest worker, "
              f"of which at most {rss['own']:.0f} MiB its own (the rest shared with the main process after fork); "
              f"first worker {rss['first']:.0f}, last {rss['last']:.0f}, {rss['workers']} workers; real build of "
              f"every post, -j {args.jobs}, {rss['seconds']:.0f} s")


if __name__ == "__main__":
    main()
