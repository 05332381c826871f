"""The shape of trust.yaml, block files and post files, as pydantic models.

These models are the single description of the formats: validation, error locations and the JSON Schemas
that editors use (`jobpack schema`) all come from them. Cross-file rules (does this block exist? is this
the right area?) live in `validate.py`; composition lives in `compose/resolve.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .lint.settings import Glossary, LintSettings

MAX_TITLE = 150
"""Longest post title (and school name): Word's title field holds 255 characters for "title: document (school)"."""
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG, description="lower-case letters, digits and hyphens")]
Text = Annotated[str, Field(min_length=1)]
Need = Literal["essential", "desirable"]
DocumentKind = Literal["job-description", "person-specification"]
SectionPosition = Literal["before-summary", "after-summary", "after-duties", "before-general", "end"]
ProRataShown = Literal["hours-and-weeks", "term-time"]
Off = Literal[False, "off"]
"""`off` (YAML reads a bare off as false) turns an inherited setting off."""
DbsLevel = Literal["none", "basic", "standard", "enhanced", "enhanced-children", "enhanced-adults", "enhanced-both"]


class Strict(BaseModel):
    """Unknown keys are errors: a typo must never be silently ignored."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


# ---------------------------------------------------------------- trust.yaml


FONT_NAME = r"[A-Za-z0-9][A-Za-z0-9 \-]{0,59}"
"""A font's name as a school may give it: letters, digits, spaces and hyphens only, since it is written into
CSS and into the Word file's theme."""


class School(Strict):
    id: Slug
    name: Annotated[str, Field(min_length=1, max_length=150)]
    phase: str = ""
    address: str = ""
    colour: str = Field("#1f3864", pattern=r"^#[0-9a-fA-F]{6}$", description="branding colour, e.g. #1f4e79")
    logo: str | None = Field(None, description="logo image, relative to the trust folder")
    heading_font: str = Field("", pattern=rf"^(?:{FONT_NAME})?$",
                              description="font for headings in the PDFs and Word files, e.g. Liberation Serif "
                                          "(empty: the body font)")
    term_time_weeks_paid: float | None = Field(None, gt=0, le=52.143)
    clauses: dict[Slug, ClauseChange] = Field({}, description="clause id -> this school's own title or text")
    signatures: Signatures | Off | None = None
    pro_rata_shown: ProRataShown | None = None


class Section(Strict):
    id: Slug
    title: Text


class Category(Section):
    """A person-spec category; `assessed` is the default "how assessed" for its criteria."""

    assessed: list[str] | None = None


class AssessmentMethod(Strict):
    code: Annotated[str, Field(pattern=r"^[A-Z][A-Za-z0-9]{0,3}$", description="short code, e.g. A or I")]
    name: Text


class Clause(Strict):
    id: Slug
    title: str = ""
    text: Text


class SectionKind(Strict):
    """A kind of section that is not duties (relationships, control of resources, context), which posts fill."""

    id: Slug
    title: Text
    position: SectionPosition = Field("after-duties", description="where it prints in the job description")
    numbered: bool = Field(False, description="its 'items' print as a numbered list, not bullets")


class Signatures(Strict):
    """Which documents end with signature lines, and for whom."""

    documents: list[DocumentKind] = Field(["job-description"], min_length=1)
    signatories: list[Text] = Field(
        ["post-holder", "line-manager"], min_length=1,
        description="post-holder, line-manager, headteacher, issued-by, received-by, or any other label")


class PersonSpecSettings(Strict):
    """What every person specification carries besides its criteria."""

    legal_requirements: bool = Field(True, description="a 'Legal requirements' row from the safer-recruitment data")
    legal_title: Text = "Legal requirements"
    reasonable_adjustments: str = Field("", description="a paragraph for the person specification's introduction")


class ClauseChange(Strict):
    """A school's or post's own wording of a clause (or a new clause, when the id is not the trust's)."""

    title: str | None = None
    text: Text | None = None


