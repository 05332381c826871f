"""Many documents at once: what the imported documents share with each other (not only with the trust's
blocks) is proposed once as a block, which every draft that has it uses, so a first import starts a library."""

from __future__ import annotations

import json

import yaml

from jobpack.build.orchestrate import check

from .conftest import load_post, run_import

A = """Teaching Assistant
Support for pupils
- To help pupils who find reading difficult by hearing them read every morning in small groups.
- To run the lunchtime chess club for pupils in key stage two.
Support for teachers
- To photocopy worksheets for the class teacher.
"""
B = """Learning Mentor
Support for pupils
- To help pupils who find reading difficult by hearing them read each morning in small groups.
- To run the lunchtime chess club for pupils in key stage 2.
- To greet pupils at the gate.
"""


def test_statements_two_documents_share_become_one_block_both_use(example_copy, tmp_path):
    root = example_copy()
    (tmp_path / "a.txt").write_text(A, "utf-8")
    (tmp_path / "b.txt").write_text(B, "utf-8")
    code, out, err = run_import(root, str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--school", "elm-tree")
    assert code == 0, out + err
    assert out.count("Shared by 2 documents: block shared-pupils (blocks/shared-pupils.yaml, written), 2 items") == 1
    block = yaml.safe_load((root / "blocks/shared-pupils.yaml").read_text("utf-8"))
    assert block["area"] == "pupils" and [i["id"] for i in block["items"]] == [
        "help-pupil-who-find", "run-lunchtime-chess-club"]
    for name in ("teaching-assistant", "learning-mentor"):
        post = load_post(root / f"posts/elm-tree/{name}.yaml")
        assert post["duties"]["pupils"][0] == {"use": "shared-pupils"}
    checked = check(root)
    assert not checked.errors
    mentor = checked.posts["elm-tree/learning-mentor"]
    assert [i.text for i in mentor.duties][:2] == [i["text"] for i in block["items"]]


def test_a_dry_run_proposes_the_shared_block_without_writing_it(example_copy, tmp_path):
    root = example_copy()
    (tmp_path / "a.txt").write_text(A, "utf-8")
    (tmp_path / "b.txt").write_text(B, "utf-8")
    code, out, err = run_import(root, str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--school", "elm-tree",
                                "--dry-run", "--format", "json")
    assert code == 0, out + err
    shared = json.loads(out)["shared_blocks"]
    assert [(b["block"], b["used_by"]) for b in shared] == [("shared-pupils", ["a.txt", "b.txt"])]
    assert not (root / "blocks/shared-pupils.yaml").exists()


def test_two_copies_of_a_seed_share_blocks_and_pass_check(example_copy, tmp_path):
    """Seed 000 has two similar statements in two areas: the shared items they become have distinct ids (the
    post uses both blocks), and both drafts pass check."""
    from .conftest import SEED_POSTS, seed_file

    root = example_copy(SEED_POSTS["000"])
    text = seed_file("000").read_bytes()
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(text)
    code, out, err = run_import(root, str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert code == 0, out + err
    assert "Shared by 2 documents: block shared-pupils" in out
    assert not check(root).errors
