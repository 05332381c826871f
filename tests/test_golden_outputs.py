"""Golden files: the HTML of every example document and site page, and `jobpack show` of every example post.

Any change to what a candidate reads shows up here as a diff, file by file. When a change is on purpose,
rewrite the files with `JOBPACK_UPDATE_GOLDEN=1 python -m pytest tests/test_golden_outputs.py` and review
`git diff tests/golden/`. Embedded images (data: URIs) are replaced by their size and hash, so the golden
HTML stays readable while a changed logo still shows as a change.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobpack.build.orchestrate import check
from jobpack.build.run import make_job
from jobpack.cli import main
from jobpack.compose.output_paths import DOCUMENT_KINDS
from jobpack.publish.site import build_site
from jobpack.render.html import render_html
from jobpack.view.context import document_context
from tests.conftest import REPO

GOLDEN = Path(__file__).parent / "golden"
UPDATE = bool(os.environ.get("JOBPACK_UPDATE_GOLDEN"))
_DATA_URI = re.compile(r"data:([a-z]+/[a-z0-9.+-]+);base64,([A-Za-z0-9+/=]+)")
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
_SIZE = re.compile(r"\b\d+(?:\.\d)? [KM]B\b")  # download sizes follow the PDF bytes: checked elsewhere
SITE_TODAY = __import__("datetime").date(2026, 12, 3)  # the example vacancy is open (it closes 15 January 2027)


def _readable(text: str) -> str:
    def short(match: re.Match[str]) -> str:
        digest = hashlib.sha256(match.group(2).encode()).hexdigest()[:12]
        return f"data:{match.group(1)};base64,<{len(match.group(2))} characters, sha256 {digest}>"

    def style(match: re.Match[str]) -> str:
        # The print CSS is the same file in every document (src/jobpack/templates/style.css, plus a school's
        # extra.css): keep its size and hash here, not 190 lines of it in every golden document.
        css = match.group(1)
        return f"<style><{len(css)} characters of CSS, sha256 {hashlib.sha256(css.encode()).hexdigest()[:12]}></style>"

    return _SIZE.sub("<size>", _STYLE.sub(style, _DATA_URI.sub(short, text)))


def _compare(folder: str, produced: dict[str, str]) -> None:
    """Every produced file equals its golden copy, and no golden file is left over."""
    root = GOLDEN / folder
    if UPDATE:
        for old in root.rglob("*") if root.exists() else []:
            if old.is_file() and old.relative_to(root).as_posix() not in produced:
                old.unlink()
        for rel, text in produced.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, "utf-8")
    expected = {p.relative_to(root).as_posix(): p.read_text("utf-8") for p in root.rglob("*") if p.is_file()}
    problems = []
    for rel in sorted(set(expected) | set(produced)):
        if rel not in produced:
            problems.append(f"{folder}/{rel}: golden file no longer produced")
        elif rel not in expected:
            problems.append(f"{folder}/{rel}: new output with no golden file")
        elif produced[rel] != expected[rel]:
            diff = difflib.unified_diff(expected[rel].splitlines(), produced[rel].splitlines(), f"golden/{rel}",
                                        "produced", lineterm="", n=2)
            problems.append("\n".join(list(diff)[:60]))
    assert not problems, ("Outputs differ from tests/golden (rewrite with JOBPACK_UPDATE_GOLDEN=1 if intended):\n"
                          + "\n\n".join(problems))


def test_document_html_matches_the_golden_files():
    checked = check(REPO)
    produced = {}
    for post_id, post in sorted(checked.posts.items()):
        job = make_job(post, checked)
        for kind in (k for k in DOCUMENT_KINDS if k in post.documents):
            html = render_html(list(job.theme.document_dirs), kind, document_context(job.context, kind))
            produced[f"{post_id}/{kind}.html"] = _readable(html)
    assert len(produced) == sum(len(p.documents) for p in checked.posts.values()) >= 8
    _compare("documents", produced)


def test_show_of_every_post_matches_the_golden_files():
    checked = check(REPO)
    produced = {}
    for post_id in sorted(checked.posts):
        result = CliRunner().invoke(main, ["show", post_id, "--trust", str(REPO)])
        assert result.exit_code == 0, result.output
        produced[f"{post_id}.yaml"] = result.stdout
    _compare("show", produced)


@pytest.mark.usefixtures("example_build")
def test_site_pages_match_the_golden_files(example_build, tmp_path):
    site = tmp_path / "site"
    build_site(REPO, site, example_build, jobs=2, today=SITE_TODAY)
    produced = {p.relative_to(site).as_posix(): _readable(p.read_text("utf-8"))
                for p in sorted(site.rglob("*")) if p.suffix in (".html", ".json", ".xml")
                and not p.name.startswith(".")}
    assert "index.html" in produced
    _compare("site", produced)
