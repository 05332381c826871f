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

from jobpack.compose.variables import fill, names_for
from jobpack.load.markup import Rich, rich
from jobpack.view.parts import Line, Picture, Readable
from jobpack.view.wording import DBS_WORDING, grade_text, hours_text, long_date, recruitment_lines

if TYPE_CHECKING:
    from jobpack.compose.post import Item, ResolvedPost
    from jobpack.load.models.post import DayPattern
    from jobpack.load.models.trust import Trust
    from jobpack.view.pack import PackView

DOCUMENT_TITLES = {"job-description": "Job description", "person-specification": "Person specification"}
COVER_TITLE = "Vacancy"
"""The kicker of an advertised vacancy's cover page (`cover.html`), the job pack's first page."""
PACK_TITLE = "Job pack"
"""The kicker of the cover page of a post that is not advertised."""


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
    heading_font: str = ""  # e.g. "Liberation Serif"; empty: headings use the body font

    @property
    def heading_fonts(self) -> str:
        """The CSS font list for headings: the school's heading font, then a generic family like it."""
        if not self.heading_font:
            return ""
        generic = "serif" if "serif" in self.heading_font.lower() and "sans" not in self.heading_font.lower() \
            else "sans-serif"
        return f'"{self.heading_font}", {generic}'


@dataclass(frozen=True)
class Method(Readable):
    """An assessment method: `A` — Application form."""

    code: str
    name: str


@dataclass(frozen=True)
class Duty(Readable):
    id: str
    text: Rich


@dataclass(frozen=True)
class DutyArea(Readable):
    id: str
    title: str
    items: tuple[Duty, ...]


@dataclass(frozen=True)
class Criterion(Readable):
    id: str
    text: Rich  # the alternatives joined with "or" when there are several
    alternatives: tuple[Rich, ...]  # empty unless the criterion is "one of" several
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
    text: Rich


@dataclass(frozen=True)
class Row(Readable):
    """A label and its text in a section, e.g. Personnel: None."""

    label: str
    text: Rich


@dataclass(frozen=True)
class Part(Readable):
    """One part of a section: `kind` "paragraphs", "bullets" or "numbered" (read `texts`), "rows", or
    "image" (`image`, with its alt text in `texts`)."""

    kind: str
    texts: tuple[Rich, ...]
    rows: tuple[Row, ...]
    image: Picture  # a data: URI ("" unless kind is "image")


@dataclass(frozen=True)
class Section(Readable):
    """A section that is not duties: relationships, control of resources, context."""

    id: str
    title: str
    position: str  # before-summary, after-summary, after-duties, before-general or end
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Day(Readable):
    """One row of a working pattern."""

    days: str
    start: str
    end: str
    break_minutes: int  # all breaks, paid or not
    breaks: str  # e.g. "15 minutes (break) and 30 minutes (lunch), unpaid", or "None"


@dataclass(frozen=True)
class Physical(Readable):
    label: str
    applies: bool


@dataclass(frozen=True)
class VacancyDetails(Readable):
    """An advertised vacancy, worded once for its pack's cover page and for the website's vacancy panel."""

    closing_date: str  # "15 January 2027"
    closing_iso: str  # "2027-01-15", for machines (<time datetime>)
    posted: str  # when it was advertised, "4 January 2027" (may be empty)
    start_date: str  # as written, e.g. "April 2027" (may be empty)
    contract: str  # e.g. "Permanent" (may be empty)
    reference: str  # (may be empty)
    how_to_apply: Rich
    apply_url: str  # https://... or mailto:... (may be empty)
    apply_label: str  # the address to show: the email address of a mailto: link, else the web address


