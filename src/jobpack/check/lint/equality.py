"""Equality lints: wording that can discriminate under the Equality Act 2010.

Phrase lints (age, native speaker, driving licence, named qualifications, health, fitness) read the term
lists in data/*.yaml plus the trust's own `lints: terms:`; each text is checked once, where it is written.
Gender-coded wording is a balance over a whole document, so it is worked out per post.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import regex

from jobpack.check.lint.findings import Finding, at_words, data
from jobpack.check.lint.texts import Text
from jobpack.errors import Problem
from jobpack.load.models.lint import TrustTerm

PHRASE_LINTS = ("age-coded", "years-experience", "native-speaker", "driving-licence", "or-equivalent",
                "health-disability", "physical-fitness")
REFERENCE = re.compile(r"\{\{.*?\}\}")


@dataclass(frozen=True)
class Term:
    lint: str
    id: str
    pattern: re.Pattern[str]
    why: str
    suggestion: str
    where: tuple[str, ...]


def built_in_terms() -> list[Term]:
    terms = []
    for lint in PHRASE_LINTS:
        spec = data(f"{lint}.yaml")
        for t in spec["terms"]:
            terms.append(Term(lint, t["id"], re.compile(t["pattern"], re.IGNORECASE), t["why"],
                              t.get("suggestion", ""), tuple(spec["where"])))
    return terms


SEARCH_LIMIT = 0.25
"""Seconds one search of a trust's own pattern may take in one statement; after that the term is given up."""


class BoundedPattern:
    """A trust's own pattern, searched with a time limit by the `regex` module: trust.yaml comes in pull
    requests, and a pattern such as `(x+x+)+y` would otherwise keep `jobpack check` (and CI) busy for ever."""

    def __init__(self, pattern: str) -> None:
        self._pattern = regex.compile(pattern, regex.IGNORECASE | regex.V0)
        self.timed_out = False

    def search(self, text: str) -> regex.Match[str] | None:
        if self.timed_out:
            return None
        try:
            return self._pattern.search(text, timeout=SEARCH_LIMIT)
        except TimeoutError:
            self.timed_out = True
            return None


def all_terms(extra: Iterable[TrustTerm]) -> list[Term]:
    """The built-in terms and the trust's own (which search the same texts as the lint they join)."""
    terms = built_in_terms()
    where = {t.lint: t.where for t in terms}
    return terms + [Term(t.lint, t.id, BoundedPattern(t.pattern), t.why, t.suggestion, where[t.lint])  # type: ignore[arg-type]
                    for t in extra]


def slow_terms(terms: Iterable[Term]) -> list[str]:
    """Ids of the trust's terms whose pattern took too long and were given up (each is reported)."""
    return [t.id for t in terms if isinstance(t.pattern, BoundedPattern) and t.pattern.timed_out]


def _applies(term: Term, text: Text) -> bool:
    if "essential-criteria" in term.where:
        return text.kind == "criteria" and text.need == "essential"
    return text.kind in term.where


def _quiet(term: Term, text: Text) -> bool:
    """Near-misses the lint itself knows about: the item already gives an equivalent route, or says why."""
    if term.lint == "or-equivalent":
        return any("equivalent" in s.lower() for s in text.siblings) or any(
            not term.pattern.search(s) for s in text.siblings if s != text.text)
    if term.lint == "driving-licence":
        return bool(text.justification.strip())
    return False


def any_term(terms: list[Term]) -> re.Pattern[str] | None:
    """One compiled matcher for every built-in term: a text it finds nothing in is flagged by none of them,
    so most texts are searched once instead of once per term. None when the patterns cannot be joined
    safely (a back-reference or a group name would mean something else inside the alternation). A trust's
    own terms are never joined in: each keeps its own time limit (BoundedPattern)."""
    terms = [t for t in terms if isinstance(t.pattern, re.Pattern)]
    if not terms or any(re.search(r"\\[1-9]|\(\?P[<=]|\(\?[aiLmsux]+\)", t.pattern.pattern) for t in terms):
        return None
    try:
        return re.compile("|".join(f"(?:{t.pattern.pattern})" for t in terms), re.IGNORECASE)
    except re.error:
        return None


