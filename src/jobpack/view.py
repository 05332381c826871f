"""The typed view of one post: everything a template (PDF, Word, website, JSON-LD) may print, built once.

Templates read these frozen dataclasses, never an ad-hoc dict, so the names they can use are exactly the
fields below (docs/templates.md is checked against them by a test), and every ordering and fallback —
criteria by level, "All levels", the level labels, which clauses print where — is decided here, once, for
every format. Jinja reads `post.title` and `category['items']` alike from a dataclass.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .compose.post import Item, ResolvedPost
    from .model import Trust

DOCUMENT_TITLES = {"job-description": "Job description", "person-specification": "Person specification"}


class Readable:
    """Lets a view be read as `post["title"]` as well as `post.title` (Jinja and docxtpl templates written
    before the typed view use both); a missing name is a KeyError, so StrictUndefined still catches typos."""

    def __getitem__(self, name: str) -> Any:
        if name.startswith("_") or name not in {f.name for f in dataclasses.fields(self)}:  # type: ignore[arg-type]
            raise KeyError(name)
        return getattr(self, name)

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self[name]
        except KeyError:
            return default


@dataclass(frozen=True)
class TrustView(Readable):
    name: str
    issue_date: str  # the post's issue date, else the trust's, e.g. "4 November 2024"
    version: str
    website: str


@dataclass(frozen=True)
class SchoolView(Readable):
    id: str
    name: str
    phase: str
    address: str
    colour: str  # "#1f4e79"
    logo: str  # a data: URI of the checked logo image, or ""


@dataclass(frozen=True)
class Method(Readable):
    """An assessment method: `A` — Application form."""

    code: str
    name: str


@dataclass(frozen=True)
class Duty(Readable):
    id: str
    text: str


@dataclass(frozen=True)
class DutyArea(Readable):
    id: str
    title: str
    items: tuple[Duty, ...]


@dataclass(frozen=True)
class Criterion(Readable):
    id: str
    text: str  # the alternatives joined with "or" when there are several
    alternatives: tuple[str, ...]  # empty unless the criterion is "one of" several
    need: str  # "essential" or "desirable"
    assessed: tuple[Method, ...]
    level: int | None
    level_name: str  # the trust's name for the level, or "Level N", or ""
    level_label: str  # what a Level column shows: level_name, or "All levels" for unlevelled criteria


@dataclass(frozen=True)
class Category(Readable):
    id: str
    title: str
    items: tuple[Criterion, ...]  # unlevelled criteria first, then level by level; written order otherwise


@dataclass(frozen=True)
class Clause(Readable):
    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Line(Readable):
    """A labelled line, e.g. a safer-recruitment detail: label "DBS check", value "Enhanced DBS check ..."."""

    label: str
    value: str


@dataclass(frozen=True)
class Day(Readable):
    """One row of a working pattern."""

    days: str
    start: str
    end: str
    break_minutes: int


@dataclass(frozen=True)
class Physical(Readable):
    label: str
    applies: bool


@dataclass(frozen=True)
class PostView(Readable):
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
class DocumentView(Readable):
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


def build_view(post: ResolvedPost, trust: Trust, logo: str = "") -> View:
    """The typed view of `post`: every text already expanded and worded, every list in display order.

    `logo` is the school's checked logo as a data: URI ("" for none). Pay and hours come from the post's
    terms, worked out once during validation; this only words them.
    """
    from .compose.variables import fill, names_for
    from .context import grade_text, hours_text, long_date, recruitment_lines

    names = names_for(trust, post.school, post.title, post.responsible_to, post.line_manages)
    methods = {m.code: Method(m.code, m.name) for m in trust.assessment_methods}
    levels = tuple(post.levels)
    clauses = [Clause(c.id, c.title, fill(c.text, names)) for c in trust.clauses]
    pricing = post.pricing
    salary = (*pricing.lines(), *([post.pay.note] if post.pay and post.pay.note else [])) if pricing else ()
    area_titles = {a.id: a.title for a in trust.duty_areas}
    category_titles = {c.id: c.title for c in trust.criteria_categories}

    def criterion(item: Item) -> Criterion:
        name = ""
        if item.level is not None:
            name = levels[item.level - 1] if 0 < item.level <= len(levels) else f"Level {item.level}"
        return Criterion(item.id or "", item.text, tuple(item.alternatives), item.need,
                         tuple(methods[c] for c in item.assessed), item.level, name, level_label(item.level, name))

    duty_areas = tuple(DutyArea(section, area_titles[section], tuple(Duty(i.id or "", i.text) for i in items))
                       for section, items in _grouped(post.duties))
    categories = tuple(Category(section, category_titles[section], by_level([criterion(i) for i in items]))
                       for section, items in _grouped(post.criteria))
    hours = post.hours
    return View(
        trust=TrustView(trust.name, long_date(post.issue_date), trust.version, trust.website),
        school=SchoolView(post.school.id, post.school.name, post.school.phase, post.school.address,
                          post.school.colour, logo),
        post=PostView(
            id=post.id, slug=post.slug, title=post.title, responsible_to=post.responsible_to,
            line_manages=post.line_manages, grade=grade_text(post, trust), salary=tuple(salary),
            hours=hours_text(post, trust),
            pattern=tuple(Day(p.days, p.start, p.end, p.break_minutes) for p in hours.pattern) if hours else (),
            hours_note=hours.note if hours else "",
            summary=tuple(i.text for i in post.summary), duty_areas=duty_areas,
            clauses=tuple(c for c in clauses if c.id != "safeguarding"), criteria_categories=categories,
            levels=levels, recruitment=tuple(Line(**line) for line in recruitment_lines(post, names)),
            safeguarding=next((c.text for c in clauses if c.id == "safeguarding"), ""),
            physical=tuple(Physical(r.label, r.id in post.physical_requirements) for r in trust.physical_requirements)
            if post.physical_requirements else ()),
        methods=tuple(methods.values()),
    )


def _grouped(items: list[Item]) -> list[tuple[str, list[Item]]]:
    """Consecutive items of one area or category (resolution already put them in trust order)."""
    out: list[tuple[str, list[Item]]] = []
    for item in items:
        if not out or out[-1][0] != item.section:
            out.append((item.section, []))
        out[-1][1].append(item)
    return out


def as_data(value: Any) -> Any:
    """The view as plain JSON-able data (for hashing a post's inputs, and for scripts)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: as_data(getattr(value, f.name)) for f in dataclasses.fields(value) if f.compare}
    if isinstance(value, list | tuple):
        return [as_data(v) for v in value]
    if isinstance(value, dict):
        return {k: as_data(v) for k, v in value.items()}
    return value
