"""A post's terms — hours, weeks paid, full time or not, grade, pay year and salary — worked out once.

Validation works the terms out for every post (that is how a bad grade or an unreadable `per_week` is
found) and carries them on the resolved post; templates, the website and packs.json only word them. There
is one definition of full time (`hours >= full_time_hours`), and the trust's defaults (37 hours, 52.143
weeks, 46.2 term-time weeks) live in the model (`PaySettings`) and nowhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from jobpack.compose import pay
from jobpack.errors import did_you_mean
from jobpack.load.models.base import next_pay_year
from jobpack.load.models.post import Hours, PostPay
from jobpack.load.models.trust import Grade, PaySettings, School, Trust


class Contract(Protocol):
    """The fields terms are worked out from: a resolved post has them, so does anything else that states a
    contract. Terms never need the rest of the post (and so never import it)."""

    @property
    def hours(self) -> Hours | None: ...

    @property
    def pay(self) -> PostPay | None: ...

    @property
    def school(self) -> School | None: ...


def _default(name: str) -> Decimal:
    return Decimal(str(PaySettings.model_fields[name].default))


@dataclass(frozen=True)
class Terms:
    """What a post's contract says, as exact numbers."""

    hours: Decimal | None  # hours a week; None when the post states no hours
    full_time_hours: Decimal
    term_time_only: bool
    weeks_paid: Decimal  # the post's, else its school's, else the trust's (term-time posts); else all year
    weeks_in_year: Decimal
    grade: Grade | None
    pay_year: str | None
    pricing: pay.Pricing | None
    weeks_paid_to: Decimal | None = None  # the top of a range of weeks paid ([39, 42]); `weeks_paid` is its bottom
    award_pending: str | None = None  # the next pay year, while its award is not agreed (pay stays at pay_year's)

    @property
    def full_time(self) -> bool | None:
        """Full time by weekly hours (a term-time post on full hours is still full time); None if unknown."""
        return None if self.hours is None else self.hours >= self.full_time_hours


@dataclass(frozen=True)
class Issue:
    """Something wrong with a post's terms, at `path` inside the field `field` (where it was written)."""

    field: str  # "hours" or "pay": the post's field, so the message can point where it was written
    path: tuple[Any, ...]
    message: str
    hint: str = ""
    severity: str = "error"


def full_time_hours(trust: Trust) -> Decimal:
    return Decimal(str(trust.pay.full_time_hours)) if trust.pay else _default("full_time_hours")


def weeks_paid(hours: Hours | None, school: School | None, trust: Trust) -> Decimal | None:
    """Weeks paid a year: the post's own figure, else the school's, else the trust's, for term-time posts.
    None for a term-time post when neither its school nor the trust gives a figure (`term_time_weeks_paid:
    null`): its actual salary is then not known, and it is never worked out from another school's figure."""
    settings = trust.pay
    if hours and hours.weeks_paid:
        weeks = hours.weeks_paid
        return Decimal(str(min(weeks) if isinstance(weeks, list) else weeks))
    if hours and hours.term_time_only:
        return term_time_weeks(school, trust)
    return Decimal(str(settings.weeks_in_year)) if settings else _default("weeks_in_year")


def term_time_weeks(school: School | None, trust: Trust) -> Decimal | None:
    """Weeks paid a year for a term-time post of `school`: the school's own figure, else the trust's; None
    when the trust sets none (`term_time_weeks_paid: null`) and the school gives none."""
    if school is not None and school.term_time_weeks_paid:
        return Decimal(str(school.term_time_weeks_paid))
    settings = trust.pay
    if settings is None:
        return _default("term_time_weeks_paid")
    return Decimal(str(settings.term_time_weeks_paid)) if settings.term_time_weeks_paid is not None else None


def weeks_paid_to(hours: Hours | None) -> Decimal | None:
    """The top of the post's range of weeks paid, or None when it states one figure (or none)."""
    weeks = hours.weeks_paid if hours else None
    return Decimal(str(max(weeks))) if isinstance(weeks, list) and max(weeks) != min(weeks) else None


def award_pending(pay_fields: PostPay, settings: PaySettings) -> str | None:
    """The pay year whose award the post waits for: its own `award_pending`, else the trust's when the post
    is priced on the trust's year (a post that names its own year says its own)."""
    if pay_fields.award_pending:
        return pay_fields.award_pending
    return settings.award_pending if pay_fields.year is None else None


