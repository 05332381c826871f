"""Property-based tests: valid posts always render; damaged files always give a clean, located error.

Hypothesis generates posts from the building blocks of the small test trust, and damages real files
(deleted or swapped lines, changed indentation, random bytes) to check that jobpack never shows a
traceback, never hangs, and never changes an output file when a build fails.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobpack.build.orchestrate import check
from jobpack.build.run import build, make_job
from jobpack.errors import InvalidTrust
from jobpack.render.html import render_html
from jobpack.view.context import document_context
from tests.conftest import MINI_BLOCKS, MINI_POST, MINI_TRUST

REPO = Path(__file__).resolve().parent.parent
SAFE_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x85\u2028\u2029"),
                    min_size=1, max_size=60).filter(lambda t: t.strip() and "{{" not in t)


def write_trust(root: Path, post: str) -> None:
    for rel, text in {"trust.yaml": MINI_TRUST, **MINI_BLOCKS, "posts/oak/ta.yaml": post}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), "utf-8")


def _insert(texts: list[str], use: dict | None, at: int) -> list:
    """Post-specific lines with the block used at most once (item ids must be unique in a post)."""
    entries: list = list(texts)
    if use is not None:
        entries.insert(at % (len(entries) + 1), use)
    return entries or ["Support pupils."]


use_block = st.builds(lambda omit: {"use": "pupils-core", "omit": omit},
                      st.lists(st.sampled_from(["interests", "hygiene", "escort"]), unique=True, max_size=2))
entries_duties = st.builds(_insert, st.lists(SAFE_TEXT, max_size=3), st.one_of(st.none(), use_block),
                           st.integers(0, 3))
entries_criteria = st.lists(
    st.builds(lambda text, need, assessed: {"text": text, "need": need, "assessed": assessed},
              SAFE_TEXT, st.sampled_from(["essential", "desirable"]), st.lists(st.sampled_from(["A", "I"]),
                                                                                unique=True)),
    min_size=1, max_size=4)
posts = st.fixed_dictionaries({
    "school": st.sampled_from(["oak", "elm"]),
    "title": SAFE_TEXT,
    "summary": st.lists(SAFE_TEXT, max_size=3),
    "duties": st.fixed_dictionaries({"pupils": entries_duties}),
    "criteria": st.fixed_dictionaries({"experience": entries_criteria}),
})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(post=posts)
def test_random_valid_posts_resolve_and_render_html(tmp_path_factory, post):
    root = tmp_path_factory.mktemp("trust")
    write_trust(root, yaml.safe_dump(post, allow_unicode=True))
    checked = check(root)
    assert not checked.errors, [p.format() for p in checked.errors]
    resolved = checked.posts["oak/ta"]
    job = make_job(resolved, checked)
    for kind in ("job-description", "person-specification"):
        html = render_html([Path(d) for d in job.template_dirs], kind, document_context(job.context, kind))
        assert "<html" in html
    for item in resolved.duties:
        assert item.text in post["duties"]["pupils"] or item.block == "pupils-core" or item.block == "pupils-extra"


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(post=posts)
def test_random_valid_posts_build_pdf_and_docx(tmp_path_factory, post):
    root = tmp_path_factory.mktemp("trust")
    write_trust(root, yaml.safe_dump(post, allow_unicode=True))
    report = build(root, root / "output", jobs=1)
    assert report.ok and len(report.written) == 5


def mutate(text: bytes, kind: str, where: int, data: bytes) -> bytes:
    lines = text.split(b"\n")
    n = where % max(len(lines), 1)
    if kind == "delete":
        del lines[n]
    elif kind == "swap":
        m = (n + 1) % len(lines)
        lines[n], lines[m] = lines[m], lines[n]
    elif kind == "indent":
        lines[n] = b"   " + lines[n]
    elif kind == "dedent":
        lines[n] = lines[n].lstrip()
    elif kind == "bytes":
        lines[n] = lines[n][: len(data)] + data + lines[n][len(data):]
    elif kind == "duplicate":
        lines.insert(n, lines[n])
    elif kind == "value" and b":" in lines[n]:
        lines[n] = lines[n].split(b":")[0] + b": " + data
    return b"\n".join(lines)


@pytest.fixture(scope="module")
def built_trust(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    root = tmp_path_factory.mktemp("built")
    write_trust(root, MINI_POST)
    assert build(root, root / "output", jobs=1).ok
    return root, snapshot(root / "output")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def without_record(files: dict[str, bytes]) -> dict[str, bytes]:
    return {rel: data for rel, data in files.items() if rel != ".jobpack-check.json"}


FILES = ["trust.yaml", "blocks/pupils-core.yaml", "blocks/quals.yaml", "posts/oak/ta.yaml"]


@settings(max_examples=120, deadline=5000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(file=st.sampled_from(FILES),
       kind=st.sampled_from(["delete", "swap", "indent", "dedent", "bytes", "duplicate", "value"]),
       where=st.integers(0, 200), data=st.binary(min_size=1, max_size=8))
def test_damaged_files_give_clean_errors_and_never_touch_output(built_trust, tmp_path_factory, file, kind,
                                                                 where, data):
    source, before = built_trust
    root = tmp_path_factory.mktemp("damaged")
    for rel in FILES:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source / rel, root / rel)
    shutil.copytree(source / "output", root / "output")
    (root / file).write_bytes(mutate((source / file).read_bytes(), kind, where, data))

    result = CliRunner().invoke(__import__("jobpack.cli").cli.main, ["check", "--trust", str(root)])
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output

    checked = check(root)
    for problem in checked.errors:
        assert problem.file and problem.message
        assert problem.file.startswith(("trust.yaml", "blocks/", "posts/"))
    if checked.errors:
        with pytest.raises(InvalidTrust):
            build(root, root / "output", jobs=1)
        # check keeps its record of what it found (docs/speed.md); documents, manifest and build cache are untouched
        assert without_record(snapshot(root / "output")) == without_record(before)