class Grade(Strict):
    """A grade: mapped to spinal column points (its posts print pounds), or text only (no `from`/`to`)."""

    id: Slug
    name: Text
    spine: str = "njc"
    from_: int | None = Field(None, alias="from", ge=1, le=99)
    to: int | None = Field(None, ge=1, le=99)
    provisional: bool = Field(False, description="the SCP mapping is not confirmed: no pounds are printed, and "
                              "check warns, until it is")

    @model_validator(mode="after")
    def _both_ends(self) -> Grade:
        if (self.from_ is None) != (self.to is None):
            raise ValueError("give both 'from' and 'to' (the grade's spinal column points), or neither for a "
                             "grade printed as text only")
        return self

    @property
    def mapped(self) -> bool:
        """Whether posts on this grade print salary figures."""
        return self.from_ is not None and not self.provisional


class Allowance(Strict):
    id: Slug
    name: Text
    amount: float = Field(gt=0, le=100_000, description="pounds a year")
    pro_rata: bool = False


class Spine(Strict):
    id: Slug
    name: Text
    years: dict[str, dict[int, int]]


PAY_YEAR = r"^\d{4}-\d{2}$"


class PaySettings(Strict):
    year: Annotated[str, Field(pattern=PAY_YEAR, description="pay year, e.g. 2024-25")]
    full_time_hours: float = Field(37, gt=0, le=60)
    weeks_in_year: float = Field(52.143, gt=0)
    term_time_weeks_paid: float | None = Field(
        46.2, gt=0, le=52.143, description="weeks paid a year for a term-time-only post; null when each school "
        "sets its own (a term-time post of a school without one then shows no actual salary)")
    grades: list[Grade] = []
    allowances: list[Allowance] = []
    spines: list[Spine] = []
    pro_rata_shown: ProRataShown = Field(
        "hours-and-weeks", description="how actual salaries explain pro rata: the hours and weeks, or just "
        "'pro rata, term time only'")


class SaferRecruitment(Strict):
    """Every field optional: trust defaults, then per-post overrides field by field."""

    dbs: DbsLevel | None = None
    regulated_activity: bool | None = None
    roa_exempt: bool | None = None
    online_search: bool | None = None
    politically_restricted: bool | None = None
    fluent_english: bool | None = None
    safety_critical: bool | None = None
    special_conditions: list[Text] | None = None


class PhysicalRequirement(Strict):
    id: Slug
    label: Text


class ImportSettings(Strict):
    """How `jobpack import` reads this trust's existing documents (docs/import.md)."""

    headings: dict[Slug, list[Text]] = Field(
        {}, description="duty area, category or section id -> headings in the schools' documents that mean it")
    clauses: dict[Slug, list[Text]] = Field(
        {}, description="clause id -> phrases that show a statement is that clause")
    drop: list[Text] = Field([], description="phrases of form boilerplate to leave out (matched anywhere)")
    use_at: int = Field(75, ge=50, le=100, description="similarity (0-100) at which a statement uses a block item")
    near_at: int = Field(60, ge=30, le=100, description="similarity at which the closest item is named")


class Trust(Strict):
    name: Text
    issue_date: dt.date
    version: str = ""
    website: str = Field("", description="the trust's website, https://...")
    schools: list[School] = Field(min_length=1)
    duty_areas: list[Section] = Field(min_length=1)
    criteria_categories: list[Category] = Field(min_length=1)
    assessment_methods: list[AssessmentMethod] = Field(min_length=1)
    clauses: list[Clause] = []
    sections: list[SectionKind] = Field([], description="sections that are not duties, which posts fill")
    signatures: Signatures | None = Field(None, description="signature lines at the end of documents")
    person_specification: PersonSpecSettings = PersonSpecSettings()
    criteria: dict[Slug, list[Entry]] = Field(
        {}, description="category -> criteria every post's person specification gets (a post may omit them)")
    pay: PaySettings | None = None
    safer_recruitment: SaferRecruitment = SaferRecruitment()
    physical_requirements: list[PhysicalRequirement] = []
    physical_checklist: Literal["applies", "full"] = Field(
        "applies", description="applies: list only the activities a post involves; full: the whole checklist, "
        "Yes or No for each")
    lints: LintSettings = Field(LintSettings(), description="what jobpack check looks for (docs/lints.md)")
    glossary: Glossary = Field({}, description="acronyms the documents use -> what they stand for, e.g. SLT")
    import_: ImportSettings = Field(ImportSettings(), alias="import",
                                    description="how 'jobpack import' reads existing documents (docs/import.md)")

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> Any:
        # The loader hands over a number as it was typed (2024.10 stays "2024.10"); this is for other callers.
        return str(value) if isinstance(value, int | float) else value

    @field_validator("website")
    @classmethod
    def _website(cls, value: str) -> str:
        return web_address(value, schemes=("https", "http"))


