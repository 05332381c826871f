"""Every message about a value points where the value was written: a role profile's mistake is reported
once, in the profile, naming the posts it reaches — not at line 1 of every post that extends it."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from jobpack.cli import main
from tests.conftest import REPO

PROFILE = "posts/profiles/learning-support-practitioner.yaml"


def _example(tmp_path):
    for name in ("trust.yaml", "blocks", "posts", "assets"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    return tmp_path


def _check(root) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--trust", str(root)])
    return result.exit_code, result.output


def test_a_bad_grade_in_a_profile_is_reported_once_at_the_profiles_line(tmp_path):
    root = _example(tmp_path)
    text = (root / PROFILE).read_text("utf-8")
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if ln.strip().startswith("grade:"))
    (root / PROFILE).write_text(text.replace("grade: band-d", "grade: band-x", 1), "utf-8")
    code, out = _check(root)
    assert code == 1
    assert out.count("There is no grade 'band-x'") == 1, out
    assert f"{PROFILE}:{line}:" in out
    # Reached through Westminster's post; Elm Tree's advertised post states its own pay, so not through it.
    assert "posts/westminster/learning-support-practitioner.yaml" in out
    assert "posts/elm-tree/pastoral-learning-support-practitioner.yaml:4:1" not in out


def test_a_profile_no_post_extends_is_still_checked_for_pay_and_hours(make_trust):
    root = make_trust({"posts/profiles/cook.yaml": """\
        profile: true
        title: Cook
        pay:
          grade: band-z
        hours:
          per_week: lots
        """})
    code, out = _check(root)
    assert code == 1
    assert "posts/profiles/cook.yaml:3:" in out and "no 'pay' section" in out
    assert "posts/profiles/cook.yaml:6:" in out and "'lots' cannot be read" in out


def test_yes_is_not_a_number_of_hours(make_trust):
    root = make_trust({"posts/profiles/cook.yaml": "profile: true\nhours:\n  per_week: yes\n"})
    code, out = _check(root)
    assert code == 1 and "posts/profiles/cook.yaml:3:13: 'true' is not a number of hours" in out


def test_hours_written_as_a_phrase_print_once_per_week(make_trust):
    from jobpack.build.orchestrate import check
    from jobpack.view.post import build_view

    root = make_trust({"posts/oak/teaching-assistant.yaml": """\
        school: oak
        title: Teaching Assistant
        hours:
          per_week: "37 hours a week"
        duties:
          pupils: [Help pupils.]
        criteria:
          qualifications: [GCSEs.]
        """})
    checked = check(root)
    post = checked.posts["oak/teaching-assistant"]
    assert build_view(post, checked.trust).post.hours == "37 hours per week (full time), all year"
