"""Benchmark WeasyPrint's layout of the example trust's documents with jobpack's print CSS, side by side
with the same documents under the flex-box rules the CSS used before (issue 14, "lighter layout").

Layout (`HTML.render`) is most of a document's time; writing the PDF is not measured here (see
bench_build.py for whole builds). Each document is laid out `--runs` times in one process with one font
configuration, as a build's worker does, and the median is kept. The page counts must match, or the
lighter CSS changed the documents.

    python bench/bench_layout.py            # 5 runs per document
    python bench/bench_layout.py --runs 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from weasyprint import HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

from jobpack.build.orchestrate import check  # noqa: E402
from jobpack.build.run import make_job  # noqa: E402
from jobpack.render.html import render_html  # noqa: E402
from jobpack.view.context import document_context  # noqa: E402

FLEX_RULES = """
.running-header { display: flex; justify-content: space-between; }
.rh-post { float: none; }
.masthead { display: flex; align-items: center; gap: 5mm; }
.masthead > .logo, .masthead > .masthead-text { display: block; }
.masthead > .logo { margin-right: 0; }
.key dl { display: flex; flex-wrap: wrap; gap: 1mm 6mm; }
.key-item { display: flex; margin-right: 0; }
.key dt, .key dd { display: block; }
"""
"""The rules the print CSS had before it dropped flex boxes (appended after style.css, so they win)."""


def documents() -> list[tuple[str, str]]:
    """(name, HTML) of every document of the example trust."""
    checked = check(REPO)
    out = []
    for post_id, post in sorted(checked.posts.items()):
        job = make_job(post, checked)
        for kind in job.context["post"].documents:
            out.append((f"{post_id} {kind}", render_html(list(job.theme.document_dirs), kind,
                                                          document_context(job.context, kind))))
    return out


def lay_out(html: str, fonts: FontConfiguration, runs: int) -> tuple[float, int]:
    """Median seconds to lay the document out, and its page count."""
    times, pages = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        pages = len(HTML(string=html, base_url=str(REPO)).render(font_config=fonts).pages)
        times.append(time.perf_counter() - started)
    return statistics.median(times), pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    fonts = FontConfiguration()
    docs = documents()
    lay_out(docs[0][1], fonts, 1)  # warm up fonts and caches
    print(f"{'document':<72} {'now':>7} {'flex':>7} {'ratio':>6} pages")
    totals = [0.0, 0.0]
    for name, html in docs:
        now, pages = lay_out(html, fonts, args.runs)
        flex, flex_pages = lay_out(html.replace("</style>", FLEX_RULES + "</style>", 1), fonts, args.runs)
        totals[0] += now
        totals[1] += flex
        same = "" if pages == flex_pages else f"  (flex: {flex_pages} pages)"
        print(f"{name:<72} {now:7.3f} {flex:7.3f} {now / flex:6.2f} {pages}{same}")
    n = len(docs)
    print(f"{'median of medians per document (mean)':<72} {totals[0] / n:7.3f} {totals[1] / n:7.3f} "
          f"{totals[0] / totals[1]:6.2f}")


if __name__ == "__main__":
    main()
