"""What a statement says, for `jobpack drift`: its content words, stemmed, with school synonyms as one word.

Two schools write the same duty in different words ("To plan and deliver pastoral and therapy programmes",
"Planning and delivering therapy and pastoral programmes"; "pupils at lunch time ... as required",
"children during lunchtimes ... when needed"). Spelling similarity misses those and pairs statements that
share words but not meaning. Here a statement becomes a set of *concepts*: its words lower-cased, school
phrases joined ("lunch time" -> lunchtime), function words dropped, each word stemmed (Snowball, offline)
and mapped through a school-vocabulary synonym list (pupils, children, students, learners -> pupil).

The measure, in one sentence (docs/standardising.md): **the share of the two statements' concepts that
they have in common — twice the shared weight over the two statements' total weight (weighted Dice), in any
word order — where everyday school words (pupil, school, work, support, ...) weigh half**. It is 0-100, and
because it depends on the two statements alone (never on how many posts the trust has), a threshold means
the same in a trust of 4 posts and of 4,000.

`similar_pairs` finds every pair at or above a threshold without comparing all pairs: concepts are ordered
rarest first and each set is indexed by a prefix long enough that two sets sharing none of their prefix
concepts cannot reach the threshold (prefix filtering), so the work follows the pairs that could match.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

import snowballstemmer

Concepts = frozenset[str]

_STEMMER = snowballstemmer.stemmer("english")

#: Words that carry no duty of their own.
_FUNCTION_WORDS = """
a about above across after against all along also am an and any are as at be been being both but by can could
do does doing during each either etc every for from further had has have having he her here hers him his how i
if in include included includes including into is it its itself may me might more most must my no nor not of
off on once one only or other our ours out over own per s same shall she should so some such than that the
their theirs them then there these they this those through thus to too under until up upon us very via was we
were what when where whether which while who whom whose why will with within without would you your yours
"""
STOPWORDS = frozenset(_FUNCTION_WORDS.split())

#: School phrases written as two or more words, joined before the words are split (order matters: longest
#: first). Each becomes one word, which the synonym list may then map further.
PHRASES: tuple[tuple[str, str], ...] = (
    (r"\b(?:as|when|where|if) (?:and when )?(?:required|needed|necessary|directed|appropriate|requested)\b",
     "asneeded"),
    (r"\bspecial educational needs?(?: and disabilit(?:y|ies))?\b", "send"),
    (r"\badditional (?:educational |learning )?needs?\b", "send"),
    (r"\bcpd\b", "continuing professional development"),
    (r"\bkey stage (\d)\b", r"ks\1"),
    (r"\blunch ?times?\b|\blunch breaks?\b|\bmidday\b", "lunchtime"),
    (r"\bbreak ?times?\b|\bplay ?times?\b|\bbreaks\b", "breaktime"),
    (r"\bwell[- ]being\b", "wellbeing"),
    (r"\bself[- ]regulation\b", "self regulation"),
    (r"\byoung people\b|\bchildren and young people\b", "pupils"),
    (r"\bset up\b", "establish"),
    (r"\bmake sure\b", "ensure"),
    (r"\btake part\b|\bjoin in\b", "participate"),
    (r"\bcarry out\b", "undertake"),
    (r"\bhealth and safety\b", "healthsafety"),
    (r"\bsenior leadership team\b|\bslt\b", "leadership"),
    (r"\bteaching assistants?\b|\blearning support assistants?\b|\blsas?\b", "assistant"),
)
_PHRASES = tuple((re.compile(pattern), repl) for pattern, repl in PHRASES)

#: School vocabulary: each group's words (as the stemmer leaves them) count as the group's first word.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("pupil", "child", "children", "student", "learner", "young"),
    ("parent", "carer", "famili", "guardian"),
    ("support", "help", "assist", "aid"),
    ("establish", "build", "creat"),
    ("appropri", "suitabl"),
    ("extern", "outsid"),
    ("demonstr", "show"),
    ("act", "behav", "conduct"),
    ("profession", "professional"),
    ("communic", "liais"),
    ("colleagu", "staff", "team"),
    ("teacher", "teach"),
    ("record", "log"),
    ("wellb", "welfar"),
    ("abl", "abil", "capabl"),
    ("knowledg", "know", "understand", "awar"),
    ("commit", "dedic"),
    ("undertak", "perform"),
    ("lesson", "class", "classroom"),
    ("send", "sen"),
    ("breaktim", "break"),
)
_SYNONYM = {word: group[0] for group in SYNONYMS for word in group}

#: Everyday school words: nearly every duty has one, so sharing them says little. They weigh half.
EVERYDAY = frozenset({"pupil", "school", "work", "support", "teacher", "colleagu", "asneed", "time", "learn",
                      "experi", "knowledg", "abl", "good", "effect", "ensur", "provid", "use", "within",
                      "relev", "other", "individu", "group"})
EVERYDAY_WEIGHT = 0.5

_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    stem = _STEMMER.stemWord(word)
    return _SYNONYM.get(stem, _SYNONYM.get(word, stem))


@lru_cache(maxsize=65536)
def concepts(text: str) -> Concepts:
    """The statement's concepts: what it is about, whatever the spelling, word forms and word order."""
    lowered = text.lower().replace("\u2019", "'").replace("'s", "").replace("s'", "s")
    for pattern, repl in _PHRASES:
        lowered = pattern.sub(repl, lowered)
    return frozenset(_stem(w) for w in _WORD.findall(lowered) if w not in STOPWORDS and len(w) > 1 or w.isdigit())


