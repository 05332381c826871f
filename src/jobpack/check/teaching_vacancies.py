"""The Teaching Vacancies contract, checked offline: every open vacancy the trust would send, against the rules
the DfE service enforces (ATS API v1), so a mistake is found by `jobpack check` on the pull request, with the
line to change, and never as a rejected request on main.

It also holds the few facts both the check and the publishing derive from a post (which vacancies are sent,
their contract type, working pattern, closing time and reference), so the two can never disagree. Nothing
here applies unless trust.yaml has `teaching_vacancies:`: trusts that do not publish get no new problems.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Protocol

from jobpack.compose.advert import advert_text
from jobpack.compose.post import ResolvedPost
from jobpack.errors import Problem, did_you_mean
from jobpack.load.models.base import slugify
from jobpack.load.models.post import Vacancy
from jobpack.load.models.teaching_vacancies import JOB_ROLES, KEY_STAGES, MAX_JOB_TITLE, PHASES, SUBJECTS
from jobpack.load.models.trust import Trust
from jobpack.load.yamlfile import YamlDoc

if TYPE_CHECKING:
    from jobpack.load import TrustFiles

class Checked(Protocol):
    """What these rules read of a validation's outcome (check/validate.py's Checked has it; naming only
    this keeps the rules from importing validation, which calls them)."""

    files: TrustFiles
    posts: dict[str, ResolvedPost]


DEFAULT_CLOSING_TIME = "23:59"
"""When the advert closes on its closing date if the vacancy gives no `closing_time`: the end of the day."""
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?>")


def opted_in(trust: Trust) -> bool:
    """Whether the trust publishes to Teaching Vacancies (trust.yaml has `teaching_vacancies:`)."""
    return trust.teaching_vacancies is not None


def expires_at(vacancy: Vacancy) -> dt.datetime:
    """The moment the advert closes, in London time without a zone (as the service reads it)."""
    hour, minute = re.split(r"[:.]", vacancy.closing_time or DEFAULT_CLOSING_TIME)
    return dt.datetime.combine(vacancy.closing_date, dt.time(int(hour), int(minute)))


def london_now() -> dt.datetime:
    """Now on a London clock, without a zone: what `expires_at` is compared with."""
    from zoneinfo import ZoneInfo

    return dt.datetime.now(ZoneInfo("Europe/London")).replace(tzinfo=None, microsecond=0)


def is_sent(post: ResolvedPost, now: dt.datetime) -> bool:
    """Whether `post` is an open vacancy the service should carry at `now` (London time)."""
    return post.vacancy is not None and expires_at(post.vacancy) > now


def contract_type(contract: str) -> str | None:
    """The service's contract type for the vacancy's `contract:` text ("Permanent, term time only" is
    permanent; "Fixed term to 31 August 2027" is fixed_term); None when the text says neither, or both."""
    words = contract.casefold()
    found = [kind for kind, pattern in (("permanent", r"\bpermanent\b"), ("fixed_term", r"\bfixed[\s-]*term\b"),
                                        ("casual", r"\bcasual\b")) if re.search(pattern, words)]
    return found[0] if len(found) == 1 else None


def working_pattern(post: ResolvedPost) -> str | None:
    """full_time at the trust's full-time hours or more, else part_time; None when the post states no hours."""
    full = post.terms.full_time if post.terms else None
    return None if full is None else "full_time" if full else "part_time"


def reference_prefix(trust: Trust) -> str:
    """What every one of this trust's references starts with: how a run knows which vacancies it may withdraw."""
    return slugify(trust.name) + "/"


def external_reference(trust: Trust, post: ResolvedPost) -> str:
    """The vacancy's stable name on the service: the trust, school, post, and the vacancy's own reference (or,
    without one, its posted date, else its closing date). Editing the advert keeps it; advertising the post
    again with a new reference makes a new vacancy."""
    assert post.vacancy is not None
    vacancy = post.vacancy
    key = slugify(vacancy.reference) if vacancy.reference else (vacancy.posted or vacancy.closing_date).isoformat()
    return f"{reference_prefix(trust)}{post.school.id}/{post.slug}/{key}"


def contract_problems(checked: Checked, today: dt.date | None = None) -> list[Problem]:
    """Every way an open vacancy breaks the service's rules, where it is written; nothing unless opted in.

    A vacancy that closed before `today` is not checked: it is never sent, and an old advert left in a post
    is no mistake (the website stops showing it too). So a vacancy that is sent has a closing date to come,
    and its publish date must fall at least a day before it."""
    trust_file = checked.files.trust
    if trust_file is None or not opted_in(trust_file.model):
        return []
    today = today or london_now().date()
    trust, doc = trust_file.model, trust_file.doc
    problems: list[Problem] = []
    schools = {school.id: n for n, school in enumerate(trust.schools)}
    wanted = [p for p in checked.posts.values() if p.vacancy is not None and p.vacancy.closing_date >= today]
    if wanted and not trust.website:
        problems.append(doc.problem(("teaching_vacancies",), "Teaching Vacancies links every advert to the post's "
                                    "page on the trust's website, and trust.yaml has no website: address.",
                                    "Add website: https://... (where 'jobpack site' is published) to trust.yaml.",
                                    key=True))
    for post in sorted(wanted, key=lambda p: p.id):
        problems += _post_problems(checked, post)
        problems += _school_problems(doc, schools[post.school.id], post)
    return problems


