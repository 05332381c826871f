"""Hardening, round two (issue 23): inputs that used to crash (exit 2) or vanish without a word now get
a located message and exit 1, or the right behaviour."""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from click.testing import CliRunner

from jobpack.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_templates_outside_a_trust_say_there_is_no_trust_yaml(tmp_path: Path) -> None:
    for args in (["templates", "list"], ["templates", "copy", "style.css"]):
        result = run(*args, "--trust", str(tmp_path))
        assert result.exit_code == 1, result.output
        assert "There is no trust.yaml" in result.output and "bug in jobpack" not in result.output
    assert not (tmp_path / "templates").exists()


def test_init_writes_each_name_as_given_even_when_it_looks_like_a_placeholder(tmp_path: Path) -> None:
    target = tmp_path / "t"
    result = run("init", str(target), "--trust-name", "__SCHOOL_NAME__ Trust", "--school-name", "St Mary's: CE")
    assert result.exit_code == 0, result.output
    trust = yaml.safe_load((target / "trust.yaml").read_text("utf-8"))
    assert trust["name"] == "__SCHOOL_NAME__ Trust"
    assert trust["schools"][0]["name"] == "St Mary's: CE"
    checked = run("check", "--trust", str(target))
    assert checked.exit_code == 0, checked.output


def test_a_dangling_linked_post_is_reported_not_lost(make_trust) -> None:
    root = make_trust()
    link = root / "posts/oak/gone.yaml"
    os.symlink("nowhere.yaml", link)
    result = run("check", "--trust", str(root))
    assert result.exit_code == 1, result.output
    assert "posts/oak/gone.yaml" in result.output and "which does not exist" in result.output
