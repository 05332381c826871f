"""The DfE Teaching Vacancies service's vocabulary (ATS API v1), and the trust's settings for publishing to it.

The lists live here, at the bottom of the stages, because `jobpack check` validates a vacancy against them
offline and `jobpack publish teaching-vacancies` sends them; both must read the same words. The service
froze v1's values (new values may only be added), so a value missing here is added, never renamed.

The fields on a post's vacancy and a school stay plain text in the models: `jobpack check` names the
closest of the service's words ("did you mean 'teaching_assistant'?"), which a bare enum error cannot.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from jobpack.load.models.base import Strict

JOB_ROLES = (
    "teacher", "headteacher", "deputy_headteacher", "assistant_headteacher", "head_of_year_or_phase",
    "head_of_department_or_curriculum", "teaching_assistant", "higher_level_teaching_assistant",
    "education_support", "sendco", "administration_hr_data_and_finance", "catering_cleaning_and_site_management",
    "it_support", "pastoral_health_and_welfare", "other_leadership", "other_support",
)
PHASES = ("nursery", "primary", "secondary", "sixth_form_or_college", "through")
KEY_STAGES = ("early_years", "ks1", "ks2", "ks3", "ks4", "ks5")
WORKING_PATTERNS = ("full_time", "part_time")
CONTRACT_TYPES = ("permanent", "fixed_term", "casual")
SUBJECTS = (
    "Accounting", "Art and design", "Biology", "Business studies", "Chemistry", "Citizenship", "Classics",
    "Computing", "Dance", "Design and technology", "Drama", "Economics", "Engineering", "English",
    "Food technology", "French", "Geography", "German", "Health and social care", "History", "Humanities",
    "ICT", "Languages", "Law", "Mandarin", "Mathematics", "Media studies", "Music", "Philosophy",
    "Physical education", "Physics", "PSHE", "Psychology", "Religious education", "Science", "Social sciences",
    "Sociology", "Spanish", "Statistics",
)
"""The service's 40 subject names as written, capitals and all (V1_SUBJECTS in the DfE teaching-vacancies
repository's contract; v1 values are only ever added to)."""

MAX_JOB_TITLE = 75
PRODUCTION_URL = "https://teaching-vacancies.service.gov.uk/ats-api/v1"
STAGING_URL = "https://staging.teaching-vacancies.service.gov.uk/ats-api/v1"
KEY_VARIABLE = "TEACHING_VACANCIES_API_KEY"

URN = r"^\d{6}$"
"""A school's unique reference number on Get Information about Schools: six digits."""
Urn = Annotated[str, Field(pattern=URN, description="the school's URN on Get Information about Schools: six "
                                                     "digits, e.g. \"100000\" (in quotes)")]


def _words(values: tuple[str, ...]) -> str:
    return ", ".join(values)


class TeachingVacanciesSettings(Strict):
    """The trust's identity on Teaching Vacancies. Its presence in trust.yaml is what turns the publishing
    (and the checks of every open vacancy against the service's rules) on."""

    trust_uid: Annotated[str, Field(pattern=r"^\d{1,8}$")] | None = Field(
        None, description="the trust's group UID on Get Information about Schools, e.g. \"16644\" (in quotes); "
        "sent with the school's URN so the service files the vacancy under the trust")


KeyStage = Annotated[str, Field(description="one of " + _words(KEY_STAGES))]
JobRole = Annotated[str, Field(description="one of " + _words(JOB_ROLES))]
Phase = Annotated[str, Field(description="one of " + _words(PHASES))]
Subject = Annotated[str, Field(description="a subject as the service names it, e.g. Mathematics or PSHE")]
