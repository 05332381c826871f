"""The build cache: an unchanged trust is neither read nor validated again; an edit validates the posts that
draw on the edited file and rebuilds exactly the posts whose documents change; a damaged cache is ignored."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from jobpack.build.cache import CACHE
from jobpack.build.run import build
from jobpack.errors import InvalidTrust
from tests.conftest import MINI_TRUST, REPO

TRUST = MINI_TRUST.replace("    name: Elm Academy\n", "    name: Elm Academy\n    logo: assets/elm.png\n") + """\
pay:
  year: "2024-25"
  full_time_hours: 37
  weeks_in_year: 52.143
  grades:
    - {id: g1, name: Grade 1, spine: njc, from: 9, to: 12}
    - {id: g2, name: Grade 2, spine: njc, from: 13, to: 17}
"""

PROFILE = """\
    profile: true
    title: Learning Support Assistant
    duties:
      teachers:
        - Prepare resources for lessons.
    criteria:
      qualifications:
        - use: quals
    """


def post(school: str, grade: str, body: str) -> str:
    return f"school: {school}\npay: {{grade: {grade}}}\nhours: {{per_week: 30, term_time_only: true}}\n" + \
        textwrap.dedent(body)


FILES = {
    "trust.yaml": TRUST,
    "posts/profiles/lsa.yaml": PROFILE,
    # a: uses pupils-core, which uses pupils-extra (nested); and quals
    "posts/oak/a.yaml": post("oak", "g1", """\
        title: Teaching Assistant
        duties:
          pupils:
            - use: pupils-core
        criteria:
          qualifications:
            - use: quals
        """),
    "posts/oak/b.yaml": post("oak", "g2", "extends: profiles/lsa\n"),
    # c: no block at all
    "posts/elm/c.yaml": post("elm", "g1", """\
        title: Cover Supervisor
        duties:
          pupils:
            - Supervise classes.
        criteria:
          experience:
            - Experience with children.
        """),
    "posts/elm/d.yaml": post("elm", "g2", "extends: profiles/lsa\n"),
}
ALL = {"oak/a", "oak/b", "elm/c", "elm/d"}


@pytest.fixture
def trust(make_trust) -> Path:
    root = make_trust(FILES, post=None)
    (root / "assets").mkdir()
    shutil.copy(REPO / "assets/logos/leap.png", root / "assets/elm.png")
    first = build(root, root / "output", jobs=1)
    assert set(first.built) == ALL and first.ok, first.problems
    return root


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text("utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def rebuild(root: Path):
    report = build(root, root / "output", jobs=1)
    assert report.ok, report.problems
    return report


def test_a_no_op_rebuild_reads_and_validates_nothing(trust: Path) -> None:
    full = build(trust, trust / "output", jobs=1, force=True)
    report = rebuild(trust)
    assert report.built == [] and set(report.unchanged) == ALL
    assert report.validated == [] and report.checked is None  # nothing was parsed or validated
    assert report.problems == full.problems  # the warnings are still reported


EDITS = [
    ("post", "posts/oak/a.yaml", "title: Teaching Assistant", "title: Teaching Assistant Level 2",
     {"oak/a"}, {"oak/a"}),
    ("profile", "posts/profiles/lsa.yaml", "Prepare resources", "Prepare and tidy resources",
     {"oak/b", "elm/d"}, {"oak/b", "elm/d"}),
    ("nested block", "blocks/pupils-extra.yaml", "Escort pupils", "Accompany pupils", {"oak/a"}, {"oak/a"}),
    ("block", "blocks/quals.yaml", "NVQ level 3.", "NVQ level 3 or above.",
     {"oak/a", "oak/b", "elm/d"}, {"oak/a", "oak/b", "elm/d"}),
    ("trust.yaml clause", "trust.yaml", "is committed to safeguarding.", "is committed to keeping children safe.",
     ALL, ALL),
    ("pay table", "trust.yaml", "from: 13, to: 17", "from: 13, to: 18", ALL, {"oak/b", "elm/d"}),
]


@pytest.mark.parametrize(("kind", "rel", "old", "new", "validated", "built"), EDITS, ids=[e[0] for e in EDITS])
def test_an_edit_rebuilds_exactly_the_posts_it_affects(trust: Path, kind: str, rel: str, old: str, new: str,
                                                       validated: set[str], built: set[str]) -> None:
    edit(trust, rel, old, new)
    report = rebuild(trust)
    assert set(report.validated) == validated, kind
    assert set(report.built) == built, kind
    assert set(report.unchanged) == ALL - built
    again = rebuild(trust)  # and the cache now knows the edit
    assert again.built == [] and again.validated == []


def test_a_school_template_rebuilds_that_schools_posts(trust: Path) -> None:
    folder = trust / "templates/schools/elm"
    folder.mkdir(parents=True)
    (folder / "extra.css").write_text("h1 { letter-spacing: 0.01em; }\n", "utf-8")
    assert set(rebuild(trust).built) == {"elm/c", "elm/d"}
    (trust / "templates/extra.css").write_text("h2 { letter-spacing: 0.01em; }\n", "utf-8")
    assert set(rebuild(trust).built) == ALL


def test_a_logo_rebuilds_its_schools_posts(trust: Path) -> None:
    shutil.copy(REPO / "assets/logos/elm-tree.png", trust / "assets/elm.png")
    report = rebuild(trust)
    assert set(report.built) == {"elm/c", "elm/d"}


def test_new_deleted_and_damaged(trust: Path) -> None:
    out = trust / "output"
    (trust / "posts/oak/e.yaml").write_text((trust / "posts/oak/b.yaml").read_text("utf-8"), "utf-8")
    report = rebuild(trust)
    assert report.built == ["oak/e"] and report.validated == ["oak/e"]
    (trust / "posts/oak/e.yaml").unlink()
    report = rebuild(trust)
    assert report.built == [] and not (out / "oak/e").exists() and len(report.removed) == 5
    pdf = out / "elm/c/c-job-pack.pdf"
    pdf.write_bytes(pdf.read_bytes()[:-10])  # someone damaged a document
    report = rebuild(trust)
    assert report.built == ["elm/c"] and report.validated == ["elm/c"]


def test_an_error_in_an_edited_post_is_reported_and_the_fix_builds(trust: Path) -> None:
    edit(trust, "posts/oak/a.yaml", "- use: quals", "- use: qualz")
    for _ in range(2):  # and again: a refused build leaves the cache as it was, so the error is found again
        with pytest.raises(InvalidTrust) as raised:
            build(trust, trust / "output", jobs=1)
        assert "qualz" in str(raised.value) and "posts/oak/a.yaml" in str(raised.value)
    edit(trust, "posts/oak/a.yaml", "- use: qualz", "- use: quals")
    assert rebuild(trust).built == []  # back as it was: the documents are still right


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other jobpack", "wrong types", "lying"])
def test_a_damaged_cache_is_ignored_never_trusted(trust: Path, damage: str) -> None:
    path = trust / "output" / CACHE
    data = json.loads(path.read_text("utf-8"))
    if damage == "garbage":
        path.write_bytes(b"\x00\xff not json")
    elif damage == "truncated":
        path.write_text(path.read_text("utf-8")[:200], "utf-8")
    elif damage == "other jobpack":
        path.write_text(json.dumps({**data, "jobpack": "0" * 64}), "utf-8")
    elif damage == "wrong types":
        data["posts"]["oak/a"]["deps"] = "posts/oak/a.yaml"
        path.write_text(json.dumps(data), "utf-8")
    else:  # claims a.yaml draws on nothing and is as it was: the hash of the file now is what decides
        data["posts"]["oak/a"]["deps"] = []
        path.write_text(json.dumps(data), "utf-8")
    edit(trust, "posts/oak/a.yaml", "title: Teaching Assistant", "title: Senior Teaching Assistant")
    report = rebuild(trust)
    if damage == "lying":
        assert "oak/a" in report.validated
    else:
        assert set(report.validated) == ALL  # the cache was not used: everything was validated
    assert report.built == ["oak/a"]
    assert rebuild(trust).validated == []  # and a good cache is written again


def test_a_no_op_rebuild_rewrites_nothing(trust: Path) -> None:
    """Not a document, not the manifest, not the caches: backups and syncing tools see no change."""
    def files() -> dict[str, tuple[int, int]]:
        return {p.relative_to(trust).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
                for p in sorted((trust / "output").rglob("*")) if p.is_file()}

    before = files()
    assert {".jobpack-manifest.json", CACHE} <= {Path(f).name for f in before}  # the check record is not here
    assert rebuild(trust).built == []
    assert files() == before


def test_a_skipped_post_reports_only_the_documents_it_has(trust: Path) -> None:
    """A post skipped because nothing changed reports the documents the manifest says it wrote: a job
    description-only post does not claim a person specification."""
    path = trust / "posts/oak/a.yaml"
    path.write_text(path.read_text("utf-8") + "documents: [job-description]\n", "utf-8")
    first = rebuild(trust)
    assert "oak/a" in first.built
    keys = {f.key for f in first.outputs["oak/a"].files}
    assert keys == {"job-description.docx", "job-description.pdf", "job-pack.pdf"}
    again = rebuild(trust)
    assert "oak/a" in again.unchanged
    assert {f.key for f in again.outputs["oak/a"].files} == keys
    assert {f.key for f in again.outputs["oak/b"].files} >= {"person-specification.pdf"}
