"""The commands as a user runs them: list, show, help texts and exit codes."""

from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner

from jobpack.build.orchestrate import check
from jobpack.cli import main


def invoke(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result


def test_list_shows_posts_schools_titles_and_blocks(repo_root):
    result = invoke("list", "--trust", str(repo_root))
    assert result.exit_code == 0
    checked = check(repo_root)
    for post_id, post in checked.posts.items():
        assert post_id in result.output
        assert f"{post.school.name}: {post.title}" in result.output
        assert ", ".join(post.blocks_used) in result.output
    assert "profiles/learning-support-practitioner  (role profile)" in result.output


def test_show_prints_the_resolved_post_as_yaml(repo_root):
    post_id = "westminster/learning-support-practitioner"
    result = invoke("show", "--trust", str(repo_root), post_id)
    assert result.exit_code == 0
    data = yaml.safe_load(result.output)
    post = check(repo_root).posts[post_id]
    assert data["title"] == post.title
    shown = [d["text"] for area in data["duties"].values() for d in area]
    assert shown == [d.text for d in post.duties]
    assert data["extends"] == ["profiles/learning-support-practitioner"]
    assert any("blocks/" in d["from"] for area in data["duties"].values() for d in area)


def test_show_accepts_a_unique_file_name_and_rejects_unknown(repo_root):
    assert invoke("show", "--trust", str(repo_root), "learner-support-professional").exit_code == 0
    result = invoke("show", "--trust", str(repo_root), "learner-support-profesional")
    assert result.exit_code == 1
    assert "Did you mean 'nightingale/learner-support-professional'?" in result.output


@pytest.mark.parametrize("command", ["check", "build", "list", "show", "schema", "site", "serve", "init"])
def test_every_command_has_help_with_an_example(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output


def test_version():
    assert invoke("--version").output.startswith("jobpack, version")
