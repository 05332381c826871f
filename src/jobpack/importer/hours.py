"""A document's hours as written: hours and minutes a week, the daily pattern with its times and breaks,
contingency time, term-time weeks, INSET days and "to be confirmed" notes, read into the post's own `hours:`
fields (load/models/post.py Hours, DayPattern, Break), so nothing the school wrote about hours is lost."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

_DAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
_DAYS = rf"{_DAY}(?:\s*(?:,|and|&|to|-|–|—)\s*{_DAY})*"
_TIME = r"\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?"
PATTERN = re.compile(rf"(?i)\b({_DAYS})\s*(?:[:\-–—]|from)?\s*({_TIME})\s*(?:to|-|–|—|until)\s*({_TIME})")
COLUMNS = re.compile(rf"(?i)\b({_DAYS})\s+(\d{{1,2}}[:.]\d{{2}})\s+(\d{{1,2}}[:.]\d{{2}})\b")
"""A working-pattern table's row as text: 'Mon to Fri   08:15   15:30   30 minutes, unpaid'."""
HOURS_MINUTES = re.compile(r"(?i)(\d{1,2}(?:\.\d{1,2})?)\s*(?:hours|hrs|hr|h)\b(?:\s*(?:and\s*)?(\d{1,2})\s*"
                           r"(?:minutes|mins|min)\b)?")
_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "2": 2, "3": 3}
BREAK_OF = re.compile(r"(?i)\b(a|an|one|two|three|2|3)?\s*(unpaid|paid)?\s*(lunch[ -]?break|lunch|break)s?\s+of\s+"
                      r"(\d{1,3})\s*(?:minutes|mins|min)\b")
MINUTES_BREAK = re.compile(r"(?i)\b(\d{1,3})\s*(?:minutes?|mins?)\W{0,3}(unpaid|paid)?\s*(lunch[ -]?break|lunch|break)")
CONTINGENCY = re.compile(r"(?i)\b(\d{1,3})\s*(?:minutes|mins|min)\s*(?:of\s*)?contingency")
INSET = re.compile(r"(?i)(\d{1,2})\s*(?:training|inset|in-service)\s*days")
WEEKS = re.compile(r"(?i)\b\d{1,2}(?:\.\d+)?\s*(?:(?:-|–|to)\s*\d{1,2}\s*)?weeks\b[^.,;)]*")
TO_CONFIRM = re.compile(r"(?i)[^.;()]*\b(to be confirmed|tbc|to be agreed|subject to)\b[^.;()]*")


@dataclass
class Pattern:
    days: str
    start: str  # "08:40"
    end: str
    breaks: list[tuple[int, str, bool]] = field(default_factory=list)  # (minutes, name, paid)


@dataclass
class HoursFound:
    """What the document says about hours, in the post's fields."""

    per_week: Decimal | None = None  # the real hours, minutes included (for pay)
    written: str | None = None  # "25 hours 25 minutes": kept as written when it has minutes
    pattern: list[Pattern] = field(default_factory=list)
    contingency_minutes: int = 0
    inset_days: int | None = None
    term_time: bool = False
    notes: list[str] = field(default_factory=list)


def clock(text: str, after: str | None = None) -> str | None:
    """'8.40am' -> '08:40', '3.15pm' -> '15:15', '14:50' -> '14:50'; a time without am/pm earlier than the
    start it follows is read as afternoon."""
    match = re.fullmatch(r"(?i)(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?", text.strip())
    if not match:
        return None
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), (match.group(3) or "").lower()
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    if not half and after is not None and hour * 60 + minute <= _minutes(after) and hour < 12:
        hour += 12
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None


def _minutes(time: str) -> int:
    hours, minutes = time.split(":")
    return int(hours) * 60 + int(minutes)


def _breaks(text: str) -> list[tuple[int, str, bool]]:
    found: list[tuple[int, str, bool]] = []
    for match in BREAK_OF.finditer(text):
        count = _COUNT.get((match.group(1) or "a").lower(), 1)
        name = "lunch" if "lunch" in match.group(3).lower() else ""
        found += [(int(match.group(4)), name, (match.group(2) or "").lower() == "paid")] * count
    if not found:
        for match in MINUTES_BREAK.finditer(text):
            if CONTINGENCY.match(text, match.start()):
                continue
            name = "lunch" if "lunch" in match.group(3).lower() else ""
            found.append((int(match.group(1)), name, (match.group(2) or "").lower() == "paid"))
    if not found:  # a pattern table's break column: "30 minutes, unpaid"
        for match in re.finditer(r"(?i)\b(\d{1,3})\s*(?:minutes?|mins?),?\s*(unpaid|paid)\b", text):
            found.append((int(match.group(1)), "", match.group(2).lower() == "paid"))
    return [b for b in found if 1 <= b[0] <= 240]


def read_hours(text: str) -> HoursFound:
    """Everything `text` (the document's hours, joined) says about hours."""
    found = HoursFound()
    match = HOURS_MINUTES.search(text)
    if match:
        hours = Decimal(match.group(1))
        minutes = int(match.group(2) or 0)
        found.per_week = hours + Decimal(minutes) / 60 if minutes < 60 else hours
        if minutes:
            found.written = f"{match.group(1)} hours {minutes} minutes"
    matches = sorted([*PATTERN.finditer(text), *COLUMNS.finditer(text)], key=lambda m: m.start())
    matches = [m for n, m in enumerate(matches) if not n or m.start() >= matches[n - 1].end()]
    for n, row in enumerate(matches):
        start = clock(row.group(2))
        end = clock(row.group(3), start)
        if start is None or end is None or _minutes(end) <= _minutes(start):
            continue
        tail = text[row.end(): matches[n + 1].start() if n + 1 < len(matches) else len(text)]
        days = " ".join(row.group(1).replace("–", "to").split()).strip(" ,.-")
        found.pattern.append(Pattern(days, start, end, _breaks(tail)))
    contingency = CONTINGENCY.search(text)
    if contingency:
        found.contingency_minutes = int(contingency.group(1))
    inset = INSET.search(text)
    if inset:
        found.inset_days = int(inset.group(1))
    found.term_time = bool(re.search(r"(?i)term[ -]time", text))
    weeks = WEEKS.search(text)
    if weeks:
        found.notes.append(weeks.group().strip().rstrip(","))
    for confirm in TO_CONFIRM.finditer(text):
        found.notes.append(" ".join(confirm.group().split()).strip(" ,"))
    if contingency:
        found.notes.append(f"Plus {found.contingency_minutes} minutes contingency time each week")
    return found


def pattern_minutes(found: HoursFound) -> int | None:
    """The pattern's worked minutes a week (unpaid breaks off), when every row's days can be counted."""
    from jobpack.compose.terms import day_count

    total = 0
    for row in found.pattern:
        days = day_count(row.days)
        if days is None:
            return None
        unpaid = sum(m for m, _, paid in row.breaks if not paid)
        total += days * (_minutes(row.end) - _minutes(row.start) - unpaid)
    return total if found.pattern else None
