"""Write realistic Word job packs for the import tests with python-docx (nothing binary is committed).

`write_pack(path, pack)` lays a pack out the way schools do: the school in the page header, a title in
Heading 1, a two-column key-facts table, the purpose, duty headings in Heading 2 with bulleted list
paragraphs, the general clauses, then a person-specification grid with a merged category row per
category and ticks in the Essential / Desirable columns and how each criterion is assessed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.shared import Cm, Pt

TICK = "✓"

ELM_TREE: dict[str, Any] = {
    "school": "Elm Tree Primary Academy",
    "title": "Pastoral Learning Support Practitioner",
    "facts": [
        ("School", "Elm Tree Primary Academy"),
        ("Post title", "Pastoral Learning Support Practitioner"),
        ("Responsible to", "Head Teacher or Line Manager"),
        ("Grade", "Band D SCP 9-17"),
        ("Salary", "£26,409 - £30,060 FTE (actual salary £20,698 - £23,560)"),
        ("Hours", "32.5 hours per week, term time only + 5 training days"),
    ],
    "purpose": [
        "To provide pastoral and therapeutic support to pupils under the guidance of SLT.",
        "To plan and deliver bespoke or targeted pastoral and therapy programmes to small groups and "
        "individual pupils.",
    ],
    "duties": [
        (
            "Support for pupils",
            [
                "To develop mutual and self regulation strategies.",
                "To maintain pupils' interests and motivation.",
                "To assist pupils with dress/changing for activities/personal hygiene.",
                "Encourage pupils to interact and work cooperatively with others and engage pupils in activities.",
                "Provide feedback to pupils in relation to progress and achievement under the guidance of the "
                "class teacher.",
            ],
        ),
        (
            "Support for teachers",
            [
                "Work with teachers to establish appropriate learning environments.",
                "To liaise with teachers and other staff to obtain, exchange and record information on pupils in "
                "accordance with school policy.",
                "Monitor and evaluate pupils' responses to learning activities through observation.",
            ],
        ),
        (
            "Support for the school",
            [
                "To be aware of and comply with school policies and procedures relating to child protection, "
                "health, safety and security, confidentiality and data protection, reporting all concerns to an "
                "appropriate person.",
                "To contribute to the overall ethos/work/aims of the school.",
                "To supervise pupils at lunch time and break time as required.",
            ],
        ),
    ],
    "general": [
        "The school is committed to safeguarding and promoting the welfare of children and expects all staff "
        "and volunteers to share this commitment.",
        "The post holder must at all times carry out his/her responsibilities with due regard to the Trust "
        "policy, organisation and arrangements for Health and Safety at Work.",
    ],
    "criteria": [
        (
            "Qualifications",
            [
                ("NVQ Level 3 in Childcare or equivalent.", "E", "Application form, certificates"),
                ("At least grade C/4 GCSE maths and English or equivalent.", "E", "Certificates"),
                ("First aid certificate.", "D", "Certificates"),
            ],
        ),
        (
            "Experience",
            [
                ("Experience of working with reception, key stage 1 and 2 pupils.", "E", "Application form, interview"),
                ("Experience of delivering programmes of work with teachers and other specialists.", "D", "Interview"),
            ],
        ),
        (
            "Knowledge and skills",
            [
                ("Good organisational skills.", "E", "Interview"),
                (
                    "Understands the needs of autistic pupils and pupils with communication difficulties.",
                    "E",
                    "Application form, interview",
                ),
            ],
        ),
        (
            "Training",
            [
                ("Willing to attend relevant training.", "E", "Interview"),
            ],
        ),
    ],
}


def _bold_cell(cell, text: str) -> None:  # noqa: ANN001
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.bold = True


def write_pack(path: Path, pack: dict[str, Any] = ELM_TREE) -> Path:
    """Write `pack` as a Word job pack at `path`."""
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(10)
    document.sections[0].header.paragraphs[0].text = pack["school"]
    document.sections[0].footer.paragraphs[0].text = "Job description and person specification"
    document.add_heading(f"{pack['title']}: job description", level=1)
    facts = document.add_table(rows=0, cols=2)
    facts.style = "Table Grid"
    for label, value in pack["facts"]:
        row = facts.add_row().cells
        _bold_cell(row[0], label)
        row[1].text = value
    document.add_heading("Job purpose", level=2)
    for text in pack["purpose"]:
        document.add_paragraph(text, style="List Bullet")
    for heading, items in pack["duties"]:
        document.add_heading(heading, level=2)
        for text in items:
            document.add_paragraph(text, style="List Bullet")
    document.add_heading("General", level=2)
    for text in pack["general"]:
        document.add_paragraph(text)
    document.add_page_break()
    document.add_heading(f"{pack['title']}: person specification", level=1)
    grid = document.add_table(rows=1, cols=4)
    grid.style = "Table Grid"
    grid.autofit = False
    for cell, text in zip(grid.rows[0].cells, ["Criteria", "Essential", "Desirable", "How assessed"], strict=True):
        _bold_cell(cell, text)
    for category, rows in pack["criteria"]:
        cells = grid.add_row().cells
        merged = cells[0].merge(cells[3])
        _bold_cell(merged, category)
        for text, need, how in rows:
            cells = grid.add_row().cells
            cells[0].text = text
            cells[1].text = TICK if need == "E" else ""
            cells[2].text = TICK if need == "D" else ""
            cells[3].text = how
    for row in grid.rows:  # a wide criteria column, as schools lay them out
        for cell, width in zip(row.cells, (Cm(9.5), Cm(2), Cm(2), Cm(3.5)), strict=True):
            cell.width = width
    document.add_paragraph("")
    document.add_paragraph("Signed: ____________________   Date: __________")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def write_seed(path: Path, seed: Path) -> Path:
    """A seed job pack (plain text) written as the Word document it was exported from: its headings as
    Heading 2 (recognised by the text reader's rules), list items as List Bullet paragraphs, tab-separated
    rows as real tables (one per run of rows), so the same content reaches the importer through Word."""
    from jobpack.importer.headings import Headings
    from jobpack.importer.read_text import read_text
    from jobpack.importer.source import Row
    from jobpack.load import load_trust_files

    headings = Headings(load_trust_files(Path(__file__).resolve().parents[2]).trust.model)  # type: ignore[union-attr]
    source = read_text(seed)
    document = docx.Document()
    rows: list[Row] = []

    def flush() -> None:
        if not rows:
            return
        width = max(len(r.cells) for r in rows)
        table = document.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        for row in rows:
            cells = table.add_row().cells
            for cell, source_cell in zip(cells, row.cells, strict=False):
                cell.text = ""
                for n, line in enumerate(source_cell.lines):
                    paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
                    paragraph.text = line
        rows.clear()

    for element in source.elements:
        if isinstance(element, Row):
            rows.append(element)
            continue
        flush()
        short = len(element.text.split()) <= 10 and not element.text.endswith(".")
        if element.heading or (short and headings.classify(element.text)):
            document.add_heading(element.text, level=min(element.heading or 2, 3))
        elif element.bullet:
            document.add_paragraph(element.text, style="List Bullet")
        else:
            document.add_paragraph(element.text)
    flush()
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
