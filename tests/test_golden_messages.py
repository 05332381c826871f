"""Golden file: what `jobpack check` prints for a trust full of typical HR mistakes.

The expected text is in tests/golden/check-mistakes.txt. When a message is improved on purpose, rewrite it
with `JOBPACK_UPDATE_GOLDEN=1 python -m pytest tests/test_golden_messages.py` and review the diff.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from click.testing import CliRunner

from jobpack.cli import main

GOLDEN = Path(__file__).parent / "golden" / "check-mistakes.txt"

MISTAKES = {
    "posts/oak/teaching-assistant.yaml": """\
        school: oak
        titel: Teaching Assistant
        line_manages: No
        hours:
          per_week: 30
          pattern:
            - {days: Mon, start: 8:40, end: "15:00"}
        duties:
          pupils:
            - Note: keeps records
        """,
    "posts/oak/cover-supervisor.yaml": """\
        school: oak
        title: Cover Supervisor
        duties:
          pupils:
            - use: pupils-cor
          teachers:
            - use: quals
        criteria:
          qualifications:
            - use: quals
              omit: [gcsee]
        """,
    "blocks/first-aid.yaml": "category: training\nitems:\n  - text: First aid certificate\n    need: vital\n",
    "posts/elm/broken.yaml": "school: elm\ntitle Learning Mentor\n",
    "blocks/pupils-extra.yaml": "area: pupils\nitems:\n  - Escort pupils around {{ school.nmae }}.\n",
}


def test_check_messages_match_the_golden_file(make_trust):
    root = make_trust(MISTAKES)
    result = CliRunner().invoke(main, ["check", "--trust", str(root)])
    assert result.exit_code == 1
    text = result.output
    if os.environ.get("JOBPACK_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, "utf-8")
    expected = GOLDEN.read_text("utf-8")
    diff = "\n".join(difflib.unified_diff(expected.splitlines(), text.splitlines(), "expected", "actual",
                                          lineterm=""))
    assert text == expected, "jobpack check output changed:\n" + diff
