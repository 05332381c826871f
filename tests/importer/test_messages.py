"""The smaller messages around an import: the file named once, the missing-pay warning giving pay's own
reason, and `show --sources` listing only what a post's documents print, each block once."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from jobpack.cli import main

from .conftest import REPO, run_import

TEXT = """Teaching Assistant
Support for pupils
- To maintain pupils' interests and motivation.
"""


def test_a_file_without_a_school_is_named_once(example_copy, tmp_path):
    root = example_copy()
    path = tmp_path / "ta.txt"
    path.write_text(TEXT, "utf-8")
    code, out, err = run_import(root, str(path))
    assert code == 1
    line = next(x for x in out.splitlines() if x.startswith("ta.txt"))
    assert line.startswith("ta.txt: Which school is this post at?")
    assert line.count("ta.txt") == 1


def test_the_missing_pay_warning_explains_pay_not_dbs(example_copy, tmp_path):
    root = example_copy()
    path = tmp_path / "ta.txt"
    path.write_text(TEXT, "utf-8")
    code, out, err = run_import(root, str(path), "--school", "elm-tree", "--format", "json")
    assert code == 0, out + err
    result = CliRunner().invoke(main, ["check", "--trust", str(root), "--format", "json"])
    assert "does not state its pay" in result.stdout
    import json

    pay = next(p for p in json.loads(result.stdout) if "does not state its pay" in p["message"])
    hint = " ".join(str(v) for k, v in pay.items() if k != "message")
    assert "DBS" not in hint and "Rehabilitation" not in hint
    assert "what a post pays" in hint and "pay: {grade: ID}" in hint


def test_show_sources_lists_what_the_documents_print_each_block_once():
    result = CliRunner().invoke(main, ["show", "--trust", str(REPO), "westminster/attendance-and-welfare-officer",
                                       "--sources"])
    assert result.exit_code == 0, result.output
    blocks = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("  block ")]
    assert blocks and len(blocks) == len(set(blocks))
    assert "safeguarding-commitment" not in blocks  # a person-specification block; this post has only a JD
    assert Path(REPO / "posts/westminster/attendance-and-welfare-officer.yaml").read_text().count(
        "documents: [job-description]") == 1
