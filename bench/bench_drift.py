"""Benchmark `jobpack drift` on a synthetic trust, beside the floor of reading its YAML (figures, never
assertions). Posts are cloned round-robin from the example trust, as bench_build.py does, and each clone
gets one local duty of its own (97 numbered wordings x 5 school phrasings), so the comparisons have
distinct text to work on, not only copies.

In one run, per size: the libyaml floor (every YAML file of the trust read with yaml.CSafeLoader, in this
process), drift in this process (validation without templates and lints, then the comparisons and like
roles, then writing the JSON, split; with Python's cycle collector on, which the command pauses), and the
`jobpack drift --format json` command as a whole process (wall and CPU seconds).

    python bench/bench_drift.py                  # 1,000 posts
    python bench/bench_drift.py --sizes 200 1000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

import yaml  # noqa: E402
from bench_build import synthetic_trust  # noqa: E402

from jobpack.build.orchestrate import check  # noqa: E402
from jobpack.standardise.drift import drift  # noqa: E402
from jobpack.standardise.drift_report import as_data  # noqa: E402

VARIATIONS = ["as required", "when needed", "where appropriate", "at all times", "as directed"]


def vary(root: Path) -> None:
    """Give every cloned post one local line of its own in other words, so not every statement is a copy."""
    for n, path in enumerate(sorted((root / "posts").rglob("*-[0-9][0-9][0-9][0-9].yaml"))):
        text = path.read_text("utf-8")
        marker = "  school:\n"
        if marker in text and "duties:" in text:
            extra = f"    - To help with site duty number {n % 97} {VARIATIONS[n % len(VARIATIONS)]}.\n"
            path.write_text(text.replace(marker, marker + extra, 1), "utf-8")


def floor(root: Path) -> float:
    started = time.perf_counter()
    for path in sorted(root.rglob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)  # noqa: S506 - CSafeLoader is the safe loader
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    print(f"{'posts':>6} {'libyaml floor':>14} {'validate':>9} {'compare':>8} {'json':>6} {'drift (in process)':>19} "
          f"{'jobpack drift':>14} {'its CPU':>8} {'ratio to floor':>15} {'proposals':>10} {'like-role groups':>17}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            synthetic_trust(root, size)
            vary(root)
            read = floor(root)
            started = time.perf_counter()
            checked = check(root, quick=True)
            validated = time.perf_counter() - started
            report = drift(checked)
            compared = time.perf_counter() - started - validated
            json.dumps(as_data(report), indent=2, ensure_ascii=False)
            written = time.perf_counter() - started - validated - compared
            in_process = validated + compared + written
            before = os.times()
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "jobpack.cli", "drift", "--format", "json", "--trust", str(root)],
                           env=env, check=True, capture_output=True)
            command = time.perf_counter() - started
            after = os.times()
            cpu = after.children_user + after.children_system - before.children_user - before.children_system
            print(f"{size:>6} {read:>13.2f}s {validated:>8.2f}s {compared:>7.2f}s {written:>5.2f}s "
                  f"{in_process:>18.2f}s {command:>13.2f}s {cpu:>7.2f}s {command / read:>14.1f}x "
                  f"{len(report.proposals):>10} {len(report.like_roles):>17}")


if __name__ == "__main__":
    main()
