"""What an imported document's draft post will say in its key fields (school, grade, hours, pay), with a
comment on each guess: worked out by facts.py, checked against the stated salary by salary.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jobpack.importer.hours import HoursFound


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
