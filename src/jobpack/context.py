"""Turn a resolved post into the plain dict that templates see (documented in docs/templates.md).

Everything a template prints is decided here, once, for both the HTML/PDF and the DOCX templates, so the
two formats cannot drift: salary lines are computed from the pay tables, hours are worded, and the
safer-recruitment fields become sentences.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import pay
from .logos import Logo, LogoError, load_logo
from .model import Trust
from .resolve import ResolvedPost
from .variables import fill

DBS_WORDING = {
    "none": "No DBS check is required for this post",
    "basic": "Basic DBS check",
    "standard": "Standard DBS check",
    "enhanced": "Enhanced DBS check",
    "enhanced-children": "Enhanced DBS check with children's barred list check",
    "enhanced-adults": "Enhanced DBS check with adults' barred list check",
    "enhanced-both": "Enhanced DBS check with children's and adults' barred list checks",
}

DOCUMENT_TITLES = {"job-description": "Job description", "person-specification": "Person specification"}


def long_date(value: Any) -> str:
    """4 November 2024: the way UK HR documents write dates."""
    return f"{value.day} {value:%B %Y}" if value else ""


def _number(value: Decimal | float) -> str:
    return f"{Decimal(str(value)).normalize():f}"


def weeks_paid(post: ResolvedPost, trust: Trust) -> float:
    """Weeks paid a year: the post's own figure, else the school's, else the trust's, for term-time posts."""
    settings = trust.pay
    if post.hours and post.hours.weeks_paid:
        return post.hours.weeks_paid
    if post.hours and post.hours.term_time_only:
        return post.school.term_time_weeks_paid or (settings.term_time_weeks_paid if settings else 46.2)
    return settings.weeks_in_year if settings else 52.143


def price_post(post: ResolvedPost, trust: Trust) -> pay.Pricing | None:
    """The post's salary figures, from the trust's grades and the pay spines; None if it has no grade.

    Raises pay.PayError with a plain message when the grade cannot be priced (checked before building).
    """
    if post.pay is None or trust.pay is None:
        return None
    settings = trust.pay
    grade = next((g for g in settings.grades if g.id == post.pay.grade), None)
    if grade is None:
        raise pay.PayError(f"there is no grade '{post.pay.grade}' in trust.yaml")
    spines = pay.builtin_spines()
    for spine in settings.spines:
        spines[spine.id] = {year: dict(points) for year, points in spine.years.items()}
    allowances = []
    for allowance_id in post.pay.allowances:
        allowance = next((a for a in settings.allowances if a.id == allowance_id), None)
        if allowance is None:
            raise pay.PayError(f"there is no allowance '{allowance_id}' in trust.yaml")
        allowances.append((allowance.name, Decimal(str(allowance.amount)), allowance.pro_rata))
    hours = pay.parse_hours(post.hours.per_week) if post.hours else Decimal(str(settings.full_time_hours))
    names = {**pay.builtin_spine_names(), **{s.id: s.name for s in settings.spines}}
    return pay.price(spines, grade.spine, post.pay.year or settings.year, grade.from_, grade.to, hours,
                     Decimal(str(settings.full_time_hours)), Decimal(str(weeks_paid(post, trust))),
                     Decimal(str(settings.weeks_in_year)), allowances, spine_names=names)


def grade_text(post: ResolvedPost, trust: Trust) -> str:
    if post.pay is None or trust.pay is None:
        return ""
    grade = next((g for g in trust.pay.grades if g.id == post.pay.grade), None)
    if grade is None:
        return post.pay.grade
    return f"{grade.name} (SCP {grade.from_}–{grade.to})" if grade.from_ != grade.to else grade.name


def hours_text(post: ResolvedPost, trust: Trust) -> str:
    """e.g. '32.5 hours per week, term time only plus 5 INSET (training) days'; weeks paid are in the salary."""
    if post.hours is None:
        return ""
    h = post.hours
    per_week = h.per_week if isinstance(h.per_week, str) else f"{_number(h.per_week)} hours"
    text = f"{per_week} per week"
    full_time = trust.pay.full_time_hours if trust.pay else 37
    if pay.parse_hours(h.per_week) >= Decimal(str(full_time)):
        text += " (full time)"
    if h.term_time_only:
        text += ", term time only"
        if h.inset_days:
            text += f" plus {h.inset_days} INSET (training) day{'s' if h.inset_days != 1 else ''}"
    else:
        text += ", all year"
    return text


def _yes_no(value: bool | None) -> str:
    return "Yes" if value else "No"


def recruitment_lines(post: ResolvedPost, names: dict[str, str]) -> list[dict[str, str]]:
    """The safer-recruitment and legal details, worded for candidates."""
    sr = post.safer_recruitment
    lines = []
    if sr.dbs:
        lines.append({"label": "DBS check", "value": DBS_WORDING[sr.dbs] + "."})
    if sr.regulated_activity is not None:
        lines.append({"label": "Regulated activity", "value": (
            "Yes: this post involves regulated activity with children." if sr.regulated_activity
            else "No: this post does not involve regulated activity.")})
    if sr.roa_exempt is not None:
        lines.append({"label": "Rehabilitation of Offenders Act 1974", "value": (
            "This post is exempt from the Act: candidates must declare all convictions and cautions that are "
            "not protected (filtered), as defined by the Exceptions Order 1975." if sr.roa_exempt
            else "This post is not exempt from the Act.")})
    if sr.online_search:
        lines.append({"label": "Online search", "value": (
            "As part of due diligence, shortlisted candidates may be subject to an online search.")})
    if sr.politically_restricted is not None:
        lines.append({"label": "Politically restricted", "value": _yes_no(sr.politically_restricted)})
    if sr.fluent_english is not None:
        lines.append({"label": "Fluent spoken English", "value": (
            "Required: this is a customer-facing post under Part 7 of the Immigration Act 2016."
            if sr.fluent_english else "Not a requirement of this post.")})
    if sr.safety_critical is not None:
        lines.append({"label": "Safety critical", "value": (
            "Yes: a pre-employment medical assessment with Occupational Health is required."
            if sr.safety_critical else "No")})
    for condition in sr.special_conditions or []:
        lines.append({"label": "Special condition", "value": fill(condition, names)})
    return lines


def build_context(post: ResolvedPost, trust: Trust, trust_root: Path,
                  logos: Mapping[str, Logo] | None = None) -> dict[str, Any]:
    """The names every template of this post receives (without `document`, added per document): the
    typed view of `jobpack.view`, as template names. `logos` are the checked logos (school id -> Logo);
    without them the school's logo is checked here."""
    from .view import build_view

    if logos is None:
        logos = _logo_of(post, trust_root)
    logo = logos.get(post.school.id)
    return build_view(post, trust, logo.data_uri if logo else "").names()


def _logo_of(post: ResolvedPost, trust_root: Path) -> dict[str, Logo]:
    """The school's logo, checked (an unusable logo is reported by `jobpack check`; here it is left out)."""
    if not post.school.logo:
        return {}
    try:
        return {post.school.id: load_logo(trust_root, post.school.logo)}
    except LogoError:
        return {}


def document_context(context: dict[str, Any], kind: str) -> dict[str, Any]:
    """The names one document's templates receive: the post's view plus `document`."""
    from .view import DocumentView

    return {**context, "document": DocumentView(kind, DOCUMENT_TITLES[kind])}
