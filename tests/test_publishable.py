"""Issue 11: documents a trust would publish — each school's Word files in its own colour, no text below
9 pt, titles that extract as words, and only the physical activities that apply."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from jobpack.build.orchestrate import check
from tests.conftest import REPO

CHECKED = check(REPO)
COLOURS = {s.id: s.colour.lstrip("#").upper() for s in CHECKED.trust.schools}


def parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".xml")}


def through_libreoffice(docx: Path, out: Path) -> Path:
    """The PDF LibreOffice makes of `docx` in `out` (a Word-compatible reader's view of the file)."""
    done = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{out}/lo", "--convert-to", "pdf",
                           "--outdir", str(out), str(docx)], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    return out / (docx.stem + ".pdf")


def word_files(build: Path) -> list[Path]:
    """The Word documents jobpack made (not the trust's own application form, published beside them as it is)."""
    return sorted(p for p in build.rglob("*.docx") if not p.name.endswith("-application-form.docx"))


def test_each_schools_word_files_carry_its_own_colour(example_build: Path) -> None:
    for path in word_files(example_build):
        school = path.relative_to(example_build).parts[0]
        xml = parts(path)
        styled = xml["word/styles.xml"] + "".join(v for k, v in xml.items() if "header" in k)
        assert COLOURS[school] in styled.upper(), path.name
        others = {c for s, c in COLOURS.items() if s != school}
        assert not any(f'"{c}"' in styled.upper() for c in others), path.name


def test_word_files_are_not_in_compatibility_mode_and_say_who_made_them(example_build: Path) -> None:
    for path in word_files(example_build):
        xml = parts(path)
        assert re.search(r'w:name="compatibilityMode"[^>]*w:val="15"', xml["word/settings.xml"]), path.name
        assert "<Application>jobpack</Application>" in xml["docProps/app.xml"]
        assert "Macintosh" not in xml["docProps/app.xml"]
        table_styles = re.findall(r'<w:style w:type="table"[^>]*w:styleId="([^"]+)"', xml["word/styles.xml"])
        assert sorted(table_styles) == ["JobPackTable", "TableGrid", "TableNormal"]


def test_no_word_text_is_below_9_points(example_build: Path) -> None:
    for path in word_files(example_build):
        for name, xml in parts(path).items():
            sizes = [int(v) for v in re.findall(r'<w:sz w:val="(\d+)"', xml)]
            assert all(size >= 18 for size in sizes), (path.name, name, sorted(set(sizes)))


def _font_sizes(path: Path) -> set[float]:
    sizes: set[float] = set()

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            scale = abs(tm[3] * cm[3]) or 1
            sizes.add(round(size * scale, 1))

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return sizes


@pytest.mark.parametrize("kind", ["job-description", "person-specification"])
def test_no_pdf_text_is_below_9_points_and_body_text_is_10_5(example_build: Path, kind: str) -> None:
    for path in sorted(example_build.glob(f"*/*/*-{kind}.pdf")):
        sizes = _font_sizes(path)
        assert min(sizes) >= 8.9, (path.name, sorted(sizes))
        assert 10.5 in sizes, (path.name, sorted(sizes))


def test_titles_extract_as_words(example_build: Path) -> None:
    for path in sorted(example_build.glob("*/*/*-person-specification.pdf")):
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        assert "PERSON SPECIFICATION" in text, path.name
        assert "P E R S O N" not in text


def test_only_the_activities_that_apply_with_the_adjustments_sentence(example_build: Path) -> None:
    path = next(example_build.glob("westminster/learning-support-practitioner/*-job-description.pdf"))
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "This post involves: • Working with children or vulnerable adults • Working with challenging " \
           "behaviours" in text
    assert "will make the reasonable adjustments a successful candidate needs" in text
    assert "Working at heights" not in text and "Part of this post" not in text
    assert "Politically restricted" not in text  # academies are not politically restricted: not set, not shown


def test_a_grade_without_points_prints_no_pounds(example_build: Path) -> None:
    path = next(example_build.glob("nightingale/*/*-job-description.pdf"))
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "Scale 3 – SO2 grade (2024-25 NJC pay)" in text
    assert "£" not in text and "SCP" not in text


