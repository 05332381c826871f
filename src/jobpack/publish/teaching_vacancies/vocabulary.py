"""The service's words, for the publishing side. They are defined in load/models/teaching_vacancies.py, below
every stage, because `jobpack check` validates vacancies against the same lists offline."""

from __future__ import annotations

from jobpack.load.models.teaching_vacancies import (
    CONTRACT_TYPES,
    JOB_ROLES,
    KEY_STAGES,
    KEY_VARIABLE,
    MAX_JOB_TITLE,
    PHASES,
    PRODUCTION_URL,
    STAGING_URL,
    SUBJECTS,
    WORKING_PATTERNS,
)

__all__ = ["CONTRACT_TYPES", "JOB_ROLES", "KEY_STAGES", "KEY_VARIABLE", "MAX_JOB_TITLE", "PHASES",
           "PRODUCTION_URL", "STAGING_URL", "SUBJECTS", "WORKING_PATTERNS", "ALLOWED_TAGS"]

ALLOWED_TAGS = ("p", "br", "strong", "em", "ul", "li", "h1", "h2", "h3", "h4", "h5", "a", "blockquote")
"""The only HTML the service keeps in a job advert; anything else it strips."""
