"""Issue 10: everything a school's own job description says can be written, and comes out where it put it.

The example trust's Attendance and Welfare Officer (posts/westminster/attendance-and-welfare-officer.yaml)
has relationships and control-of-resources sections, the school's own clauses, a job description only,
signature lines, `only:` picks, bold text and a link; these tests read its PDF, Word file and web page as a
reader would, and try the mistakes an HR officer will make with each new key.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from jobpack.build.orchestrate import check
from jobpack.cli import main

POST = "westminster/attendance-and-welfare-officer"
FOLDER = "westminster/attendance-and-welfare-officer"


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def officer(example_build: Path) -> Path:
    return example_build / FOLDER


def test_job_description_only_means_no_person_specification_files(officer: Path) -> None:
    names = sorted(p.name for p in officer.iterdir())
    assert names == ["attendance-and-welfare-officer-job-description.docx",
                     "attendance-and-welfare-officer-job-description.pdf",
                     "attendance-and-welfare-officer-job-pack.pdf"]
    pack = squash(pdf_text(officer / "attendance-and-welfare-officer-job-pack.pdf"))
    assert "Person specification" not in pack and "Attendance and Welfare Officer" in pack


def test_sections_print_after_the_duties_unnumbered_and_before_the_general_responsibilities(officer: Path) -> None:
    text = squash(pdf_text(officer / "attendance-and-welfare-officer-job-description.pdf"))
    order = [text.index(s) for s in ("Duties and responsibilities", "2. Support for the school", "Relationships",
                                     "Internal Pupils, their teachers", "Control of resources",
                                     "Personnel None", "General responsibilities")]
    assert order == sorted(order)
    assert "3. Relationships" not in text and "3. Control" not in text  # never in the duty numbering


def test_the_schools_clauses_replace_and_turn_off_the_trusts(officer: Path) -> None:
    text = squash(pdf_text(officer / "attendance-and-welfare-officer-job-description.pdf"))
    assert "To promote equality of opportunity for every pupil and family" in text
    assert "exemplar on these issues" not in text  # the trust's long equality clause is replaced
    assert "Secondary duties To carry out other duties of a similar level" in text
    assert "Other duties and flexibility" not in text  # turned off
    assert text.count("Health and safety") == 1


def test_only_picks_items_in_the_order_written(officer: Path) -> None:
    text = squash(pdf_text(officer / "attendance-and-welfare-officer-job-description.pdf"))
    welfare = text.index("To support the care and welfare of pupils")
    interests = text.index("interest and motivation")
    assert welfare < interests  # only: [care-welfare, interests], the reverse of the block's order
    assert "feeding" not in text.lower() and "personal hygiene" not in text.lower()


def test_signature_lines_are_a_real_table_in_word_and_printed_in_the_pdf(officer: Path) -> None:
    text = squash(pdf_text(officer / "attendance-and-welfare-officer-job-description.pdf"))
    assert re.search(r"Signatures Name Signed Date Issued by Received by", text)
    document = docx.Document(officer / "attendance-and-welfare-officer-job-description.docx")
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "Name")
    assert [r.cells[0].text for r in table.rows] == ["", "Issued by", "Received by"]
    assert [c.text for c in table.rows[0].cells] == ["", "Name", "Signed", "Date"]


def test_bold_and_links_are_real_runs_in_word(officer: Path) -> None:
    with zipfile.ZipFile(officer / "attendance-and-welfare-officer-job-description.docx") as zf:
        xml = zf.read("word/document.xml").decode()
        rels = zf.read("word/_rels/document.xml.rels").decode()
    assert re.search(r"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">None</w:t></w:r>", xml)
    assert re.search(r"<w:b/></w:rPr><w:t xml:space=\"preserve\">weekly</w:t>", xml)
    assert "**" not in xml
    link = re.search(r'<w:hyperlink r:id="(rId\d+)"><w:r>.*?school attendance guidance</w:t>', xml)
    assert link is not None
    assert re.search(rf'Id="{link.group(1)}"[^>]*Target="https://www.gov.uk/government/publications/working-'
                     r'together-to-improve-school-attendance"[^>]*TargetMode="External"', rels) or \
        re.search(rf'Target="https://www.gov.uk/[^"]*"[^>]*Id="{link.group(1)}"', rels)


def test_word_file_opens_in_libreoffice_with_every_part(officer: Path, tmp_path: Path) -> None:
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(officer / "attendance-and-welfare-officer-job-description.docx")],
                   check=True, capture_output=True, timeout=180)
    text = squash(pdf_text(tmp_path / "attendance-and-welfare-officer-job-description.pdf"))
    for words in ("Relationships", "Control of resources", "Personnel None", "Secondary duties",
                  "Issued by", "Received by", "(Dependent on experience)", "(2024-25 NJC pay)",
                  "pro rata, term time only", "15 minutes (break) and 30 minutes (lunch), both unpaid"):
        assert words in text, words


def test_bold_and_links_in_the_pdf(officer: Path) -> None:
    import pypdf

    reader = pypdf.PdfReader(officer / "attendance-and-welfare-officer-job-description.pdf")
    uris = [a.get_object()["/A"]["/URI"] for page in reader.pages for a in page.get("/Annots", [])
            if a.get_object().get("/A", {}).get("/URI")]
    assert "https://www.gov.uk/government/publications/working-together-to-improve-school-attendance" in uris
    assert "**" not in pdf_text(officer / "attendance-and-welfare-officer-job-description.pdf")


def test_the_website_shows_sections_but_no_signatures_and_links_only_the_job_description(
        example_build: Path, tmp_path: Path) -> None:
    from jobpack.publish.site import build_site

    site = tmp_path / "site"
    build_site(Path(__file__).resolve().parent.parent, site, example_build)
    page = (site / FOLDER / "index.html").read_text("utf-8")
    assert "Control of resources" in page and "<strong>None</strong>" in page
    assert 'href="https://www.gov.uk/government/publications/working-together-to-improve-school-attendance"' in page
    assert "Received by" not in page and "Signatures" not in page
    assert "person-specification.pdf" not in page and "#person-specification" not in page
    assert "attendance-and-welfare-officer-job-description.pdf" in page


def test_every_salary_line_names_its_pay_year_and_every_person_specification_its_legal_requirements(
        example_build: Path) -> None:
    for pack in sorted(example_build.glob("*/*/*-job-description.pdf")):
        text = squash(pdf_text(pack))
        # The trust's 2024-25, or the advertised Elm Tree post's 2025-26 with the 2026-27 award pending.
        assert re.search(r"(FTE|grade) \((2024-25 NJC pay|2025-26 NJC pay; 2026-27 award pending)\)", text), pack.name
    specs = sorted(example_build.glob("*/*/*-person-specification.pdf"))
    assert len(specs) == 4
    for spec in specs:
        text = squash(pdf_text(spec))
        assert "Legal requirements" in text, spec.name
        assert "Enhanced DBS check with children's barred list check, for regulated activity" in text, spec.name
        assert "reasonable adjustments in line with the Equality Act 2010" in text, spec.name
        assert "suitability to work with children" in text, spec.name  # the trust-wide criterion


def test_the_leap_job_description_ends_with_three_signatories(example_build: Path) -> None:
    text = squash(pdf_text(next(example_build.glob("leap/*/*-job-description.pdf"))))
    assert re.search(r"Signatures Name Signed Date Post holder Line manager Headteacher", text)
    assert "Signatures" not in squash(pdf_text(next(example_build.glob("elm-tree/*/*-job-description.pdf"))))


# ------------------------------------------------------------------ mistakes, as an HR officer makes them


SECTIONS = """\
sections:
  - id: resources
    title: Control of resources
    position: after-duties
