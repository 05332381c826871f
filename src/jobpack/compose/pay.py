"""Pricing a post from the pay tables, so no salary in a job pack is ever typed by hand.

Everything here works on plain values (numbers, strings, dicts) and is pure: the only input from outside is
the packaged table of national spines, read with `importlib.resources`. Money is `Decimal` throughout and
is rounded once, at the end, to whole pounds with halves going up (ROUND_HALF_UP), which is how councils'
payroll tables round; Python's `round()` would round halves to even and be a pound out now and then.

The rule for a part-time or term-time post is the usual council one:

    actual = FTE salary x hours / full-time hours x weeks paid / weeks in the year

Seed 001 (Elm Tree Primary Academy, Band D SCP 9-17, 32.5 hours a week, term time only, 37-hour full-time
week, 2024-25 NJC spine) prints FTE £26,409 - £30,060 and actual £20,698 - £23,560. With 52.143 weeks in
the year, the only weeks-paid figure to three decimal places that gives exactly those two pounds figures is
46.526 (any value from 46.52555 up to, not including, 46.52660 would do; 46.526 is the only 3-decimal one).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from functools import cache
from importlib import resources

import yaml

NJC_SPINE_ID = "njc"

# 365 / 7 = 52.1428..., printed by councils as 52.143: a year of pay is a little more than 52 weeks.
WEEKS_IN_YEAR = Decimal("52.143")

# Weeks paid for a term-time-only post that reproduces seed 001 exactly (see the module docstring). It is
# the Elm Tree figure, not a national one: each trust sets its own term_time_weeks_paid in trust.yaml.
SEED_TERM_TIME_WEEKS_PAID = Decimal("46.526")

HOURS_HINT = "write hours as a number such as 32.5 or as '25 hours 25 minutes'"

_DATA_FILE = "njc_spines.yaml"
_YEAR = re.compile(r"^\d{4}-\d{2}$")
_HOUR_WORD = r"(?:h|hrs?|hours?)"
_MINUTE_WORD = r"(?:m|mins?|minutes?)"
# "25 hours 25 minutes", "25h 25m", "32.5", "37 hours", "45 minutes", each optionally "... a week".
_HOURS = re.compile(
    rf"""^\s*(?:
        (?P<both_h>\d+(?:\.\d+)?)\s*{_HOUR_WORD}\s*(?:,|and)?\s*(?P<both_m>\d+)\s*{_MINUTE_WORD}
      | (?P<only_h>\d+(?:\.\d+)?)\s*{_HOUR_WORD}?
      | (?P<only_m>\d+)\s*{_MINUTE_WORD}
    )\s*(?:(?:per|a)\s+week)?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


class PayError(ValueError):
    """A post cannot be priced; the message says what is missing and what exists instead."""


# --- the built-in tables -------------------------------------------------------------------------------


