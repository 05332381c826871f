"""Matching a school's statements to the trust's block items, by normalised text similarity.

rapidfuzz compares word sets (token_set_ratio: wording in a different order or with extra small words
still matches) and word order (token_sort_ratio: a short statement that happens to share a few words with
a long item does not). The score is their mean, 0-100. It runs offline with no model to download, and
fast enough to compare every statement of a hundred job packs with every item in a trust's library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from jobpack.load import TrustFiles

_VARIABLE = re.compile(r"\{\{\s*[a-z_.]+\s*\}\}")
_APOSTROPHE = re.compile(r"['’‘`]s?\b")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_FILLER = {
    "to",
    "the",
    "a",
    "an",
    "and",
    "of",
    "in",
    "with",
    "for",
    "on",
    "as",
    "be",
    "is",
    "are",
    "or",
    "their",
    "its",
    "all",
    "any",
    "etc",
    "eg",
    "ie",
    "at",
    "by",
    "will",
    "must",
    "should",
    "this",
    "that",
}
_SAME = {
    "ict": "it",
    "programme": "program",
    "colleague": "staff",
    "learner": "pupil",
    "student": "pupil",
    "children": "pupil",
    "child": "pupil",
    "young": "",
    "people": "",
    "carer": "parent",
}


def _stem(word: str) -> str:
    if len(word) > 7 and word.endswith("ness"):  # willingness -> willing
        word = word[:-4]
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return _SAME.get(word, word)


def normalise(text: str) -> str:
    """Lower-case words without punctuation, possessives, small words or plural endings, so wording that
    says the same thing compares as the same."""
    text = _VARIABLE.sub(" ", text.lower()).replace("&", " and ")
    text = _APOSTROPHE.sub("", text)
    words = (_stem(w) for w in _NON_WORD.split(text) if w and w not in _FILLER)
    return " ".join(w for w in words if w)


def similarity(a: str, b: str, **_: object) -> float:
    """How alike two normalised texts are, 0-100 (the mean of word-set and word-order similarity)."""
    if not a or not b:
        return 0.0
    return (fuzz.token_set_ratio(a, b) + fuzz.token_sort_ratio(a, b)) / 2


@dataclass(frozen=True)
class Candidate:
    """One block item as the matcher sees it."""

    block: str
    item: str
    text: str
    section: str  # the block's area or category
    kind: str  # "duties" or "criteria"
    order: int  # the item's place among the block's own items
    norm: str


@dataclass(frozen=True)
class Match:
    candidate: Candidate
    score: float


class Library:
    """Every item written in the trust's blocks (each in the block that defines it)."""

    def __init__(self, files: TrustFiles) -> None:
        self.candidates: list[Candidate] = []
        self.block_items: dict[str, list[str]] = {}  # block -> its own item ids, in order
        self.block_sections: dict[str, str] = {}
        self.nested: set[str] = set()  # blocks that use other blocks
        for name, loaded in sorted(files.blocks.items()):
            block = loaded.model
            own = [e for e in block.items if e.use is None and e.id]
            self.block_items[name] = [e.id for e in own if e.id]
            self.block_sections[name] = block.section
            if any(e.use for e in block.items):
                self.nested.add(name)
            for order, entry in enumerate(own):
                text = entry.text or " or ".join(entry.one_of or [])
                self.candidates.append(
                    Candidate(name, entry.id or "", text, block.section, block.kind, order, normalise(text))
                )
        self._by_kind = {kind: [c for c in self.candidates if c.kind == kind] for kind in ("duties", "criteria")}

    def best(self, text: str, kind: str) -> Match | None:
        """The closest block item of this kind (duties or criteria) to `text`, with its score."""
        pool = self._by_kind.get(kind, [])
        norm = normalise(text)
        if not pool or not norm:
            return None
        found = process.extractOne(norm, [c.norm for c in pool], scorer=similarity)
        if found is None:
            return None
        _, score, index = found
        return Match(pool[index], round(score, 1))
