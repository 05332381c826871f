"""Benchmark `jobpack import` on a batch of job descriptions: the four seed job packs (plain text) and a
Word and a PDF job pack, copied round-robin to N files (default 100), imported in one run into a copy of the
example trust, drafts written and checked.

    python bench/bench_import.py              # 100 files
    python bench/bench_import.py --files 20   # a quicker run
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests" / "importer"))

from make_docx import write_pack  # noqa: E402

from jobpack.importer import Options, import_files  # noqa: E402

SEEDS = Path(os.environ.get("JOBPACK_SEEDS") or REPO.parent / "shared" / "seeds")


def inputs(folder: Path, count: int) -> list[Path]:
    kinds = sorted(SEEDS.glob("0*.txt"))
    word = write_pack(folder / "pack.docx")
    kinds.append(word)
    if shutil.which("soffice"):
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(word)],
                       check=True, capture_output=True, timeout=180)
        kinds.append(folder / "pack.pdf")
    files = []
    for n in range(count):
        source = kinds[n % len(kinds)]
        target = folder / "in" / f"{n:03d}-{source.name}"
        target.parent.mkdir(exist_ok=True)
        shutil.copy(source, target)
        files.append(target)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        root = folder / "trust"
        root.mkdir()
        shutil.copy(REPO / "trust.yaml", root / "trust.yaml")
        for name in ("blocks", "assets"):
            shutil.copytree(REPO / name, root / name)
        shutil.copytree(REPO / "posts" / "profiles", root / "posts" / "profiles")
        files = inputs(folder, args.files)
        start = time.perf_counter()
        results, problems = import_files(root, files, Options())
        elapsed = time.perf_counter() - start
        written = sum(1 for r in results if r.post_file and not r.refused)
        errors = sum(1 for p in problems if p.severity == "error")
        print(f"imported {len(files)} files ({written} drafts written, {errors} check errors) in {elapsed:.1f} s "
              f"({elapsed / len(files) * 1000:.0f} ms a file, jobpack check of all drafts included)")


if __name__ == "__main__":
    main()
