"""`jobpack check` answers from its record (kept outside the trust) while the trust is unchanged, and what it
reports is exactly what a full check reports: the same errors and warnings, file:line and order, before and
after an edit of a post, a profile, a block or trust.yaml, with PATHS, and whatever the cache file holds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import jobpack.build.check as jobpack_validate
from jobpack.build.check import CHECK_CACHE, record_dir
from jobpack.build.run import build
from jobpack.cli import main
from tests.conftest import count_work_out
from tests.test_cache import FILES, post

# Errors and warnings of several kinds: an unknown block (error), two posts wanting one output folder
# (error), and whatever the wording lints find in the mini trust (warnings).
PROBLEM_FILES = {
    **FILES,
    "posts/oak/e.yaml": post("oak", "g1", """\
        title: Classroom Helper
        duties:
          pupils:
            - use: pupils-cor
        criteria:
          qualifications:
            - use: quals
        """),
    "posts/other/c.yaml": post("elm", "g2", "extends: profiles/lsa\n"),  # elm/c is taken by posts/elm/c.yaml
}


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--trust", str(root), *args])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.stdout


def cold(root: Path, *args: str) -> tuple[int, str]:
    """What a check finds with no record of an earlier one (the record it writes is put back)."""
    path = record_dir(root) / CHECK_CACHE
    kept = path.read_bytes() if path.exists() else None
    path.unlink(missing_ok=True)
    try:
        return run(root, *args)
    finally:
        if kept is not None:
            path.write_bytes(kept)


def no_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args, **_kwargs):
        raise AssertionError("the trust was validated again")

    monkeypatch.setattr(jobpack_validate, "check", refuse)


@pytest.fixture
def trust(make_trust) -> Path:
    return make_trust(PROBLEM_FILES, post=None)


def test_an_unchanged_trust_is_answered_from_the_record_with_the_same_problems(trust: Path, monkeypatch) -> None:
    first = run(trust, "--format", "json")
    problems = json.loads(first[1])
    assert first[0] == 1
    assert {p["severity"] for p in problems} == {"error", "warning"}
    assert any("pupils-cor" in p["message"] and p["file"] == "posts/oak/e.yaml" and p["line"] for p in problems)
    assert any("would both be written to output/elm/c/" in p["message"] for p in problems)
    assert not (trust / "output").exists() and (record_dir(trust) / CHECK_CACHE).is_file()  # nothing in the trust
    text = run(trust)
    no_validation(monkeypatch)
    assert run(trust, "--format", "json") == first
    assert run(trust) == text
    assert run(trust, "--format", "github") == cold_github(trust, monkeypatch)


def cold_github(trust: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.undo()
    found = cold(trust, "--format", "github")
    no_validation(monkeypatch)
    return found


EDITS = [
    ("post", "posts/oak/a.yaml", "title: Teaching Assistant", "title: Teaching Assistant\nmisspelt_key: 1"),
    ("profile", "posts/profiles/lsa.yaml", "- use: quals", "- use: qualz"),
    ("block", "blocks/quals.yaml", "assessed: [A]", "assessed: [Z]"),
    ("trust.yaml", "trust.yaml", "name: Oak School", "name: Oak School\n    logo: assets/missing.png"),
    ("fix", "posts/oak/e.yaml", "use: pupils-cor", "use: pupils-core"),
]


@pytest.mark.parametrize(("kind", "rel", "old", "new"), EDITS, ids=[e[0] for e in EDITS])
def test_after_an_edit_the_check_is_exactly_a_full_check(trust: Path, kind: str, rel: str, old: str,
                                                         new: str) -> None:
    before = run(trust, "--format", "json")
    path = trust / rel
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    after = run(trust, "--format", "json")
    assert after != before, kind  # the edit is seen, not answered from the old record
    assert after == cold(trust, "--format", "json"), kind
    assert run(trust, "--format", "json") == after  # and the new record answers the next check


@pytest.mark.parametrize("paths", [["posts/oak/e.yaml"], ["blocks/quals.yaml"], ["posts/profiles"],
                                   ["posts/oak/a.yaml", "trust.yaml"]])
def test_check_paths_reports_the_same_from_the_record(trust: Path, paths: list[str], monkeypatch) -> None:
    args = [str(trust / p) for p in paths]
    full = cold(trust, "--format", "json", *args)
    assert run(trust, "--format", "json") != full or paths == ["."]  # PATHS really filters
    no_validation(monkeypatch)
    assert run(trust, "--format", "json", *args) == full


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other jobpack", "wrong types", "no problems"])
def test_a_damaged_record_is_ignored(trust: Path, damage: str) -> None:
    first = run(trust, "--format", "json")
    path = record_dir(trust) / CHECK_CACHE
    data = json.loads(path.read_text("utf-8"))
    if damage == "garbage":
        path.write_bytes(b"\x00\xff not json")
    elif damage == "truncated":
        path.write_text(path.read_text("utf-8")[:300], "utf-8")
    elif damage == "other jobpack":
        path.write_text(json.dumps({**data, "jobpack": "0" * 64}), "utf-8")
    elif damage == "wrong types":
        data["problems"][0]["line"] = "three"
        path.write_text(json.dumps(data), "utf-8")
    else:  # a record of another state of the trust claiming there is nothing wrong
        data["problems"] = []
        data["files"]["posts/oak/e.yaml"] = "0" * 64
        path.write_text(json.dumps(data), "utf-8")
    assert run(trust, "--format", "json") == first
    assert json.loads(path.read_text("utf-8"))["problems"] == json.loads(first[1])  # and it is written again


def test_a_check_after_a_build_answers_from_the_builds_validation(make_trust, monkeypatch) -> None:
    root = make_trust(FILES, post=None)
    (root / "assets").mkdir()
    shutil.copy(Path(__file__).resolve().parent.parent / "assets/logos/leap.png", root / "assets/elm.png")
    assert build(root, root / "output", jobs=1).ok
    full = cold(root, "--format", "json")
    no_validation(monkeypatch)
    assert run(root, "--format", "json") == full


def test_who_owns_a_contested_folder_decides_whether_the_record_holds(make_trust) -> None:
    root = make_trust(FILES, post=None)
    (root / "assets").mkdir()
    shutil.copy(Path(__file__).resolve().parent.parent / "assets/logos/leap.png", root / "assets/elm.png")
    assert build(root, root / "output", jobs=1).ok  # output/elm/c/ now belongs to elm/c
    (root / "posts/other").mkdir()
    (root / "posts/other/c.yaml").write_text(post("elm", "g2", "extends: profiles/lsa\n"), "utf-8")
    owned = run(root, "--format", "json")
    assert "'elm/c' keeps its documents" in owned[1]
    (root / "output/.jobpack-manifest.json").unlink()  # no build has written output/elm/c/ now
    unowned = run(root, "--format", "json")
    assert "Neither post is built" in unowned[1]
    assert unowned == cold(root, "--format", "json")


def test_a_new_empty_folder_is_a_change(make_trust) -> None:
    root = make_trust(post=None)
    missing = run(root, "--format", "json")
    assert "There is no posts/ folder" in missing[1]
    (root / "posts").mkdir()
    found = run(root, "--format", "json")
    assert "There is no posts/ folder" not in found[1]
    assert found == cold(root, "--format", "json")


def test_a_build_after_a_check_takes_the_templates_and_lints_from_its_record(make_trust, monkeypatch) -> None:
    """A whole-trust build (as `jobpack site` runs) right after a check reports exactly what a cold one does
    (its warnings, from the lints), without verifying templates or linting again; after an edit it works out
    the edited post again (from the check's kept results for the rest) and still reports what a cold one does."""
    import jobpack.build.orchestrate as orchestrate
    from jobpack.publish.site import build_site

    root = make_trust(FILES, post=None)
    (root / "assets").mkdir()
    shutil.copy(Path(__file__).resolve().parent.parent / "assets/logos/leap.png", root / "assets/elm.png")
    cold_site = build_site(root, root / "site-cold", jobs=1)
    assert any(p.severity == "warning" for p in cold_site.documents.problems)  # the lints' findings
    assert run(root)[0] == 0
    verified: list[int] = []
    real = orchestrate.template_problems
    monkeypatch.setattr(orchestrate, "template_problems", lambda *a, **k: verified.append(1) or real(*a, **k))
    warm_site = build_site(root, root / "site-warm", jobs=1)
    assert warm_site.documents.problems == cold_site.documents.problems and not verified
    for page in ("index.html", "packs.json", "oak/a/index.html"):
        assert (root / "site-warm" / page).read_bytes() == (root / "site-cold" / page).read_bytes(), page
    path = root / "posts/oak/a.yaml"
    path.write_text(path.read_text("utf-8").replace("title: Teaching Assistant", "title: Teaching Helper"), "utf-8")
    done = count_work_out(monkeypatch)
    edited = build_site(root, root / "site-edited", jobs=1)
    assert set(done) - {"oak/e", "other/c"} == {"oak/a"}  # posts with errors are never kept
    assert edited.documents.problems == cold_site.documents.problems
    shutil.rmtree(record_dir(root))
    cold_edited = build_site(root, root / "site-cold-edited", jobs=1)
    assert edited.documents.problems == cold_edited.documents.problems
