"""A Word job pack (headings, bulleted list paragraphs, a key-facts table, a person-spec grid with ticks
and how-assessed, the school in the page header) and the PDF LibreOffice makes of it import to the same
post, which passes check and uses the trust's blocks."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from jobpack.build.orchestrate import check

from .conftest import SEED_POSTS, load_post, run_import, seed_file
from .make_docx import write_pack, write_seed

POST = "elm-tree/pastoral-learning-support-practitioner"


def _items(text: str) -> str:
    """The draft without comments (which name the source location) and the first comment lines."""
    return "\n".join(line.split("  # ")[0].rstrip() for line in text.splitlines()
                     if not line.lstrip().startswith("#"))


@pytest.fixture(scope="module")
def packs(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("packs")
    docx_file = write_pack(folder / "elm-tree-plsp.docx")
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is needed to make the PDF")
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(docx_file)],
                   check=True, capture_output=True, timeout=180)
    return docx_file, folder / "elm-tree-plsp.pdf"


def test_docx_becomes_a_post(example_copy, packs):
    root = example_copy(POST)
    code, out, err = run_import(root, str(packs[0]), "--format", "json")
    assert code == 0, out + err
    report = json.loads(out)["files"][0]
    assert report["post"] == f"posts/{POST}.yaml"
    post = load_post(root / report["post"])
    assert post["school"] == "elm-tree"  # from the key-facts table
    assert post["pay"] == {"grade": "band-d"}
    assert post["hours"] == {"per_week": 32.5, "term_time_only": True, "inset_days": 5}
    assert post["responsible_to"] == "Head Teacher or Line Manager"
    assert post["summary"][0].startswith("To provide pastoral and therapeutic support")
    quals = post["criteria"]["qualifications"]
    assert {"text": "First aid certificate.", "need": "desirable", "assessed": ["C"]} in quals
    assert {"text": "NVQ Level 3 in Childcare or equivalent.", "assessed": ["A", "C"]} in quals
    result = check(root)
    assert not result.errors
    resolved = result.posts[POST]
    used = {(i.block, i.id) for i in [*resolved.duties, *resolved.criteria] if i.block}
    assert {("pupils-care", "interests"), ("pupils-care", "dress-hygiene"), ("pupils-engagement", "cooperation"),
            ("teachers-core", "liaise"), ("school-policies", "policies"), ("school-policies", "ethos"),
            ("core-skills", "organisation")} <= used
    assert report["counts"]["clauses"] == 2
    assert any(d["text"].startswith("Signed:") for d in report["dropped"])


def test_pdf_imports_to_the_same_post(example_copy, packs, tmp_path):
    drafts = []
    for source in packs:
        root = example_copy(POST) if not drafts else _second_copy(tmp_path)
        code, out, err = run_import(root, str(source))
        assert code == 0, out + err
        drafts.append((root / f"posts/{POST}.yaml").read_text("utf-8"))
    docx_items, pdf_items = (_items(d) for d in drafts)
    assert pdf_items == docx_items
    assert "page 1 line" in drafts[1] and "table 1 row" in drafts[0]  # each says where in its own file


def _second_copy(tmp_path: Path, post: str = POST) -> Path:
    from .conftest import REPO

    root = tmp_path / "second"
    root.mkdir()
    shutil.copy(REPO / "trust.yaml", root / "trust.yaml")
    for folder in ("blocks", "posts", "assets"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "posts" / f"{post}.yaml").unlink()
    return root


@pytest.mark.parametrize("number", sorted(SEED_POSTS))
def test_seed_as_word_document_imports_like_its_text(example_copy, tmp_path, number):
    """Each seed written as a Word document (headings, bulleted list paragraphs, real tables) gives the same
    draft as its plain-text export, apart from the comments naming places in the file."""
    seed = seed_file(number)
    word = write_seed(tmp_path / f"{number}.docx", seed)
    drafts = []
    for source in (seed, word):
        root = example_copy(SEED_POSTS[number]) if not drafts else _second_copy(tmp_path, SEED_POSTS[number])
        code, out, err = run_import(root, str(source), "--format", "json")
        assert code == 0, out + err
        drafts.append((root / json.loads(out)["files"][0]["post"]).read_text("utf-8"))
    assert _items(drafts[1]) == _items(drafts[0])
    assert "# paragraph " in drafts[1] and "# line " in drafts[0]
