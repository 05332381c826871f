"""`jobpack check` (and site, diff, where-used) on a synthetic 1,000-post trust, side by side in one run.

The trust is bench_build.py's (the example posts cloned round-robin), plus one block used by three posts
only, for "a block edit reaching few posts". Every figure is a whole `jobpack ...` command in a fresh
process (start-up included), wall seconds and the CPU seconds of it and its workers: the machine is
shared, so read the CPU figure and the ratios as well as the wall time. In one run it prints:

* check, cold: no record and no kept per-post results (what a CI runner without actions/cache does);
* check after a one-post edit, after a block edit reaching 3 posts, and with nothing changed;
* the floor: reading every YAML file of the trust with libyaml in one process (start-up included);
* site (documents rendered by a stand-in, in process: the figure is jobpack's own work) with nothing
  changed and after a one-post edit, with the size of index.html and of the search index; `jobpack diff
  HEAD~1 HEAD` after a one-block edit (with the results
  the checks above kept, as a CI runner with actions/cache has them, and with none), `jobpack where-used
  school-policies`, and `jobpack drift` (after bench_drift.py's one local line in other words per post, so
  the comparisons have distinct text to work on).

    python bench/bench_check.py               # 1,000 posts
    python bench/bench_check.py --posts 200
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

import hashlib  # noqa: E402

from bench_build import synthetic_trust  # noqa: E402
from bench_drift import vary  # noqa: E402

FEW = "blocks/bench-few.yaml"
FEW_BLOCK = """\
area: pupils
items:
  - id: lunch
    text: Help pupils at lunchtime.
"""
FLOOR = """
import sys, yaml
from pathlib import Path
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(path.read_bytes(), Loader=loader)
"""


def run(*args: str, env: dict[str, str]) -> tuple[float, float, str]:
    """Wall and CPU seconds (its own and its children's) of one command, and what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout + done.stderr


def jobpack(root: Path, env: dict[str, str], *args: str) -> tuple[float, float, str]:
    return run(sys.executable, "-m", "jobpack.cli", *args, "--trust", str(root), env=env)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"the bench's edit no longer matches {path.name}: update it"
    path.write_text(text.replace(old, new, 1), "utf-8")


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.name=bench", "-c", "user.email=b@example.org", *args],
                   check=True, capture_output=True)


def stand_in_render(job, environments=None) -> dict[str, bytes]:
    """Documents of about a real post's size whose bytes follow its inputs, without any layout."""
    seed = hashlib.sha256(job.inputs_hash().encode()).digest()
    return {name: seed * 1000 for name in job.outputs.names().values()}


