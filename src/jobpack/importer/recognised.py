"""What the recogniser finds in a document: statements (duties, criteria, summary and section lines), key
facts, and what it left out with the reason; every one keeps where it was in the document."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Statement:
    """One duty, summary line, criterion or section line found in the document."""

    text: str
    where: str
    part: str  # "summary", "duties", "criteria" or "section"
    section: str | None = None  # the trust's area, category or section id; None where the heading was not known
    heading: str = ""  # the document's heading it was under
    need: str | None = None
    assessed: list[str] | None = None
    level: int | None = None
    one_of: list[str] = field(default_factory=list)  # alternatives ("... OR ..."), the text being the first
    label: str = ""  # a section's row label ("Internal", "Personnel")
    bullet: bool = False  # a list item (in a section: bullets, not paragraphs)
    own_section: str = ""  # under a heading the trust does not know: the section of the post's own it makes
    alternatives_at: list[str] = field(default_factory=list)  # where each alternative after the first was


FATES = ("heading", "statement", "fact", "row", "clause", "signature", "boilerplate", "left out")
"""What can become of a line of the document (the report's account of every line says which, and why)."""


@dataclass
class Noted:
    """A line recognised as something other than a statement (a heading, a label, a signature line,
    boilerplate, or a line left out) and why."""

    text: str
    where: str
    why: str
    fate: str = "left out"  # one of FATES


@dataclass
class Fact:
    value: str
    where: str


@dataclass
class Recognised:
    facts: dict[str, Fact] = field(default_factory=dict)
    title: Fact | None = None
    statements: list[Statement] = field(default_factory=list)
    clauses: list[Noted] = field(default_factory=list)
    signatures: list[Noted] = field(default_factory=list)
    dropped: list[Noted] = field(default_factory=list)
    headings: list[Noted] = field(default_factory=list)  # headings not recognised
    hours_text: list[Fact] = field(default_factory=list)
    physical: list[tuple[str, str]] = field(default_factory=list)  # (requirement id, where)
    safer: dict[str, tuple[object, str]] = field(default_factory=dict)  # safer_recruitment field -> (value, where)
    marks: list[Noted] = field(default_factory=list)  # headings, labels, column headers, ticks: the structure
    first_heading: Fact | None = None  # the first line styled as a heading (a title when nothing else gives one)
    own_sections: dict[str, str] = field(default_factory=dict)  # section id -> the document's heading, in order
    signatories: list[str] = field(default_factory=list)  # from the signature lines: post-holder, headteacher...
    signature_documents: list[str] = field(default_factory=list)  # job-description / person-specification