"""


def run(root: Path, *args: str):
    return CliRunner().invoke(main, [*args, "--trust", str(root)])


def test_an_unknown_only_id_is_located_with_a_suggestion(make_trust) -> None:
    root = make_trust(post="""\
        school: oak
        title: Teaching Assistant
        duties:
          pupils:
            - use: pupils-core
              only: [hygeine]
        criteria:
          qualifications:
            - use: quals
        """)
    result = run(root, "check")
    assert result.exit_code == 1
    assert "posts/oak/teaching-assistant.yaml:6:" in result.output
    assert "Nothing in block 'pupils-core' has the id 'hygeine'" in result.output
    assert "hygiene" in result.output


def test_two_uses_bringing_one_item_are_reported_at_both_use_lines(make_trust) -> None:
    root = make_trust(post="""\
        school: oak
        title: Teaching Assistant
        duties:
          pupils:
            - use: pupils-core
              only: [interests]
            - use: pupils-core
              only: [hygiene, interests]
        criteria:
          qualifications:
            - use: quals
        """)
    result = run(root, "check")
    assert result.exit_code == 1
    assert "posts/oak/teaching-assistant.yaml:5: Post 'oak/teaching-assistant' gets two items with the id " \
           "'interests'" in result.output
    assert "posts/oak/teaching-assistant.yaml:7: Post 'oak/teaching-assistant' gets two items" in result.output
    assert "blocks/pupils-core.yaml" not in result.output


def test_the_safeguarding_commitment_cannot_be_turned_off(make_trust) -> None:
    root = make_trust(files={"posts/oak/teaching-assistant.yaml": """\
        school: oak
        title: Teaching Assistant
        duties:
          pupils: [Help pupils.]
        criteria:
          qualifications: [GCSEs.]
        clauses:
          safeguarding: off
        """})
    result = run(root, "check")
    assert result.exit_code == 1
    assert "posts/oak/teaching-assistant.yaml:8:" in result.output
    assert "safeguarding commitment cannot be turned off" in result.output


def test_a_new_clause_needs_a_title_and_text_and_an_unknown_section_is_named(make_trust) -> None:
    root = make_trust(files={"posts/oak/teaching-assistant.yaml": """\
        school: oak
        title: Teaching Assistant
        duties:
          pupils: [Help pupils.]
        criteria:
          qualifications: [GCSEs.]
        clauses:
          secondary:
            text: Other duties.
        sections:
          resorces:
            rows: [{label: Personnel, text: None}]
        """, "trust.yaml": __import__("tests.conftest", fromlist=["MINI_TRUST"]).MINI_TRUST + SECTIONS})
    result = run(root, "check")
    assert result.exit_code == 1
    assert "posts/oak/teaching-assistant.yaml:8:3: 'secondary' is not one of the trust's clauses" in result.output
    assert "posts/oak/teaching-assistant.yaml:11:3: 'resorces' is not a section in trust.yaml" in result.output
    assert "resources" in result.output


def test_a_job_description_only_post_needs_no_criteria(make_trust) -> None:
    root = make_trust(files={"posts/oak/teaching-assistant.yaml": """\
        school: oak
        title: Teaching Assistant
        documents: [job-description]
        duties:
          pupils: [Help pupils.]
        """})
    assert run(root, "check").exit_code == 0
    root_without = make_trust(files={"posts/oak/teaching-assistant.yaml": """\
        school: oak
        title: Teaching Assistant
        duties:
          pupils: [Help pupils.]
        """})
    result = run(root_without, "check")
    assert result.exit_code == 1 and "documents: [job-description]" in result.output


def test_a_javascript_link_is_refused_where_it_is_written(make_trust) -> None:
    root = make_trust(files={"posts/oak/teaching-assistant.yaml": """\
        school: oak
        title: Teaching Assistant
        duties:
          pupils:
            - "Read [the policy](javascript:alert(1))."
        criteria:
          qualifications: [GCSEs.]
        """})
    result = run(root, "check")
    assert result.exit_code == 1
    assert "posts/oak/teaching-assistant.yaml:5:" in result.output
    assert "is not one jobpack will publish" in result.output


def test_a_timetable_that_does_not_add_up_is_a_warning(make_trust) -> None:
    post = """\
        school: oak
        title: Teaching Assistant
        hours:
          per_week: {hours}
          pattern:
            - days: Monday to Friday
              start: "09:00"
              end: "15:30"
              breaks:
                - {{minutes: 15, name: break, paid: true}}
                - {{minutes: 30, name: lunch}}
        duties:
          pupils: [Help pupils.]
        criteria:
          qualifications: [GCSEs.]
        """
    # 5 x (6h30 less the 30 unpaid minutes) = 30 hours: the paid break counts as worked time
    result = run(make_trust(files={"posts/oak/teaching-assistant.yaml": post.format(hours=30)}), "check")
    assert result.exit_code == 0 and "adds up" not in result.output
    result = run(make_trust(files={"posts/oak/teaching-assistant.yaml": post.format(hours=32)}), "check")
    assert result.exit_code == 0
    assert "posts/oak/teaching-assistant.yaml:6:5: warning: The daily working pattern" in result.output
    assert "adds up to 30 hours a week (unpaid breaks taken off), but per_week says 32 hours: 120 minutes " \
           "apart" in result.output
    assert "contingency_minutes: 120" in result.output


def test_show_prints_everything_the_documents_contain() -> None:
    result = CliRunner().invoke(main, ["show", POST, "--trust", str(Path(__file__).resolve().parent.parent)])
    assert result.exit_code == 0, result.output
    out = result.output
    for words in ("documents:\n- Job description", "issued: 4 November 2024 (version 2024.1)",
                  "pay_year: 2024-25 NJC pay", "(Dependent on experience)", "pattern:", "both unpaid",
                  "title: Relationships", "from: posts/westminster/attendance-and-welfare-officer.yaml:",
                  "title: Secondary duties", "from: trust.yaml:", "signatories:\n  - Issued by\n  - Received by"):
        assert words in out, words
    assert "criteria:" not in out  # a job description only: no person specification to show


def test_check_finds_the_example_trust_clean() -> None:
    result = check(Path(__file__).resolve().parent.parent)
    assert not result.errors
    assert POST in result.posts


def test_an_organisational_chart_is_a_real_picture_with_its_description(officer: Path) -> None:
    with zipfile.ZipFile(officer / "attendance-and-welfare-officer-job-description.docx") as zf:
        xml = zf.read("word/document.xml").decode()
        media = [n for n in zf.namelist() if n.startswith("word/media/")]
    assert len(media) == 2  # the school's logo and the chart
    assert 'descr="Organisational chart: the Head Teacher; below, the Deputy Head Teacher (Pastoral)' in xml
    images = subprocess.run(["pdfimages", "-list", str(officer / "attendance-and-welfare-officer-job-description.pdf")],
                            capture_output=True, text=True, check=True).stdout
    assert any(line.split()[3:5] == ["1000", "430"] for line in images.splitlines()[2:])  # width, height


def test_a_section_picture_outside_the_trust_or_not_a_picture_is_refused(make_trust, tmp_path_factory) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "chart.png"
    outside.write_bytes(b"\x89PNG not really")
    post = """\
        school: oak
        title: Teaching Assistant
        duties:
          pupils: [Help pupils.]
        criteria:
          qualifications: [GCSEs.]
        sections:
          resources:
            image: {path}
            alt: A chart.
        """
    trust = __import__("tests.conftest", fromlist=["MINI_TRUST"]).MINI_TRUST + SECTIONS
    root = make_trust(files={"trust.yaml": trust, "posts/oak/teaching-assistant.yaml": post.format(path=outside)})
    result = run(root, "check")
    assert result.exit_code == 1
    assert "posts/oak/teaching-assistant.yaml:8:" in result.output and "picture" in result.output
    result = run(make_trust(files={"trust.yaml": trust, "posts/oak/teaching-assistant.yaml": post.format(
        path="posts/chart.png")}), "check")
    assert result.exit_code == 1 and "is not in the assets/ folder" in result.output
    (root / "assets").mkdir()
    (root / "assets/chart.png").write_text("not a picture", "utf-8")
    root = make_trust(files={"trust.yaml": trust,
                             "posts/oak/teaching-assistant.yaml": post.format(path="assets/chart.png")})
    result = run(root, "check")
    assert result.exit_code == 1 and "The picture 'assets/chart.png' is not" in result.output
    no_alt = post.format(path="assets/chart.png").replace("alt: A chart.", "")
    result = run(make_trust(files={"trust.yaml": trust, "posts/oak/teaching-assistant.yaml": no_alt}), "check")
    assert result.exit_code == 1 and "needs 'alt'" in result.output


def test_a_school_rewords_a_clause_for_its_posts_only_and_the_wording_is_linted(make_trust) -> None:
    from tests.conftest import MINI_TRUST

    trust = MINI_TRUST.replace("""  - id: oak
    name: Oak School