def weight(concept: str) -> float:
    return EVERYDAY_WEIGHT if concept in EVERYDAY else 1.0


@lru_cache(maxsize=65536)
def _total(items: Concepts) -> float:
    return sum(weight(c) for c in items)


def similarity(a: Concepts, b: Concepts) -> float:
    """Weighted Dice of two concept sets, 0-100 (100: the same concepts, in any order)."""
    total = _total(a) + _total(b)
    if not total:
        return 0.0
    return 100 * 2 * _total(a & b) / total


def text_similarity(a: str, b: str) -> float:
    return similarity(concepts(a), concepts(b))


_EPSILON = 1e-9


def similar_pairs(sets: Sequence[Concepts], threshold: float) -> list[tuple[int, int, float]]:
    """Every pair (i < j) of `sets` whose similarity is at least `threshold`, with it, in index order.

    Equal sets are found too (similarity 100). Prefix filtering: with t = threshold / 100, a set x can only
    reach t with a set sharing at least t*W(x)/(2-t) of x's weight (W: total weight), so x is indexed by its
    rarest concepts up to the point where what is left weighs less than that; two sets reaching t always
    share a concept in both prefixes (the concept order is the same for every set)."""
    t = max(threshold, _EPSILON) / 100
    frequency: dict[str, int] = defaultdict(int)
    for items in sets:
        for concept in items:
            frequency[concept] += 1
    index: dict[str, list[int]] = defaultdict(list)
    totals = [_total(items) for items in sets]
    found: list[tuple[int, int, float]] = []
    for j, items in enumerate(sets):
        if not items:
            continue
        ordered = sorted(items, key=lambda c: (frequency[c], c))
        needed = t * totals[j] / (2 - t)
        remaining = totals[j]
        prefix = []
        for concept in ordered:
            prefix.append(concept)
            remaining -= weight(concept)
            if remaining < needed - _EPSILON:
                break
        candidates: set[int] = set()
        for concept in prefix:
            candidates.update(index[concept])
            index[concept].append(j)
        for i in sorted(candidates):
            score = similarity(sets[i], items)
            if score + _EPSILON >= threshold:
                found.append((i, j, score))
    found.sort()
    return found
