"""Safer-recruitment lints: what every school post's job pack must state (Keeping children safe in
education, Part 3), a safeguarding criterion in every person specification, and a vacancy's essentials
(the actual salary of a part-time or term-time post, not only the full-time figure; where to apply is an
error of `jobpack check`, in validate.py)."""

from __future__ import annotations

import re

from jobpack.check.lint.findings import Finding, data
from jobpack.compose.post import ResolvedPost
from jobpack.errors import Problem
from jobpack.load import TrustFiles

SAFEGUARDING = re.compile(r"safeguard|child protection|welfare of (?:children|pupils|learners|young people)|"
                          r"suitab\w* to work with (?:children|young people)|\bDBS\b|barred list", re.IGNORECASE)


def safer_recruitment_warnings(post: ResolvedPost, files: TrustFiles) -> list[Problem]:
    """What safer-recruitment guidance expects every school post's recruitment material to state."""
    return [f.problem for f in statement_findings(post, files)]


def statement_findings(post: ResolvedPost, files: TrustFiles) -> list[Finding]:
    trust = files.trust.model if files.trust else None
    assert trust is not None
    sr = post.safer_recruitment
    missing = []
    if not any(c.id == "safeguarding" for c in trust.clauses):
        missing.append("the safeguarding commitment (a 'safeguarding' clause in trust.yaml)")
    if not sr.dbs:
        missing.append("the DBS check level (safer_recruitment: dbs)")
    if sr.roa_exempt is None:
        missing.append("whether the post is exempt from the Rehabilitation of Offenders Act (roa_exempt)")
    if not sr.online_search:
        missing.append("that shortlisted candidates may be subject to an online search (online_search: true)")
    why = data("safer-recruitment.yaml")["safer-recruitment"]["why"]
    found = [Finding("safer-recruitment", Problem(post.file, f"Post '{post.id}' does not state {what}.", 1, 1,
                                                  f"Safer-recruitment guidance expects job packs to state it: {why}",
                                                  severity="warning"))
             for what in missing]
    if post.pay is None:  # pay is not a safer-recruitment matter: its own reason, not the DBS guidance
        pay_why = data("safer-recruitment.yaml")["pay"]["why"]
        found.append(Finding("safer-recruitment", Problem(
            post.file, f"Post '{post.id}' does not state its pay (a 'pay:' section with the grade).", 1, 1,
            f"Add 'pay: {{grade: ID}}' with one of the grades in trust.yaml: {pay_why}", severity="warning")))
    return found


def criterion_finding(post: ResolvedPost, files: TrustFiles) -> Finding | None:
    """A person specification with no criterion about safeguarding or suitability to work with children."""
    texts = [t for item in post.criteria for t in (item.alternatives or (item.text,))]
    if any(SAFEGUARDING.search(t) for t in texts):
        return None
    spec = data("safer-recruitment.yaml")["safeguarding-criterion"]
    doc = files.posts[post.id].doc
    line, column = doc.where(("criteria",), key=True) if "criteria" in doc.data else (1, 1)
    return Finding("safeguarding-criterion", Problem(
        post.file, f"The person specification of '{post.id}' has no criterion about safeguarding children "
        f"(safeguarding-criterion): {spec['why']}", line, column, spec["suggestion"], severity="warning"))


def vacancy_findings(post: ResolvedPost) -> list[Finding]:
    """A post advertised with a `vacancy:` says where to apply, and a part-time or term-time one its actual pay."""
    vacancy = post.vacancy
    if vacancy is None:
        return []
    spec = data("safer-recruitment.yaml")["vacancy-details"]
    origin = post.origin("vacancy")
    missing = []
    terms = post.terms
    part = terms is not None and (terms.term_time_only or terms.full_time is False)
    if (terms is None or terms.hours is None) and post.pay is not None:
        missing.append(("its hours, so its actual salary cannot be worked out",
                        "Add hours: {per_week: ...} so the documents show the actual salary as well as the FTE."))
    elif part and (post.pricing is None or post.pricing.actual is None):
        missing.append(("the actual salary of this part-time or term-time post, only the full-time figure",
                        "Give the post a grade (pay: grade) and its hours, so jobpack works out the actual salary."))
    return [Finding("vacancy-details", Problem(origin.file, f"The vacancy for '{post.id}' does not state {what} "
                                               f"(vacancy-details): {spec['why']}", origin.line, origin.column,
                                               hint, severity="warning"))
            for what, hint in missing]
