"""How a trust controls the lints in trust.yaml: `lints:` (severities, thresholds, extra terms) and
`glossary:` (acronym -> what it stands for).

Plain pydantic models, so a typo in a lint id gets the same "did you mean" message as any other key and
editors autocomplete the ids from the JSON Schema. `LINT_IDS` is the one list of lint ids; a test checks
it against the data files and `Severities`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Severity = Literal["off", "warning", "error"]
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

LINT_IDS = (
    # equality (Equality Act 2010)
    "age-coded", "years-experience", "native-speaker", "driving-licence", "or-equivalent",
    "health-disability", "physical-fitness", "gender-coded",
    # plain English
    "sentence-length", "reading-ease", "acronym",
    # safer recruitment
    "safer-recruitment", "safeguarding-criterion", "vacancy-details",
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Severities(_Strict):
    """Each lint's severity: off (not checked), warning (shown; fails only `check --strict`) or error."""

    age_coded: Severity = Field("warning", alias="age-coded")
    years_experience: Severity = Field("warning", alias="years-experience")
    native_speaker: Severity = Field("warning", alias="native-speaker")
    driving_licence: Severity = Field("warning", alias="driving-licence")
    or_equivalent: Severity = Field("warning", alias="or-equivalent")
    health_disability: Severity = Field("warning", alias="health-disability")
    physical_fitness: Severity = Field("warning", alias="physical-fitness")
    gender_coded: Severity = Field("warning", alias="gender-coded")
    sentence_length: Severity = Field("warning", alias="sentence-length")
    reading_ease: Severity = Field("warning", alias="reading-ease")
    acronym: Severity = Field("warning")
    safer_recruitment: Severity = Field("warning", alias="safer-recruitment")
    safeguarding_criterion: Severity = Field("warning", alias="safeguarding-criterion")
    vacancy_details: Severity = Field("warning", alias="vacancy-details")

    @model_validator(mode="before")
    @classmethod
    def _off(cls, value: Any) -> Any:
        """YAML reads a bare `off` as false: it means off."""
        if isinstance(value, dict):
            return {k: "off" if v is False else v for k, v in value.items()}
        return value

    def of(self, lint_id: str) -> Severity:
        return getattr(self, lint_id.replace("-", "_"))


class TrustTerm(_Strict):
    """A phrase a trust adds to one of the phrase lints (its severity and `allow:` follow that lint)."""

    id: Annotated[str, Field(pattern=SLUG, description="the term's own id (also accepted in allow:)")]
    lint: Literal["age-coded", "years-experience", "native-speaker", "driving-licence", "or-equivalent",
                  "health-disability", "physical-fitness"]
    pattern: Annotated[str, Field(min_length=2, max_length=300,
                                  description="the words to flag: a regular expression, matched ignoring case")]
    why: Annotated[str, Field(min_length=1, description="one plain sentence saying why, with its source")]
    suggestion: str = ""

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            regex.compile(value, regex.V0)
        except regex.error as exc:
            raise ValueError(f"the pattern cannot be read ({exc.msg}); write the words to flag, e.g. "
                             "'go-getter', with \\b for a word boundary") from None
        return value


class LintSettings(_Strict):
    """trust.yaml `lints:`: what `jobpack check` looks for in the wording, and how strictly."""

    severity: Severities = Severities()
    max_sentence_words: int = Field(30, ge=10, le=200, description="longest sentence, in words")
    min_reading_ease: float = Field(10, ge=-50, le=100,
                                    description="lowest Flesch reading ease a document may have (0-100)")
    terms: list[TrustTerm] = []


Acronym = Annotated[str, Field(pattern=r"^[A-Z][A-Za-z0-9+&/]*[A-Z0-9+]$", description="e.g. SLT")]
Glossary = dict[Acronym, Annotated[str, Field(min_length=1)]]
