"""A vacancy must be priced on pay that is current when it is advertised.

NJC pay years run from 1 April to 31 March ("2024-25" ends on 31 March 2025). A vacancy posted or closing
after the end of the pay year its salary is worked out on tells candidates last year's pay: `jobpack check`
warns at the vacancy's date and says which pay year the trust needs (and whether jobpack already has it).
"""

from __future__ import annotations

import datetime as dt

from jobpack.compose.post import ResolvedPost
from jobpack.compose.terms import spines_of
from jobpack.errors import Problem
from jobpack.load.models.base import next_pay_year
from jobpack.load.models.trust import Trust


def year_end(pay_year: str) -> dt.date:
    """The last day of a pay year: "2024-25" -> 31 March 2025."""
    return dt.date(int(pay_year[:4]) + 1, 3, 31)


def year_of(day: dt.date) -> str:
    """The pay year a day falls in: 15 January 2027 -> "2026-27"."""
    start = day.year if day >= dt.date(day.year, 4, 1) else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def stale_pay_year(post: ResolvedPost, trust: Trust) -> list[Problem]:
    """A warning, at the vacancy's posted or closing date, when it falls after the pay year's end."""
    vacancy, terms = post.vacancy, post.terms
    if vacancy is None or terms is None or not terms.pay_year or terms.grade is None:
        return []
    end = year_end(terms.award_pending or terms.pay_year)  # a pending award carries the pay into its year
    late = [(key, day) for key, day in (("posted", vacancy.posted), ("closing_date", vacancy.closing_date))
            if day is not None and day > end]
    if not late:
        return []
    key, day = late[0]
    needed = year_of(day)
    spine = terms.grade.spine
    known = set(spines_of(trust.pay).get(spine, {}))
    what = "was posted" if key == "posted" else "closes"
    if needed in known:
        hint = (f"jobpack has {needed} pay for this spine: write 'year: \"{needed}\"' under pay: in trust.yaml (or "
                "under this post's pay:), and check the salary it prints.")
    elif needed == next_pay_year(terms.pay_year) and not terms.award_pending:
        hint = (f"Until the {needed} award is agreed, write 'award_pending: \"{needed}\"' under pay: in trust.yaml "
                "(or under this post's pay:), and the documents say the award is pending; when it is agreed, add its "
                f"figures under pay: spines: in trust.yaml (or update jobpack) and set 'year: \"{needed}\"'.")
    elif (latest := max((y for y in known if y < needed), default=None)) and latest > terms.pay_year:
        hint = (f"jobpack has {latest} pay, the latest it knows for this spine: write 'year: \"{latest}\"' under pay: "
                "in trust.yaml (or under this post's pay:)"
                + (f", and 'award_pending: \"{needed}\"' until the {needed} award is agreed" if
                   needed == next_pay_year(latest) else "") + "; then check the salary it prints.")
    else:
        hint = (f"Add {needed} pay: add its figures under pay: spines: in trust.yaml (or update jobpack) and set "
                f"'year: \"{needed}\"'.")
    priced = f"{terms.pay_year} pay" + (f" with the {terms.award_pending} award pending" if terms.award_pending else "")
    origin = post.origins.get("vacancy") or post.origin("vacancy")
    line, column = _line_of(post, key, origin)
    return [Problem(origin.file, f"The vacancy for '{post.title}' {what} on {_long(day)}, but its salary is "
                    f"worked out on {priced}, which ended on {_long(end)}: candidates would read "
                    f"last year's pay (the vacancy needs {needed} pay).", line, column, hint, severity="warning",
                    chain=(post.file,) if origin.file != post.file else ())]


def _line_of(post: ResolvedPost, key: str, origin: object) -> tuple[int | None, int | None]:
    """The line of `vacancy.<key>` (recorded when the post was composed), else the vacancy's own line."""
    found = post.origins.get(f"vacancy.{key}")
    if found is not None:
        return found.line, found.column
    return getattr(origin, "line", None), getattr(origin, "column", None)
