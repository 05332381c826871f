"""Two more shapes of job description the seeds do not have, written for the import tests with python-docx
(nothing copied from a real one):

* an advert followed by its job description and person specification, in one Word file, as schools send
  them to job boards: the advert's facts (closing date, contract, start), its paragraphs for candidates, what
  the school offers and how to apply, then JOB DESCRIPTION and PERSON SPECIFICATION;
* a job description laid out as one Word table, a heading in the left column and its text (several
  paragraphs, numbered duties) in the right, and the person specification as a grid with Essential,
  Desirable and How assessed columns.
"""

from __future__ import annotations

from pathlib import Path

import docx

ADVERT = [
    "We are looking for a caring and patient teaching assistant to join our friendly Year 2 team from January.",
    "You will support pupils with special educational needs in class and in small groups, helping every child "
    "to take part in lessons and to grow in confidence.",
    "Experience of working with young children would be welcome, but full training will be given to the right "
    "person.",
]
OFFER = [
    "A warm and welcoming school community where every member of staff is valued.",
    "Training and development through the trust's programme for support staff.",
    "Membership of the Local Government Pension Scheme and an employee assistance programme.",
]
APPLY = ("To apply, complete the application form on our website and return it to the school office by the "
         "closing date. Visits to the school are warmly welcomed.")
ADVERT_DUTIES = [
    ("Support for pupils", [
        "To support pupils with special educational needs to take part fully in lessons and school life.",
        "To maintain pupils' interests and motivation.",
        "To help pupils with dressing, changing and personal hygiene where they need it.",
    ]),
    ("Support for teachers", [
        "To prepare the classroom and learning materials for lessons, as the class teacher directs.",
        "To keep records of pupils' progress in reading and number and share them with the teacher.",
    ]),
]
ADVERT_CRITERIA = [
    ("Qualifications", ["GCSE English and Maths at grade C/4 or above, or equivalent."]),
    ("Experience", ["Experience of working with young children in a school, nursery or club."]),
    ("Personal qualities", ["Patient, caring and able to stay calm when pupils are upset or unsettled."]),
]


def _bold(document: docx.document.Document, text: str) -> None:
    document.add_paragraph().add_run(text).bold = True


def write_advert(path: Path) -> Path:
    """An advert for a teaching assistant at Elm Tree, followed by its job description and person spec."""
    document = docx.Document()
    document.add_heading("Teaching Assistant (Year 2)", level=1)
    for label, value in [("Salary", "Band D SCP 9-17, £26,409 - £30,060 FTE, pro rata"),
                         ("Hours", "32.5 hours per week, term time only"), ("Contract", "Permanent"),
                         ("Start date", "January 2025"), ("Closing date", "15 November 2024")]:
        document.add_paragraph(f"{label}: {value}")
    for text in ADVERT:
        document.add_paragraph(text)
    _bold(document, "What we can offer you")
    for text in OFFER:
        document.add_paragraph(text, style="List Bullet")
    _bold(document, "How to apply")
    document.add_paragraph(APPLY)
    document.add_paragraph("Elm Tree Primary Academy is committed to safeguarding and promoting the welfare of "
                           "children and expects all staff and volunteers to share this commitment.")
    document.add_page_break()
    document.add_heading("JOB DESCRIPTION", level=1)
    document.add_paragraph("Job title: Teaching Assistant")
    document.add_paragraph("Responsible to: Year 2 class teacher")
    document.add_heading("Purpose of the job", level=2)
    document.add_paragraph("To support the class teacher in helping every pupil in Year 2 to learn, and to care "
                           "for pupils' welfare and safety.")
    for heading, items in ADVERT_DUTIES:
        document.add_heading(heading, level=2)
        for text in items:
            document.add_paragraph(text, style="List Bullet")
    document.add_heading("PERSON SPECIFICATION", level=1)
    for heading, items in ADVERT_CRITERIA:
        document.add_heading(heading, level=2)
        for text in items:
            document.add_paragraph(text, style="List Bullet")
    return _save(document, path)


TABLE_FACTS = [("Post title", "Midday Supervisor"), ("Grade", "Band B SCP 3-5"),
               ("Hours", "7.5 hours per week, term time only"), ("Responsible to", "Senior Midday Supervisor")]
TABLE_PURPOSE = ["To supervise pupils over the lunch break, in the dining hall and in the playground, so that "
                 "lunchtime is safe, calm and enjoyable for every pupil.",
                 "The supervisor is one of a team of eight who work each day from 12:00 to 13:30."]
TABLE_DUTIES = [
    "1. To supervise pupils in the dining hall, helping younger pupils to cut up food and clear their plates.",
    "2. To supervise pupils in the playground, starting and joining in games that include every pupil.",
    "3. To deal with minor accidents, recording them in the first aid book and telling the class teacher.",
    "4. To report any behaviour or welfare concern to the Senior Midday Supervisor on the same day.",
]
TABLE_CRITERIA = [
    ("Experience of looking after groups of children, paid or voluntary.", "✓", "", "Application, interview"),
    ("A first aid at work or paediatric first aid certificate.", "", "✓", "Certificate"),
    ("Able to stay calm and fair when pupils disagree or are upset.", "✓", "", "Interview, references"),
]


def write_table_jd(path: Path) -> Path:
    """A midday supervisor's job description laid out as a Word table, and its person-spec grid."""
    document = docx.Document()
    document.add_heading("Job Description", level=1)
    table = document.add_table(rows=0, cols=2)
    for label, value in TABLE_FACTS:
        row = table.add_row().cells
        row[0].text, row[1].text = label, value
    row = table.add_row().cells
    row[0].text = "Job purpose"
    row[1].text = TABLE_PURPOSE[0]
    for text in TABLE_PURPOSE[1:]:
        row[1].add_paragraph(text)
    row = table.add_row().cells
    row[0].text = "Main duties"
    row[1].text = TABLE_DUTIES[0]
    for text in TABLE_DUTIES[1:]:
        row[1].add_paragraph(text)
    row = table.add_row().cells
    row[0].text = "Special conditions"
    row[1].text = "The post holder may be asked to cover a colleague's playground on a rota agreed each term."
    document.add_heading("Person Specification", level=1)
    grid = document.add_table(rows=1, cols=4)
    for cell, text in zip(grid.rows[0].cells, ["Criteria", "Essential", "Desirable", "How assessed"], strict=True):
        cell.text = text
    category = grid.add_row().cells
    category[0].text = "Experience"
    for text, essential, desirable, how in TABLE_CRITERIA:
        cells = grid.add_row().cells
        for cell, value in zip(cells, [text, essential, desirable, how], strict=True):
            cell.text = value
    return _save(document, path)


def _save(document: docx.document.Document, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