def _pending_issues(pay_fields: PostPay, settings: PaySettings) -> list[Issue]:
    """`award_pending` must be the year after the post's pay year, and not a year whose figures are known."""
    year, pending = pay_fields.year or settings.year, pay_fields.award_pending
    if not pending:
        return []
    if pending != next_pay_year(year):
        return [Issue("pay", ("award_pending",), f"award_pending is {pending}, but this post is priced on {year} "
                      f"pay: the award still to come is {next_pay_year(year)}'s.",
                      f"Write 'award_pending: \"{next_pay_year(year)}\"', or remove award_pending.")]
    grade = next((g for g in settings.grades if g.id == pay_fields.grade), None)
    if grade is not None and pending in spines_of(settings).get(grade.spine, {}):
        return [Issue("pay", ("award_pending",), f"The {pending} award is agreed: jobpack has {pending} pay for "
                      "this post's grade, but the post still says it is pending.",
                      f"Write 'year: \"{pending}\"' under pay and remove award_pending, then check the salary "
                      "it prints.", "warning")]
    return []


def field_issues(pay_fields: PostPay | None, hours_fields: Hours | None, trust: Trust) -> list[Issue]:
    """What is wrong with a post's or role profile's own `pay:` and `hours:` (no pricing needed)."""
    issues: list[Issue] = []
    if hours_fields is not None:
        try:
            hours = pay.parse_hours(hours_fields.per_week)
        except ValueError as exc:
            issues.append(Issue("hours", ("per_week",), _sentence(str(exc))))
        else:
            full = full_time_hours(trust)
            issues += pattern_issues(hours_fields, hours)
            if hours > full:
                issues.append(Issue("hours", ("per_week",), f"This post's hours ({pay.format_hours(hours)} a week) "
                                    f"are more than full time ({pay.format_hours(full)} a week).",
                                    "Check the hours, or the trust's full_time_hours in trust.yaml.", "warning"))
    if pay_fields is not None:
        if trust.pay is None:
            return [*issues, Issue("pay", (), "This post has pay details but trust.yaml has no 'pay' section.",
                                   "Add the trust's pay year and grades to trust.yaml.")]
        grades = [g.id for g in trust.pay.grades]
        allowances = [a.id for a in trust.pay.allowances]
        if pay_fields.grade not in grades:
            issues.append(Issue("pay", ("grade",), f"There is no grade '{pay_fields.grade}' in trust.yaml.",
                                did_you_mean(pay_fields.grade, grades, "grade")))
        elif next(g for g in trust.pay.grades if g.id == pay_fields.grade).provisional:
            issues.append(Issue("pay", ("grade",), f"Grade '{pay_fields.grade}' has spinal column points marked "
                                "provisional in trust.yaml, so this post prints no salary figures.",
                                "Confirm the grade's points with the school and remove 'provisional: true', or "
                                "leave out 'from' and 'to' to print the grade as text only.", "warning"))
        issues += _pending_issues(pay_fields, trust.pay)
        for n, allowance in enumerate(pay_fields.allowances):
            if allowance not in allowances:
                issues.append(Issue("pay", ("allowances", n), f"There is no allowance '{allowance}' in trust.yaml.",
                                    did_you_mean(allowance, allowances, "allowance")))
    return issues


DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_RANGE = re.compile(r"^(\w+)\s*(?:to|-|–|—|until)\s*(\w+)$")


def day_count(days: str) -> int | None:
    """How many days a pattern row covers ("Mon, Wed, Thu, Fri" is 4, "Monday to Friday" 5); None if the
    text is not a list or range of day names (then the pattern is not added up)."""
    count = 0
    for part in re.split(r",|\band\b|&", days.lower()):
        part = part.strip()
        if not part:
            continue
        match = _RANGE.match(part)
        names = [match.group(1), match.group(2)] if match else [part]
        index = [DAYS.index(n[:3]) if n[:3] in DAYS else None for n in names]
        if None in index:
            return None
        count += index[-1] - index[0] + 1 if match and index[-1] >= index[0] else 1 if not match else 0
        if match and index[-1] < index[0]:
            return None
    return count or None


def _minutes(time: str) -> int:
    hours, minutes = re.split(r"[:.]", time)
    return int(hours) * 60 + int(minutes)