""", """  - id: oak
    name: Oak School
    clauses:
      safeguarding:
        text: Oak School keeps children safe, and wants youthful staff.
""") + SECTIONS
    post = """\
        school: {school}
        title: Teaching Assistant
        duties:
          pupils: [Help pupils.]
        criteria:
          qualifications: [GCSEs or equivalent.]
        sections:
          resources:
            rows:
              - {{label: Personnel, text: "An energetic team of two."}}
        """
    root = make_trust(files={"trust.yaml": trust, "posts/oak/teaching-assistant.yaml": post.format(school="oak"),
                             "posts/elm/teaching-assistant.yaml": post.format(school="elm")})
    result = check(root)
    oak, elm = result.posts["oak/teaching-assistant"], result.posts["elm/teaching-assistant"]
    assert [c.text for c in oak.clauses] == ["Oak School keeps children safe, and wants youthful staff."]
    assert oak.clauses[0].source.startswith("trust.yaml:") and "(Oak School)" in oak.clauses[0].source
    assert [c.text for c in elm.clauses] == ["Elm Academy is committed to safeguarding."]
    warnings = [(p.file, p.line, p.message) for p in result.problems if p.severity == "warning"]
    assert any(f == "trust.yaml" and '"youthful"' in m for f, _, m in warnings)  # linted once, where written
    assert any(f == "posts/oak/teaching-assistant.yaml" and line == 10 and '"energetic"' in m
               for f, line, m in warnings)


def test_trust_wide_criteria_and_signatures_can_be_set_aside_by_a_post(make_trust) -> None:
    from tests.conftest import MINI_TRUST

    trust = MINI_TRUST + """\
