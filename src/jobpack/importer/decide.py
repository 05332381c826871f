"""What becomes of each recognised statement: a block item (`use:`), the school's own wording (with the
closest block item named), a trust clause, a repeat, or an item the role profile already gives."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from jobpack.importer import vocabulary as vocab
from jobpack.importer.match import Library, Match, normalise
from jobpack.importer.recognised import Statement
from jobpack.load.models.base import slugify
from jobpack.load.models.trust import Trust

EXACT_AT = 97


@dataclass
class Decision:
    statement: Statement
    outcome: str  # "use", "near", "own", "summary", "advert", "section", "clause", "repeat", "inherited"
    section: str | None = None  # the area, category or section the item goes in
    match: Match | None = None
    note: str = ""  # why the section was guessed, which clause it is, ...

    @property
    def kind(self) -> str:
        return "criteria" if self.statement.part == "criteria" else "duties"


def _clause_signs(trust: Trust) -> list[tuple[str, str]]:
    """(phrase, clause id) for the trust's clauses: its own phrases, then the built-in ones matched to its
    clauses by their ids and titles."""
    signs = [(p.lower(), cid) for cid, phrases in trust.import_.clauses.items() for p in phrases]
    for topic, phrases in vocab.CLAUSE_SIGNS.items():
        for clause in trust.clauses:
            if topic in f"{clause.id.replace('-', ' ')} {clause.title}".lower():
                signs += [(p, clause.id) for p in phrases]
                break
    return signs


class Decider:
    def __init__(self, trust: Trust, library: Library, inherited: dict[str, str] | None = None) -> None:
        self.trust = trust
        self.library = library
        self.use_at = trust.import_.use_at
        self.near_at = min(trust.import_.near_at, self.use_at)
        self.signs = _clause_signs(trust)
        self.clause_texts = [(c.id, normalise(c.text)) for c in trust.clauses]
        self.inherited = inherited or {}  # item id -> where the profile has it
        self.used: dict[tuple[str, str], str] = {}

    def thresholds(self, use_at: int | None, near_at: int | None) -> None:
        if use_at is not None:
            self.use_at = use_at
        if near_at is not None:
            self.near_at = near_at
        self.near_at = min(self.near_at, self.use_at)

    def clause_of(self, text: str) -> str | None:
        low = " ".join(text.lower().split())
        for phrase, clause_id in self.signs:
            if phrase in low:
                return clause_id
        norm = normalise(text)
        for clause_id, clause_norm in self.clause_texts:
            if len(norm.split()) >= 6 and fuzz.token_set_ratio(norm, clause_norm) >= 90:
                return clause_id
        return None

    def decide(self, statement: Statement) -> Decision:
        part = statement.part
        if part in ("summary", "advert"):
            return Decision(statement, part)
        if part == "section":
            return Decision(statement, "section", statement.own_section or statement.section)
        if part == "clause":
            return self._clause(statement)
        kind = "criteria" if part == "criteria" else "duties"
        match = self.library.best(" or ".join(statement.one_of) if statement.one_of else statement.text, kind)
        key = (match.candidate.block, match.candidate.item) if match else ("", "")
        if match and match.score >= self.use_at and (key not in self.used or match.score >= EXACT_AT):
            if match.candidate.item in self.inherited:
                where = self.inherited[match.candidate.item]
                note = where if where.startswith("trust.yaml") else f"the role profile has it ({where})"
                return Decision(statement, "inherited", match.candidate.section, match, note)
            if key in self.used:
                return Decision(statement, "repeat", match.candidate.section, match,
                                f"the same block item as {self.used[key]}")
            self.used[key] = statement.where
            note = ""
            if statement.section and statement.section != match.candidate.section:
                where = "category" if kind == "criteria" else "area"
                note = f"moved from '{statement.heading}' to the block's own {where}"
            return Decision(statement, "use", match.candidate.section, match, note)
        if kind == "duties":
            clause = self.clause_of(statement.text)
            if clause:
                return Decision(statement, "clause", None, match, clause)
            if vocab.DBS.search(statement.text) and len(statement.text.split()) < 30:
                return Decision(statement, "clause", None, match, "safer recruitment (DBS check)")
        elif (
            statement.section == self._legal()
            and vocab.DBS.search(statement.text)
            and self.trust.person_specification.legal_requirements
            and (len(statement.text.split()) <= 8 or statement.text.lower().startswith("enhanced dbs check"))
        ):
            return Decision(statement, "clause", None, match, "legal requirements row (DBS check)")
        if statement.own_section:  # under a heading the trust does not know (or none): the post's own section
            where = f"under '{statement.heading}'" if statement.heading else "before the first heading"
            return Decision(statement, "section", statement.own_section, match,
                            f"{where}: kept in the post's own section '{statement.own_section}'")
        section, note = statement.section, ""
        if section is None:
            section, note = self._guess(match, kind, statement)
        outcome = "near" if match and match.score >= self.near_at else "own"
        return Decision(statement, outcome, section, match, note)

    def _clause(self, statement: Statement) -> Decision:
        """A paragraph under a clause's heading: the trust's clause as it stands (left out), the post's own
        wording of it, or a clause of the post's own."""
        texts = dict(self.clause_texts)
        if statement.section in texts:
            if fuzz.token_set_ratio(normalise(statement.text), texts[statement.section]) >= 90:
                return Decision(statement, "clause", None, None, statement.section)
            return Decision(statement, "post-clause", statement.section, None, "the post's own wording of the clause")
        ident = slugify(statement.heading)
        return Decision(statement, "post-clause", ident, None, f"a clause of the post's own ('{statement.heading}')")

    def _legal(self) -> str | None:
        for category in self.trust.criteria_categories:
            if category.id == "legal" or "legal" in category.title.lower():
                return category.id
        return None

    def _guess(self, match: Match | None, kind: str, statement: Statement) -> tuple[str, str]:
        sections = self.trust.criteria_categories if kind == "criteria" else self.trust.duty_areas
        under = f"under '{statement.heading}'" if statement.heading else "under no heading"
        if match and match.score >= 50:
            return match.candidate.section, (
                f"{under}: placed with its closest block item "
                f"({match.candidate.block}: {match.candidate.item}); check the area"
            )
        words = set(normalise(statement.text).split())
        for section in sections:
            if words & set(normalise(section.title).split()) - {"support"}:
                return section.id, f"{under}: placed by the words it shares with '{section.title}'; check it"
        return sections[0].id, f"{under}: placed in the first {'category' if kind == 'criteria' else 'area'}; move it"


def school_variables(text: str, names: dict[str, str]) -> str:
    """The school's and trust's names written as variables, so the item reads right in every school; stray
    '{{' that is not a variable is kept from being read as one."""
    text = text.replace("{{", "{ {")
    for name, variable in names.items():
        if name and len(name) > 3:
            text = re.sub(re.escape(name), variable, text, flags=re.I)
    return text