# ---------------------------------------------------------------- blocks and post entries


class CriterionChange(Strict):
    need: Need | None = None
    assessed: list[str] | None = None
    level: int | None = Field(None, ge=1, le=9)


class Entry(Strict):
    """One entry in a block's `items` or a post's duty/criteria list.

    Either `use: BLOCK` (with optional omit/override), or an item (`text`, or `one_of` for criteria).
    A plain string is shorthand for an item with only text. One model, not a union, so a mistake gets
    one clear message instead of one per alternative.
    """

    use: str | None = None
    only: list[str] | None = Field(None, min_length=1, description="pick these items of the block, in this order")
    omit: list[str] = []
    override: dict[str, CriterionChange] = {}
    id: Slug | None = None
    text: str | None = None
    one_of: list[Text] | None = Field(None, min_length=2)
    need: Need | None = None
    assessed: list[str] | None = None
    level: int | None = Field(None, ge=1, le=9)
    allow: dict[str, Text] | None = Field(None, description="lint id -> why the flagged wording is right here")
    justification: str | None = Field(None, description="why the post needs this (e.g. a driving licence)")

    @model_validator(mode="before")
    @classmethod
    def _plain_string(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"text": value}
        return value

    @model_validator(mode="after")
    def _one_kind(self) -> Entry:
        if self.use is not None:
            extra = [k for k in ("id", "text", "one_of", "need", "assessed", "level", "allow", "justification")
                     if getattr(self, k) is not None]
            if extra:
                raise ValueError(f"an entry with 'use' cannot also have {', '.join(extra)}; "
                                 "write the block and the item as two entries")
        else:
            if self.omit or self.override or self.only is not None:
                raise ValueError("'only', 'omit' and 'override' belong with 'use: BLOCK'")
            if (self.text is None) == (self.one_of is None):
                raise ValueError("write the item's 'text' (or 'one_of' for alternatives), or 'use' a block")
            if self.text is not None and not self.text.strip():
                raise ValueError("the item's text is empty")
        return self


class Block(Strict):
    area: Slug | None = None
    category: Slug | None = None
    title: str = ""
    assessed: list[str] | None = None
    items: list[Entry] = Field(min_length=1)

    @model_validator(mode="after")
    def _area_or_category(self) -> Block:
        if (self.area is None) == (self.category is None):
            raise ValueError("a block names either its 'area' (a duty block) or its 'category' "
                             "(a criteria block), not both and not neither")
        return self

    @property
    def kind(self) -> str:
        return "duties" if self.area else "criteria"

    @property
    def section(self) -> str:
        return self.area or self.category or ""


# ---------------------------------------------------------------- posts


class PostPay(Strict):
    grade: Slug
    year: Annotated[str, Field(pattern=PAY_YEAR)] | None = None
    allowances: list[str] = []
    note: str = Field("", description="printed after the salary lines")
    grade_note: str = Field("", description="printed beside the grade, e.g. 'Dependent on experience'")
    pro_rata_shown: ProRataShown | None = None


TIME = r"^([01]?\d|2[0-3])[:.][0-5]\d$"
Weeks = Annotated[float, Field(gt=0, le=52.143)]


class Break(Strict):
    minutes: int = Field(ge=1, le=240)
    name: str = Field("", description="e.g. lunch")
    paid: bool = False


class DayPattern(Strict):
    days: Text
    start: Annotated[str, Field(pattern=TIME, description="e.g. 08:40")]
    end: Annotated[str, Field(pattern=TIME)]
    break_minutes: int = Field(0, ge=0, le=240, description="one unpaid break; use 'breaks' for several")
    breaks: list[Break] = []

    @model_validator(mode="after")
    def _one_way(self) -> DayPattern:
        if self.break_minutes and self.breaks:
            raise ValueError("write either 'break_minutes' or 'breaks', not both")
        return self

    @property
    def all_breaks(self) -> list[Break]:
        return self.breaks or ([Break(minutes=self.break_minutes)] if self.break_minutes else [])