@dataclass(frozen=True)
class PostView(Readable):
    id: str
    slug: str
    title: str
    responsible_to: str
    line_manages: str
    documents: tuple[str, ...]  # the documents this post has: job-description, person-specification
    grade: str  # e.g. "Band D (SCP 9–17)"
    grade_note: Rich  # printed beside the grade, e.g. "Dependent on experience"
    pay_year: str  # e.g. "2024-25 NJC pay"; the first salary line names it too
    salary: tuple[Rich, ...]  # salary lines, the pay note last
    hours: str  # e.g. "32.5 hours per week, term time only plus 5 INSET (training) days"
    pattern: tuple[Day, ...]
    hours_note: Rich
    summary: tuple[Rich, ...]
    sections: tuple[Section, ...]  # sections that are not duties, in trust order; each says its position
    duty_areas: tuple[DutyArea, ...]  # only areas with items, in trust order
    clauses: tuple[Clause, ...]  # the post's clauses, safeguarding excepted (it has its own place)
    criteria_categories: tuple[Category, ...]  # only categories with items, in trust order
    levels: tuple[str, ...]  # level names; empty unless the person specification is levelled
    recruitment: tuple[Line, ...]
    safeguarding: Rich
    physical: tuple[Physical, ...]
    reasonable_adjustments: Rich  # the trust's statement for the person specification's introduction
    signatures: tuple[Signed, ...]  # which documents end with signature lines, and for whom
    vacancy: VacancyDetails | None = None  # an advertised vacancy: its dates and how to apply
    pack: PackView | None = None  # the job pack's cover and own pages (view/pack.py); set by view/context.py

    @property
    def all_essential(self) -> bool:
        """Every criterion is essential: the person specification says so once instead of a column of
        "Essential" that tells candidates nothing."""
        items = [c for cat in self.criteria_categories for c in cat.items]
        return bool(items) and all(c.need == "essential" for c in items)

    @property
    def has_levels(self) -> bool:
        """Whether the person specification needs a Level column."""
        return bool(self.levels) or any(c.level is not None for cat in self.criteria_categories for c in cat.items)


@dataclass(frozen=True)
class Signed(Readable):
    """The signature lines at the end of one document."""

    document: str  # "job-description" or "person-specification"
    signatories: tuple[str, ...]  # "Post holder", "Line manager", ...


@dataclass(frozen=True)
class DocumentView(Readable):
    kind: str  # "job-description" or "person-specification"
    title: str  # "Job description" or "Person specification"
    signatories: tuple[str, ...] = ()  # who signs at the end ("Post holder", ...); empty: no signature lines
    in_pack: bool = False  # this copy is part of the job pack (not the document on its own)
    safeguarding: bool = True  # print the safeguarding statement here (the pack prints it once)


SIGNATORIES = {"post-holder": "Post holder", "line-manager": "Line manager", "headteacher": "Headteacher",
               "issued-by": "Issued by", "received-by": "Received by"}
"""Signatory ids trust.yaml may use; anything else is printed as the label it is."""


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
        return document_names(self.names(), kind)


def document_names(names: dict[str, Any], kind: str, in_pack: bool = False) -> dict[str, Any]:
    """The names one document's templates receive: the post's view plus `document` (with its signatories).

    The pack prints the safeguarding statement once: in its job description, or in its person specification
    when the post has no job description; the documents on their own each print it."""
    post = names["post"]
    signed = next((s.signatories for s in post.signatures if s.document == kind), ())
    once = kind == "job-description" or (kind == "person-specification" and "job-description" not in post.documents)
    title = DOCUMENT_TITLES.get(kind) or (COVER_TITLE if post.vacancy is not None else PACK_TITLE)
    return {**names, "document": DocumentView(kind, title, signed, in_pack, not in_pack or once)}


def level_label(level: int | None, level_name: str) -> str:
    """What a Level column shows for a criterion (one wording for the PDF, the Word file and the site)."""
    if level is None:
        return "All levels"
    return level_name or f"Level {level}"


def by_level(criteria: list[Criterion]) -> tuple[Criterion, ...]:
    """Unlevelled criteria first, then level by level; the sort is stable, so the written order holds."""
    return tuple(sorted(criteria, key=lambda c: -1 if c.level is None else c.level))


