"""Key facts read as the trust's values: which school, which grade and allowances, hours and weeks; and the
document's stated salary figures checked against what jobpack works out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from rapidfuzz import fuzz

from jobpack.compose import pay
from jobpack.compose.terms import term_time_weeks
from jobpack.importer.hours import HoursFound, read_hours
from jobpack.importer.recognised import Fact, Recognised
from jobpack.load.models.trust import Trust

_SCP = re.compile(
    r"(?i)\b(?:scp|spine\s*points?|spinal\s*(?:column\s*)?points?|points?)\s*(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})"
)
_HOURS = re.compile(r"(?i)(\d{1,2}(?:\.\d{1,2})?)\s*(?:hours|hrs|hr|h)\b")
_INSET = re.compile(r"(?i)(\d{1,2})\s*(?:training|inset|in-service)\s*days")
_WEEKS = re.compile(r"(?i)\b\d{1,2}(?:\.\d+)?\s*(?:(?:-|–|to)\s*\d{1,2}\s*)?weeks\b[^.,;)]*")
_MONEY = re.compile(r"£\s?(\d{1,3}(?:,\d{3})+|\d{4,6})")


@dataclass
class Terms:
    """What the draft's key fields will say, with a comment on each guess and notes for the report."""

    school: str | None = None
    school_note: str = ""
    title: str | None = None
    grade: str | None = None
    allowances: list[str] = field(default_factory=list)
    pay_note: str = ""
    per_week: float | None = None
    term_time: bool = False
    inset_days: int | None = None
    hours_note: str = ""
    hours_comment: str = ""
    hours: HoursFound | None = None  # the hours as written: minutes, daily pattern, breaks, notes
    real_hours: Decimal | None = None  # hours a week with the minutes (for pay)
    salary_notes: list[str] = field(default_factory=list)
    weeks_paid: float | None = None


def find_school(trust: Trust, rec: Recognised, texts: list[str]) -> tuple[str | None, str]:
    fact = rec.facts.get("school")
    if fact:
        best = max(trust.schools, key=lambda s: fuzz.partial_ratio(s.name.lower(), fact.value.lower()))
        if fuzz.partial_ratio(best.name.lower(), fact.value.lower()) >= 85:
            return best.id, f"from '{fact.value}' ({fact.where})"
    counts: dict[str, int] = {}
    joined = "\n".join(texts).lower()
    for school in trust.schools:
        names = {school.name.lower(), *(p.strip().lower() for p in re.split(r"\s[–-]\s", school.name))}
        counts[school.id] = sum(joined.count(n) for n in names if len(n) > 3)
    best_id = max(counts, key=lambda k: counts[k]) if counts else None
    if best_id and counts[best_id]:
        return best_id, "its name appears in the document"
    return None, ""


def _grade(trust: Trust, text: str) -> tuple[str | None, str]:
    if not trust.pay or not trust.pay.grades:
        return None, "trust.yaml has no pay grades"
    scp = _SCP.search(text)
    if scp:
        low, high = int(scp.group(1)), int(scp.group(2))
        same = [g for g in trust.pay.grades if (g.from_, g.to) == (low, high)]
        if same:
            best = max(same, key=lambda g: fuzz.partial_ratio(g.name.lower(), text.lower()))
            return best.id, f"SCP {low}-{high}"
    scored = [(fuzz.partial_ratio(g.name.lower(), text.lower()), len(g.name), g) for g in trust.pay.grades]
    score, _, grade = max(scored, key=lambda t: (t[0], t[1]))
    if score >= 90:
        return grade.id, f"the name '{grade.name}'"
    return None, f"no grade in trust.yaml matches '{text}'"


def work_out_terms(trust: Trust, rec: Recognised, school: str | None) -> Terms:
    terms = Terms(school=school)
    pay_texts = [f.value for key in ("grade", "salary") if (f := rec.facts.get(key))]
    if pay_texts:
        joined = " ".join(pay_texts)
        terms.grade, terms.pay_note = _grade(trust, joined)
        if trust.pay:
            for allowance in trust.pay.allowances:
                if fuzz.partial_ratio(allowance.name.lower(), joined.lower()) >= 90:
                    terms.allowances.append(allowance.id)
    hours = [rec.facts["hours"]] if "hours" in rec.facts else []
    hours += rec.hours_text
    words = " ".join(h.value for h in hours)
    if hours:
        found = read_hours(words)
        terms.hours = found
        if found.per_week is not None:
            terms.real_hours = found.per_week
            terms.per_week = float(found.per_week)
            terms.hours_comment = f"from '{hours[0].value[:60]}' ({hours[0].where})"
        elif re.search(r"(?i)\bfull[ -]time\b", words) and trust.pay:
            terms.per_week = float(trust.pay.full_time_hours)
            terms.real_hours = Decimal(str(trust.pay.full_time_hours))
            terms.hours_comment = "'Full time': the trust's full-time hours"
        terms.term_time = found.term_time
        terms.inset_days = found.inset_days
        terms.hours_note = ". ".join(n[:1].upper() + n[1:] for n in found.notes)
    if terms.grade and terms.per_week:
        check_salary(trust, terms, " ".join(pay_texts))
    return terms