@cache
def _load_builtin() -> tuple[tuple[str, str, tuple[tuple[str, tuple[tuple[int, int], ...]], ...]], ...]:
    """Parse the packaged YAML once, into nested tuples so the cached copy cannot be changed by a caller."""
    text = resources.files("jobpack").joinpath("data", _DATA_FILE).read_text(encoding="utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # jobpack's own file: libyaml if there
    spines = []
    for spine in data["spines"]:
        years = []
        for year, points in spine["years"].items():
            if not _YEAR.match(str(year)):
                raise RuntimeError(f"{_DATA_FILE}: pay year {year!r} is not written like 2024-25")
            rows = tuple(sorted((int(scp), int(amount)) for scp, amount in points.items()))
            years.append((str(year), rows))
        spines.append((str(spine["id"]), str(spine["name"]), tuple(sorted(years))))
    return tuple(spines)


def builtin_spines() -> dict[str, dict[str, dict[int, int]]]:
    """Spine id -> pay year -> SCP -> annual full-time salary in pounds; a fresh copy on every call."""
    return {sid: {year: dict(rows) for year, rows in years} for sid, _name, years in _load_builtin()}


def builtin_spine_names() -> dict[str, str]:
    """Spine id -> the name used in messages and documents ("NJC national pay spine")."""
    return {sid: name for sid, name, _years in _load_builtin()}


# --- numbers -------------------------------------------------------------------------------------------


def _decimal(value: object, what: str) -> Decimal:
    """A positive Decimal from an int, Decimal, float or numeric string; floats go through str() so 46.2
    stays 46.2 rather than 46.2000000000000028..."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise PayError(f"{what} must be a number, not {value!r}")
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except InvalidOperation:
        raise PayError(f"{what} must be a number, not {value!r}") from None
    if not number.is_finite() or number <= 0:
        raise PayError(f"{what} must be a number more than 0, not {value!r}")
    return number


def parse_hours(value: float | int | str | Decimal) -> Decimal:
    """Hours a week as a Decimal, from 32.5, "32.5", "37 hours", "25h 25m" or "25 hours 25 minutes".

    Minutes are kept exact (25 minutes is 25/60 of an hour) because job packs copy the contract's wording,
    and a rounded 25.42 would price the post a few pounds wrong.
    """
    problem = f"hours a week {value!r} cannot be read: {HOURS_HINT}"
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise PayError(problem)
    if isinstance(value, str):
        match = _HOURS.match(value)
        if not match:
            raise PayError(problem)
        whole = match["both_h"] or match["only_h"]
        minutes = int(match["both_m"] or match["only_m"] or 0)
        if match["both_h"] is not None:
            if "." in whole:
                raise PayError(problem)  # "32.5 hours 10 minutes" mixes two ways of writing a part hour
            if minutes >= 60:
                raise PayError(f"hours a week {value!r} has {minutes} minutes; {HOURS_HINT}")
        hours = Decimal(whole or 0) + Decimal(minutes) / Decimal(60)
    else:
        try:
            hours = value if isinstance(value, Decimal) else Decimal(str(value))
        except InvalidOperation:
            raise PayError(problem) from None
    if not hours.is_finite() or hours <= 0 or hours > 168:
        raise PayError(f"hours a week {value!r} must be more than 0 and at most 168; {HOURS_HINT}")
    return hours


def pro_rata(
    fte: int | Decimal,
    hours: Decimal | int,
    full_time_hours: Decimal | int,
    weeks_paid: Decimal | int,
    weeks_in_year: Decimal | int,
) -> Decimal:
    """FTE x hours / full-time hours x weeks paid / weeks in year, unrounded.

    Multiplying before dividing, at 50 digits, keeps the result exact enough that rounding to pounds
    afterwards never depends on the order of operations or on the caller's decimal context.
    """
    with localcontext() as ctx:
        ctx.prec = 50
        result = (Decimal(fte) * Decimal(hours) * Decimal(weeks_paid)) / (
            Decimal(full_time_hours) * Decimal(weeks_in_year)
        )
    return +result  # back to the caller's precision


def round_pounds(x: Decimal) -> int:
    """Nearest whole pound, halves up (£20,697.50 -> £20,698), as payroll tables round."""
    return int(Decimal(x).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def format_money(n: int) -> str:
    """£26,409: pound sign, thousands separated by commas, no pence."""
    return f"-£{-n:,}" if n < 0 else f"£{n:,}"


def _plain(number: Decimal) -> str:
    """A Decimal without trailing zeros or exponent: 46.526, 37, 32.5."""
    return format(number.normalize(), "f")


def format_hours(hours: Decimal) -> str:
    """Hours as a reader expects them: "32.5 hours", "37 hours", or "25 hours 25 minutes" when the hours
    came from minutes and would otherwise print as 25.416666..."""
    if hours == hours.quantize(Decimal("0.01")):
        return f"{_plain(hours)} hour" + ("" if hours == 1 else "s")
    whole = int(hours)
    minutes = (hours - whole) * 60
    if abs(minutes - minutes.to_integral_value()) < Decimal("1e-12"):
        count = int(minutes.to_integral_value())
        return f"{whole} hours {count} minute" + ("" if count == 1 else "s")
    return f"{_plain(hours.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP))} hours"


def _ranges(points: Iterable[int]) -> str:
    """[2, 3, 4, 7] -> "2 to 4, 7": short enough to put in an error message."""
    parts: list[str] = []
    run: list[int] = []
    for point in sorted(points):
        if run and point == run[-1] + 1:
            run.append(point)
            continue
        if run:
            parts.append(str(run[0]) if len(run) == 1 else f"{run[0]} to {run[-1]}")
        run = [point]
    if run:
        parts.append(str(run[0]) if len(run) == 1 else f"{run[0]} to {run[-1]}")
    return ", ".join(parts)


# --- pricing a post ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pricing:
    """The priced salary of one post, ready to print.

    `fte` is the full-time range in pounds; `actual` is the pro-rata range, or None when the post is full
    time all year (then there is nothing to pro-rate). `allowances` holds (name, annual amount, actual
    amount) for each allowance, in the order given.
    """

    fte: tuple[int, int]
    actual: tuple[int, int] | None
    allowances: tuple[tuple[str, int, int | None], ...]  # actual None: pro rata, but the weeks are not known
    hours: Decimal
    full_time_hours: Decimal
    weeks_paid: Decimal
    weeks_in_year: Decimal
    weeks_paid_to: Decimal | None = None  # a range of weeks paid: the actual range spans it
    weeks_unknown: bool = False  # term time only, but no weeks-paid figure: no actual salary can be given

    @property
    def all_year(self) -> bool:
        return self.weeks_paid == self.weeks_in_year and not self.weeks_unknown

    def _range(self, pair: tuple[int, int]) -> str:
        low, high = pair
        return format_money(low) if low == high else f"{format_money(low)} – {format_money(high)}"

    def lines(self, shown: str = "hours-and-weeks") -> list[str]:
        """Display lines: the FTE range, the actual range with how it was worked out, then allowances.

        `shown` "term-time" words the actual salary as "pro rata, term time only" instead of the hours and
        the weeks paid (a figure such as 46.526 weeks means little to a candidate)."""
        out = [f"{self._range(self.fte)} FTE"]
        if self.actual is not None:
            weeks = "all year" if self.all_year else f"{_plain(self.weeks_paid)} weeks a year"
            if self.weeks_paid_to is not None:
                weeks = f"{_plain(self.weeks_paid)} to {_plain(self.weeks_paid_to)} weeks a year"
            basis = f"pro rata: {format_hours(self.hours)} a week, {weeks}"
            if shown == "term-time":
                basis = "pro rata" if self.all_year else "pro rata, term time only"
            out.append(f"Actual salary {self._range(self.actual)} ({basis})")
        elif self.weeks_unknown:
            basis = "pro rata, term time only" if shown == "term-time" else \
                f"pro rata to {format_hours(self.hours)} a week, term time only"
            out.append(f"Actual salary {basis}")
        for name, annual, actual in self.allowances:
            if actual is None:
                out.append(f"{name} {format_money(annual)} per annum FTE (pro rata)")
            elif actual == annual:
                out.append(f"{name} {format_money(annual)} per annum")
            else:
                out.append(f"{name} {format_money(annual)} per annum FTE (actual {format_money(actual)})")
        return out


def _spine_label(spine_id: str, names: Mapping[str, str]) -> str:
    return names.get(spine_id) or f"'{spine_id}' pay spine"


def price(
    spines: Mapping[str, Mapping[str, Mapping[int, int]]],
    spine_id: str,
    year: str,
    scp_from: int,
    scp_to: int,
    hours: float | int | str | Decimal,
    full_time_hours: float | int | str | Decimal,
    weeks_paid: float | int | str | Decimal | None,
    weeks_in_year: float | int | str | Decimal,
    allowances: Sequence[tuple[str, int | Decimal, bool]] = (),
    *,
    spine_names: Mapping[str, str] | None = None,
    weeks_paid_to: float | int | str | Decimal | None = None,
    weeks_unknown: bool = False,
) -> Pricing:
    """Price a grade (SCP `scp_from` to `scp_to` of one spine and year) for a post's hours and weeks.

    `weeks_paid` None means paid all year, unless `weeks_unknown` (a term-time post whose weeks paid nobody
    has given): then there is no actual salary, only the full-time range.
    Each allowance is (name, annual amount, pro_rata): a pro-rata
    allowance is scaled like the salary, any other is paid in full. `spine_names` gives the names used in
    messages (the built-in names are always known). Raises PayError for anything that cannot be priced.
    """
    names = {**builtin_spine_names(), **(spine_names or {})}
    if spine_id not in spines:
        known = ", ".join(sorted(spines)) or "none"
        raise PayError(f"pay spine '{spine_id}' is not known; spines available: {known}")
    label = _spine_label(spine_id, names)
    years = spines[spine_id]
    if year not in years:
        known = ", ".join(sorted(years)) or "none"
        raise PayError(f"pay year {year} is not in the {label}; years available: {known}")
    for scp in (scp_from, scp_to):
        if isinstance(scp, bool) or not isinstance(scp, int):
            raise PayError(f"spinal column points must be whole numbers such as 9, not {scp!r}")
    if scp_from > scp_to:
        raise PayError(
            f"the grade runs from SCP {scp_from} down to SCP {scp_to}; 'from' must be the lower point "
            f"(did you mean from {scp_to} to {scp_from}?)"
        )
    points = years[year]
    missing = [scp for scp in range(scp_from, scp_to + 1) if scp not in points]
    if missing:
        what = "SCP " + _ranges(missing)
        verb = "is" if len(missing) == 1 else "are"
        raise PayError(f"{what} {verb} not in the {label} for {year}; points available: {_ranges(points) or 'none'}")

    week_hours = parse_hours(hours)
    full_hours = _decimal(full_time_hours, "full-time hours")
    in_year = _decimal(weeks_in_year, "weeks in the year")
    paid = in_year if weeks_paid is None else _decimal(weeks_paid, "weeks paid")
    # Hours above full time are priced as written: `jobpack check` warns about them instead.
    if paid > in_year:
        raise PayError(
            f"{_plain(paid)} weeks paid is more than the {_plain(in_year)} weeks in the year; check weeks_paid"
        )

    def scale(amount: int | Decimal) -> int:
        return round_pounds(pro_rata(amount, week_hours, full_hours, paid, in_year))

    low, high = points[scp_from], points[scp_to]
    top = paid if weeks_paid_to is None else _decimal(weeks_paid_to, "weeks paid")
    if top > in_year:
        raise PayError(f"{_plain(top)} weeks paid is more than the {_plain(in_year)} weeks in the year; "
                       "check weeks_paid")
    full_time_all_year = week_hours == full_hours and paid == in_year and top == in_year
    actual = None if full_time_all_year or weeks_unknown else (
        scale(low), round_pounds(pro_rata(high, week_hours, full_hours, top, in_year)))

    priced: list[tuple[str, int, int | None]] = []
    for name, amount, is_pro_rata in allowances:
        annual = round_pounds(_decimal(amount, f"the amount of allowance '{name}'"))
        priced.append((name, annual, (None if weeks_unknown else scale(annual)) if is_pro_rata else annual))

    return Pricing(
        fte=(low, high),
        actual=actual,
        allowances=tuple(priced),
        hours=week_hours,
        full_time_hours=full_hours,
        weeks_paid=paid,
        weeks_in_year=in_year,
        weeks_paid_to=top if weeks_paid_to is not None else None,
        weeks_unknown=weeks_unknown,
    )