def site_in_process(root: Path) -> tuple[tuple[float, float], tuple[float, float], int, int]:
    """`jobpack site`'s own work with documents from the stand-in renderer, each into a new folder: wall and CPU
    seconds (this process only: jobs=1) of the site again with nothing changed (written from the site's record)
    and after a one-post edit (the check's kept results answer for the other posts; every page is made again),
    and the index.html and search-index sizes in bytes."""
    import jobpack.build.run as jobpack_build
    from jobpack.publish.site import build_site

    real = jobpack_build.render_job
    jobpack_build.render_job = stand_in_render
    figures = []
    try:
        build_site(root, root / "site-first", jobs=1)  # the documents, once
        for folder in ("site", "site-edited"):
            if folder == "site-edited":
                edit(sorted((root / "posts/leap").glob("*.yaml"))[7], "title: ", "title: Senior ")
            started, cpu = time.perf_counter(), time.process_time()
            build_site(root, root / folder, jobs=1)
            figures.append((time.perf_counter() - started, time.process_time() - cpu))
    finally:
        jobpack_build.render_job = real
    return (figures[0], figures[1], (root / "site/index.html").stat().st_size,
            (root / "site/assets/search-index.js").stat().st_size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jobpack-bench-check-") as tmp:
        root = Path(tmp) / "trust"
        root.mkdir()
        synthetic_trust(root, args.posts)
        (root / FEW).write_text(FEW_BLOCK, "utf-8")
        few_posts = sorted((root / "posts/leap").glob("*.yaml"))[:3]
        for path in few_posts:
            edit(path, "duties:\n  pupils:\n", "duties:\n  pupils:\n    - use: bench-few\n")
        env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "JOBPACK_CACHE_DIR": str(Path(tmp) / "cache")}
        git(root, "init", "-q")
        git(root, "add", "-A")
        git(root, "commit", "-qm", "trust")

        rows: list[tuple[str, float, float, str]] = []
        wall, cpu, out = jobpack(root, env, "check")
        assert "All good" in out, out
        rows.append(("check, cold (no record, no kept results)", wall, cpu, ""))
        shutil.rmtree(Path(tmp) / "cache")
        wall, cpu, _ = jobpack(root, env, "check")
        rows.append(("check, cold again", wall, cpu, ""))
        one = sorted((root / "posts/elm-tree").glob("*.yaml"))[5]
        edit(one, "title: ", "title: Senior ")
        wall, cpu, out = jobpack(root, env, "check")
        assert "All good" in out, out
        rows.append(("check after a one-post edit", wall, cpu, one.name))
        edit(root / FEW, "at lunchtime", "at lunchtime and break")
        wall, cpu, out = jobpack(root, env, "check")
        assert "All good" in out, out
        rows.append(("check after a block edit (3 posts)", wall, cpu, FEW))
        wall, cpu, _ = jobpack(root, env, "check")
        rows.append(("check, nothing changed", wall, cpu, ""))
        floor_wall, floor_cpu, _ = run(sys.executable, "-c", FLOOR, str(root), env=env)
        rows.append(("floor: libyaml reads every YAML file", floor_wall, floor_cpu, ""))

        git(root, "add", "-A")
        git(root, "commit", "-qm", "edits")
        edit(root / "blocks/pupils-care.yaml", "and motivation", "and motivation in lessons")
        git(root, "commit", "-qam", "one block")
        wall, cpu, out = jobpack(root, env, "diff", "HEAD~1", "HEAD")
        rows.append(("diff HEAD~1 HEAD (one block edit)", wall, cpu, f"{out.count(chr(10))} lines"))
        bare = {**env, "JOBPACK_CACHE_DIR": str(Path(tmp) / "no-cache")}
        wall, cpu, cold_out = jobpack(root, bare, "diff", "HEAD~1", "HEAD")
        assert cold_out == out, "diff with kept results differs from diff with none"
        rows.append(("diff HEAD~1 HEAD, nothing kept", wall, cpu, "same output"))
        wall, cpu, out = jobpack(root, env, "where-used", "school-policies")
        rows.append(("where-used school-policies", wall, cpu, ""))
        site_same, site_edited, index_bytes, words_bytes = site_in_process(root)
        vary(root)
        wall, cpu, out = jobpack(root, env, "drift", "--format", "json")
        rows.append(("drift (varied posts)", wall, cpu, f"{out.count(chr(10))} lines of JSON"))

    cold = rows[0][1]
    print(f"jobpack check bench: {args.posts} posts, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; "
          "whole commands, wall s (CPU s), ratio to the floor")
    for name, wall, cpu, note in rows:
        print(f"  {name:<42} {wall:6.2f} s ({cpu:5.2f} s CPU)  {wall / floor_wall:5.1f}x floor  "
              f"{wall / cold:5.2f}x cold  {note}")
    for name, (site_s, site_cpu), note in (
            ("site, nothing changed (in process)", site_same, f"index.html {index_bytes / 1024:.0f} KiB, search "
             f"index {words_bytes / 1024:.0f} KiB (loaded on the first search)"),
            ("site after a one-post edit (in process)", site_edited, "stand-in documents, jobs=1")):
        print(f"  {name:<42} {site_s:6.2f} s ({site_cpu:5.2f} s CPU)  {site_s / floor_wall:5.1f}x floor  "
              f"{site_s / cold:5.2f}x cold  {note}")


if __name__ == "__main__":
    main()