def _vacancy_doc(checked: Checked, post: ResolvedPost) -> tuple[YamlDoc, tuple[str, ...]]:
    """The file the post's vacancy is written in (a role profile's, perhaps), and the chain to the post."""
    origin = post.origin("vacancy")
    files = checked.files.posts
    where = files[origin.post].doc if origin.post in files else files[post.id].doc
    return where, ((post.file,) if origin.post != post.id else ())


def _post_problems(checked: Checked, post: ResolvedPost) -> list[Problem]:
    vacancy = post.vacancy
    assert vacancy is not None
    where, chain = _vacancy_doc(checked, post)
    files = checked.files.posts
    problems: list[Problem] = []

    def at(loc: tuple, message: str, hint: str, key: bool = False) -> None:
        problems.append(where.problem(("vacancy", *loc), message, hint, key=key, chain=chain))

    if len(post.title) > MAX_JOB_TITLE:
        origin = post.origin("title")
        title_doc = files[origin.post].doc if origin.post in files else files[post.id].doc
        problems.append(title_doc.problem(("title",), f"The title is {len(post.title)} characters long; Teaching "
                                          f"Vacancies takes job titles of up to {MAX_JOB_TITLE} characters.",
                                          "Shorten the title (the school's name is shown beside it there).",
                                          chain=(post.file,) if origin.post != post.id else ()))
    if not vacancy.job_roles:
        at((), f"The vacancy for '{post.title}' has no job_roles: Teaching Vacancies needs at least one.",
           "Add job_roles: [...] under vacancy:, e.g. job_roles: [teaching_assistant]. The service's job roles: "
           + ", ".join(JOB_ROLES) + ".", key=True)
    for field, allowed, what in (("job_roles", JOB_ROLES, "job role"), ("key_stages", KEY_STAGES, "key stage"),
                                 ("subjects", SUBJECTS, "subject")):
        for n, value in enumerate(getattr(vacancy, field)):
            if value not in allowed:
                at((field, n), f"'{value}' is not a {what} Teaching Vacancies knows.",
                   did_you_mean(value, allowed, what))
    if contract_type(vacancy.contract) is None:
        said = f"'{vacancy.contract}' does not say" if vacancy.contract else "The vacancy does not say"
        at(("contract",) if vacancy.contract else (), f"{said} whether the contract is permanent, fixed term or "
           "casual, which Teaching Vacancies needs.", "Write contract: Permanent (or Fixed term ..., or Casual) "
           "under vacancy:.", key=not vacancy.contract)
    if working_pattern(post) is None:
        at((), f"'{post.title}' states no hours a week, so Teaching Vacancies cannot be told whether it is full "
           "or part time.", "Give the post hours: per_week: ... .", key=True)
    if post.terms is None or post.terms.grade is None:
        at((), f"'{post.title}' has no pay grade, so there is no salary to send to Teaching Vacancies (it needs "
           "one).", "Give the post pay: grade: ... .", key=True)
    if vacancy.publish_on is not None and vacancy.closing_date < vacancy.publish_on + dt.timedelta(days=1):
        at(("publish_on",), f"The vacancy would appear on Teaching Vacancies on {vacancy.publish_on:%d %B %Y} but "
           f"closes on {vacancy.closing_date:%d %B %Y}: the service needs the closing date at least a day after it.",
           "Move publish_on earlier or closing_date later.")
    advert = advert_text(post)
    if not advert.strip():
        at((), f"'{post.title}' has no advert or job summary to send as Teaching Vacancies' job advert.",
           "Write advert: ... under vacancy: (a few sentences for candidates), or a summary: for the post.", key=True)
    elif tag := _TAG.search(advert):
        problems.append(Problem(advert.file or post.file, "The advert contains what looks like an HTML tag "
                                f"('{tag.group()[:40]}'): Teaching Vacancies would show it as "
                                "written, not as formatting.", advert.line,
                                hint="Write **bold**, *italic* or [text](https://...) instead.",
                                severity="warning", chain=chain))
    return problems


def _school_problems(doc: YamlDoc, index: int, post: ResolvedPost) -> list[Problem]:
    school = post.school
    problems: list[Problem] = []
    if not school.urn:
        problems.append(doc.problem(("schools", index), f"{school.name} has open vacancies to send but no urn:"
                                    " Teaching Vacancies files every vacancy under the school's URN.",
                                    "Add urn: \"123456\" (the school's six-digit URN on Get Information about "
                                    "Schools) to the school in trust.yaml.", key=True))
    if not school.phases:
        problems.append(doc.problem(("schools", index), f"{school.name} has open vacancies to send but no "
                                    "phases: Teaching Vacancies needs the school's phases.",
                                    "Add phases: [...] to the school, from: " + ", ".join(PHASES) + ".", key=True))
    for n, phase in enumerate(school.phases):
        if phase not in PHASES:
            problems.append(doc.problem(("schools", index, "phases", n), f"'{phase}' is not a phase Teaching "
                                        "Vacancies knows.", did_you_mean(phase, PHASES, "phase")))
    return problems
