"""The words job packs use for their parts: heading synonyms, key-fact labels, form boilerplate, clause
signatures and how-assessed wording. Built in for the sector's usual documents; a trust adds its own
headings and phrases in trust.yaml under `import:` (docs/import.md)."""

from __future__ import annotations

import re

SUMMARY = [
    "job summary",
    "summary",
    "purpose",
    "job purpose",
    "purpose of the job",
    "main purpose of the job",
    "main purpose",
    "overall purpose",
    "role purpose",
    "purpose of the role",
    "about the role",
    "overview",
    "summary of the role",
    "job overview",
]
GENERIC_DUTIES = [
    "duties and responsibilities",
    "main responsibilities",
    "key responsibilities",
    "responsibilities",
    "main duties",
    "duties",
    "key tasks",
    "key accountabilities",
    "specific duties",
    "main tasks",
    "principal duties",
    "main duties and responsibilities",
]
# A heading not in the lists above, read by its words (normalised: "duties" -> "duty").
HEADING_MEANINGS: dict[str, set[str]] = {
    "summary": {"purpose", "summary", "description", "overview", "outline"},
    "duties": {"duty", "responsibility", "task", "accountability"},
    "signatures": {"signature"},
}
SUMMARY += ["level description", "purpose of the post", "job summary", "role summary", "the role"]
GENERIC_DUTIES += ["typical duties at this level"]
CLAUSE_ZONES = ["other duties", "general", "note", "notes", "general conditions", "other information",
                "general responsibilities"]
SIGNATURE_ZONES = ["signatures", "signature", "signed", "agreement"]
FACT_ZONES = ["position profile", "key facts", "job details", "post details", "job information",
              "daily working pattern", "working pattern", "hours of work", "working hours"]
PATTERN_HEADERS = {"days", "day", "start", "finish", "end", "break", "breaks", "times", "time", "hours"}
FORM_ZONES = [
    "background checks",
    "politically restricted post",
    "main physical activities requirements of the post",
    "safety critical posts",
    "language requirements",
    "for office use only",
    "office use only",
    "safeguarding and safer recruitment",
    "safer recruitment",
    "physical requirements",
    "main physical activities",
]
PHYSICAL_ZONE = "main physical activities requirements of the post"

# Heading words -> the words of a trust title they stand for (matched against the trust's own titles).
SYNONYMS: dict[str, str] = {
    # duty areas
    "learners and families": "pupils",
    "learners": "pupils",
    "students": "pupils",
    "children": "pupils",
    "pupils and families": "pupils",
    "further support to teachers": "teachers",
    "teaching staff": "teachers",
    "with curriculum": "curriculum",
    "the curriculum": "curriculum",
    "whole school": "school",
    "the organisation": "school",
    "schools and partners": "schools and partner institutions",
    "partners": "schools and partner institutions",
    # person-specification categories
    "special knowledge": "knowledge and skills",
    "knowledge": "knowledge and skills",
    "skills": "knowledge and skills",
    "practical and intellectual skills": "knowledge and skills",
    "skills and understanding": "knowledge and skills",
    "knowledge and understanding": "knowledge and skills",
    "knowledge skills": "knowledge and skills",
    "skills and abilities": "knowledge and skills",
    "abilities": "knowledge and skills",
    "disposition": "personal qualities",
    "qualities": "personal qualities",
    "personal attributes": "personal qualities",
    "attributes": "personal qualities",
    "personal skills and qualities": "personal qualities",
    "circumstances personal": "circumstances",
    "special requirements": "circumstances",
    "other requirements": "circumstances",
    "qualifications and experience": "qualifications",
    "qualifications and training": "qualifications",
    "education and qualifications": "qualifications",
    "education and training": "qualifications",
    "equal opportunities": "equality",
    "commitment to the following": "commitment",
    "professional development": "continuing professional development",
    "cpd": "continuing professional development",
}

FACT_LABELS: dict[str, list[str]] = {
    "title": ["job title", "post title", "post", "position", "role", "job", "title of post", "title"],
    "school": ["school", "establishment", "academy", "location", "workplace", "place of work", "school name"],
    "grade": [
        "grade",
        "band",
        "band job group",
        "scale",
        "pay scale",
        "pay band",
        "grade scale",
        "salary grade",
        "job group",
    ],
    "salary": ["salary", "remuneration", "pay", "salary range"],
    "hours": ["hours", "hours weeks", "working hours", "hours of work", "contract", "contract type", "weeks"],
    "responsible_to": [
        "responsible to",
        "line managed by",
        "reports to",
        "reporting to",
        "accountable to",
        "line manager",
    ],
    "line_manages": ["line managing", "line manages", "responsible for", "manages", "line management of"],
}
FORM_LABELS = [
    "directorate",
    "je reference no",
    "je reference",
    "completed by",
    "date of issue",
    "service",
    "commencement date",
    "department",
    "reference",
    "post number",
    "job reference",
    "start date",
    "closing date",
    "date",
]

