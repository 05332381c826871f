"""What the website knows about each post: its page, its documents, its vacancy, and machine-readable data.

Everything printed comes from `jobpack.context.build_context` (the same words as the PDF and Word files),
and every number from the post's pricing (worked out once, during validation), so the site can never
disagree with the job pack a candidate downloads. This module is pure: it reads the built documents' sizes
but writes nothing.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from jobpack.compose import pay
from jobpack.compose.output_paths import PostOutputs
from jobpack.compose.post import ResolvedPost
from jobpack.load.logos import Logo
from jobpack.load.models.trust import Trust
from jobpack.view.context import build_context
from jobpack.view.post import VacancyDetails

_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Document:
    """One downloadable file of a post, as it will sit next to the post's page."""

    key: str  # e.g. "job-description.pdf"
    label: str  # "Job description"
    format: str  # "PDF" or "Word"
    name: str  # file name, e.g. "teaching-assistant-job-description.pdf"
    size: int
    source: Path  # the built document in the documents folder

    @property
    def size_text(self) -> str:
        return f"{max(1, round(self.size / 1024))} KB" if self.size < 1024 * 1024 else \
            f"{self.size / (1024 * 1024):.1f} MB"


@dataclass
class SitePost:
    """A post as the site shows it."""

    post: ResolvedPost
    context: dict[str, Any]
    pricing: pay.Pricing | None
    outputs: PostOutputs
    documents: list[Document] = field(default_factory=list)
    open_vacancy: bool = False

    @property
    def folder(self) -> str:
        """The post's folder in the site, the same as in the documents folder: <school>/<post-slug>."""
        return self.outputs.folder

    @property
    def page(self) -> str:
        return f"{self.folder}/index.html"

    def url(self, document: Document) -> str:
        """A document's path relative to the site root."""
        return f"{self.folder}/{document.name}"


class MissingDocument(Exception):
    """The document build did not leave a file the site needs (a bug, or the folder changed meanwhile)."""


def collect(post: ResolvedPost, outputs: PostOutputs, trust: Trust, root: Path, docs_dir: Path,
            today: dt.date, logos: Mapping[str, Logo] | None = None, context: dict | None = None) -> SitePost:
    """Everything the site needs about one post; `outputs` is where the build put its documents (in
    `docs_dir`), so the site links to exactly the files the build wrote. `context` is the template names
    the build made them from (else made here: the same names either way)."""
    context = context if context is not None else build_context(post, trust, root, logos)
    site_post = SitePost(post, context, post.pricing, outputs,
                         open_vacancy=post.vacancy is not None and post.vacancy.closing_date >= today)
    for output in outputs.files:
        source = docs_dir / output.path
        if not source.is_file():
            raise MissingDocument(f"{source} was not built")
        site_post.documents.append(Document(output.key, output.label, output.format, output.name,
                                            source.stat().st_size, source))
    return site_post


def hours_per_week(post: ResolvedPost) -> Decimal | None:
    return post.terms.hours if post.terms else None


def is_full_time(post: ResolvedPost, trust: Trust) -> bool | None:
    """Full time by weekly hours, as the post's terms define it; None if the post states no hours."""
    return post.terms.full_time if post.terms else None


def grade_name(post: ResolvedPost, trust: Trust) -> str:
    """The grade's short name for the filter (e.g. "Band D"); the page shows the full grade text."""
    if post.pay is None:
        return ""
    grades = {g.id: g.name for g in trust.pay.grades} if trust.pay else {}
    return grades.get(post.pay.grade, post.pay.grade)


def vacancy_view(site_post: SitePost) -> VacancyDetails | None:
    """The vacancy as the post's view words it (the cover page's words), or None when it is not open."""
    return site_post.context["post"].vacancy if site_post.open_vacancy else None


