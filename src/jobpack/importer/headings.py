"""What a heading or a label means for one trust: its duty areas, person-spec categories and sections (by
their titles, ids, built-in synonyms and the trust's own `import: headings:`), the summary, general duties,
clauses, signatures, key facts and a form's own parts."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from jobpack.importer import vocabulary as vocab
from jobpack.importer.match import normalise
from jobpack.load.models.trust import Trust

HEADING_AT = 90
_NUMBERING = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*[.)]?|[a-z][.)]|[ivx]{1,4}[.)])\s+", re.I)
_HEADING_FILLER = {"support", "main", "key", "further", "area", "section", "working", "typical"}
_SUFFIX = re.compile(r"\s*\([^)]{0,60}\)\s*:?\s*$")  # "RELATIONSHIPS (internal and external):"


def heading_words(text: str) -> str:
    """A heading's words that carry its meaning: no numbering, bracketed suffix, colon, small words, or
    words every heading has ("support", "main", "working" ...)."""
    text = _NUMBERING.sub("", text).strip().rstrip(":").strip()
    text = _SUFFIX.sub("", text) or text
    return " ".join(w for w in normalise(text).split() if w not in _HEADING_FILLER)


class Headings:
    """What a heading means, for one trust: ('area'|'category'|'section'|'summary'|'duties'|'clauses'|
    'facts'|'form', id)."""

    def __init__(self, trust: Trust) -> None:
        self.table: list[tuple[str, str, str]] = []  # (normalised phrase, kind, id)
        self.clauses = {heading_words(c.title): c.id for c in trust.clauses if c.title}
        own = trust.import_.headings
        groups = [("area", trust.duty_areas), ("category", trust.criteria_categories), ("section", trust.sections)]
        titles: dict[str, tuple[str, str]] = {}
        for kind, sections in groups:
            for section in sections:
                for phrase in (section.title, section.id.replace("-", " "), *own.get(section.id, [])):
                    self._add(phrase, kind, section.id)
                titles[heading_words(section.title)] = (kind, section.id)
        for phrase, target in vocab.SYNONYMS.items():
            hit = titles.get(heading_words(target))
            if hit:
                self._add(phrase, *hit)
        for clause in trust.clauses:  # a clause's own heading (jobpack's documents print them)
            if clause.title:
                self._add(clause.title, "clauses", clause.id)
        for kind, phrases in (
            ("summary", vocab.SUMMARY),
            ("duties", vocab.GENERIC_DUTIES),
            ("signatures", vocab.SIGNATURE_ZONES),
            ("clauses", vocab.CLAUSE_ZONES),
            ("facts", vocab.FACT_ZONES),
            ("form", vocab.FORM_ZONES),
        ):
            for phrase in phrases:
                self._add(phrase, kind, heading_words(phrase))

    def _add(self, phrase: str, kind: str, ident: str) -> None:
        norm = heading_words(phrase)
        if norm and all(norm != p for p, _, _ in self.table):  # the first meaning of a phrase wins
            self.table.append((norm, kind, ident))

    def classify(self, text: str) -> tuple[str, str] | None:
        norm = heading_words(text)
        if not norm:
            return None
        best, score = None, 0.0
        for phrase, kind, ident in self.table:
            s = fuzz.ratio(norm, phrase)
            if s > score:
                best, score = (kind, ident), s
        if score >= HEADING_AT:
            return best
        return self.by_meaning(norm)

    def by_meaning(self, norm: str) -> tuple[str, str] | None:
        """A heading the table does not have, read by what its words are about: a purpose or description
        ("LEVEL DESCRIPTION", "Purpose of the post"), or duties ("TYPICAL DUTIES AT THIS LEVEL")."""
        words = norm.split()
        if not words or len(words) > 3 or {"job", "person", "personnel"} & set(words):
            return None
        for kind, stems in vocab.HEADING_MEANINGS.items():
            if stems & set(words):
                return kind, f"~{words[0]}"  # "~": read by meaning (a clause's own heading may look the same)
        return None


def _label(text: str) -> str:
    return " ".join(re.sub(r"[:/&]", " ", text.lower()).split()).strip(" .-")


_FACT_BY_LABEL = {label: key for key, labels in vocab.FACT_LABELS.items() for label in labels}
_FORM_LABELS = set(vocab.FORM_LABELS)


def fact_label(text: str) -> str | None:
    """'title', 'grade', ...: the key fact a label names; 'form' for a form's own fields; None otherwise."""
    label = _label(text)
    if label in _FACT_BY_LABEL:
        return _FACT_BY_LABEL[label]
    if label in _FORM_LABELS:
        return "form"
    return None


def split_label(text: str) -> tuple[str, str, str] | None:
    """'Hours: 35' -> ('hours', 'Hours', '35') when the text before the first colon is a known label."""
    if ":" not in text:
        return None
    label, value = text.split(":", 1)
    if len(label) > 40:
        return None
    key = fact_label(label)
    return (key, label.strip(), value.strip()) if key else None


def is_mark(text: str) -> bool:
    return text.strip() in vocab.MARKS
