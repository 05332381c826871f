"""Turn a resolved post into the plain dict that templates see (documented in docs/templates.md).

Everything a template prints is decided here, once, for both the HTML/PDF and the DOCX templates, so the
two formats cannot drift: salary lines are computed from the pay tables, hours are worded, and the
safer-recruitment fields become sentences.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from . import pay
from .model import Trust
from .resolve import Item, ResolvedPost
from .variables import fill, names_for

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


def _criterion(item: Item, methods: dict[str, str], levels: list[str]) -> dict[str, Any]:
    level_name = ""
    if item.level is not None:
        level_name = levels[item.level - 1] if 0 < item.level <= len(levels) else f"Level {item.level}"
    return {"id": item.id or "", "text": item.text, "alternatives": list(item.alternatives), "need": item.need,
            "assessed": [{"code": c, "name": methods[c]} for c in item.assessed], "level": item.level,
            "level_name": level_name}


def _sections(items: list[Item], titles: dict[str, str], convert: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for item in items:
        if not out or out[-1]["id"] != item.section:
            out.append({"id": item.section, "title": titles[item.section], "items": []})
        out[-1]["items"].append(convert(item))
    return out


def build_context(post: ResolvedPost, trust: Trust, trust_root: Path) -> dict[str, Any]:
    """The names every template of this post receives (without `document`, added per document)."""
    names = names_for(trust, post.school, post.title, post.responsible_to, post.line_manages)
    methods = {m.code: m.name for m in trust.assessment_methods}
    pricing = post.pricing
    logo = ""
    if post.school.logo:
        logo_path = (trust_root / post.school.logo).resolve()
        logo = logo_path.as_uri() if logo_path.is_file() else ""
    clauses = [{"id": c.id, "title": c.title, "text": fill(c.text, names)} for c in trust.clauses]
    safeguarding = next((c["text"] for c in clauses if c["id"] == "safeguarding"), "")
    physical = [{"label": r.label, "applies": r.id in post.physical_requirements}
                for r in trust.physical_requirements] if post.physical_requirements else []
    levels = list(post.levels)
    return {
        "trust": {"name": trust.name, "issue_date": long_date(post.issue_date), "version": trust.version,
                  "website": trust.website},
        "school": {"id": post.school.id, "name": post.school.name, "phase": post.school.phase,
                   "address": post.school.address, "colour": post.school.colour, "logo": logo},
        "methods": [{"code": m.code, "name": m.name} for m in trust.assessment_methods],
        "post": {
            "id": post.id, "slug": post.slug, "title": post.title, "responsible_to": post.responsible_to,
            "line_manages": post.line_manages, "grade": grade_text(post, trust),
            "salary": pricing.lines() + ([post.pay.note] if post.pay and post.pay.note else []) if pricing else [],
            "hours": hours_text(post, trust),
            "pattern": [p.model_dump() for p in post.hours.pattern] if post.hours else [],
            "hours_note": post.hours.note if post.hours else "",
            "summary": [i.text for i in post.summary],
            "duty_areas": _sections(post.duties, {a.id: a.title for a in trust.duty_areas},
                                    lambda i: {"id": i.id or "", "text": i.text}),
            "clauses": [c for c in clauses if c["id"] != "safeguarding"],
            "criteria_categories": _sections(post.criteria, {c.id: c.title for c in trust.criteria_categories},
                                             lambda i: _criterion(i, methods, levels)),
            "levels": levels,
            "recruitment": recruitment_lines(post, names),
            "safeguarding": safeguarding,
            "physical": physical,
        },
    }


def document_context(context: dict[str, Any], kind: str) -> dict[str, Any]:
    return {**context, "document": {"kind": kind, "title": DOCUMENT_TITLES[kind]}}
