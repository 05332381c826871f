"""Issue 11: documents a trust would publish — each school's Word files in its own colour, no text below
9 pt, titles that extract as words, and only the physical activities that apply."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from jobpack.validate import check
from tests.conftest import REPO

CHECKED = check(REPO)
COLOURS = {s.id: s.colour.lstrip("#").upper() for s in CHECKED.trust.schools}


def parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".xml")}


def word_files(build: Path) -> list[Path]:
    return sorted(build.rglob("*.docx"))


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
    post_view = __import__("jobpack.context", fromlist=["x"]).build_context(
        checked.posts["oak/teaching-assistant"], checked.trust, root)["post"]
    assert post_view.grade == "Scale 5" and [str(s) for s in post_view.salary] == ["Scale 5 grade (2024-25 NJC pay)"]


def test_weeks_paid_as_a_range_gives_an_actual_salary_range_across_it(make_trust) -> None:
    from jobpack import pay
    from tests.conftest import MINI_POST, MINI_TRUST

    post = MINI_POST.replace("title: Teaching Assistant", "title: Teaching Assistant\n    pay: {grade: band-d}\n"
                             "    hours: {per_week: 37, term_time_only: true, weeks_paid: [39, 42]}")
    root = make_trust(files={"trust.yaml": MINI_TRUST + PAY_TRUST, "posts/oak/teaching-assistant.yaml": post})
    checked = check(root)
    pricing = checked.posts["oak/teaching-assistant"].pricing
    spine = pay.builtin_spines()["njc"]["2024-25"]
    assert pricing is not None and pricing.actual == (round(spine[9] * 39 / 52.143), round(spine[17] * 42 / 52.143))
    assert pricing.lines()[1].endswith("(pro rata: 37 hours a week, 39 to 42 weeks a year)")
