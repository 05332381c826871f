"""Turn a resolved post into the plain dict that templates see (documented in docs/templates.md).

Everything a template prints is decided here, once, for both the HTML/PDF and the DOCX templates, so the
two formats cannot drift: salary lines are computed from the pay tables, hours are worded, and the
safer-recruitment fields become sentences.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from jobpack.compose import pay
from jobpack.compose.post import ResolvedPost
from jobpack.compose.terms import work_out
from jobpack.load.logos import Logo, LogoError, load_logo
from jobpack.load.models.trust import Trust

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


def grade_text(post: ResolvedPost, trust: Trust) -> str:
    """e.g. "Band D (SCP 9–17)": the grade the post's terms name (empty without pay)."""
    grade = post.terms.grade if post.terms else None
    if grade is None:
        return post.pay.grade if post.pay and trust.pay else ""
    if not grade.mapped:
        return grade.name  # text only, or points not confirmed: no SCPs shown
    return f"{grade.name} (SCP {grade.from_}–{grade.to})" if grade.from_ != grade.to else grade.name


_A_WEEK = re.compile(r"\s*(?:per|a)\s+week\s*$", re.IGNORECASE)


def hours_phrase(per_week: float | str) -> str:
    """The weekly hours as the post writes them ("25 hours 30 minutes" stays so), without a trailing
    "a week" (the sentence adds "per week") and with "hours" after a bare number."""
    if not isinstance(per_week, str):
        return pay.format_hours(pay.parse_hours(per_week))
    phrase = _A_WEEK.sub("", per_week).strip()
    return pay.format_hours(pay.parse_hours(phrase)) if re.fullmatch(r"\d+(?:\.\d+)?", phrase) else phrase


def hours_text(post: ResolvedPost, trust: Trust) -> str:
    """e.g. '32.5 hours per week, term time only plus 5 INSET (training) days'; weeks paid are in the salary.

    The hours are printed from the number the post's terms hold, so "37 hours a week" and 37 read alike."""
    if post.hours is None:
        return ""
    h = post.hours
    terms = post.terms or work_out(post, trust)[0]
    text = f"{hours_phrase(h.per_week)} per week"
    if terms and terms.full_time:
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
        lines.append({"label": "Special condition", "value": condition})  # filled in by composition
    return lines


def build_context(post: ResolvedPost, trust: Trust, trust_root: Path,
                  logos: Mapping[str, Logo] | None = None) -> dict[str, Any]:
    """The names every template of this post receives (without `document`, added per document): the
    typed view of `jobpack.view`, as template names. `logos` are the checked logos (school id -> Logo);
    without them the school's logo is checked here."""
    import dataclasses

    from jobpack.view.pack import pack_view
    from jobpack.view.post import build_view

    if logos is None:
        logos = _logo_of(post, trust_root)
    logo = logos.get(post.school.id)
    names = build_view(post, trust, logo.data_uri if logo else "", section_pictures(post, trust_root)).names()
    names["post"] = dataclasses.replace(names["post"], pack=pack_view(post, trust, pack_pictures(post, trust,
                                                                                                 trust_root)))
    return names


def pack_pictures(post: ResolvedPost, trust: Trust, trust_root: Path) -> dict[str, str]:
    """The pack's signature and photographs (trust's and school's), checked like logos, as data: URIs."""
    paths = []
    for content in (trust.pack, post.school.pack):
        for part in (getattr(content, name, None) for name in ("welcome", "about_school", "about_trust")):
            if part:
                paths.append(getattr(part, "signature", None) or getattr(part, "photo", None))
    out = {}
    for path in filter(None, paths):
        try:
            out[path] = load_logo(trust_root, path).data_uri
        except LogoError:
            continue
    return out


def section_pictures(post: ResolvedPost, trust_root: Path) -> dict[str, str]:
    """The post's section images, checked like logos, as data: URIs (an unusable one is reported by check)."""
    out = {}
    for part in (p for s in post.sections for p in s.parts if p.kind == "image"):
        try:  # checked and encoded once per version of the file in a process (load_logo caches it)
            out[part.image] = load_logo(trust_root, part.image).data_uri
        except LogoError:
            continue
    return out


def _logo_of(post: ResolvedPost, trust_root: Path) -> dict[str, Logo]:
    """The school's logo, checked (an unusable logo is reported by `jobpack check`; here it is left out)."""
    if not post.school.logo:
        return {}
    try:
        return {post.school.id: load_logo(trust_root, post.school.logo)}
    except LogoError:
        return {}


def document_context(context: dict[str, Any], kind: str, in_pack: bool = False) -> dict[str, Any]:
    """The names one document's templates receive: the post's view plus `document` (`in_pack`: the copy
    inside the job pack)."""
    from jobpack.view.post import document_names

    return document_names(context, kind, in_pack)
