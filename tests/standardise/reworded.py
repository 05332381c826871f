"""A copy of the example trust with one more post, at LEAP, that re-words six of Elm Tree's own duties
(reordered, school synonyms, other word forms) and carries decoys that share words with Elm Tree's duties
but not their meaning: what `jobpack drift` must tell apart."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import REPO

ELM = "posts/elm-tree/pastoral-learning-support-practitioner.yaml"
NEW = "posts/leap/pastoral-support-worker.yaml"

#: (Elm Tree's wording, the new post's wording): each pair must be proposed as one block.
REWORDED = [
    ("To plan and deliver pastoral and therapy programmes.",
     "Planning and delivering therapy and pastoral programmes."),
    ("To supervise pupils at lunch time and break time as required.",
     "To supervise children during lunchtimes and breaktimes when needed."),
    ("To develop mutual and self-regulation strategies with pupils.",
     "Developing self-regulation and mutual regulation strategies with learners."),
    ("To demonstrate a commitment to promoting the wellbeing of pupils.",
     "To show commitment to promoting students' well-being."),
    ("To establish positive relationships and communication with parents and outside agencies.",
     "To build positive relationships and communicate with carers and external agencies."),
    ("To act professionally and with integrity at all times.",
     "At all times to behave with professionalism and integrity."),
]

#: The new post's statements that share words with Elm Tree's but say something else: never proposed.
DECOYS = [
    ("pupils", "To plan and deliver staff training programmes."),
    ("pupils", "To develop reading strategies with pupils."),
    ("teachers", "To work with teachers to assess pupils' progress in reading."),
    ("school", "To supervise the preparation of school lunches when needed."),
    ("school", "To act as a fire marshal at all times when on site."),
]

POST = """\
# A LEAP post written from scratch, in its own words (issue 28's re-worded test trust).
school: leap
title: Pastoral Support Worker
responsible_to: Support Manager
pay:
  grade: scale-6
hours:
  per_week: 35
  term_time_only: true

duties:
  pupils:
    - {r0}
    - {r2}   # as the pastoral lead wrote it
    - {d0}
    - {r3}
    - {d1}
  teachers:
    - {r4}
    - {d2}
  school:
    - {r1}
    - {d3}
    - {d4}
    - {r5}

criteria:
  experience:
    - Experience of working with pupils with social, emotional and mental health needs.
"""


def reworded_trust(target: Path) -> Path:
    """The example trust plus the re-worded LEAP post, in `target` (returned)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("trust.yaml", "blocks", "posts", "assets", "templates"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.is_file():
            shutil.copy(source, target / name)
    values = {f"r{n}": pair[1] for n, pair in enumerate(REWORDED)}
    values.update({f"d{n}": text for n, (_section, text) in enumerate(DECOYS)})
    (target / NEW).write_text(POST.format(**values), encoding="utf-8")
    return target