def build_view(post: ResolvedPost, trust: Trust, logo: str = "", pictures: dict[str, str] | None = None) -> View:
    """The typed view of `post`: every text already expanded and worded, every list in display order.

    `logo` is the school's checked logo as a data: URI ("" for none); `pictures` maps each section image's
    path to its checked data: URI (one that is missing is left out). Pay and hours come from the post's
    terms, worked out once during validation; this only words them.
    """
    pictures = pictures or {}

    names = names_for(trust, post.school, post.title, post.responsible_to, post.line_manages)
    methods = {m.code: Method(m.code, m.name) for m in trust.assessment_methods}
    levels = tuple(post.levels)
    clauses = [Clause(c.id, c.title, rich(c.text)) for c in post.clauses]
    pay_year, salary = salary_lines(post, trust)
    area_titles = {a.id: a.title for a in trust.duty_areas}
    category_titles = {c.id: c.title for c in trust.criteria_categories}

    def criterion(item: Item) -> Criterion:
        name = ""
        if item.level is not None:
            name = levels[item.level - 1] if 0 < item.level <= len(levels) else f"Level {item.level}"
        return Criterion(item.id or "", rich(item.text), tuple(rich(a) for a in item.alternatives), item.need,
                         tuple(methods[c] for c in item.assessed), item.level, name, level_label(item.level, name))

    duty_areas = tuple(DutyArea(section, area_titles[section], tuple(Duty(i.id or "", rich(i.text)) for i in items))
                       for section, items in _grouped(post.duties))
    grouped = {section: [criterion(i) for i in items] for section, items in _grouped(post.criteria)}
    legal = legal_requirement(post, trust, methods)
    if legal is not None:
        category_titles.setdefault(legal[0], trust.person_specification.legal_title)
        grouped.setdefault(legal[0], []).append(legal[1])
    order = [c.id for c in trust.criteria_categories]
    categories = tuple(Category(section, category_titles[section], by_level(grouped[section]))
                       for section in sorted(grouped, key=lambda c: order.index(c) if c in order else len(order)))
    hours = post.hours
    sections = tuple(Section(s.id, s.title, s.position, tuple(
        Part(p.kind, tuple(rich(t) for t in p.texts), tuple(Row(label, rich(text)) for label, text in p.rows),
             Picture(pictures.get(p.image, ""), p.texts[0] if p.texts else ""))
        for p in s.parts if p.kind != "image" or p.image in pictures)) for s in post.sections)
    signatures: tuple[Signed, ...] = ()
    if post.signatures is not None:
        who = tuple(SIGNATORIES.get(s, s) for s in post.signatures.signatories)
        signatures = tuple(Signed(kind, who) for kind in post.signatures.documents if kind in post.documents)
    return View(
        trust=TrustView(trust.name, long_date(post.issue_date), trust.version, trust.website),
        school=SchoolView(post.school.id, post.school.name, post.school.phase, post.school.address,
                          post.school.colour, logo, post.school.heading_font),
        post=PostView(
            id=post.id, slug=post.slug, title=post.title, responsible_to=post.responsible_to,
            line_manages=post.line_manages, documents=tuple(post.documents), grade=grade_text(post, trust),
            grade_note=rich(post.pay.grade_note if post.pay else ""), pay_year=pay_year, salary=salary,
            hours=hours_text(post, trust), pattern=tuple(day(p) for p in hours.pattern) if hours else (),
            hours_note=rich(hours.note if hours else ""),
            summary=tuple(rich(i.text) for i in post.summary), sections=sections, duty_areas=duty_areas,
            clauses=tuple(c for c in clauses if c.id != "safeguarding"), criteria_categories=categories,
            levels=levels, recruitment=tuple(Line(**line) for line in recruitment_lines(post, names)),
            safeguarding=next((c.text for c in clauses if c.id == "safeguarding"), rich("")),
            physical=tuple(Physical(r.label, r.id in post.physical_requirements) for r in trust.physical_requirements
                           if trust.physical_checklist == "full" or r.id in post.physical_requirements)
            if post.physical_requirements else (),
            reasonable_adjustments=rich(fill(trust.person_specification.reasonable_adjustments, names)),
            signatures=signatures, vacancy=vacancy_view(post)),
        methods=tuple(methods.values()),
    )


def vacancy_view(post: ResolvedPost) -> VacancyDetails | None:
    """The vacancy worded for its cover page (variables in its text were filled in when the post was resolved)."""
    vacancy = post.vacancy
    if vacancy is None:
        return None
    url = vacancy.apply_url
    label = url.removeprefix("mailto:").split("?")[0] if url.startswith("mailto:") else url
    return VacancyDetails(closing_date=long_date(vacancy.closing_date), closing_iso=vacancy.closing_date.isoformat(),
                          posted=long_date(vacancy.posted) if vacancy.posted else "", start_date=vacancy.start_date,
                          contract=vacancy.contract, reference=vacancy.reference,
                          how_to_apply=rich(vacancy.how_to_apply), apply_url=url, apply_label=label)


