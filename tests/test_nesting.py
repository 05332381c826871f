"""Pathologically deep nesting (blocks in blocks, posts extending posts) is a located message, not a crash."""

from __future__ import annotations

from click.testing import CliRunner

from jobpack.cli import main


def _check(root) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--trust", str(root)])
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes is not None else "")


def test_blocks_nested_330_deep_are_refused_with_a_located_message(make_trust):
    files = {f"blocks/deep-{n}.yaml": f"area: pupils\nitems:\n  - id: i{n}\n    text: Duty {n}.\n"
             + (f"  - use: deep-{n + 1}\n" if n < 330 else "") for n in range(331)}
    files["posts/oak/teaching-assistant.yaml"] = """\
        school: oak
        title: Teaching Assistant
        duties:
          pupils:
            - use: deep-0
        criteria:
          qualifications:
            - use: quals
        """
    code, out = _check(make_trust(files))
    assert code == 1, out
    assert "more than 30 levels deep" in out
    assert "blocks/deep-" in out and "Traceback" not in out and "internal error" not in out


def test_posts_extending_500_deep_are_refused_with_a_located_message(make_trust):
    files = {f"posts/profiles/p{n}.yaml": "profile: true\n" + (f"extends: profiles/p{n + 1}\n" if n < 500 else
                                                                "summary: [Supports pupils.]\n")
             for n in range(501)}
    files["posts/oak/teaching-assistant.yaml"] = "extends: profiles/p0\n" + """\
school: oak
title: Teaching Assistant
duties:
  pupils:
    - use: pupils-core
criteria:
  qualifications:
    - use: quals
"""
    code, out = _check(make_trust(files))
    assert code == 1, out
    assert "Posts extend other posts more than 30 levels deep" in out
    assert "posts/profiles/p" in out and "internal error" not in out
