"""`jobpack drift --apply`: a proposal becomes a block that every post which had it uses, as a data lead
runs it; the posts keep their other lines and comments, check passes, diff shows just the wording."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from jobpack.cli import main
from tests.standardise.conftest import git
from tests.standardise.reworded import ELM, NEW, reworded_trust

BLOCK = "supervise-pupils-at-lunch"


def run(root: Path, *args: str):
    return CliRunner().invoke(main, [*args, "--trust", str(root)])


def committed(tmp_path: Path) -> Path:
    root = reworded_trust(tmp_path / "trust")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Re-worded trust")
    return root


def test_dry_run_shows_the_edit_as_a_diff_and_writes_nothing(tmp_path: Path) -> None:
    root = committed(tmp_path)
    before = {p: p.read_bytes() for p in root.rglob("*.yaml")}
    result = run(root, "drift", "--apply", BLOCK, "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"+++ b/blocks/{BLOCK}.yaml" in result.output
    assert "-    - To supervise pupils at lunch time and break time as required.\n" \
           f"+    - use: {BLOCK}\n" in result.output
    assert "Nothing was written" in result.output
    assert {p: p.read_bytes() for p in root.rglob("*.yaml")} == before


def test_apply_writes_the_block_and_rewrites_each_post_keeping_its_other_lines(tmp_path: Path) -> None:
    root = committed(tmp_path)
    elm_before = (root / ELM).read_text("utf-8").splitlines()
    result = run(root, "drift", "--apply", BLOCK, "--wording", "2")
    assert result.exit_code == 0, result.output
    assert f"Wrote blocks/{BLOCK}.yaml" in result.output and "jobpack check passes" in result.output
    block = yaml.safe_load((root / f"blocks/{BLOCK}.yaml").read_text("utf-8"))
    assert block == {"area": "school", "items": [{"id": BLOCK, "text": "To supervise children during "
                                                                       "lunchtimes and breaktimes when needed."}]}
    elm_after = (root / ELM).read_text("utf-8").splitlines()
    changed = [(a, b) for a, b in zip(elm_before, elm_after, strict=True) if a != b]
    assert changed == [("    - To supervise pupils at lunch time and break time as required.", f"    - use: {BLOCK}")]
    new = (root / NEW).read_text("utf-8")
    assert f"    - use: {BLOCK}\n" in new and "when needed.\n" not in new.split("school:")[1].split("\n")[1]
    assert "   # as the pastoral lead wrote it" in new  # comments stay
    # check passes on the result, and diff shows exactly the wording change in the post that changed words
    check = run(root, "check")
    assert check.exit_code == 0, check.output
    diff = run(root, "diff", "--format", "json")
    assert diff.exit_code == 0, diff.output
    data = json.loads(diff.output)
    changed_posts = [p for p in data["posts"] if p.get("status") != "unchanged"]
    assert [p["id"] for p in changed_posts] == ["elm-tree/pastoral-learning-support-practitioner"], changed_posts
    text = run(root, "diff").output
    assert "1 reworded" in text and "lunchtimes" in text
    # the proposal is gone: drift no longer proposes it
    again = json.loads(run(root, "drift", "--format", "json").output)
    assert BLOCK not in [p["block"] for p in again["proposed_blocks"]]


def test_apply_into_an_existing_block_of_the_same_area_uses_only(tmp_path: Path) -> None:
    root = committed(tmp_path)
    (root / f"blocks/{BLOCK}.yaml").write_text("area: school\nitems:\n  - id: duty-rota\n"
                                               "    text: To take a turn on the duty rota.\n", "utf-8")
    result = run(root, "drift", "--apply", BLOCK)
    assert result.exit_code == 0, result.output
    assert f"    - use: {BLOCK}\n      only: [{BLOCK}]\n" in (root / ELM).read_text("utf-8")
    assert run(root, "check").exit_code == 0


def test_nothing_is_written_when_a_post_would_fail_to_check(tmp_path: Path, monkeypatch) -> None:
    root = committed(tmp_path)
    from jobpack.standardise import apply

    rewrite = apply._rewrite_post

    def breaking(file: str, *args, **kwargs) -> str:  # noqa: ANN002, ANN003 - the edit leaves one post invalid
        text = rewrite(file, *args, **kwargs)
        return text + "salary: lots\n" if file == NEW else text

    monkeypatch.setattr(apply, "_rewrite_post", breaking)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts}
    result = run(root, "drift", "--apply", BLOCK)
    assert result.exit_code == 1, result.output
    assert f"{NEW}:" in result.output and "salary" in result.output
    assert "nothing was written" in result.output.lower() and "Traceback" not in result.output
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts}
    assert {p: b for p, b in after.items() if "output" not in p.parts} == before


def test_a_proposal_named_like_a_block_elsewhere_under_blocks_grows_that_block(tmp_path: Path) -> None:
    root = committed(tmp_path)
    (root / "blocks/old").mkdir()
    (root / f"blocks/old/{BLOCK}.yaml").write_text("area: school\nitems:\n  - id: duty-rota\n"
                                                   "    text: To take a turn on the duty rota.\n", "utf-8")
    result = run(root, "drift", "--apply", BLOCK)
    assert result.exit_code == 0, result.output
    assert not (root / f"blocks/{BLOCK}.yaml").exists()
    assert "To supervise pupils at lunch time" in (root / f"blocks/old/{BLOCK}.yaml").read_text("utf-8")
    assert run(root, "check").exit_code == 0


def test_an_unknown_proposal_or_wording_is_a_located_message(tmp_path: Path) -> None:
    root = committed(tmp_path)
    result = run(root, "drift", "--apply", "supervise-pupils-at-lunc")
    assert result.exit_code == 1 and f"Did you mean '{BLOCK}'" in result.output
    result = run(root, "drift", "--apply", BLOCK, "--wording", "3")
    assert result.exit_code == 1 and "Choose --wording from 1 to 2" in result.output
    result = run(root, "drift", "--dry-run")
    assert result.exit_code == 1 and "go with --apply" in result.output
