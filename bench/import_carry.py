"""Content-line carry of `jobpack import`: for each seed job pack (and the benchmark role profile written by
tests/importer/benchmark_docx.py, the advert with its job description and the job description laid out as a
Word table written by tests/importer/shapes_docx.py), the share of its content lines (six words or more, not
a council form's own guidance, which is counted apart) that reach the draft, imported into a copy of the
example trust with the seed's own post removed.

    JOBPACK_SEEDS=../shared/seeds python bench/import_carry.py [--missing]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests" / "importer"))

from benchmark_docx import write_benchmark  # noqa: E402
from carry import carry  # noqa: E402
from shapes_docx import write_advert, write_table_jd  # noqa: E402

from jobpack.importer import Options, import_files  # noqa: E402

SEEDS = Path(os.environ.get("JOBPACK_SEEDS") or REPO.parent / "shared" / "seeds")
SEED_POSTS = {
    "000": "westminster/learning-support-practitioner",
    "001": "elm-tree/pastoral-learning-support-practitioner",
    "002": "leap/learning-support-assistant-key-worker",
    "003": "nightingale/learner-support-professional",
}

WRITERS = {"benchmark": write_benchmark, "advert": write_advert, "table": write_table_jd}


def trust_copy(folder: Path, remove: str | None) -> Path:
    root = folder / "trust"
    root.mkdir()
    shutil.copy(REPO / "trust.yaml", root / "trust.yaml")
    for name in ("blocks", "posts", "assets"):
        shutil.copytree(REPO / name, root / name)
    if remove:
        (root / "posts" / f"{remove}.yaml").unlink()
    return root


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--missing", action="store_true", help="list the lines that did not reach the draft")
    args = parser.parse_args()
    cases: list[tuple[str, Path | None, str | None, str | None]] = [
        (n, next(iter(sorted(SEEDS.glob(f"{n}_*.txt"))), None), post, None) for n, post in SEED_POSTS.items()]
    cases += [(name, None, None, "elm-tree") for name in WRITERS]
    for name, path, remove, school in cases:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            if path is None:
                if name not in WRITERS:
                    print(f"{name}: not in {SEEDS}")
                    continue
                path = WRITERS[name](folder / f"{name}.docx")
            root = trust_copy(folder, remove)
            results, _ = import_files(root, [path], Options(school=school))
            result = results[0]
            if result.refused:
                print(f"{name}: refused: {result.refused}")
                continue
            text = carry(path, root, result.post_id)
            found = carry(path, root, result.post_id, result.account)
            left = [a for a in result.account if a.became in ("boilerplate", "left out")]
            print(f"{name}: every line of six words or more: {text.carried}/{text.lines} in the draft as text "
                  f"({text.share:.0%}); content lines (not a form's guidance): {found.as_text}/{found.lines} as "
                  f"text, {found.carried}/{found.lines} with fields and the trust's wording ({found.share:.0%}); "
                  f"{len(found.guidance)} lines of a form's guidance; {len(left)} lines left out, each with its reason")
            if args.missing:
                for line in found.missing:
                    print(f"    missing: {line[:110]}")
                for line in found.guidance:
                    print(f"    form guidance (not counted): {line[:100]}")


if __name__ == "__main__":
    main()
