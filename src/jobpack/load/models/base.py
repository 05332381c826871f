"""What every file format shares: strict models, slugs, the kinds of value, safe web addresses."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

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


PAY_YEAR = r"^\d{4}-\d{2}$"
"""A pay year as the NJC writes it, e.g. 2024-25."""


class Strict(BaseModel):
    """Unknown keys are errors: a typo must never be silently ignored."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)



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


def next_pay_year(year: str) -> str:
    """The pay year after `year`: "2025-26" -> "2026-27" (NJC years run 1 April to 31 March)."""
    start = int(year[:4]) + 1
    return f"{start}-{(start + 1) % 100:02d}"
