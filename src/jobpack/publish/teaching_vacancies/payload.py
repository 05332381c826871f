"""A post's vacancy as Teaching Vacancies' request body: every field worked out from what the post already
says (title, the salary lines the job pack prints, hours, contract, advert, its page on the website), plus
the few the service alone needs (job roles, key stages, ...). `jobpack check` has already proved each one
is there and in the service's words (check/teaching_vacancies.py); this only assembles them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from jobpack.check.teaching_vacancies import contract_type, expires_at, external_reference, is_sent, working_pattern
from jobpack.check.validate import Checked
from jobpack.compose.advert import advert_text
from jobpack.compose.post import ResolvedPost
from jobpack.load.models.trust import Trust
from jobpack.publish.teaching_vacancies.advert_html import advert_html
from jobpack.view.post import salary_lines


@dataclass(frozen=True)
class Wanted:
    """One vacancy the service should carry: its request body and where the post is written."""

    post_id: str  # e.g. "elm-tree/pastoral-learning-support-practitioner"
    school: str
    slug: str
    file: str
    line: int | None
    reference: str  # the body's external_reference
    body: dict[str, Any]  # {"vacancy": {...}}

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


def page_url(trust: Trust, post: ResolvedPost) -> str:
    """The post's page on the trust's website, as `jobpack site` publishes it (<school>/<post>/)."""
    return f"{trust.website.rstrip('/')}/{post.outputs.folder}/"


def vacancy_body(post: ResolvedPost, trust: Trust) -> dict[str, Any]:
    """The request body for `post` (which check has passed): only the service's keys, optional ones only
    when the post gives them."""
    vacancy = post.vacancy
    assert vacancy is not None and trust.teaching_vacancies is not None
    _, salary = salary_lines(post, trust)
    school = post.school
    schools: dict[str, Any] = {"school_urns": [school.urn]}
    if trust.teaching_vacancies.trust_uid:
        schools = {"trust_uid": trust.teaching_vacancies.trust_uid, **schools}
    body: dict[str, Any] = {
        "external_advert_url": page_url(trust, post),
        "expires_at": expires_at(vacancy).isoformat(),
        "job_title": post.title,
        "job_advert": advert_html(advert_text(post)),
        "salary": "; ".join(str(line) for line in salary),
        "external_reference": external_reference(trust, post),
        "job_roles": list(vacancy.job_roles),
        "working_patterns": [working_pattern(post)],
        "contract_type": contract_type(vacancy.contract),
        "phases": list(school.phases),
        "schools": schools,
    }
    optional: dict[str, Any] = {
        "publish_on": vacancy.publish_on.isoformat() if vacancy.publish_on else None,
        "starts_on": vacancy.start_date or None,
        "key_stages": list(vacancy.key_stages) or None,
        "subjects": list(vacancy.subjects) or None,
        "is_job_share": vacancy.is_job_share,
        "ect_suitable": vacancy.ect_suitable,
        "visa_sponsorship_available": vacancy.visa_sponsorship_available,
    }
    body.update({key: value for key, value in optional.items() if value is not None})
    return {"vacancy": body}


def wanted_vacancies(checked: Checked, now: dt.datetime) -> list[Wanted]:
    """Every vacancy the service should carry at `now` (London time), in post order."""
    trust = checked.trust
    out = []
    for post_id, post in sorted(checked.posts.items()):
        if not is_sent(post, now):
            continue
        origin = post.origin("vacancy")
        out.append(Wanted(post_id, post.school.id, post.slug, origin.file, origin.line,
                          external_reference(trust, post), vacancy_body(post, trust)))
    return out
