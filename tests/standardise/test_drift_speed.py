"""The shortcuts that make `jobpack drift` fast on a large trust give the answers of the plain ways they
replace: like roles' extra duties are those no peer on the grade has, and a proposal's wordings are ordered
as with rapidfuzz's cdist."""

from __future__ import annotations

import random

from rapidfuzz import fuzz, process

from jobpack.build.orchestrate import check
from jobpack.standardise.drift import Statement, _proposal, drift, normalise
from jobpack.standardise.like_roles import _duty_keys
from jobpack.standardise.meaning import text_similarity
from tests.conftest import REPO


def test_extra_duties_are_those_no_peer_on_the_grade_has() -> None:
    checked = check(REPO, quick=True)
    report = drift(checked)
    keyed = _duty_keys({pid: checked.posts[pid] for pid in sorted(checked.posts)}, report.threshold)
    seen = 0
    for group in report.like_roles:
        for row in group.posts:
            peers = [r.post for r in group.posts if r.post != row.post and r.grade_id == row.grade_id]
            theirs = {key for peer in peers for key, _ in keyed[peer]}
            expected = tuple(text for key, text in keyed[row.post] if key not in theirs) if peers else ()
            assert row.extra_duties == expected
            seen += len(expected)
    assert seen  # the example trust has like posts on one grade with duties of their own


def _proposal_with_cdist(variants: list[Statement]) -> tuple[str, ...]:
    """The wordings in the order drift gave them when it scored spelling with process.cdist."""
    counts: dict[str, int] = {}
    for v in variants:
        counts[v.text] = counts.get(v.text, 0) + 1
    first_seen = {text: n for n, text in reversed(list(enumerate(v.text for v in variants)))}
    texts = list(counts)
    spelling = process.cdist([normalise(t) for t in texts], [normalise(t) for t in texts], scorer=fuzz.ratio,
                             workers=1)
    row = {text: n for n, text in enumerate(texts)}

    def closeness(text: str) -> tuple[float, float]:
        return (sum(n * text_similarity(text, other) for other, n in counts.items()),
                sum(counts[other] * float(spelling[row[text]][m]) for m, other in enumerate(texts)))

    top = max(counts.values())
    tied = sorted((t for t in counts if counts[t] == top), key=lambda t: (*(-x for x in closeness(t)), first_seen[t]))
    rest = sorted((t for t in counts if counts[t] < top), key=lambda t: (-counts[t], first_seen[t]))
    return (*tied, *rest)


def test_wordings_are_ordered_as_with_cdist() -> None:
    words = ["pupils", "children", "at", "lunch", "lunchtime", "time", "supervise", "supervising", "as", "required",
             "when", "needed", "the", "help", "with", "site", "duty", "safely", "and", "break"]
    rng = random.Random(24)
    for _ in range(300):
        texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 7))) for _ in range(rng.randint(1, 6))]
        variants = [Statement(f"school-{n}/post", f"school-{n}", "duties", "pupils", rng.choice(texts),
                              "posts/x.yaml", n) for n in range(rng.randint(2, 9))]
        assert _proposal(variants).wordings == _proposal_with_cdist(variants)