def pack_record(site_post: SitePost, trust: Trust) -> dict[str, Any]:
    """One entry of packs.json: what another system needs to list this post (URLs relative to the site)."""
    post, context, pricing = site_post.post, site_post.context["post"], site_post.pricing
    hours = hours_per_week(post)
    vacancy = post.vacancy
    return {
        "id": post.id,
        "title": post.title,
        "school": post.school.name,
        "school_id": post.school.id,
        "grade": context.grade,
        "salary": list(context.salary),
        "fte_min": pricing.fte[0] if pricing else None,
        "fte_max": pricing.fte[1] if pricing else None,
        "actual_min": pricing.actual[0] if pricing and pricing.actual else None,
        "actual_max": pricing.actual[1] if pricing and pricing.actual else None,
        "hours": context.hours,
        "hours_per_week": float(hours) if hours is not None else None,
        "full_time": is_full_time(post, trust),
        "term_time_only": post.hours.term_time_only if post.hours else None,
        "url": site_post.page,
        "documents": {d.key.replace(".", "_").replace("-", "_"): site_post.url(d) for d in site_post.documents},
        "vacancy": None if vacancy is None else {
            "open": site_post.open_vacancy, "closing_date": vacancy.closing_date.isoformat(),
            "posted": vacancy.posted.isoformat() if vacancy.posted else None, "reference": vacancy.reference},
    }


def postal_address(address: str) -> dict[str, str]:
    """A schema.org PostalAddress from a one-line UK address such as "Harrow Road, London W9 3RS"."""
    out = {"@type": "PostalAddress"}
    parts = [p.strip() for p in address.split(",") if p.strip()]
    if parts:
        last = parts.pop()
        match = _POSTCODE.search(last)
        if match:
            out["postalCode"] = match.group(1).upper()
            last = last[:match.start()].strip()
        if last:
            out["addressLocality"] = last
        elif parts:
            out["addressLocality"] = parts.pop()
        if parts:
            out["streetAddress"] = ", ".join(parts)
    out["addressCountry"] = "GB"
    return out


def _description(site_post: SitePost) -> str:
    """The posting's description as simple HTML (the summary, then the duties), as search engines expect."""
    context = site_post.context
    post = context["post"]

    def e(text: str) -> str:
        return html.escape(text, quote=False)

    parts = [f"<p>{e(post.title)} at {e(context['school'].name)}.</p>"]
    if post.summary:
        parts.append("<ul>" + "".join(f"<li>{e(line)}</li>" for line in post.summary) + "</ul>")
    for area in post.duty_areas:
        parts.append(f"<p><strong>{e(area.title)}</strong></p>")
        parts.append("<ul>" + "".join(f"<li>{e(item.text)}</li>" for item in area.items) + "</ul>")
    if post.hours:
        parts.append(f"<p>Hours: {e(post.hours)}.</p>")
    if post.salary:
        parts.append("<p>Salary: " + e("; ".join(post.salary)) + ".</p>")
    return "".join(parts)


def job_posting(site_post: SitePost, trust: Trust, page_url: str | None) -> dict[str, Any] | None:
    """Schema.org JobPosting for an open vacancy (None otherwise), so job search engines can list it.

    baseSalary is the actual (pro-rata) yearly pay when the post is part time or term time, because that is
    what the candidate would be paid; packs.json carries the FTE figures too.
    """
    post = site_post.post
    if not site_post.open_vacancy or post.vacancy is None:
        return None
    vacancy = post.vacancy
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": post.title,
        "description": _description(site_post),
        "datePosted": (vacancy.posted or post.issue_date).isoformat(),
        "validThrough": vacancy.closing_date.isoformat(),
        "hiringOrganization": {"@type": "Organization", "name": post.school.name,
                               "parentOrganization": {"@type": "Organization", "name": trust.name}},
        "jobLocation": {"@type": "Place", "name": post.school.name, "address": postal_address(post.school.address)},
    }
    if trust.website:
        data["hiringOrganization"]["sameAs"] = trust.website
    full_time = is_full_time(post, trust)
    if full_time is not None:
        data["employmentType"] = "FULL_TIME" if full_time else "PART_TIME"
    pricing = site_post.pricing
    if pricing is not None:
        low, high = pricing.actual or pricing.fte
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": "GBP", "value": {
            "@type": "QuantitativeValue", "minValue": low, "maxValue": high, "unitText": "YEAR"}}
    if vacancy.reference:
        data["identifier"] = {"@type": "PropertyValue", "name": post.school.name, "value": vacancy.reference}
    if page_url:
        data["url"] = page_url
    return data
