"""A sample template context, shaped exactly as docs/templates.md documents it.

Content follows the Westminster School's Learning Support Practitioner pack (seed 000), with one duty
and one criterion carrying awkward text (markup characters, typographic quotes, Welsh, emoji and a
literal Jinja tag) that every renderer must print literally.
"""

from __future__ import annotations

import copy
import datetime
import struct
import zlib
from pathlib import Path

from jobpack.render.html import render_html
from jobpack.render.lookup import BUILTIN_DIR
from jobpack.render.pdf import render_pdfs

TRICKY = "Pupils & staff <say> \"hello\" – it’s £5 at the café in Llanŵrtyd 😀 {{ not a var }}"

METHODS = [
    {"code": "A", "name": "Application form"},
    {"code": "I", "name": "Interview"},
    {"code": "R", "name": "References"},
    {"code": "C", "name": "Certificates"},
]
_M = {m["code"]: m for m in METHODS}


def _criterion(
    cid: str,
    text: str,
    need: str = "essential",
    assessed: str = "AI",
    alternatives: list[str] | None = None,
    level: int | None = None,
    level_name: str = "",
) -> dict:
    return {
        "id": cid,
        "text": text,
        "alternatives": alternatives or [],
        "need": need,
        "assessed": [_M[c] for c in assessed],
        "level": level,
        "level_name": level_name,
    }


def _items(prefix: str, texts: list[str]) -> list[dict]:
    return [{"id": f"{prefix}-{i}", "text": t} for i, t in enumerate(texts, 1)]


BASE: dict = {
    "trust": {"name": "Example Learning Trust", "issue_date": "4 November 2024", "version": "2024.1"},
    "school": {
        "id": "westminster",
        "name": "The Westminster School",
        "phase": "Special school (secondary)",
        "address": "Harrow Road, London W9 3RS",
        "colour": "#1f4e79",
        "logo": "",
    },
    "document": {"kind": "job-description", "title": "Job description", "in_pack": False, "safeguarding": True},
    "methods": METHODS,
    "post": {
        "all_essential": False,
        "id": "westminster/learning-support-practitioner",
        "slug": "learning-support-practitioner",
        "title": "Learning Support Practitioner",
        "responsible_to": "Assistant/Deputy Head Teachers",
        "line_manages": "None",
        "documents": ["job-description", "person-specification"],
        "grade": "Band D (SCP 9–17)",
        "grade_note": "",
        "pay_year": "2024-25 NJC pay",
        "sections": [],
        "reasonable_adjustments": "",
        "signatures": [],
        "salary": [
            "£26,409 – £30,060 FTE",
            "Actual salary £20,698 – £23,560 (pro rata)",
            "SEN allowance £1,491 per annum",
        ],
        "hours": "32.5 hours per week, term time only plus 5 INSET days",
        "pattern": [
            {"days": "Mon, Wed, Thu, Fri", "start": "08:40", "end": "15:15", "break_minutes": 30,
             "breaks": "30 minutes, unpaid"},
            {"days": "Tue", "start": "08:40", "end": "17:00", "break_minutes": 30,
             "breaks": "30 minutes, unpaid"},
        ],
        "hours_note": "Plus 20 minutes contingency time.",
        "summary": [
            "Taking charge of a group or class under the direction and control of the Assistant/Deputy "
            "Head Teachers or other designated teachers.",
            "To provide pastoral support to pupils under the direction of Pathway Leads when not needed "
            "for cover.",
        ],
        "duty_areas": [
            {
                "id": "teachers",
                "title": "Support for teachers",
                "items": _items("t", [
                    "Supervision of a group or class who are undertaking preset work, under the direction "
                    "and control of the Assistant Head Teachers, or other designated teachers.",
                    "Promote good pupil behaviour, dealing promptly with conflict and incidents in line "
                    "with school policy.",
                    "Respond to any questions from pupils about process and procedures.",
                    "Dealing with immediate problems or emergencies according to school policies and "
                    "procedures.",
                    "Collection of completed work after lessons and return of work to the appropriate "
                    "teacher.",
                    "Administer routine tests and invigilate examinations.",
                    "Undertake routine marking of pupils' work where appropriate.",
                    "Promote the inclusion and acceptance of all pupils.",
                    "Provide clerical and administrative support, for example photocopying, typing and "
                    "filing, as required by the Leadership Group.",
                    "Attend and participate in regular meetings.",
                    TRICKY,
                ]),
            },
            {
                "id": "pupils",
                "title": "Support for pupils",
                "items": _items("p", [
                    "To facilitate the pupils' development and skills in the use of resources including ICT.",
                    "To support individual/group work across the curriculum to raise levels of achievement.",
                    "To maintain pupils' interests and motivation.",
                    "Assisting pupils with dress/changing for activities/personal hygiene where necessary.",
                    "To support the care and welfare of pupils to include toileting and feeding as required.",
                    "To escort pupils around school premises and take home if required.",
                    "To provide specialist support to pupils in line with their EHCP.",
                ]),
            },
            {
                "id": "school",
                "title": "Support for the school",
                "items": _items("s", [
                    "Contribute to the development and maintenance of school policies and procedures.",
                    "Prepare rooms, equipment and displays.",
                    "Promote high standards of behaviour throughout school in accordance with the "
                    "school’s Behaviour Policy.",
                    "Support the maintenance of a safe environment.",
                ]),
            },
        ],
        "clauses": [
            {
                "id": "other-duties",
                "title": "Other duties",
                "text": "Such other duties as may be appropriate to achieve the objectives of the post, "
                "commensurate with the post holder's salary grade, abilities and aptitudes.",
            },
            {
                "id": "health-and-safety",
                "title": "Health and safety",
                "text": "The post holder must at all times carry out their responsibilities with due regard "
                "to the Trust's policy, organisation and arrangements for Health and Safety at Work.",
            },
            {
                "id": "flexibility",
                "title": "Flexibility",
                "text": "All staff are expected to accept reasonable flexibility in working arrangements and "
                "the allocation of duties to reflect the changing needs of the school.",
            },
        ],
        "criteria_categories": [
            {
                "id": "qualifications",
                "title": "Qualifications and training",
                "items": [
                    _criterion(
                        "level-3", "NVQ 3 in Childcare or equivalent", assessed="AC",
                        alternatives=[
                            "NVQ 3 in Childcare, BTEC or NNEB/Diploma in Childcare and Education",
                            "Equivalent relevant experience",
                        ],
                    ),
                    _criterion("gcse", "GCSE English and Maths at C/4 or equivalent.", assessed="AC"),
                    _criterion(
                        "training", "Willingness to undertake training as and when required, including "
                        "first aid training.", assessed="I",
                    ),
                ],
            },
            {
                "id": "experience",
                "title": "Experience",
                "items": [
                    _criterion(
                        "complex-behaviour", "Experienced in, and willing to work with, pupils exhibiting "
                        "complex behaviour.", assessed="AIR",
                    ),
                    _criterion("cover", "Experience in cover supervising lessons.", need="desirable",
                               assessed="IR"),
                ],
            },
            {
                "id": "skills",
                "title": "Knowledge and skills",
                "items": [
                    _criterion(
                        "mld", "Able to demonstrate an awareness and understanding of the needs of MLD+ "
                        "pupils across age ranges and phases.",
                    ),
                    _criterion("strategies", "Knowledge of teaching and learning strategies.",
                               need="desirable", assessed="I"),
                    _criterion("tricky", TRICKY, assessed="I"),
                ],
            },
        ],
        "levels": [],
        "recruitment": [
            {"label": "DBS check", "value": "Enhanced DBS check with children’s barred list"},
            {"label": "Regulated activity", "value": "Yes"},
            {"label": "Rehabilitation of Offenders Act 1974", "value": "Exempt"},
            {"label": "Online search", "value": "Shortlisted candidates may be subject to an online search"},
            {"label": "Politically restricted", "value": "No"},
            {"label": "Fluent English (Part 7, Immigration Act 2016)", "value": "Required"},
            {"label": "Safety critical", "value": "No"},
            {"label": "Special conditions", "value": "The school operates a no-smoking policy."},
        ],
        "safeguarding": "The Westminster School is committed to safeguarding and promoting the welfare of "
        "children and young people and expects all staff and volunteers to share this commitment.",
        "physical": [
            {"label": "Lifting / manual handling / client handling", "applies": True},
            {"label": "Prolonged standing or sitting", "applies": False},
            {"label": "Working outdoors", "applies": False},
            {"label": "Working with children or vulnerable adults", "applies": True},
            {"label": "Working with challenging behaviours", "applies": True},
            {"label": "Using restraint", "applies": False},
        ],
    },
}

