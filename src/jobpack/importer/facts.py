"""Key facts read as the trust's values: which school, which grade and allowances, hours and weeks; and the
document's stated salary figures checked against the trust's pay years (salary.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from rapidfuzz import fuzz

from jobpack.importer.hours import HoursFound, read_hours
from jobpack.importer.recognised import Fact, Recognised
from jobpack.load.models.trust import Trust

_SCP = re.compile(
    r"(?i)\b(?:scp|spine\s*points?|spinal\s*(?:column\s*)?points?|points?)\s*(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})"
)


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
    pay_year: str | None = None  # the trust's pay year that reproduces the stated salary, when not trust.yaml's


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


def work_out_terms(trust: Trust, rec: Recognised, school: str | None, pay_year: str | None = None) -> Terms:
    from jobpack.importer.salary import check_salary

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
        check_salary(trust, terms, " ".join(pay_texts), pay_year)
    return terms


def first(facts: dict[str, Fact], key: str) -> Fact | None:
    return facts.get(key)
