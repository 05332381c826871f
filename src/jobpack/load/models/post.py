"""The shape of a post file: its facts, pay, hours, vacancy, sections and composed duties and criteria."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import Field, field_validator, model_validator

from jobpack.load.models.base import (
    MAX_TITLE,
    PAY_YEAR,
    DocumentKind,
    Off,
    ProRataShown,
    SectionPosition,
    Slug,
    Strict,
    Text,
    web_address,
)
from jobpack.load.models.blocks import CriterionChange, Entry
from jobpack.load.models.teaching_vacancies import JobRole, KeyStage, Subject
from jobpack.load.models.trust import ClauseChange, SaferRecruitment, Signatures

# ---------------------------------------------------------------- posts


class PostPay(Strict):
    grade: Slug
    year: Annotated[str, Field(pattern=PAY_YEAR)] | None = None
    award_pending: Annotated[str, Field(pattern=PAY_YEAR)] | None = Field(
        None, description="the next pay year, while its award is not agreed: the salary stays at the pay year's "
        "rates, the documents say the award is pending, and vacancies may run into that year")
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


EMAIL = r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$"
"""An email address as a candidate would type it: no spaces, no display name, one @ and a dotted domain."""
ADVERT = Annotated[str, Field(min_length=1, max_length=1200, description=(
    "a short text for candidates (a paragraph or two): the website, the pack's cover and job boards show it; "
    "without one the post's summary serves"))]
KeyDate = dt.date | Annotated[str, Field(min_length=1, max_length=80)]
"""A key date: a date (2027-01-27) or words such as "week beginning 1 February 2027"."""


class Vacancy(Strict):
    """An open vacancy: published with its dates and how to apply."""

    closing_date: dt.date
    closing_time: Annotated[str, Field(pattern=TIME, description="e.g. 12:00 (noon)")] | None = None
    posted: dt.date | None = None
    shortlisting: KeyDate | None = Field(None, description="when shortlisting happens, e.g. 2027-01-20")
    interviews: KeyDate | None = Field(None, description="when interviews are held, e.g. 2027-01-27")
    start_date: str = ""
    contract: str = Field("", description='the contract, e.g. "Permanent" or "Fixed term to 31 August 2027"')
    how_to_apply: str = ""
    reference: str = ""
    apply_url: str = Field("", description="where to apply: https://... (a form or page) or mailto:...")
    apply_email: Annotated[str, Field(pattern=EMAIL)] | None = Field(
        None, description="the address applications go to, e.g. recruitment@school.example.org")
    application_form: str | None = Field(
        None, description="an application form (.docx or .pdf) kept in the trust, e.g. assets/forms/support-staff"
        ".docx; published beside the pack")
    advert: ADVERT | None = None
    job_roles: list[JobRole] = Field([], description="for Teaching Vacancies: e.g. teaching_assistant")
    key_stages: list[KeyStage] = Field([], description="for Teaching Vacancies: early_years, ks1 ... ks5")
    subjects: list[Subject] = Field([], description="for Teaching Vacancies: e.g. Mathematics")
    is_job_share: bool | None = Field(None, description="for Teaching Vacancies: open to a job share")
    ect_suitable: bool | None = Field(None, description="for Teaching Vacancies: suitable for an early career "
                                      "teacher")
    visa_sponsorship_available: bool | None = Field(None, description="for Teaching Vacancies: the school can "
                                                    "sponsor a visa")
    publish_on: dt.date | None = Field(None, description="for Teaching Vacancies: the day it appears there "
                                       "(default: at once)")

    @field_validator("apply_url")
    @classmethod
    def _apply_url(cls, value: str) -> str:
        return web_address(value, schemes=("https", "http", "mailto"))


class SectionContent(Strict):
    """What a post writes in one of the trust's sections (or a section of its own, with a title); the parts
    print in the order written."""

    title: Text | None = Field(None, description="a section of the post's own (its id not in trust.yaml): its "
                               "heading; for one of the trust's sections, a title of its own")
    position: SectionPosition | None = Field(None, description="where it prints, if not where trust.yaml says "
                                             "(a section of the post's own: after-duties unless given)")
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
    advert: ADVERT | None = None
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




for _model in (SectionContent, Post):
    _model.model_rebuild()