BOILERPLATE = [
    re.compile(r"^(what|how far|how much|are there|is this post|is there|having reviewed)\b.*", re.I),
    re.compile(r"\bdoes the job require\b", re.I),
    re.compile(r"^please (✓|tick|indicate)", re.I),
    re.compile(r"^\s*(yes|no|n/?a)\s*[☐☑]?\s*$", re.I),
    re.compile(r"^[\s☐☑]+$"),
    re.compile(r"remaining sections are to be completed", re.I),
    re.compile(r"^the person(nel)? specification (outlines|is intended|sets out)", re.I),  # with no PS_INTRO
    re.compile(r"guidance on completing", re.I),
    re.compile(r"^applicants can (gain|obtain) further information", re.I),
    re.compile(r"^page \d+( of \d+)?$", re.I),
]
PS_INTRO = re.compile(r"^the person(nel)? specification (outlines|is intended|sets out)", re.I)
"""A form's introduction to the person specification: the trust's documents print their own."""
SIGNATURE = re.compile(
    r"^(signed|signature|date|name of (post ?holder|line manager|head ?teacher|headteacher|manager)|issued by|"
    r"received by|print name|name)\b[^.]{0,80}$",
    re.I,
)

# Who signs, from a signature line's words (the trust's signatories: post-holder, line-manager, headteacher ...).
SIGNATORIES: list[tuple[str, str]] = [
    (r"post ?holder|job ?holder|employee", "post-holder"),
    (r"line manager|\bmanager\b", "line-manager"),
    (r"head ?teacher|principal", "headteacher"),
    (r"issued by", "issued-by"),
    (r"received by", "received-by"),
]
# 'Label: value' lines that are rows of one of the trust's sections (matched by words of its id or title).
SECTION_LABELS: list[tuple[str, list[str]]] = [
    (r"^responsibilit(y|ies) for\b", ["resource"]),
    (r"^(control|use|care) of (resources|equipment|budgets?|finance)", ["resource"]),
    (r"^(internal|external)( contacts?| relationships?)?$", ["relationship"]),
    (r"^(key )?contacts?$", ["relationship"]),
    (r"^(personnel|finance|equipment|budgets?|physical resources|information|supervision of staff)$", ["resource"]),
]

# Built-in signatures of the standard clauses, by what the clause is about (matched to the trust's clause
# ids and titles by these words).
CLAUSE_SIGNS: dict[str, list[str]] = {
    "safeguarding": ["committed to safeguarding and promoting the welfare"],
    "equality": [
        "policy on equality",
        "policies on equality",
        "equal opportunities policy",
        "harmonious working",
        "promotes equality of opportunity",
        "equality of opportunity, dignity",
    ],
    "health": [
        "health and safety at work",
        "reasonable care for his",
        "reasonable care for her",
        "reasonable care for their own health",
    ],
    "other duties": [
        "such other duties",
        "reasonable flexibility in working",
        "any additional duties",
        "other duties, training",
        "other duties as may",
    ],
    "comprehensive": ["not necessarily a comprehensive", "not an exhaustive", "not exhaustive"],
}
DBS = re.compile(r"\b(dbs|disclosure and barring|criminal records?)\b", re.I)

# How-assessed wording -> a word of the trust's assessment method names.
ASSESSED_WORDS: dict[str, str] = {
    "application": "application",
    "interview": "interview",
    "reference": "reference",
    "certificate": "certificate",
    "records": "certificate",
    "qualifications held": "certificate",
    "verified": "certificate",
    "task": "task",
    "observation": "observation",
    "presentation": "task",
    "exercise": "task",
    "demonstration": "task",
    "selection process": "task",
    "selection methods": "task",
    "group discussion": "task",
    "test": "task",
    "problem-solving": "task",
}
MARKS = {"✓", "✔", "☑", "x", "X", "✗", "yes", "Yes", "YES", "*", "•", "E", "D", "e", "d"}
