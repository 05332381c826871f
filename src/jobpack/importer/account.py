"""The account of every line: each non-blank line of the document (a paragraph, or a line of a table cell)
and what became of it — a heading (of which part), a statement (the block item it uses, or kept in the
school's words), a fact (which field), a section row, a clause (the trust's or the school's own), a signature
line, boilerplate (which), or left out with the reason. Nothing a school wrote goes without a word."""

from __future__ import annotations

from dataclasses import dataclass

from jobpack.importer.decide import Decision
from jobpack.importer.match import normalise
from jobpack.importer.recognised import Recognised
from jobpack.importer.source import Para, Source

UNRECOGNISED = "not recognised as any part of a job description"
"""The reason given for a line nothing claimed (never expected: the tests prove every seed has none)."""


@dataclass(frozen=True)
class Line:
    where: str  # "line 30", "line 12 cell 2", "paragraph 4", "table 1 row 3 cell 2", "page 2 line 14"
    text: str
    became: str  # one of recognised.FATES
    detail: str


def _decision(d: Decision) -> tuple[str, str]:
    s, m = d.statement, d.match
    closest = f"{m.candidate.block}: {m.candidate.item} ({m.score:g})" if m else ""
    note = f"; {d.note}" if d.note else ""
    if d.outcome == "use":
        return "statement", f"uses the block item {closest} in '{d.section}'{note}"
    if d.outcome == "inherited":
        return "statement", f"the block item {closest} is already the post's: {d.note}"
    if d.outcome == "near":
        return "statement", f"kept in the school's words in '{d.section}'; the closest block item {closest}{note}"
    if d.outcome == "own":
        return "statement", f"kept in the school's words in '{d.section}' (the post's own){note}"
    if d.outcome == "summary":
        return "statement", "the summary"
    if d.outcome == "advert":
        return "statement", ("the post's advert (the text before the job description: the website, the pack's "
                             "cover and job boards show it)")
    if d.outcome == "section":
        if s.label:
            return "row", f"a row of the section '{d.section}' (label '{s.label}')"
        return "statement", f"in the section '{d.section}'{note}"
    if d.outcome == "clause":
        return "clause", f"the trust's clause '{d.note}': the trust prints its own wording"
    if d.outcome == "post-clause":
        return "clause", f"the school's own clause ('{d.section}'): kept in the post's clauses; {d.note}"
    if d.outcome == "repeat":
        return "left out", f"a repeat: {d.note}"
    return "statement", d.outcome


def _claims(rec: Recognised, decisions: list[Decision]) -> dict[str, list[Line]]:
    """Every place the recogniser and the decisions said something about, with what they said."""
    claims: dict[str, list[Line]] = {}

    def add(where: str, text: str, became: str, detail: str) -> None:
        detail = detail.removeprefix(f"{became}: ")
        claims.setdefault(where, []).append(Line(where, text, became, detail))

    for d in decisions:
        add(d.statement.where, " ".join([d.statement.text, *d.statement.one_of[1:]]), *_decision(d))
    for n in rec.dropped:
        add(n.where, n.text, n.fate, n.why)
    for n in rec.signatures:
        add(n.where, n.text, "signature", f"{n.why}: the post's signatures: {', '.join(rec.signatories)}"
            if rec.signatories else n.why)
    for n in rec.marks:
        add(n.where, n.text, n.fate, n.why)
    for key, fact in rec.facts.items():
        add(fact.where, fact.value, "fact", f"the post's {key.replace('_', ' ')}")
    for fact in rec.hours_text:
        add(fact.where, fact.value, "fact", "the post's hours")
    return claims


def _overlaps(a: str, b: str) -> bool:
    a, b = normalise(a), normalise(b)
    return bool(a and b) and (a in b or b in a)


def account(source: Source, rec: Recognised, decisions: list[Decision]) -> list[Line]:
    """One entry (or more) for every non-blank line of `source`, in the document's order."""
    claims = _claims(rec, decisions)
    out: list[Line] = []
    for element in source.elements:
        if isinstance(element, Para):
            units = [(element.where, element.text)]
        else:
            units = [(cell.where, line) for cell in element.cells for line in cell.lines if line.strip()]
        for where, text in units:
            if not text.strip():
                continue
            mine = claims.get(where, []) + (claims.get(element.where, []) if element.where != where else [])
            chosen = [c for c in mine if _overlaps(c.text, text)] or [
                c for c in mine if not normalise(c.text) and not normalise(text)]
            if not chosen:
                chosen = [Line(where, text, "left out", UNRECOGNISED)]
            seen: set[tuple[str, str]] = set()
            for claim in chosen:
                if (claim.became, claim.detail) not in seen:
                    seen.add((claim.became, claim.detail))
                    out.append(Line(where, text, claim.became, claim.detail))
    return out
