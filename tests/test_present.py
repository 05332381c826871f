"""One presenter for every command: problems as text, JSON or GitHub annotations, with the same exit codes."""

from __future__ import annotations

import json

from click.testing import CliRunner

from jobpack.cli import main
from jobpack.cli.present import github_annotation
from jobpack.errors import Problem

BAD_POST = """\
    school: oak
    title: Teaching Assistant
    duties:
      pupils:
        - use: pupils-cor
    criteria:
      qualifications:
        - use: quals
    """


def _run(args):
    return CliRunner().invoke(main, args)


def test_check_build_and_show_annotate_a_pull_request_in_github_format(make_trust):
    root = make_trust(post=BAD_POST)
    for args in (["check"], ["build"], ["show", "oak/teaching-assistant"]):
        result = _run([*args, "--trust", str(root), "--format", "github"])
        assert result.exit_code == 1, (args, result.output)
        lines = [ln for ln in result.stdout.splitlines() if ln.startswith("::error ")]
        assert lines, (args, result.output)
        assert lines[0].startswith("::error file=posts/oak/teaching-assistant.yaml,line=5,col=")
        assert "There is no block called 'pupils-cor'.%0ADid you mean 'pupils-core'" in lines[0]


def test_json_format_is_a_list_a_script_can_read_for_check_and_build(make_trust):
    root = make_trust(post=BAD_POST)
    for args in (["check"], ["build"]):
        result = _run([*args, "--trust", str(root), "--format", "json"])
        assert result.exit_code == 1
        data = json.loads(result.stdout)
        errors = [p for p in data if p["severity"] == "error"]
        assert errors[0]["file"] == "posts/oak/teaching-assistant.yaml" and errors[0]["line"] == 5


def test_a_template_error_is_a_problem_like_any_other(make_trust):
    root = make_trust({"templates/job-description.html": "<html><body>\n<p>{{ post.titel }}</p>\n</body></html>\n"})
    result = _run(["build", "--trust", str(root), "--format", "github"])
    assert result.exit_code == 1, result.output
    assert "::error file=templates/job-description.html,line=2,title=jobpack::" in result.stdout
    assert "titel" in result.stdout


def test_annotation_escapes_what_would_break_the_workflow_command():
    problem = Problem("posts/a,b:c.yaml", "100% wrong\nsecond line", 3, 4, hint="Do this.", severity="warning")
    text = github_annotation(problem)
    assert text.startswith("::warning file=posts/a%2Cb%3Ac.yaml,line=3,col=4,title=jobpack::")
    assert text.endswith("100%25 wrong%0Asecond line%0ADo this.")
    assert "\n" not in text
