"""The typed names the website's templates read, beside the post's own view (`jobpack.view`).

A post page receives the document view (`trust`, `school`, `post`, `methods`) with `school` extended by
the site's accent colour and logo path, plus `site`, `documents`, `vacancy` (the post's own
`VacancyDetails`, while it is open), `json_ld` and `has_levels`; the index receives `site`, `schools`
(each with its `posts` as cards), `grades`, `total`, `open_count`.
"""

from __future__ import annotations

from dataclasses import dataclass

from jobpack.view.post import Readable, SchoolView


@dataclass(frozen=True)
class NavLink(Readable):
    """A link in the site's navigation to a page added beside the posts (see `publish.site.extra`)."""

    label: str
    url: str  # relative to the site root
    kind: str  # the page's `site.kind`: the link is the current page there


@dataclass(frozen=True)
class SiteInfo(Readable):
    """Site-wide names: relative links to the site root and the canonical address of the page."""

    trust: str
    website: str
    issue_date: str
    version: str
    root: str  # "" on the index, "../../" on a post page
    kind: str  # "index" or "post", or an added page's kind ("consistency")
    canonical: str  # absolute URL of this page, or "" when the trust has no website
    nav: tuple[NavLink, ...] = ()  # added pages' links, after "All jobs" (none unless the trust turns one on)


@dataclass(frozen=True)
class SiteSchool(SchoolView):
    """The school as the site shows it: `accent` is its colour darkened to 4.5:1 contrast if needed, and
    `logo` the published logo's path relative to the page."""

    accent: str = ""


@dataclass(frozen=True)
class DocumentLink(Readable):
    key: str
    label: str
    format: str
    url: str
    size: str


@dataclass(frozen=True)
class Card(Readable):
    """One post in the index's list, with what the search and filters read."""

    id: str
    title: str
    url: str
    grade: str
    grade_name: str
    salary: tuple[str, ...]
    hours: str
    hours_kind: str  # "full", "part" or ""
    weeks: str  # "term", "year" or ""
    closing: str
    closing_iso: str
    search: str  # its title's, school's, grade's, hours' and reference's words, each with where it is:
    # "support~t" (t title; see pages.py); on the card itself
    words: str = ""  # every word of the post, duties and criteria too, the same way (assets/search-index.js)
    school_name: str = ""
    school_id: str = ""
    advert: str = ""  # the advert's first paragraph (compose/advert.py), shown on current vacancies


@dataclass(frozen=True)
class IndexSchool(SiteSchool):
    posts: tuple[Card, ...] = ()
