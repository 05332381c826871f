"""What composition produces: a flat `ResolvedPost` whose every item, value and `use` knows where it
was written (file, line, and the chain of profiles and blocks that brought it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from jobpack.compose.output_paths import PostOutputs, post_outputs
from jobpack.compose.pay import Pricing
from jobpack.load.models.post import Hours, PostPay, Vacancy
from jobpack.load.models.trust import SaferRecruitment, School, Signatures

if TYPE_CHECKING:
    from jobpack.compose.terms import Terms


@dataclass(frozen=True)
class Item:
    """One duty or criterion, with where it was written."""

    kind: str  # "duties", "criteria" or "summary"
    section: str  # area id or category id
    text: str
    id: str | None = None
    alternatives: tuple[str, ...] = ()
    need: str = "essential"
    assessed: tuple[str, ...] = ()
    level: int | None = None
    file: str = ""
    line: int | None = None
    block: str | None = None
    used_at: tuple[str, int | None] | None = None  # the post's (or profile's) `use:` line that brought it


@dataclass(frozen=True)
class Part:
    """One part of a section, in the order written: paragraphs, a bulleted or numbered list, or rows."""

    kind: str  # "paragraphs", "bullets", "numbered", "rows" or "image"
    texts: tuple[str, ...] = ()  # for an image: its alt text
    rows: tuple[tuple[str, str], ...] = ()  # (label, text)
    image: str = ""  # the picture's path as written, relative to the trust folder


@dataclass(frozen=True)
class Section:
    """A filled section that is not duties (relationships, control of resources, ...)."""

    id: str
    title: str
    position: str  # SectionPosition: where it prints
    parts: tuple[Part, ...]
    file: str
    line: int | None


@dataclass(frozen=True)
class Clause:
    """A standard clause as this post ends up with it, and who wrote the wording it prints."""

    id: str
    title: str
    text: str
    source: str  # "trust.yaml:120", "trust.yaml:12 (The Westminster School)" or "posts/x.yaml:40"


@dataclass(frozen=True)
class Origin:
    """Where a single value (a post's grade, hours, title, ...) was written, so messages can point there."""

    file: str
    line: int | None
    column: int | None
    post: str  # the id of the post or role profile whose file this is


@dataclass(frozen=True)
class UseRecord:
    """One `use: BLOCK` that contributes to a post, where it is written, and what brought it in.

    `via` lists the profiles and blocks between the post and this `use`, nearest the post first: a `use`
    written in the post itself has `via == ()`; one inside a block the profile uses has
    `via == ("profiles/x", "outer-block")`. Where-used and drift reports read these records.
    """

    block: str
    file: str
    line: int | None
    column: int | None
    via: tuple[str, ...] = ()
    omit: tuple[str, ...] = ()
    only: tuple[str, ...] | None = None  # the items `only:` picks, in order; None: every item not omitted


@dataclass
class ResolvedPost:
    """A post with everything composed: what the templates and `jobpack show` see."""

    id: str
    slug: str
    file: str
    school: School
    title: str
    responsible_to: str = ""
    line_manages: str = ""
    issue_date: Any = None
    summary: list[Item] = field(default_factory=list)
    duties: list[Item] = field(default_factory=list)
    criteria: list[Item] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    pay: PostPay | None = None
    hours: Hours | None = None
    safer_recruitment: SaferRecruitment = field(default_factory=SaferRecruitment)
    physical_requirements: list[str] = field(default_factory=list)
    vacancy: Vacancy | None = None
    advert: str = ""  # the post's own text for candidates (see compose/advert.py for the one that is shown)
    blocks_used: list[str] = field(default_factory=list)  # every block reached, nested ones included
    extends: list[str] = field(default_factory=list)
    pricing: Pricing | None = None  # set by validation, which prices every post once
    terms: Terms | None = None  # hours, weeks, grade and salary, worked out once by validation
    origins: dict[str, Origin] = field(default_factory=dict)  # field name -> where it was written
    uses: list[UseRecord] = field(default_factory=list)  # every `use`, transitively, in composition order
    documents: tuple[str, ...] = ("job-description", "person-specification")
    sections: list[Section] = field(default_factory=list)  # in trust order of section kinds
    clauses: list[Clause] = field(default_factory=list)  # trust order, then the school's and post's new ones
    signatures: Signatures | None = None

    @property
    def outputs(self) -> PostOutputs:
        """Where this post's documents go (folder and file names), for the build, the site and messages."""
        form = self.vacancy.application_form if self.vacancy is not None else None
        suffix = ("." + form.rsplit(".", 1)[-1].lower()) if form and "." in form else ""
        return post_outputs(self.id, self.school.id, self.slug, self.documents, suffix)

    def origin(self, name: str) -> Origin:
        """Where field `name` was written: in this post's file, or in the profile it was inherited from."""
        return self.origins.get(name) or Origin(self.file, 1, 1, self.id)