PAY_TRUST = """\
pay:
  year: "2024-25"
  grades:
    - {id: band-d, name: Band D, from: 9, to: 17}
    - {id: scale-5, name: Scale 5, from: 14, to: 17, provisional: true}
"""


def test_a_provisional_grade_is_a_warning_and_prints_no_pounds(make_trust) -> None:
    from click.testing import CliRunner

    from jobpack.cli import main
    from tests.conftest import MINI_POST, MINI_TRUST

    post = MINI_POST.replace("title: Teaching Assistant", "title: Teaching Assistant\n    pay: {grade: scale-5}")
    root = make_trust(files={"trust.yaml": MINI_TRUST + PAY_TRUST, "posts/oak/teaching-assistant.yaml": post})
    result = CliRunner().invoke(main, ["check", "--trust", str(root)])
    assert result.exit_code == 0
    assert "posts/oak/teaching-assistant.yaml:3:" in result.output
    assert "Grade 'scale-5' has spinal column points marked provisional" in result.output
    checked = check(root)
    post_view = __import__("jobpack.view.context", fromlist=["x"]).build_context(
        checked.posts["oak/teaching-assistant"], checked.trust, root)["post"]
    assert post_view.grade == "Scale 5" and [str(s) for s in post_view.salary] == ["Scale 5 grade (2024-25 NJC pay)"]


def test_weeks_paid_as_a_range_gives_an_actual_salary_range_across_it(make_trust) -> None:
    from jobpack.compose import pay
    from tests.conftest import MINI_POST, MINI_TRUST

    post = MINI_POST.replace("title: Teaching Assistant", "title: Teaching Assistant\n    pay: {grade: band-d}\n"
                             "    hours: {per_week: 37, term_time_only: true, weeks_paid: [39, 42]}")
    root = make_trust(files={"trust.yaml": MINI_TRUST + PAY_TRUST, "posts/oak/teaching-assistant.yaml": post})
    checked = check(root)
    pricing = checked.posts["oak/teaching-assistant"].pricing
    spine = pay.builtin_spines()["njc"]["2024-25"]
    assert pricing is not None and pricing.actual == (round(spine[9] * 39 / 52.143), round(spine[17] * 42 / 52.143))
    assert pricing.lines()[1].endswith("(pro rata: 37 hours a week, 39 to 42 weeks a year)")