_TITLES = {"job-description": "Job description", "person-specification": "Person specification"}


def sample_context(kind: str = "job-description", *, levelled: bool = False, logo: str = "") -> dict:
    """A fresh copy of the sample context for one document kind (tests may change it freely)."""
    context = copy.deepcopy(BASE)
    context["document"] = {"kind": kind, "title": _TITLES[kind], "signatories": [], "in_pack": False,
                           "safeguarding": True}
    context["school"]["logo"] = logo
    if levelled:
        post = context["post"]
        post["levels"] = ["Level 1", "Level 2", "Level 3"]
        for category in post["criteria_categories"]:
            for n, item in enumerate(category["items"]):
                level = [None, 1, 2, 3][n % 4]
                item["level"] = level
                item["level_name"] = post["levels"][level - 1] if level else ""
    return context


def all_texts(context: dict) -> list[str]:
    """Every piece of post content a rendered document must show (for the completeness tests)."""
    post = context["post"]
    texts = list(post["summary"]) + list(post["salary"])
    texts += [item["text"] for area in post["duty_areas"] for item in area["items"]]
    texts += [clause["text"] for clause in post["clauses"]]
    return texts


def criteria_texts(context: dict) -> list[str]:
    """The criteria as printed: each alternative on its own, else the criterion's text."""
    out: list[str] = []
    for category in context["post"]["criteria_categories"]:
        for item in category["items"]:
            out += item["alternatives"] or [item["text"]]
    return out


KINDS = ("job-description", "person-specification")
ISSUE_DATE = datetime.date(2024, 11, 4)
PACK_TITLE = "Learning Support Practitioner: job pack"


def write_png(path: Path, width: int = 8, height: int = 4) -> Path:
    """A tiny solid-colour PNG, written by hand so the tests need no imaging library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x1f\x4e\x79" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
                     + chunk(b"IEND", b""))
    return path


def render_all_pdfs(contexts: dict[str, dict], base_url: str) -> dict[str, bytes]:
    html = {kind: render_html([BUILTIN_DIR], kind, contexts[kind]) for kind in KINDS}
    folder = Path(base_url.removeprefix("file://"))  # the logo's folder: the only files these PDFs may load
    return render_pdfs(html["job-description"], html["person-specification"], base_url, PACK_TITLE, ISSUE_DATE,
                       roots=[folder, BUILTIN_DIR])
