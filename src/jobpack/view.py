"""The typed view of one post: everything a template (PDF, Word, website, JSON-LD) may print, built once.

Templates read these frozen dataclasses, never an ad-hoc dict, so the names they can use are exactly the
fields below (docs/templates.md is checked against them by a test), and every ordering and fallback —
criteria by level, "All levels", the level labels, which clauses print where — is decided here, once, for
every format. Jinja reads `post.title` and `category['items']` alike from a dataclass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DOCUMENT_TITLES = {"job-description": "Job description", "person-specification": "Person specification"}


@dataclass(frozen=True)
class TrustView:
    name: str
    issue_date: str  # the post's issue date, else the trust's, e.g. "4 November 2024"
    version: str
    website: str


@dataclass(frozen=True)
class SchoolView:
    id: str
    name: str
    phase: str
    address: str
    colour: str  # "#1f4e79"
    logo: str  # a data: URI of the checked logo image, or ""


@dataclass(frozen=True)
class Method:
    """An assessment method: `A` — Application form."""

    code: str
    name: str


@dataclass(frozen=True)
class Duty:
    id: str
    text: str


@dataclass(frozen=True)
class DutyArea:
    id: str
    title: str
    items: tuple[Duty, ...]


@dataclass(frozen=True)
class Criterion:
    id: str
    text: str  # the alternatives joined with "or" when there are several
    alternatives: tuple[str, ...]  # empty unless the criterion is "one of" several
    need: str  # "essential" or "desirable"
    assessed: tuple[Method, ...]
    level: int | None
    level_name: str  # the trust's name for the level, or "Level N", or ""
    level_label: str  # what a Level column shows: level_name, or "All levels" for unlevelled criteria


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    items: tuple[Criterion, ...]  # unlevelled criteria first, then level by level; written order otherwise


@dataclass(frozen=True)
class Clause:
    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Line:
    """A labelled line, e.g. a safer-recruitment detail: label "DBS check", value "Enhanced DBS check ..."."""

    label: str
    value: str


@dataclass(frozen=True)
class Day:
    """One row of a working pattern."""

    days: str
    start: str
    end: str
    break_minutes: int


@dataclass(frozen=True)
class Physical:
    label: str
    applies: bool


@dataclass(frozen=True)
class PostView:
    id: str
    slug: str
    title: str
    responsible_to: str
    line_manages: str
    grade: str  # e.g. "Band D (SCP 9–17)"
    salary: tuple[str, ...]  # salary lines, the pay note last
    hours: str  # e.g. "32.5 hours per week, term time only plus 5 INSET (training) days"
    pattern: tuple[Day, ...]
    hours_note: str
    summary: tuple[str, ...]
    duty_areas: tuple[DutyArea, ...]  # only areas with items, in trust order
    clauses: tuple[Clause, ...]  # the standard clauses, safeguarding excepted (it has its own place)
    criteria_categories: tuple[Category, ...]  # only categories with items, in trust order
    levels: tuple[str, ...]  # level names; empty unless the person specification is levelled
    recruitment: tuple[Line, ...]
    safeguarding: str
    physical: tuple[Physical, ...]

    @property
    def has_levels(self) -> bool:
        """Whether the person specification needs a Level column."""
        return bool(self.levels) or any(c.level is not None for cat in self.criteria_categories for c in cat.items)


@dataclass(frozen=True)
class DocumentView:
    kind: str  # "job-description" or "person-specification"
    title: str  # "Job description" or "Person specification"


@dataclass(frozen=True)
class View:
    """The names every document template receives: `trust`, `school`, `post`, `methods` (and `document`)."""

    trust: TrustView
    school: SchoolView
    post: PostView
    methods: tuple[Method, ...]
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def names(self) -> dict[str, Any]:
        """Template name -> value, without `document` (the same for both documents of a post)."""
        return {"trust": self.trust, "school": self.school, "post": self.post, "methods": self.methods}

    def document(self, kind: str) -> dict[str, Any]:
        """The names a document template receives: the view plus `document`."""
        return {**self.names(), "document": DocumentView(kind, DOCUMENT_TITLES[kind])}


def level_label(level: int | None, level_name: str) -> str:
    """What a Level column shows for a criterion (one wording for the PDF, the Word file and the site)."""
    if level is None:
        return "All levels"
    return level_name or f"Level {level}"


def by_level(criteria: list[Criterion]) -> tuple[Criterion, ...]:
    """Unlevelled criteria first, then level by level; the sort is stable, so the written order holds."""
    return tuple(sorted(criteria, key=lambda c: -1 if c.level is None else c.level))