def test_restyling_normal_in_word_restyles_every_heading_table_and_footer(example_build: Path,
                                                                           tmp_path: Path) -> None:
    """Change Normal's font (as an HR officer would in Word) and the theme's accent: LibreOffice then draws
    every run of the document in that font, and nothing in the document overrides a style's font or colour."""
    import docx

    source = next(example_build.glob("elm-tree/*/*-person-specification.docx"))
    xml = parts(source)
    for name in ("word/document.xml", "word/header1.xml", "word/footer1.xml"):
        assert not re.search(r"<w:rFonts|<w:color |<w:sz ", xml[name]), name
    document = docx.Document(str(source))
    document.styles["Normal"].font.name = "Liberation Serif"
    restyled = tmp_path / "restyled.docx"
    document.save(str(restyled))
    through_libreoffice(restyled, tmp_path)
    fonts = subprocess.run(["pdffonts", str(tmp_path / "restyled.pdf")], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    names = {line.split()[0].split("+")[-1] for line in fonts}
    assert names and all(n.startswith("LiberationSerif") or "Symbol" in n or "DejaVu" in n for n in names), names


def test_restyling_normal_and_heading_1_reaches_every_heading_table_and_footer_run(example_build: Path,
                                                                                   tmp_path: Path) -> None:
    """Issue 11's test: change Normal's and Heading 1's fonts and colours with python-docx, convert with
    LibreOffice, and read every character's font and colour back from the PDF."""
    import docx
    import pdfplumber
    from docx.shared import RGBColor

    source = next(example_build.glob("elm-tree/*/*-job-description.docx"))
    document = docx.Document(str(source))
    normal, heading = document.styles["Normal"].font, document.styles["Heading 1"].font
    normal.name, normal.color.rgb = "Liberation Serif", RGBColor(0x00, 0x66, 0x33)
    heading.name, heading.color.rgb = "DejaVu Serif", RGBColor(0x99, 0x00, 0x00)
    restyled = tmp_path / "restyled.docx"
    document.save(str(restyled))
    through_libreoffice(restyled, tmp_path)
    title = CHECKED.posts["elm-tree/pastoral-learning-support-practitioner"].title
    with pdfplumber.open(tmp_path / "restyled.pdf") as pdf:
        chars = [c for page in pdf.pages for c in page.chars if c["text"].strip()]
        lines: dict[tuple[int, int], list[dict]] = {}
        for c in chars:
            lines.setdefault((c["page_number"], round(c["top"])), []).append(c)
    by_text = [("".join(c["text"] for c in line), line) for line in lines.values()]
    heading_line = max((line for text, line in by_text if text == title.replace(" ", "")),
                       key=lambda line: line[0]["size"])
    assert {c["fontname"].split("+")[-1] for c in heading_line} == {"DejaVuSerif-Bold"}
    assert all(tuple(round(v, 2) for v in c["non_stroking_color"]) == (0.6, 0.0, 0.0) for c in heading_line)
    others = [c for c in chars if c not in heading_line]
    fonts = {c["fontname"].split("+")[-1] for c in others}
    assert fonts and all(f.startswith("LiberationSerif") or "Symbol" in f or "DejaVu" in f for f in fonts), fonts
    green = (0.0, 0.4, 0.2)
    for words in ("Enhanced DBS check", "To support the care and welfare", "Elm Tree Primary Academy operates"):
        line = next(line for text, line in by_text if words.replace(" ", "") in text)
        assert all(tuple(round(v, 2) for v in c["non_stroking_color"]) == green for c in line), words


def test_word_tables_are_shaded_by_their_table_style_and_have_header_rows(example_build: Path) -> None:
    """No cell shading typed onto cells (recolouring the table style recolours every table), and the key
    facts and safer-recruitment tables have a header row that repeats, as Word's accessibility checker asks."""
    for path in word_files(example_build):
        xml = parts(path)
        assert "<w:shd" not in xml["word/document.xml"], path.name
        assert 'w:type="firstRow"' in xml["word/styles.xml"] and 'w:type="firstCol"' in xml["word/styles.xml"]
        tables = re.findall(r"<w:tbl>.*?</w:tbl>", xml["word/document.xml"], re.S)
        facts = [t for t in tables if "About the post" in t]
        assert len(facts) == 1 and "<w:tblHeader/>" in facts[0], path.name
        if "job-description" in path.name:
            safer = [t for t in tables if "DBS check" in t]
            assert len(safer) == 1 and "<w:tblHeader/>" in safer[0], path.name


def test_duty_areas_are_numbered_by_word_not_typed(example_build: Path, tmp_path: Path) -> None:
    source = next(example_build.glob("elm-tree/*/*-job-description.docx"))
    xml = parts(source)
    headings = re.findall(r'<w:pStyle w:val="DutyHeading"/>.*?</w:p>', xml["word/document.xml"], re.S)
    texts = ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", h)) for h in headings]
    assert texts[:2] == ["Support for pupils", "Support for teachers"]
    style = re.search(r'w:styleId="DutyHeading".*?</w:style>', xml["word/styles.xml"], re.S).group(0)
    assert "<w:numPr>" in style and 'w:lvlText w:val="%1."' in xml["word/numbering.xml"]
    text = subprocess.run(["pdftotext", "-layout", str(through_libreoffice(source, tmp_path)), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert re.search(r"1\.\s+Support for pupils", text) and re.search(r"3\.\s+Support for the school", text)


def test_a_word_data_table_keeps_two_rows_together_at_each_end(example_build: Path) -> None:
    """Word keeps a row with the next when its paragraphs are "keep with next": the first data row of every
    data table, and the last but one, so a break never leaves one row alone."""
    source = next(example_build.glob("nightingale/*/*-person-specification.docx"))
    tables = re.findall(r"<w:tbl>.*?</w:tbl>", parts(source)["word/document.xml"], re.S)
    checked = 0
    for table in tables:
        rows = re.findall(r"<w:tr[ >].*?</w:tr>", table, re.S)
        data = [r for r in rows if "<w:tblHeader/>" not in r]
        if len(rows) == len(data) or len(data) < 4:
            continue
        checked += 1
        kept = ["<w:keepNext/>" in r for r in data]
        assert kept[0] and kept[-2] and not kept[-1], kept
    assert checked >= 3


def test_a_term_time_post_never_takes_another_schools_weeks_paid(make_trust, tmp_path: Path) -> None:
    """`term_time_weeks_paid: null`: only a school that gives its own figure gets an actual salary; the other
    prints its full-time range and "pro rata" in words, in the PDF as in the view."""
    from jobpack.build.run import build
    from tests.conftest import MINI_POST, MINI_TRUST

    trust = MINI_TRUST.replace("    name: Elm Academy\n", "    name: Elm Academy\n    term_time_weeks_paid: 40\n")
    trust += PAY_TRUST.replace('  year: "2024-25"\n', '  year: "2024-25"\n  term_time_weeks_paid: null\n')
    post = MINI_POST.replace("title: Teaching Assistant", "title: Teaching Assistant\n    pay: {grade: band-d}\n"
                             "    hours: {per_week: 30, term_time_only: true}")
    elm = post.replace("school: oak", "school: elm")
    root = make_trust(files={"trust.yaml": trust, "posts/oak/teaching-assistant.yaml": post,
                             "posts/elm/teaching-assistant.yaml": elm})
    checked = check(root)
    oak, elm_post = checked.posts["oak/teaching-assistant"].pricing, checked.posts["elm/teaching-assistant"].pricing
    assert oak is not None and oak.actual is None
    assert oak.lines()[1] == "Actual salary pro rata to 30 hours a week, term time only"
    assert elm_post is not None and elm_post.actual is not None and "40 weeks a year" in elm_post.lines()[1]
    build(root, tmp_path / "out")
    text = subprocess.run(["pdftotext", "-layout", str(next((tmp_path / "out" / "oak").rglob("*-job-description.pdf"))),
                           "-"], capture_output=True, text=True, check=True).stdout
    salary = text[text.index("Salary"):text.index("Hours")]
    assert salary.count("£") == 2 and "pro rata to 30 hours a week, term time only" in " ".join(salary.split())


def test_the_example_prints_actual_pounds_only_from_a_schools_own_weeks(example_build: Path) -> None:
    """Elm Tree's published figures come from its own 46.526 weeks (which reproduce seed 001's 2024-25 figures,
    tests/test_pay.py; the advertised post is priced on 2025-26); LEAP's and Westminster's seeds give no
    weeks paid, so their documents say "pro rata" and give no actual pounds."""
    for path in sorted(example_build.glob("*/*/*-job-description.pdf")):
        text = " ".join(subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(path), "-"], capture_output=True,
                                       text=True, check=True).stdout.split())
        if "Actual salary" not in text:
            continue
        school = path.relative_to(example_build).parts[0]
        if school == "elm-tree":
            assert "Actual salary £21,361 – £24,314 (pro rata: 32.5 hours a week, 46.526 weeks a year)" in text
        elif school in ("leap", "westminster"):
            assert "46.526" not in text and re.search(r"Actual salary pro rata(, term time only| to [\d.]+ hours a "
                                                      r"week, term time only)", text), path.name


def test_word_headings_take_normals_colour_unless_they_are_the_schools(example_build: Path) -> None:
    """Heading 1 and 3 print dark, as in the PDF: no colour of their own (python-docx's template gives them
    Word's blue), so they follow Normal; Heading 2 is the school's accent."""
    for path in word_files(example_build):
        styles = parts(path)["word/styles.xml"]
        for style_id in ("Heading1", "Heading3", "DutyHeading", "ListBullet", "TableHeading"):
            block = re.search(rf'w:styleId="{style_id}".*?</w:style>', styles, re.S)
            assert block and "<w:color" not in block.group(0), (path.name, style_id)
        heading2 = re.search(r'w:styleId="Heading2".*?</w:style>', styles, re.S).group(0)
        assert 'w:themeColor="accent1"' in heading2
