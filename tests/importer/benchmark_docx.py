"""A job description shaped differently from the seeds, written for the import tests with python-docx: a
council "benchmark role profile" for a teaching assistant, in the style councils publish (nothing copied from
one). Its headings are not the trust's words ("LEVEL DESCRIPTION", "TYPICAL DUTIES AT THIS LEVEL", "Working
with pupils", "RELATIONSHIPS (internal and external):"), its hours have minutes, a daily pattern and breaks,
it has "Responsibility for ...:" lines, a special-conditions section, a school's own equality clause, a
safeguarding sentence in the hours cell, an organisational chart heading and two signature lines.
"""

from __future__ import annotations

from pathlib import Path

import docx

HOURS = ("25 hours 25 minutes per week, term time only (39 weeks) plus 5 INSET days. Monday to Friday "
         "09:00–14:50 with an unpaid lunch break of 30 minutes and an unpaid break of 15 minutes. The "
         "working pattern is to be confirmed.")
SALARY = "£20,344 - £23,836 FTE (actual salary £12,070 - £14,142)"  # the 2019-20 NJC spine, 45.035 weeks paid
SAFEGUARDING = ("The school is committed to safeguarding and promoting the welfare of children and young "
                "people and expects all staff and volunteers to share this commitment.")
LEVEL = [
    "Post holders at this level work under the instruction and guidance of teaching staff to support the "
    "learning of individual pupils and small groups.",
    "They help pupils to take part in lessons, prepare and clear away learning materials and keep simple "
    "records of what pupils have done.",
    "Post holders are expected to use their own judgement within clear guidelines and to refer anything "
    "unusual to the class teacher.",
    "The role involves regular contact with parents and carers, passing on routine information as the "
    "teacher directs.",
]
RESOURCES = [
    ("Responsibility for pupils", "Supervision of pupils in lessons and at break times as directed."),
    ("Responsibility for finance", "None."),
    ("Responsibility for equipment", "Care of the classroom resources and equipment in daily use."),
]
DUTIES = [
    ("Working with pupils", [
        "Supervise and support pupils, ensuring their safety and access to learning activities.",
        "Attend to pupils' personal needs and help with their social, health and hygiene development.",
        "Establish good relationships with pupils, acting as a role model and being aware of their needs.",
        "Encourage pupils to interact and work cooperatively with others and engage all pupils in activities.",
    ]),
    ("Working with teachers", [
        "Prepare the classroom for lessons and clear away afterwards, as the teacher directs.",
        "Help teachers to keep records of pupils' progress and report any problems they notice.",
        "Support the teacher in managing pupils' behaviour, reporting any difficulties as appropriate.",
    ]),
    ("Working with the curriculum", [
        "Help pupils to use the school's computers and learning programs under the teacher's direction.",
        "Prepare, maintain and use learning equipment and resources required to deliver the lesson.",
        "Support pupils in reading, writing and number work using the school's own programmes.",
    ]),
    ("Working with the school", [
        "Be aware of and follow school policies on child protection, health, safety and security, and "
        "confidentiality.",
        "Take part in training and other learning activities as required by the school.",
        "Accompany teaching staff and pupils on visits, trips and activities outside the classroom.",
    ]),
]
RELATIONSHIPS = [
    ("Internal", "Pupils, class teachers, the special educational needs coordinator and the office staff."),
    ("External", "Parents and carers, staff in other schools and visiting specialists."),
]
SPECIAL = ["The post holder may be asked to work occasionally at other schools in the federation when "
           "the headteacher agrees this with them in advance."]
EQUALITY = ["Our school values the diversity of its community and expects every member of staff to "
            "challenge prejudice and help every pupil feel they belong here."]


def _bold(document: docx.document.Document, text: str) -> None:
    document.add_paragraph().add_run(text).bold = True


def write_benchmark(path: Path) -> Path:
    """Write the benchmark role profile at `path`."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Children's Services: benchmark role profile"
    document.add_heading("Teaching Assistant Level 2", level=1)
    facts = document.add_table(rows=0, cols=2)
    for label, value in [("Job title", "Teaching Assistant (Level 2)"), ("Grade", "Band D SCP 9-17"),
                         ("Salary", SALARY), ("Responsible to", "Class Teacher")]:
        row = facts.add_row().cells
        row[0].text, row[1].text = label, value
    row = facts.add_row().cells
    row[0].text = "Hours"
    row[1].text = HOURS
    row[1].add_paragraph(SAFEGUARDING)
    _bold(document, "LEVEL DESCRIPTION")
    for text in LEVEL:
        document.add_paragraph(text)
    for label, text in RESOURCES:
        document.add_paragraph(f"{label}: {text}")
    _bold(document, "TYPICAL DUTIES AT THIS LEVEL")
    for heading, items in DUTIES:
        document.add_heading(heading, level=2)
        for text in items:
            document.add_paragraph(text, style="List Bullet")
    _bold(document, "RELATIONSHIPS (internal and external):")
    for label, text in RELATIONSHIPS:
        document.add_paragraph(f"{label}: {text}")
    _bold(document, "ORGANISATIONAL CHART:")
    document.add_paragraph("The post holder is one of six teaching assistants in the primary phase, led by the "
                           "assistant headteacher.")
    _bold(document, "SPECIAL CONDITIONS")
    for text in SPECIAL:
        document.add_paragraph(text)
    _bold(document, "Equality")
    for text in EQUALITY:
        document.add_paragraph(text)
    document.add_paragraph("Signed (post holder): ____________________ Date: ________")
    document.add_paragraph("Signed (headteacher): ____________________ Date: ________")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
