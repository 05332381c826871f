"""The shape of trust.yaml: the trust, its schools, sections, clauses, pay and safer-recruitment settings.

Cross-file rules (does this block exist?) live in check/validate.py; composition in compose/resolve.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from jobpack.load.models.base import (
    PAY_YEAR,
    DbsLevel,
    DocumentKind,
    Off,
    ProRataShown,
    SectionPosition,
    Slug,
    Strict,
    Text,
    next_pay_year,
    web_address,
)
from jobpack.load.models.blocks import Entry
from jobpack.load.models.lint import Glossary, LintSettings
from jobpack.load.models.teaching_vacancies import Phase, TeachingVacanciesSettings, Urn

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
    urn: Urn | None = None
    phases: list[Phase] = Field([], description="the school's phases in Teaching Vacancies' words: nursery, "
                                "primary, secondary, sixth_form_or_college or through")
    pack: PackContent | None = Field(None, description="this school's welcome, about pages and benefits: each "
                                     "replaces the trust's; benefits are added to the trust's")


class Section(Strict):
    id: Slug
    title: Text


class Signatory(Strict):
    name: Text
    role: Text = Field(description="e.g. Headteacher or Chief Executive")


class Welcome(Strict):
    """The letter that opens a job pack, from the headteacher or chief executive."""

    title: Text = "Welcome"
    paragraphs: list[Text] = Field(min_length=1)
    signatory: Signatory
    signature: str | None = Field(None, description="a picture of the signature (PNG or JPEG), relative to the "
                                  "trust folder; checked like a logo")


class About(Strict):
    """A page about the school or the trust, with an optional photograph."""

    title: str = Field("", description="the page's heading (default: About <the school's or trust's name>)")
    paragraphs: list[Text] = Field(min_length=1)
    photo: str | None = Field(None, description="a photograph (PNG or JPEG), relative to the trust folder")
    alt: str = Field("", description="what the photograph shows, for people who cannot see it")

    @model_validator(mode="after")
    def _described(self) -> About:
        if self.photo and not self.alt.strip():
            raise ValueError("a 'photo' needs 'alt': a sentence saying what the photograph shows, for readers "
                             "who cannot see it")
        return self


class PackContent(Strict):
    """What a job pack carries besides the job description and person specification (each part optional)."""

    welcome: Welcome | Off | None = None
    about_school: About | Off | None = None
    about_trust: About | Off | None = None
    benefits: list[Text] = Field([], description="what working here offers, e.g. the Local Government Pension "
                                 "Scheme; a school's list is added to the trust's")


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
    years: dict[Annotated[str, Field(pattern=PAY_YEAR)],
                dict[Annotated[int, Field(ge=1, le=99)], Annotated[int, Field(gt=0, le=1_000_000)]]] = Field(
        description="pay year (e.g. 2024-25) -> spinal column point -> pounds a year, full time")




class PaySettings(Strict):
    year: Annotated[str, Field(pattern=PAY_YEAR, description="pay year, e.g. 2024-25")]
    award_pending: Annotated[str, Field(pattern=PAY_YEAR)] | None = Field(
        None, description="the next pay year, while its award is not agreed (posts that name their own pay "
        "year say their own): salaries stay at `year`'s rates and the documents say the award is pending")
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

    @field_validator("award_pending")
    @classmethod
    def _pending_follows(cls, pending: str | None, info: ValidationInfo) -> str | None:
        """Checked on the field (reported at its line): `year` comes first, so it is known here."""
        year = info.data.get("year")
        if pending and year and pending != next_pay_year(year):
            coming = next_pay_year(year)
            raise ValueError(f"The award still to come after {year} pay is {coming}'s, not {pending}: "
                             f"write 'award_pending: \"{coming}\"', or remove award_pending")
        return pending


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


class SiteSettings(Strict):
    """What `jobpack site` publishes besides the posts. Each page is off unless the trust turns it on: the
    site is public, so nothing goes on it by default that the trust has not chosen to show."""

    consistency_page: bool = Field(
        False, description="also publish a page comparing the posts the site publishes: how much of each "
        "school's job descriptions is shared, duties written in different words, and like roles with their "
        "grades, pay, hours and weeks side by side (docs/standardising.md)")


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
    pack: PackContent = Field(PackContent(), description="the welcome, about pages and benefits every post's job "
                              "pack carries (a school may give its own)")
    physical_checklist: Literal["applies", "full"] = Field(
        "applies", description="applies: list only the activities a post involves; full: the whole checklist, "
        "Yes or No for each")
    lints: LintSettings = Field(LintSettings(), description="what jobpack check looks for (docs/lints.md)")
    glossary: Glossary = Field({}, description="acronyms the documents use -> what they stand for, e.g. SLT")
    teaching_vacancies: TeachingVacanciesSettings | None = Field(
        None, description="publish open vacancies to the DfE's Teaching Vacancies service "
        "(docs/teaching-vacancies.md)")
    site: SiteSettings = Field(SiteSettings(), description="what the website ('jobpack site') publishes besides "
                               "the posts")
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




for _model in (School, Trust):
    _model.model_rebuild()