class Hours(Strict):
    per_week: float | str = Field(description="hours a week: 32.5, or text such as '25 hours 25 minutes'")
    term_time_only: bool = False
    weeks_paid: Weeks | Annotated[list[Weeks], Field(min_length=2, max_length=2)] | None = Field(
        None, description="weeks paid a year, or [39, 42] for a range agreed post by post")
    inset_days: int | None = Field(None, ge=0, le=20)
    pattern: list[DayPattern] = []
    contingency_minutes: int = Field(0, ge=0, le=600, description="a week's time not in the pattern")
    note: str = ""

    @field_validator("per_week", mode="before")
    @classmethod
    def _not_yes_no(cls, value: Any) -> Any:
        if isinstance(value, bool):  # YAML reads yes/no/true as a boolean, which would count as 1 hour
            raise ValueError(f"'{str(value).lower()}' is not a number of hours: write the hours a week, e.g. 32.5")
        return value


class Vacancy(Strict):
    """An open vacancy: published with its dates and how to apply."""

    closing_date: dt.date
    posted: dt.date | None = None
    start_date: str = ""
    contract: str = Field("", description='the contract, e.g. "Permanent" or "Fixed term to 31 August 2027"')
    how_to_apply: str = ""
    reference: str = ""
    apply_url: str = Field("", description="where to apply: https://... or mailto:...")

    @field_validator("apply_url")
    @classmethod
    def _apply_url(cls, value: str) -> str:
        return web_address(value, schemes=("https", "http", "mailto"))


class SectionContent(Strict):
    """What a post writes in one of the trust's sections; the parts print in the order written."""

    paragraphs: list[Text] = []
    bullets: list[Text] = []
    numbered: list[Text] = []
    items: list[Text] = Field([], description="a list, numbered or bulleted as the section kind says")
    rows: list[Row] = Field([], description="label and text lines, e.g. Personnel: None")
    image: str | None = Field(None, description="a picture (e.g. an organisational chart), relative to the trust")
    alt: str = Field("", description="what the picture shows, for people who cannot see it")

    @model_validator(mode="after")
    def _described(self) -> SectionContent:
        if self.image and not self.alt.strip():
            raise ValueError("a section's 'image' needs 'alt': a sentence saying what the picture shows, "
                             "for readers who cannot see it")
        return self


class Row(Strict):
    label: Text
    text: Text


class Post(Strict):
    profile: bool = False
    documents: list[DocumentKind] | None = Field(None, min_length=1, description="which documents this post has")
    extends: str | None = None
    school: Slug | None = None
    title: str | None = None
    responsible_to: str | None = None
    line_manages: str | None = None
    issue_date: dt.date | None = None
    pay: PostPay | None = None
    hours: Hours | None = None
    summary: list[Text] = []
    duties: dict[str, list[Entry]] = {}
    criteria: dict[str, list[Entry]] = {}
    omit: list[str] = []
    override: dict[str, CriterionChange] = {}
    levels: list[Text] | None = None
    safer_recruitment: SaferRecruitment | None = None
    physical_requirements: list[str] | None = None
    vacancy: Vacancy | None = None
    sections: dict[Slug, SectionContent | Off] = {}
    clauses: dict[Slug, ClauseChange | Off] = {}
    signatures: Signatures | Off | None = None

    @field_validator("title", "responsible_to", "line_manages")
    @classmethod
    def _not_blank(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("must not be empty")
        if value is not None and len(value) > MAX_TITLE:
            raise ValueError(f"this is {len(value)} characters long; keep it to {MAX_TITLE} characters or fewer, "
                             "so it fits the documents' headings and Word's title field")
        return value


_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def web_address(value: str, schemes: tuple[str, ...]) -> str:
    """`value` if it is empty or an address with one of `schemes` (https://…, mailto:…) and no spaces or
    control characters; a link such as `javascript:` would run in every reader's browser."""
    if not value:
        return value
    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    if scheme not in schemes or _UNSAFE.search(value) or (scheme != "mailto" and "://" not in value):
        shown = " or ".join(f"{s}://..." if s != "mailto" else "mailto:..." for s in schemes)
        raise ValueError(f"'{value[:80]}' is not a web address jobpack can link to: write it as {shown}, "
                         "with no spaces")
    return value


def slugify(text: str) -> str:
    """A safe file/folder name: lower-case ASCII letters, digits and hyphens only."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "untitled"


for _model in (School, Trust, SectionContent, Post):
    _model.model_rebuild()
