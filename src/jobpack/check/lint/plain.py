"""Plain-English lints: long sentences, each document's reading ease, acronyms not spelled out.

Reading ease is Flesch's formula, computed offline: 206.835 - 1.015 x (words / sentences) - 84.6 x
(syllables / words). Syllables come from pyphen's hyphenation dictionary (en_GB) and a vowel-group count,
whichever is larger for each word (hyphenation points alone miss syllables at word ends: "ar-ea").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import pyphen

from jobpack.check.lint.findings import Finding, at_words, data
from jobpack.check.lint.texts import Text
from jobpack.errors import Problem

REFERENCE = re.compile(r"\{\{.*?\}\}")
REFERENCE_WORDS = 3  # a {{ school.name }} reads as a name of about three words
SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9{])")
WORD = re.compile(r"[A-Za-z0-9£][A-Za-z0-9£'’]*(?:[-/][A-Za-z0-9]+)*")


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) for each sentence; a sentence ends at . ! or ? before a capital, digit or the end."""
    out, start = [], 0
    for match in SENTENCE_END.finditer(text):
        out.append((start, text[start:match.start()]))
        start = match.end()
    if text[start:].strip():
        out.append((start, text[start:]))
    return out


def word_count(sentence: str) -> int:
    refs = len(REFERENCE.findall(sentence))
    return len(WORD.findall(REFERENCE.sub(" ", sentence))) + REFERENCE_WORDS * refs


def sentence_findings(texts: Iterable[Text], max_words: int) -> list[Finding]:
    spec = data("plain-english.yaml")["sentence-length"]
    found = []
    for text in texts:
        for offset, count in _long_sentences(text.text, max_words):
            message = (f"This sentence has {count} words; the trust's limit is {max_words} (sentence-length): "
                       f"{spec['why']}")
            found.append(at_words("sentence-length", text, offset, message, spec["suggestion"]))
    return found


@lru_cache(maxsize=1 << 15)
def _long_sentences(text: str, max_words: int) -> tuple[tuple[int, int], ...]:
    """(offset of its first word, words) of each sentence of `text` over the limit; worked out once per
    distinct text (the same block item is in many posts)."""
    out = []
    for offset, sentence in sentences(text):
        count = word_count(sentence)
        if count > max_words:
            out.append((offset + len(sentence) - len(sentence.lstrip()), count))
    return tuple(out)


# ---------------------------------------------------------------- reading ease


@cache
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_GB", left=1, right=1)


VOWELS = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=1 << 16)  # a trust's posts share their words: counting each word once makes check ~30% faster
def syllables(word: str) -> int:
    """Syllables in one word: the larger of pyphen's pieces and the vowel groups (a silent final e not
    counted), at least 1. Hyphenated words count each part."""
    total = 0
    for part in re.split(r"[-/]", word.lower()):
        letters = re.sub(r"[^a-z]", "", part)
        if not letters:
            total += 1 if part else 0
            continue
        groups = len(VOWELS.findall(letters))
        if letters.endswith("e") and not letters.endswith(("le", "ee", "ye")) and groups > 1:
            groups -= 1
        total += max(len(_dictionary().positions(letters)) + 1, groups, 1)
    return total


@dataclass(frozen=True)
class Ease:
    sentences: int
    words: int
    syllables: int

    @property
    def score(self) -> float:
        if not self.words or not self.sentences:
            return 100.0
        return 206.835 - 1.015 * (self.words / self.sentences) - 84.6 * (self.syllables / self.words)


def reading_ease(items: Sequence[str]) -> Ease:
    """Flesch reading ease of a document whose items (duties, criteria, ...) are `items`: each item ends a
    sentence, whether or not it ends with a full stop."""
    count_s = count_w = count_y = 0
    for item in items:
        s, w, y = _item_ease(item)
        count_s += s
        count_w += w
        count_y += y
    return Ease(count_s, count_w, count_y)


@lru_cache(maxsize=1 << 15)
def _item_ease(item: str) -> tuple[int, int, int]:
    """Sentences, words and syllables of one item (the counts add up over a document)."""
    count_s = count_w = count_y = 0
    for _, sentence in sentences(item):
        words = WORD.findall(sentence)
        if words:
            count_s += 1
            count_w += len(words)
            count_y += sum(syllables(w) for w in words)
    return count_s, count_w, count_y


def ease_finding(document: str, items: Sequence[str], floor: float, file: str, line: int | None,
                 column: int | None) -> Finding | None:
    ease = reading_ease(items)
    if ease.score >= floor:
        return None
    spec = data("plain-english.yaml")["reading-ease"]
    message = (f"The {document} has a reading ease of {ease.score:.0f}; the trust's floor is {floor:g} "
               f"(reading-ease): {spec['why']}")
    hint = (f"{spec['suggestion']} It has {ease.words} words in {ease.sentences} sentences "
            f"({ease.words / ease.sentences:.1f} a sentence) and {ease.syllables / ease.words:.2f} syllables a word.")
    return Finding("reading-ease", Problem(file, message, line, column, hint, severity="warning"))


# ---------------------------------------------------------------- acronyms

ACRONYM = re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Z0-9]*[A-Z][A-Z0-9]*\+?)(s?)(?![A-Za-z0-9])")


def defined_in(text: str) -> set[str]:
    """Acronyms `text` spells out: 'senior leadership team (SLT)' or 'SLT (senior leadership team)'."""
    return set(_defined(text))


@lru_cache(maxsize=1 << 15)
def _defined(text: str) -> frozenset[str]:
    found = {m.group(1) for m in re.finditer(r"\(([A-Z][A-Z0-9]*[A-Z][A-Z0-9]*\+?)s?\)", text)}
    found |= {m.group(1) for m in re.finditer(r"\b([A-Z][A-Z0-9]*[A-Z][A-Z0-9]*\+?)s? \([a-z]", text)}
    return frozenset(found)


@lru_cache(maxsize=1 << 15)
def _acronyms(text: str) -> tuple[tuple[str, int], ...]:
    """(acronym, offset) of every acronym in `text`, outside {{ ... }}."""
    plain = REFERENCE.sub(lambda m: " " * len(m.group()), text)
    return tuple((m.group(1), m.start()) for m in ACRONYM.finditer(plain))


def known_acronyms(glossary: Iterable[str], names: Iterable[str]) -> set[str]:
    """Acronyms needing no expansion: well known (GOV.UK's list), in the trust's glossary, or part of a
    school's or the trust's own name (the documents print the full name)."""
    known = set(data("plain-english.yaml")["well_known"]) | set(glossary)
    for name in names:
        known |= {m.group(1) for m in ACRONYM.finditer(name)}
    return known


def acronym_findings(texts: Sequence[Text], known: set[str]) -> list[Finding]:
    """The first unexplained use of each acronym in one document (texts in reading order)."""
    spec = data("plain-english.yaml")["acronym"]
    spelled = set().union(*(_defined(t.text) for t in texts)) if texts else set()
    defined = set(known)
    found = []
    for text in texts:
        here = _defined(text.text)
        for acronym, start in _acronyms(text.text):
            if acronym in defined:
                continue
            defined.add(acronym)
            if acronym in here:
                continue
            later = " before it is spelled out" if acronym in spelled else " without being spelled out"
            message = f"'{acronym}' is used{later} (acronym): {spec['why']}"
            found.append(at_words("acronym", text, start, message, spec["suggestion"]))
    return found