def check_salary(trust: Trust, terms: Terms, text: str) -> None:
    """Compare the document's salary figures with jobpack's, and suggest a weeks-paid figure that
    reproduces a stated actual salary."""
    assert trust.pay is not None
    figures = [int(m.replace(",", "")) for m in _MONEY.findall(text)]
    if len(figures) < 2:
        return
    grade = next(g for g in trust.pay.grades if g.id == terms.grade)
    if grade.from_ is None or grade.to is None:
        terms.salary_notes.append(f"{grade.name} has no spinal column points in trust.yaml, so the document's "
                                  "salary figures cannot be compared")
        return
    spines = {**pay.builtin_spines(), **{s.id: s.years for s in trust.pay.spines}}
    school = next((s for s in trust.schools if s.id == terms.school), None)
    weeks = term_time_weeks(school, trust) if terms.term_time else None
    unknown = bool(terms.term_time) and weeks is None
    try:
        priced = pay.price(
            spines,
            grade.spine,
            trust.pay.year,
            grade.from_,
            grade.to,
            terms.real_hours if terms.real_hours is not None else terms.per_week or 0,
            trust.pay.full_time_hours,
            weeks,
            trust.pay.weeks_in_year,
            weeks_unknown=unknown,
        )
    except pay.PayError as exc:
        terms.salary_notes.append(f"the salary could not be worked out: {exc}")
        return
    fte = tuple(figures[:2])
    if fte == priced.fte:
        terms.salary_notes.append(f"the stated FTE salary £{fte[0]:,}-£{fte[1]:,} is what jobpack works out")
    else:
        terms.salary_notes.append(
            f"the document states FTE £{fte[0]:,}-£{fte[1]:,}; jobpack works out "
            f"£{priced.fte[0]:,}-£{priced.fte[1]:,} for {grade.name} in {trust.pay.year}"
        )
    if len(figures) >= 4 and (priced.actual is not None or unknown):
        actual = tuple(figures[2:4])
        works_out = (f"jobpack works out £{priced.actual[0]:,}-£{priced.actual[1]:,}" if priced.actual is not None
                     else "trust.yaml gives this school no weeks paid for term-time posts")
        if actual == priced.actual:
            terms.salary_notes.append(
                f"the stated actual salary £{actual[0]:,}-£{actual[1]:,} is what jobpack works out"
            )
            return
        guess = _weeks_for(
            actual,
            fte if fte == priced.fte else priced.fte,
            terms.real_hours if terms.real_hours is not None else Decimal(str(terms.per_week)),
            Decimal(str(trust.pay.full_time_hours)),
            Decimal(str(trust.pay.weeks_in_year)),
        )
        if guess is not None:
            terms.weeks_paid = float(guess)
            terms.salary_notes.append(
                f"the stated actual salary £{actual[0]:,}-£{actual[1]:,} needs weeks_paid: {guess} ({works_out})"
            )
        else:
            terms.salary_notes.append(
                f"the stated actual salary £{actual[0]:,}-£{actual[1]:,} is not reproduced by any "
                f"weeks-paid figure ({works_out})"
            )


def _weeks_for(
    actual: tuple[int, ...], fte: tuple[int, ...], hours: Decimal, full: Decimal, year: Decimal
) -> Decimal | None:
    """A weeks-paid figure (3 decimal places) that gives both actual figures from the FTE ones."""
    if not hours:
        return None
    start = Decimal(actual[0]) * full * year / (Decimal(fte[0]) * hours)
    centre = start.quantize(Decimal("0.001"))
    for step in range(-20, 21):
        weeks = centre + Decimal(step) / 1000
        if 0 < weeks <= year and all(
            pay.round_pounds(pay.pro_rata(f, hours, full, weeks, year)) == a for f, a in zip(fte, actual, strict=False)
        ):
            return weeks
    return None


def first(facts: dict[str, Fact], key: str) -> Fact | None:
    return facts.get(key)
