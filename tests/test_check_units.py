"""`jobpack check` after an edit answers from each unchanged post file's kept results, and its answer is
the full check's, word for word: edits of every kind of input, each compared with a cold check (no record,
no kept results) and with the full check run in one process."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from jobpack.build.check import CHECK_CACHE, check_trust, record_dir
from jobpack.build.orchestrate import check
from jobpack.build.units import UNITS
from tests.conftest import MINI_BLOCKS, REPO, count_work_out
from tests.test_cache import FILES
from tests.test_check_cache import PROBLEM_FILES

EXTRA = {
    # a warning in a block and a profile (reached through many posts), a picture, a vacancy, a clause
    "posts/oak/f.yaml": PROBLEM_FILES["posts/oak/e.yaml"].replace("pupils-cor", "pupils-core")
    + "vacancy:\n  closing_date: 2030-01-31\n  how_to_apply: Write to us.\n",
    "posts/elm/g.yaml": FILES["posts/elm/d.yaml"] if "posts/elm/d.yaml" in FILES else FILES["posts/oak/a.yaml"],
}


def trust(tmp_path: Path) -> Path:
    root = tmp_path / "t"
    for rel, text in {**MINI_BLOCKS, **PROBLEM_FILES, **EXTRA}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        import textwrap

        path.write_text(textwrap.dedent(text) if rel != "trust.yaml" else text, encoding="utf-8")
    (root / "assets").mkdir()
    shutil.copy(REPO / "assets/logos/leap.png", root / "assets/elm.png")
    return root


def answer(record) -> tuple:
    return ([p.as_json() for p in record.problems], record.posts, record.profiles, record.blocks,
            {k: sorted(v) for k, v in record.draws.items()})


def cold(root: Path) -> tuple:
    """No record and no kept results: the full check in one process."""
    result = check(root)
    files = result.files
    from jobpack.build.check import record_of

    return answer(record_of(result)) if files.trust is not None else ([p.as_json() for p in result.problems],)


def warm(root: Path) -> tuple:
    (record_dir(root) / CHECK_CACHE).unlink(missing_ok=True)  # not the whole-trust record: the units
    return answer(check_trust(root))


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text("utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


EDITS = [
    ("post", "posts/oak/a.yaml", "title: ", "title: Senior "),
    ("post broken", "posts/oak/a.yaml", "school: oak", "school: [oak"),
    ("post unknown school", "posts/oak/b.yaml", "school: oak", "school: oaks"),
    ("profile", "posts/profiles/lsa.yaml", "title: ", "title: Lead "),
    ("nested block", "blocks/pupils-extra.yaml", "Escort pupils", "Escort the pupils, every day and all year round, "
     "from the gates of the school to every room and back again, with care, patience and good humour,"),
    ("block unknown use", "blocks/pupils-core.yaml", "use: pupils-extra", "use: pupils-extras"),
    ("trust clause", "trust.yaml", "is committed to safeguarding.", "is committed to safeguarding {{ nope }}."),
    ("pay table", "trust.yaml", "grades:", "grades:\n    - {id: g9, name: Grade 9, from: 9, to: 1}"),
    ("lint allowance", "blocks/quals.yaml", "text: GCSE English and maths.",
     "text: GCSE English and maths.\n    allow: {or-equivalent: \"We need these exact GCSEs\"}"),
    ("lint severity", "trust.yaml", "safer_recruitment:",
     "lints:\n  severity:\n    acronym: 'off'\nsafer_recruitment:"),
]


@pytest.mark.parametrize("kind, rel, old, new", EDITS, ids=[e[0] for e in EDITS])
def test_an_edit_gives_the_full_checks_answer(tmp_path: Path, kind: str, rel: str, old: str, new: str) -> None:
    root = trust(tmp_path)
    assert warm(root) == cold(root)
    assert (record_dir(root) / UNITS).is_file()
    edit(root, rel, old, new)
    assert warm(root) == cold(root), kind
    assert warm(root) == cold(root)  # and from the results kept by the edited check


def test_a_template_and_a_logo_edit_give_the_full_checks_answer(tmp_path: Path) -> None:
    root = trust(tmp_path)
    warm(root)
    (root / "templates").mkdir()
    source = (REPO / "src/jobpack/templates/job-description.html").read_text()
    assert "{% block content %}" in source
    (root / "templates/job-description.html").write_text(
        source.replace("{% block content %}", "{% block content %}{{ post.nothing }}", 1))
    assert warm(root) == cold(root)
    assert any("nothing" in p["message"] and p["file"] == "templates/job-description.html" for p in cold(root)[0])
    shutil.copy(REPO / "assets/logos/elm-tree.png", root / "assets/elm.png")
    assert warm(root) == cold(root)
    (root / "assets/elm.png").write_bytes(b"not a picture")
    assert warm(root) == cold(root)


def test_a_website_template_edit_after_a_clean_check_gives_the_full_checks_answer(tmp_path: Path) -> None:
    root = trust(tmp_path)
    warm(root)
    warm(root)  # the website templates' clean compile is now kept with the units
    site = root / "templates/schools/oak/site"
    site.mkdir(parents=True)
    (site / "post.html").write_text("<h1>{{ post.title }</h1>\n", encoding="utf-8")
    found = cold(root)
    assert any(p["file"] == "templates/schools/oak/site/post.html" and p["line"] == 1 for p in found[0])
    assert warm(root) == found
    (site / "post.html").write_text("<h1>{{ post.title }}</h1>\n", encoding="utf-8")
    assert warm(root) == cold(root)
    assert not any("site/post.html" in p["file"] for p in cold(root)[0])


def test_a_one_post_edit_works_out_only_that_post(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = trust(tmp_path)
    warm(root)
    done = count_work_out(monkeypatch)
    edit(root, "posts/oak/b.yaml", "per_week: 30", "per_week: 31")
    warm(root)
    failed = {"oak/e", "other/c", "elm/c", "oak/f"}  # posts with errors (oak/f: nowhere to apply) are never kept
    assert set(done) - failed == {"oak/b"}


def test_kept_results_that_are_forged_or_damaged_are_ignored(tmp_path: Path) -> None:
    root = trust(tmp_path)
    expected = warm(root)
    path = record_dir(root) / UNITS
    data = json.loads(path.read_text())
    for unit in data["units"]:
        unit["own"] = []
    path.write_text(json.dumps(data))  # the seal no longer matches
    assert warm(root) == expected
    path.write_text("[" * 100000 + "]" * 100000)
    assert warm(root) == expected