signatures:
  documents: [job-description, person-specification]
  signatories: [post-holder, Chair of governors]
criteria:
  experience:
    - id: safeguarding
      text: Suitability to work with children.
      assessed: [A, I]
"""
    post = MINI_POST_WITH + """\
        omit: [safeguarding]
        signatures: off
        """
    root = make_trust(files={"trust.yaml": trust, "posts/elm/teaching-assistant.yaml": post})
    result = check(root)
    assert not result.errors, [p.format() for p in result.errors]
    oak, elm = result.posts["oak/teaching-assistant"], result.posts["elm/teaching-assistant"]
    assert [i.text for i in oak.criteria if i.section == "experience"] == ["Suitability to work with children."]
    assert oak.criteria[-1].file == "trust.yaml"
    assert not [i for i in elm.criteria if i.id == "safeguarding"]
    assert oak.signatures is not None and oak.signatures.signatories == ["post-holder", "Chair of governors"]
    assert elm.signatures is None
    from jobpack.view.context import build_context, document_context

    names = document_context(build_context(oak, result.trust, root), "person-specification")
    assert names["document"].signatories == ("Post holder", "Chair of governors")


MINI_POST_WITH = """\
        school: elm
        title: Teaching Assistant
        duties:
          pupils: [Help pupils.]
        criteria:
          qualifications: [GCSEs or equivalent.]
"""
