"""The Word documents carry every piece of the post's text in real Word structure, reproducibly."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from render_sample import TRICKY, all_texts, criteria_texts, sample_context

from jobpack.render import TemplateError
from jobpack.render.docx import issue_datetime, render_docx
from jobpack.render.lookup import BUILTIN_DIR


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def docx_text(document: docx.document.Document) -> str:
    """Paragraphs, table cells (nested too), headers and footers, one paragraph per line."""
    def walk(container) -> list[str]:
        lines = [p.text for p in container.paragraphs]
        for table in getattr(container, "tables", []):
            for row in table.rows:
                for cell in row.cells:
                    lines += walk(cell)
        return lines

    lines = walk(document)
    for section in document.sections:
        lines += walk(section.header) + walk(section.footer)
    return "\n".join(lines)


@pytest.fixture(scope="module")
def documents(docxs) -> dict[str, docx.document.Document]:
    return {kind: open_docx(data) for kind, data in docxs.items()}


def test_job_description_has_every_duty_clause_summary_and_salary_line(documents, contexts):
    text = docx_text(documents["job-description"])
    missing = [t for t in all_texts(contexts["job-description"]) if t not in text.splitlines()]
    assert missing == []
    assert "The Westminster School" in text and "Page 1 of 1" in text  # header, footer fields


def test_person_specification_has_every_criterion(documents, contexts):
    text = docx_text(documents["person-specification"])
    missing = [t for t in criteria_texts(contexts["person-specification"]) if t not in text]
    assert missing == []
    assert "NVQ 3 in Childcare, BTEC or NNEB/Diploma in Childcare and Education\nor Equivalent" in text


def test_awkward_text_prints_literally(documents):
    for document in documents.values():
        assert TRICKY in docx_text(document).splitlines()


def test_uses_headings_bullets_and_tables_with_header_rows(documents, contexts):
    post = contexts["job-description"]["post"]
    jd = documents["job-description"]
    styles = [p.style.name for p in jd.paragraphs]
    assert styles.count("Heading 1") == 1
    assert {"Heading 2", "Heading 3"} <= set(styles)
    duties = sum(len(area["items"]) for area in post["duty_areas"])
    assert styles.count("List Bullet") == len(post["summary"]) + duties
    ps = documents["person-specification"]
    criteria = [t for t in ps.tables if t.rows[0].cells[0].text == "Criterion"]
    assert len(criteria) == len(post["criteria_categories"])
    for table in criteria:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert [c.text for c in table.rows[0].cells][1:] == ["Essential or desirable", "How assessed"]


def test_levelled_person_specification_has_a_level_column(tmp_path):
    context = sample_context("person-specification", levelled=True)
    document = open_docx(render_docx(BUILTIN_DIR / "person-specification.docx", context))
    text = docx_text(document)
    assert "Each level includes the criteria of the levels below it." in text
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Criterion")
    levels = [row.cells[1].text for row in table.rows[1:]]
    assert levels == ["All levels", "Level 1", "Level 2"]


def test_properties_logo_alt_text_and_reproducible_bytes(docxs, contexts):
    again = {kind: render_docx(BUILTIN_DIR / f"{kind}.docx", contexts[kind]) for kind in docxs}
    assert again == docxs
    for kind, data in docxs.items():
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
            assert archive.namelist()[0] == "[Content_Types].xml"
        document = open_docx(data)
        props = document.core_properties
        assert props.title == f"Learning Support Practitioner: {contexts[kind]['document']['title']} " \
                              "(The Westminster School)"
        assert props.language == "en-GB"
        assert props.created == props.modified == issue_datetime("4 November 2024")
        pictures = list(document.element.body.iter(qn("wp:docPr")))
        assert [p.get("descr") for p in pictures] == ["The Westminster School logo"]


def test_issue_date_is_read_without_the_locale():
    assert issue_datetime("4 November 2024").date().isoformat() == "2024-11-04"
    assert issue_datetime("2024-11-04").day == 4
    assert issue_datetime("sometime").year == 1980


def _template_with(tmp_path: Path, *texts: str) -> Path:
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    path = tmp_path / "job-description.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("Title", "{{ post.title }}", "{% for x in %}"), "Expected an expression"),
        (("Title", "{{ post.nonsense }}"), "nonsense"),
    ],
)
def test_broken_template_names_file_and_paragraph(tmp_path, texts, expected):
    template = _template_with(tmp_path, *texts)
    with pytest.raises(TemplateError) as caught:
        render_docx(template, sample_context())
    error = caught.value
    assert error.file == str(template)
    assert error.line == len(texts)  # the paragraph with the mistake
    assert expected in error.message and "word/document.xml" in error.message


@pytest.mark.parametrize("levelled", [False, True])
def test_an_all_essential_word_person_specification_says_so_once_and_drops_the_column(levelled):
    """As the PDF does: one sentence instead of a column of "Essential" on every row."""
    context = sample_context("person-specification", levelled=levelled)
    context["post"]["all_essential"] = True
    document = open_docx(render_docx(BUILTIN_DIR / "person-specification.docx", context))
    text = docx_text(document)
    assert text.count("Every criterion below is essential: a successful candidate must meet them all.") == 1
    assert "criteria would be an advantage" not in text
    tables = [t for t in document.tables if t.rows[0].cells[0].text == "Criterion"]
    assert len(tables) == len(context["post"]["criteria_categories"])
    heads = ["Criterion", "Level", "How assessed"] if levelled else ["Criterion", "How assessed"]
    for table in tables:
        assert [c.text for c in table.rows[0].cells] == heads
        assert all(c.text not in ("Essential", "Desirable") for row in table.rows for c in row.cells)