Hit = tuple[str, int, str, str, str]  # lint, offset, message, suggestion, term id


def _hits(text: Text, terms: list[Term], matcher: re.Pattern[str] | None) -> list[Hit]:
    """What the terms flag in one text (offsets into it): the same for every text with the same words,
    kind and item details, however many posts repeat it."""
    plain = REFERENCE.sub(lambda m: " " * len(m.group()), text.text)  # never match inside {{ ... }}
    built_in = matcher is None or matcher.search(plain) is not None  # may a built-in term match at all?
    hits: list[Hit] = []
    taken: dict[str, list[range]] = {}  # words one term of a lint flagged are not flagged again by another
    for term in terms:
        if not built_in and isinstance(term.pattern, re.Pattern):
            continue
        if not _applies(term, text) or _quiet(term, text):
            continue
        match = term.pattern.search(plain)
        spans = taken.setdefault(term.lint, [])
        if match and not any(match.start() in span or span.start in range(*match.span()) for span in spans):
            spans.append(range(*match.span()))
            hits.append((term.lint, match.start(), f"\"{match.group().strip()}\" ({term.lint}): {term.why}",
                         term.suggestion, term.id))
    return hits


class PhraseSearch:
    """The terms with their one matcher, and what each distinct text was found to hold (kept for as long as
    the terms are the same: a check searches each text once however many posts or calls repeat it)."""

    def __init__(self, terms: list[Term]) -> None:
        self.terms = terms
        self.matcher = any_term(terms)
        self.seen: dict[tuple[str, str, str, tuple[str, ...], str], list[Hit]] = {}


def phrase_findings(texts: Iterable[Text], terms: list[Term], search: PhraseSearch | None = None) -> list[Finding]:
    """Every flagged phrase in every text, at its words (once per text and term). Each distinct text is
    searched once; a text repeated in many posts only has its place worked out again."""
    search = search or PhraseSearch(terms)
    matcher, seen = search.matcher, search.seen
    found = []
    for text in texts:
        key = (text.text, text.kind, text.need, text.siblings, text.justification.strip() and "y")
        hits = seen.get(key)
        if hits is None:
            hits = seen[key] = _hits(text, terms, matcher)
        found += [at_words(lint, text, offset, message, suggestion, term_id)
                  for lint, offset, message, suggestion, term_id in hits]
    return found


# ---------------------------------------------------------------- gender-coded balance

WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def coded_words(texts: Iterable[str]) -> tuple[list[str], list[str]]:
    """The masculine- and feminine-coded words in `texts` (a word counts when it starts with a stem)."""
    spec = data("gender-coded.yaml")
    masculine, feminine = tuple(spec["masculine"]), tuple(spec["feminine"])
    male: list[str] = []
    female: list[str] = []
    for text in texts:
        his, hers = _coded(text, masculine, feminine)
        male += his
        female += hers
    return male, female


@lru_cache(maxsize=1 << 15)
def _coded(text: str, masculine: tuple[str, ...], feminine: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The coded words of one text: the same item is in many posts' documents."""
    male: list[str] = []
    female: list[str] = []
    for word in WORD.findall(REFERENCE.sub(" ", text)):
        low = word.lower()
        if low.startswith(feminine):
            female.append(low)
        elif low.startswith(masculine):
            male.append(low)
    return tuple(male), tuple(female)


def gender_finding(document: str, texts: list[str], file: str, line: int | None, column: int | None) -> Finding | None:
    """A balance for one document: reported when masculine-coded words outnumber feminine-coded ones by
    the data file's margin (the study found only masculine wording changed who applied)."""
    spec = data("gender-coded.yaml")
    male, female = coded_words(texts)
    if len(male) - len(female) < spec["margin"]:
        return None
    shown = ", ".join(dict.fromkeys(male))
    message = (f"The {document} uses {len(male)} masculine-coded words ({shown}) and {len(female)} feminine-coded "
               f"(gender-coded): {spec['why']}")
    return Finding("gender-coded", Problem(file, message, line, column, spec["suggestion"], severity="warning"))