def salary_lines(post: ResolvedPost, trust: Trust) -> tuple[str, tuple[Rich, ...]]:
    """The pay year ("2024-25 NJC pay") and the salary lines: the first names the pay year, the actual
    salary explains pro rata as the post, school or trust chooses, and the post's pay note comes last."""
    pricing, terms = post.pricing, post.terms
    if terms is None or terms.grade is None or trust.pay is None:
        return "", ()
    spine = next((s.name for s in trust.pay.spines if s.id == terms.grade.spine), "")
    scale = "NJC" if terms.grade.spine == "njc" else (spine or terms.grade.spine)
    year = f"{terms.pay_year} {scale} pay"
    # A pending award is named beside the pay year, so every place that prints the first line (documents,
    # the site's list, Teaching Vacancies) says the figures are last agreed year's.
    named = f"{year}; {terms.award_pending} award pending" if terms.award_pending else year
    note = [post.pay.note] if post.pay and post.pay.note else []
    if pricing is None:  # a grade printed as text: no figures the trust has not confirmed
        return year, tuple(rich(line) for line in (f"{terms.grade.name} grade ({named})", *note))
    shown = (post.pay.pro_rata_shown if post.pay else None) or post.school.pro_rata_shown or trust.pay.pro_rata_shown
    lines = pricing.lines(shown)
    lines[0] = f"{lines[0]} ({named})"
    return year, tuple(rich(line) for line in (*lines, *note))


def legal_requirement(post: ResolvedPost, trust: Trust, methods: dict[str, Method]) -> tuple[str, Criterion] | None:
    """The person specification's legal-requirements row, from the post's safer-recruitment data: which
    category it goes in (the trust's `legal` category, else a new one at the end) and the criterion."""
    sr = post.safer_recruitment
    if not trust.person_specification.legal_requirements or not sr.dbs or sr.dbs == "none":
        return None
    text = DBS_WORDING[sr.dbs]
    if sr.regulated_activity:
        text += ", for regulated activity"
    if sr.roa_exempt:
        text += "; the post is exempt from the Rehabilitation of Offenders Act 1974"
    category = next((c for c in trust.criteria_categories if c.id == "legal"), None)
    codes = (category.assessed if category and category.assessed else None) or []
    return ("legal", Criterion("legal-requirements", rich(text + "."), (), "essential",
                               tuple(methods[c] for c in codes if c in methods), None, "", level_label(None, "")))


def day(pattern: DayPattern) -> Day:
    """A row of the working pattern, its breaks worded ("30 minutes, unpaid")."""
    breaks = pattern.all_breaks
    total = sum(b.minutes for b in breaks)
    if not breaks:
        return Day(pattern.days, pattern.start, pattern.end, 0, "None")
    words = [f"{b.minutes} minutes" + (f" ({b.name})" if b.name else "") for b in breaks]
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    paid = {b.paid for b in breaks}
    if paid == {False}:
        listed += ", unpaid" if len(breaks) == 1 else ", all unpaid" if len(breaks) > 2 else ", both unpaid"
    elif paid == {True}:
        listed += ", paid" if len(breaks) == 1 else ", all paid" if len(breaks) > 2 else ", both paid"
    else:
        listed = ", ".join(f"{b.minutes} minutes" + (f" ({b.name})" if b.name else "") +
                           (" paid" if b.paid else " unpaid") for b in breaks)
    return Day(pattern.days, pattern.start, pattern.end, total, listed)


def _grouped(items: list[Item]) -> list[tuple[str, list[Item]]]:
    """Consecutive items of one area or category (resolution already put them in trust order)."""
    out: list[tuple[str, list[Item]]] = []
    for item in items:
        if not out or out[-1][0] != item.section:
            out.append((item.section, []))
        out[-1][1].append(item)
    return out


def as_data(value: Any) -> Any:
    """The view as plain JSON-able data (for hashing a post's inputs, and for scripts). Rich text is its
    source as written, markup included: as a `str` it is the plain text, so "**None**" and "*None*" would
    hash alike and a change of emphasis alone would leave the documents unbuilt."""
    if isinstance(value, Rich):
        return value.source
    kind = type(value)
    if kind is str or value is None or kind is bool or kind is int:
        return value
    names = _COMPARED.get(kind)
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _COMPARED[kind] = tuple(f.name for f in dataclasses.fields(value) if f.compare)
    if names is not None:
        return {name: as_data(getattr(value, name)) for name in names}
    if isinstance(value, list | tuple):
        return [as_data(v) for v in value]
    if isinstance(value, dict):
        return {k: as_data(v) for k, v in value.items()}
    return value


_COMPARED: dict[type, tuple[str, ...]] = {}
"""A view type's compared fields, looked up once per type (`dataclasses.fields` is slow, and a 1,000-post
build hashes millions of values)."""
