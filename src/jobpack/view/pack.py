"""The typed view of a job pack's own pages: the cover's advert, key dates and ways to apply, and the
welcome, about and benefits pages, in the order the pack prints them.

Built once per post (view/post.py calls `pack_view`), so the PDF pack, the website and the cover agree on
what a candidate reads first (the advert rule is `compose.advert.advert_text`) and on how to apply.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jobpack.compose.advert import advert_text
from jobpack.compose.pack import pack_parts
from jobpack.load.markup import Rich, rich
from jobpack.view.post import Line, Picture, Readable

if TYPE_CHECKING:
    from jobpack.compose.post import ResolvedPost
    from jobpack.load.models.trust import Trust


@dataclass(frozen=True)
class PackPage(Readable):
    """One page of the pack before the job description: a welcome, about the school or trust, benefits."""

    kind: str  # "welcome", "about-school", "about-trust" or "benefits"
    kicker: str  # the small heading above the title, e.g. "Welcome" or "About us"; the bookmark and footer name
    title: str  # e.g. "A welcome from our headteacher" or "About Elm Tree Primary Academy"
    paragraphs: tuple[Rich, ...]
    picture: Picture  # the photograph (or, on a welcome, nothing): a data: URI with `.alt`, or ""
    signatory: str  # a welcome's signatory, e.g. "Amina Rahman"
    signatory_role: str  # e.g. "Headteacher"
    signature: Picture  # the signatory's signature as a data: URI (alt: "Signature of ..."), or ""
    benefits: tuple[Rich, ...]  # what working here offers, on the last of these pages


@dataclass(frozen=True)
class ApplyRoute(Readable):
    """One way to apply: a link (https:// or mailto:) with the text to show, or a form's file name."""

    label: str  # "Apply online", "Application form" or "Email"
    url: str  # the link; "" for a form that has no web address (the trust has no `website:`)
    text: str  # what the reader sees: the address, or the form's file name


@dataclass(frozen=True)
class PackView(Readable):
    """What the pack carries besides its documents, as the cover and its pages print it."""

    advert: tuple[Rich, ...]  # the advert's paragraphs (compose/advert.py: the vacancy's, the post's, or the summary)
    pages: tuple[PackPage, ...]  # welcome, about the school, about the trust, benefits: those the trust has
    contents: tuple[str, ...]  # the pack's parts after the cover, in order: "Welcome", ..., "Job description"
    key_dates: tuple[Line, ...]  # closing, shortlisting, interviews, start (a vacancy's; empty without one)
    apply: tuple[ApplyRoute, ...]  # the main way to apply first (empty without a vacancy)


def _time(value: str) -> str:
    """12:00 -> "12 noon", 09:30 -> "9.30am", 17:00 -> "5pm": the way UK adverts write times."""
    hours, minutes = (int(x) for x in value.replace(".", ":").split(":"))
    if (hours, minutes) == (12, 0):
        return "12 noon"
    suffix = "am" if hours < 12 else "pm"
    shown = hours % 12 or 12
    return f"{shown}{'.' + f'{minutes:02d}' if minutes else ''}{suffix}"


def _when(value: object) -> str:
    return f"{value.day} {value:%B %Y}" if isinstance(value, dt.date) else str(value or "")


def key_dates(post: ResolvedPost) -> tuple[Line, ...]:
    """The vacancy's dates worded for candidates, in the order they come."""
    vacancy = post.vacancy
    if vacancy is None:
        return ()
    closing = _when(vacancy.closing_date)
    if vacancy.closing_time:
        closing = f"{_time(vacancy.closing_time)} on {closing}"
    lines = [Line("Closing date", closing)]
    if vacancy.shortlisting:
        lines.append(Line("Shortlisting", _when(vacancy.shortlisting)))
    if vacancy.interviews:
        lines.append(Line("Interviews", _when(vacancy.interviews)))
    if vacancy.start_date:
        lines.append(Line("Start date", vacancy.start_date))
    return tuple(lines)


def apply_routes(post: ResolvedPost, trust: Trust, form_name: str) -> tuple[ApplyRoute, ...]:
    """The ways to apply, the main one first: the web address, the form published beside the pack
    (`form_name`; linked on the trust's website when it has one), then the email address."""
    vacancy = post.vacancy
    if vacancy is None:
        return ()
    routes = []
    url = vacancy.apply_url
    if url.startswith("mailto:"):
        routes.append(ApplyRoute("Email", url, url.removeprefix("mailto:").split("?")[0]))
    elif url:
        routes.append(ApplyRoute("Apply online", url, url))
    if form_name:
        web = f"{trust.website.rstrip('/')}/{post.outputs.folder}/{form_name}" if trust.website else ""
        routes.append(ApplyRoute("Application form", web, form_name))
    if vacancy.apply_email and not any(r.text == vacancy.apply_email for r in routes):
        routes.append(ApplyRoute("Email", f"mailto:{vacancy.apply_email}", vacancy.apply_email))
    return tuple(routes)


def pack_view(post: ResolvedPost, trust: Trust, pictures: dict[str, str]) -> PackView:
    """The pack's view; `pictures` maps each pack picture's path to its checked data: URI (missing: left out)."""
    parts = pack_parts(post, trust)

    def picture(path: str | None, alt: str) -> Picture:
        return Picture(pictures.get(path or "", ""), alt)

    pages: list[PackPage] = []
    if parts.welcome is not None:
        w = parts.welcome
        pages.append(PackPage("welcome", "Welcome", w.title, tuple(rich(p) for p in w.paragraphs), Picture(""),
                              w.signatory.name, w.signatory.role,
                              picture(w.signature, f"Signature of {w.signatory.name}"), ()))
    for kind, about, name in (("about-school", parts.about_school, post.school.name),
                              ("about-trust", parts.about_trust, trust.name)):
        if about is not None:
            pages.append(PackPage(kind, "About us", about.title or f"About {name}",
                                  tuple(rich(p) for p in about.paragraphs), picture(about.photo, about.alt),
                                  "", "", Picture(""), ()))
    if parts.benefits:
        benefits = tuple(rich(b) for b in parts.benefits)
        if pages and pages[-1].kind != "welcome":
            last = pages[-1]
            pages[-1] = PackPage(last.kind, last.kicker, last.title, last.paragraphs, last.picture, last.signatory,
                                 last.signatory_role, last.signature, benefits)
        else:
            pages.append(PackPage("benefits", "Working with us", "What we offer", (), Picture(""), "", "",
                                  Picture(""), benefits))
    contents = [p.title for p in pages]
    contents += [{"job-description": "Job description", "person-specification": "Person specification"}[d]
                 for d in post.documents]
    form = post.outputs.names().get(next((k for k in post.outputs.names() if k.startswith("application-form")), ""),
                                    "")
    advert = advert_text(post)
    return PackView(tuple(rich(p.strip()) for p in advert.split("\n\n") if p.strip()), tuple(pages), tuple(contents),
                    key_dates(post), apply_routes(post, trust, form))
