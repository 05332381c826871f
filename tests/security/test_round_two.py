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


def test_control_characters_are_named_at_their_line_and_column(make_trust) -> None:
    root = make_trust()
    post = root / "posts/oak/teaching-assistant.yaml"
    for char, name in (("\x00", "a NUL character (U+0000)"), ("\x0b", "a vertical tab (U+000B)")):
        text = post.read_text("utf-8").replace("\x00", "").replace("\x0b", "")
        lines = text.splitlines(keepends=True)
        lines[1] = lines[1][:3] + char + lines[1][3:]
        post.write_text("".join(lines), "utf-8")
        result = run("check", "--trust", str(root))
        assert result.exit_code == 1, result.output
        assert f"posts/oak/teaching-assistant.yaml:2:4: This line holds {name}" in result.output


def test_a_name_that_only_looks_the_same_is_called_so() -> None:
    import unicodedata

    from jobpack.errors import did_you_mean

    nfc, nfd = unicodedata.normalize("NFC", "café-duties"), unicodedata.normalize("NFD", "café-duties")
    hint = did_you_mean(nfd, [nfc, "pupils-care"], "block")
    assert "looks the same but is written with different characters" in hint
    assert did_you_mean("pupils-car", ["pupils-care"]) == "Did you mean 'pupils-care'?"
