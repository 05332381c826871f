"""The document's stated salary, found among the trust's pay years: which year's spine gives the stated
full-time figures for the grade, and which weeks-paid figure turns them into the stated actual (pro-rata)
figures, worked out from the real hours (minutes included). When nothing reproduces them, the report says
what was tried, so a data lead can decide instead of guessing."""

from __future__ import annotations

import re
from decimal import Decimal

from jobpack.compose import pay
from jobpack.compose.terms import spines_of, term_time_weeks
from jobpack.importer.draft_terms import Terms
from jobpack.load.models.trust import Trust

_MONEY = re.compile(r"£\s?(\d{1,3}(?:,\d{3})+|\d{4,6})")


def _money(pair: tuple[int, ...]) -> str:
    return f"£{pair[0]:,}-£{pair[1]:,}"


def check_salary(trust: Trust, terms: Terms, text: str, pay_year: str | None = None) -> None:
    """Compare the document's salary figures with jobpack's over the trust's pay years (or only `pay_year`),
    name the year and the weeks-paid figure that reproduce them, or say what was tried."""
    assert trust.pay is not None
    figures = [int(m.replace(",", "")) for m in _MONEY.findall(text)]
    if len(figures) < 2:
        return
    grade = next(g for g in trust.pay.grades if g.id == terms.grade)
    if grade.from_ is None or grade.to is None:
        terms.salary_notes.append(f"{grade.name} has no spinal column points in trust.yaml, so the document's "
                                  "salary figures cannot be compared")
        return
    spines = spines_of(trust.pay)
    years = sorted(spines.get(grade.spine, {}), reverse=True)
    tried = [pay_year] if pay_year else [trust.pay.year, *(y for y in years if y != trust.pay.year)]
    school = next((s for s in trust.schools if s.id == terms.school), None)
    weeks = term_time_weeks(school, trust) if terms.term_time else None
    unknown = bool(terms.term_time) and weeks is None
    hours = terms.real_hours if terms.real_hours is not None else Decimal(str(terms.per_week or 0))
    full, in_year = Decimal(str(trust.pay.full_time_hours)), Decimal(str(trust.pay.weeks_in_year))
    priced: dict[str, pay.Pricing] = {}
    for year in tried:
        try:
            priced[year] = pay.price(spines, grade.spine, year, grade.from_, grade.to, hours, full, weeks, in_year,
                                     weeks_unknown=unknown)
        except pay.PayError as exc:
            terms.salary_notes.append(f"the salary could not be worked out for {year}: {exc}")
    if not priced:
        return
    fte = tuple(figures[:2])
    matching = [y for y, p in priced.items() if p.fte == fte]
    year = matching[0] if matching else tried[0] if tried[0] in priced else next(iter(priced))
    if matching:
        terms.salary_notes.append(f"the stated FTE salary {_money(fte)} is {grade.name} in the {year} pay year"
                                  + (" (trust.yaml's year)" if year == trust.pay.year else
                                     f" (not trust.yaml's {trust.pay.year}: the draft says pay: year: {year})"))
        if year != trust.pay.year:
            terms.pay_year = year
    else:
        said = "; ".join(f"{y}: {_money(p.fte)}" for y, p in priced.items())
        terms.salary_notes.append(f"the document states FTE {_money(fte)}; no pay year reproduces it for "
                                  f"{grade.name} (tried {said})")
    if len(figures) < 4:
        return
    actual = tuple(figures[2:4])
    works_out = priced[year].actual
    if actual == works_out:
        terms.salary_notes.append(f"the stated actual salary {_money(actual)} is what jobpack works out")
        return
    base = fte if matching else priced[year].fte
    guess = weeks_for(actual, base, hours, full, in_year)
    said = (f"jobpack works out {_money(works_out)} with the trust's {weeks} weeks paid" if works_out is not None
            else "trust.yaml gives this school no weeks paid for term-time posts")
    if guess is not None:
        terms.weeks_paid = float(guess)
        terms.salary_notes.append(f"the stated actual salary {_money(actual)} needs weeks_paid: {guess} at "
                                  f"{pay.format_hours(hours)} a week in {year} ({said})")
    else:
        terms.salary_notes.append(f"the stated actual salary {_money(actual)} is not reproduced by any weeks-paid "
                                  f"figure at {pay.format_hours(hours)} a week in {year} ({said})")


def weeks_for(actual: tuple[int, ...], fte: tuple[int, ...], hours: Decimal, full: Decimal,
              year: Decimal) -> Decimal | None:
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
