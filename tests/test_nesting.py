"""Pathologically deep nesting (blocks in blocks, posts extending posts) is a located message, not a crash."""

from __future__ import annotations

from collections import Counter

import pytest
from click.testing import CliRunner

from jobpack.cli import main
from tests.conftest import MINI_POST


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


@pytest.mark.parametrize("blocks", [28, 42])
def test_blocks_that_each_use_the_next_two_are_composed_once_each_and_refused_early(make_trust, monkeypatch,
                                                                                    blocks):
    """Issue 23: blocks that each use the next two would double the post at every level (28 levels, within
    the nesting limit, compose to 317,811 duties; `check` ran past 20 s). Each block is composed once, and
    composing stops, with a located message, before a block or post brings more than MAX_ITEMS items
    together: the work is counted here (item copies, block compositions), not timed."""
    from jobpack.compose import entries

    copies = 0
    composed: Counter[tuple[int, str]] = Counter()  # (composition pass, block): the kept-results check may
    # compose once, find a block's problem and hand over to the full check, which composes again
    real_replace, real_entries = entries.replace, entries.Blocks.entries

    def counting_replace(*args, **kwargs):
        nonlocal copies
        copies += 1
        if copies > 50_000:  # unbounded: fail now rather than compose for minutes
            raise AssertionError("composition is not bounded")
        return real_replace(*args, **kwargs)

    def counting_entries(self, *args, **kwargs):
        composed[(id(self), kwargs.get("block_id") or "(post)")] += 1
        return real_entries(self, *args, **kwargs)

    monkeypatch.setattr(entries, "replace", counting_replace)
    monkeypatch.setattr(entries.Blocks, "entries", counting_entries)
    files = {f"blocks/fib-{n}.yaml": "area: pupils\nitems:\n  - text: Duty {n}.\n".replace("{n}", str(n))
             + "".join(f"  - use: fib-{m}\n" for m in (n + 1, n + 2) if m < blocks) for n in range(blocks)}
    files["posts/oak/teaching-assistant.yaml"] = MINI_POST.replace("use: pupils-core", "use: fib-0")
    code, out = _check(make_trust(files))
    assert code == 1, out
    assert "blocks/fib-" in out and "Traceback" not in out
    assert ("more than 1,000 duties, criteria or uses of blocks" in out) == (blocks <= entries.MAX_NESTING)
    assert max(n for (_, block), n in composed.items() if block.startswith("fib-")) == 1  # once per pass
    passes = len({run for run, _ in composed})
    assert passes <= 2
    assert copies < 5 * entries.MAX_ITEMS * passes  # over 800,000 without the bound; about 4,500 a pass with it