def pattern_issues(hours_fields: Hours, per_week: Decimal) -> list[Issue]:
    """A warning when the daily pattern's worked hours (unpaid breaks taken off) differ from `per_week` by
    more than the post's `contingency_minutes`: a timetable that does not add up is a contract error."""
    if not hours_fields.pattern:
        return []
    worked = 0
    for row in hours_fields.pattern:
        days = day_count(row.days)
        if days is None:
            return []
        unpaid = sum(b.minutes for b in row.all_breaks if not b.paid)
        worked += days * (_minutes(row.end) - _minutes(row.start) - unpaid)
    stated = int(per_week * 60)
    gap = abs(stated - worked)
    if gap <= hours_fields.contingency_minutes:
        return []
    said = pay.format_hours(Decimal(worked) / 60)
    return [Issue("hours", ("pattern",), f"The daily working pattern adds up to {said} a week (unpaid breaks "
                  f"taken off), but per_week says {pay.format_hours(per_week)}: {gap} minutes apart.",
                  "Check the times and breaks; if the difference is time worked outside the pattern, write "
                  f"'contingency_minutes: {gap}' under hours.", "warning")]


def work_out(post: Contract, trust: Trust) -> tuple[Terms | None, list[Issue]]:
    """The post's terms, or None with the issues that stop them being worked out (warnings come along)."""
    issues = field_issues(post.pay, post.hours, trust)
    if any(i.severity == "error" for i in issues):
        return None, issues
    full = full_time_hours(trust)
    hours = pay.parse_hours(post.hours.per_week) if post.hours is not None else None
    grade, pricing, year, pending = None, None, None, None
    if post.pay is not None and trust.pay is not None:
        grade = next(g for g in trust.pay.grades if g.id == post.pay.grade)
        year = post.pay.year or trust.pay.year
        pending = award_pending(post.pay, trust.pay)
        try:
            pricing = _price(post, trust, grade, hours if hours is not None else full) if grade.mapped else None
        except (pay.PayError, ValueError) as exc:
            return None, [*issues, Issue("pay", ("grade",), f"This post's salary cannot be worked out: {exc}.",
                                         "Add the missing pay figures to trust.yaml, or choose another pay year "
                                         "or grade.")]
    in_year = Decimal(str(trust.pay.weeks_in_year)) if trust.pay else _default("weeks_in_year")
    terms = Terms(hours, full, bool(post.hours and post.hours.term_time_only),
                  weeks_paid(post.hours, post.school, trust), in_year, grade, year, pricing,
                  weeks_paid_to(post.hours), pending)
    return terms, issues


def spines_of(settings: PaySettings | None) -> dict[str, dict[str, dict[int, int]]]:
    """Spine id -> pay year -> SCP -> pounds: jobpack's national spines, with the trust's own in place of any
    of the same id. What a post is priced on, so also which pay years a spine has."""
    spines = pay.builtin_spines()
    for spine in settings.spines if settings else []:
        spines[spine.id] = {year: dict(points) for year, points in spine.years.items()}
    return spines


def _price(post: Contract, trust: Trust, grade: Grade | None, hours: Decimal) -> pay.Pricing:
    settings = trust.pay
    assert settings is not None and post.pay is not None and grade is not None
    spines = spines_of(settings)
    allowances = [(a.name, Decimal(str(a.amount)), a.pro_rata) for a_id in post.pay.allowances
                  for a in settings.allowances if a.id == a_id]
    names = {**pay.builtin_spine_names(), **{s.id: s.name for s in settings.spines}}
    assert grade.from_ is not None and grade.to is not None
    weeks = weeks_paid(post.hours, post.school, trust)
    return pay.price(spines, grade.spine, post.pay.year or settings.year, grade.from_, grade.to, hours,
                     Decimal(str(settings.full_time_hours)), weeks, Decimal(str(settings.weeks_in_year)),
                     allowances, spine_names=names, weeks_paid_to=weeks_paid_to(post.hours),
                     weeks_unknown=weeks is None)


def price_post(post: Contract, trust: Trust) -> pay.Pricing | None:
    """The post's salary figures (None if it has no grade); pay.PayError when they cannot be worked out."""
    terms, issues = work_out(post, trust)
    errors = [i for i in issues if i.severity == "error"]
    if errors:
        raise pay.PayError(errors[0].message.rstrip("."))
    return terms.pricing if terms else None


def _sentence(text: str) -> str:
    """Library messages are clauses ('hours a week ... cannot be read: ...'); shown alone, they are sentences."""
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else text + "."
