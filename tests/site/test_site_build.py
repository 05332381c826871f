"""`build_site` on the small trust: pages, documents, packs.json, sitemap, JSON-LD, stability, clean-up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sitecheck import CLOSED_CLOSING, TODAY, broken_links, html_pages, page_text, parse

from jobpack.build.orchestrate import check
from jobpack.build.run import file_names
from jobpack.cli import main
from jobpack.compose.terms import price_post
from jobpack.errors import InvalidTrust
from jobpack.publish.site import build_site
from jobpack.publish.site.files import SITE_MANIFEST

PAGE = "oak/teaching-assistant/index.html"
POST_FILE = "posts/oak/teaching-assistant.yaml"
BROKEN = "school: oak\ntitle: TA\nduties:\n  pupils: [{use: nope}]\n"


def build(root: Path, **kwargs):
    return build_site(root, root / "site", root / "docs", jobs=1, today=kwargs.pop("today", TODAY), **kwargs)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_site_has_index_post_page_documents_and_data(site_trust):
    root = site_trust()
    report = build(root)
    site = root / "site"
    assert report.pages == ["index.html", PAGE]
    assert report.posts == ["oak/teaching-assistant"]
    for name in file_names("teaching-assistant").values():
        assert (site / "oak/teaching-assistant" / name).read_bytes() == (root / "docs/oak/teaching-assistant" / name
                                                                         ).read_bytes()
    for name in ("index.html", "packs.json", "assets/site.css", "assets/search.js", SITE_MANIFEST):
        assert (site / name).is_file(), name
    assert broken_links(site) == []


def test_post_page_shows_the_whole_job_description_and_person_specification(site_trust):
    root = site_trust()
    build(root)
    text = page_text((root / "site" / PAGE).read_text("utf-8"))
    checked = check(root)
    post = checked.posts["oak/teaching-assistant"]
    for item in post.summary + post.duties:
        assert item.text in text
    assert "Prepare resources for lessons & displays." in text  # escaped in HTML, intact as text
    for item in post.criteria:
        for words in item.alternatives or (item.text,):
            assert words in text
    assert "Support learning in Oak School's classrooms." in text  # variables expanded
    assert "Essential" in text and "Desirable" in text
    assert "Application form, Interview" in text  # NVQ: assessed by A and I, names in full
    pricing = price_post(post, checked.trust)
    assert pricing is not None
    for line in pricing.lines():
        assert line in text
    assert "30 hours per week" in text and "term time only" in text
    for label in ("DBS check", "Rehabilitation of Offenders Act 1974", "Online search"):
        assert label in text
    assert "Oak School is committed to safeguarding." in text
    assert "Closing date: 28 February 2025" in text and "OAK-TA-1" in text
    assert "Email your application form to Oak School." in text


def test_page_structure_is_accessible(site_trust):
    root = site_trust()
    build(root)
    for rel in html_pages(root / "site"):
        page = parse((root / "site" / rel).read_text("utf-8"))
        assert page.lang == "en-GB"
        assert {"header", "nav", "main", "footer"} <= page.landmarks, rel
        assert [level for level, _ in page.headings].count(1) == 1, rel
        levels = [level for level, _ in page.headings]
        assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), (rel, levels)
        assert page.first_link == "#main" and "main" in page.ids, rel
        assert all(scope == "col" for scope, section in page.header_cells if section == "thead"), rel
        assert all(scope for scope, _ in page.header_cells), rel
        for tag, control_id, aria in page.controls:
            assert aria or control_id in page.label_for, (rel, tag, control_id)
        assert len(page.ids) == len(set(page.ids)), rel
    index = parse((root / "site/index.html").read_text("utf-8"))
    assert "result-count" in index.live_regions
    assert len(index.controls) == 6  # search, school, grade, hours, weeks, open only


def test_index_lists_every_post_without_javascript(site_trust):
    root = site_trust(files={"posts/elm/cook.yaml": (
        "school: elm\ntitle: Cook\nduties:\n  pupils: [Serve lunch.]\ncriteria:\n  experience: [Cooking.]\n")})
    build(root)
    html = (root / "site/index.html").read_text("utf-8")
    assert '<form id="filters"' in html and " hidden>" in html.split('<form id="filters"')[1].split("\n")[0]
    assert 'href="oak/teaching-assistant/index.html"' in html and 'href="elm/cook/index.html"' in html
    assert html.index("Oak School") < html.index("Elm Academy")  # trust.yaml order
    assert 'data-weeks="term"' in html and 'data-hours="part"' in html and 'data-grade="Band D"' in html
    assert "Showing all 2 posts" in html


def test_packs_json(site_trust):
    root = site_trust()
    build(root)
    records = json.loads((root / "site/packs.json").read_text("utf-8"))
    checked = check(root)
    pricing = price_post(checked.posts["oak/teaching-assistant"], checked.trust)
    assert pricing is not None and pricing.actual is not None
    (record,) = records
    assert record["id"] == "oak/teaching-assistant"
    assert record["title"] == "Teaching Assistant" and record["school"] == "Oak School"
    assert record["grade"] == "Band D (SCP 9–17)"
    assert (record["fte_min"], record["fte_max"]) == pricing.fte
    assert (record["actual_min"], record["actual_max"]) == pricing.actual
    lines = pricing.lines()
    assert record["salary"] == [f"{lines[0]} (2024-25 NJC pay)", *lines[1:]]  # the first line names the pay year
    assert record["hours_per_week"] == 30 and record["term_time_only"] is True and record["full_time"] is False
    assert record["url"] == PAGE
    assert record["vacancy"] == {"open": True, "closing_date": "2025-02-28", "posted": "2025-01-06",
                                 "reference": "OAK-TA-1"}
    for url in record["documents"].values():
        assert (root / "site" / url).is_file()
    assert set(record["documents"]) == {"job_pack_pdf", "job_description_pdf", "job_description_docx",
                                        "person_specification_pdf", "person_specification_docx"}


def test_json_ld_for_an_open_vacancy(site_trust):
    root = site_trust(website="https://jobs.example.org/")
    build(root)
    (posting,) = parse((root / "site" / PAGE).read_text("utf-8")).json_ld
    checked = check(root)
    pricing = price_post(checked.posts["oak/teaching-assistant"], checked.trust)
    assert pricing is not None and pricing.actual is not None
    assert posting["@context"] == "https://schema.org" and posting["@type"] == "JobPosting"
    assert posting["title"] == "Teaching Assistant"
    assert "<li>Prepare resources for lessons &amp; displays.</li>" in posting["description"]
    assert posting["datePosted"] == "2025-01-06" and posting["validThrough"] == "2025-02-28"
    assert posting["hiringOrganization"]["name"] == "Oak School"
    assert posting["jobLocation"]["address"]["@type"] == "PostalAddress"
    assert posting["employmentType"] == "PART_TIME"
    salary = posting["baseSalary"]
    assert salary["@type"] == "MonetaryAmount" and salary["currency"] == "GBP"
    assert salary["value"] == {"@type": "QuantitativeValue", "minValue": pricing.actual[0],
                               "maxValue": pricing.actual[1], "unitText": "YEAR"}
    assert posting["url"] == "https://jobs.example.org/oak/teaching-assistant/"


def test_vacancy_closing_today_is_still_open(site_trust):
    root = site_trust(closing=TODAY)
    report = build(root)
    assert report.open_vacancies == ["oak/teaching-assistant"]
    assert parse((root / "site" / PAGE).read_text("utf-8")).json_ld


@pytest.mark.parametrize("closing", [CLOSED_CLOSING, None])
def test_no_json_ld_or_closing_date_without_an_open_vacancy(site_trust, closing):
    root = site_trust(closing=closing)
    report = build(root)
    assert report.open_vacancies == []
    for rel in ("index.html", PAGE):
        html = (root / "site" / rel).read_text("utf-8")
        assert "application/ld+json" not in html
        assert "Closing date" not in html and "apply by" not in html
    assert json.loads((root / "site/packs.json").read_text("utf-8"))[0]["vacancy"] == (
        None if closing is None else {"open": False, "closing_date": "2024-12-20", "posted": "2025-01-06",
                                      "reference": "OAK-TA-1"})


def test_sitemap_only_with_absolute_addresses(site_trust, tmp_path):
    """The sitemap protocol allows only full URLs: without the trust's website there is no sitemap, and the
    site command says why and what to add."""
    root = site_trust()
    report = build(root)
    assert not (root / "site/sitemap.xml").exists()
    (warning,) = [p for p in report.problems if "sitemap" in p.message]
    assert warning.file == "trust.yaml" and warning.line == 1 and warning.severity == "warning"
    assert "website: https://" in warning.hint
    result = CliRunner().invoke(main, ["site", "--trust", str(root)])
    assert result.exit_code == 0 and "trust.yaml:1" in result.output and "no sitemap.xml" in result.output
    root = site_trust(website="https://example.org/jobs")
    report = build(root)
    assert not [p for p in report.problems if "sitemap" in p.message]
    sitemap = (root / "site/sitemap.xml").read_text("utf-8")
    assert "<loc>https://example.org/jobs/</loc>" in sitemap
    assert "<loc>https://example.org/jobs/oak/teaching-assistant/</loc>" in sitemap
    assert '<link rel="canonical" href="https://example.org/jobs/oak/teaching-assistant/">' in (
        root / "site" / PAGE).read_text("utf-8")


def test_rebuild_is_byte_stable_and_writes_nothing(site_trust):
    root = site_trust()
    build(root)
    before = snapshot(root / "site")
    mtimes = {p: p.stat().st_mtime_ns for p in (root / "site").rglob("*") if p.is_file() and p.name != SITE_MANIFEST}
    report = build(root)
    assert report.written == [] and len(report.unchanged) == len(before) - 1
    assert snapshot(root / "site") == before
    assert {p: p.stat().st_mtime_ns for p in mtimes} == mtimes


def test_removes_its_own_stale_files_but_nothing_else(site_trust):
    root = site_trust()
    build(root)
    site = root / "site"
    (site / "CNAME").write_text("jobs.example.org")
    (site / "oak/teaching-assistant/notes.txt").write_text("mine")
    post = root / "posts/oak/teaching-assistant.yaml"
    post.rename(post.with_name("classroom-assistant.yaml"))
    report = build(root)
    assert "oak/teaching-assistant/index.html" in report.removed
    assert not (site / "oak/teaching-assistant/index.html").exists()
    assert not (site / "oak/teaching-assistant/teaching-assistant-job-pack.pdf").exists()
    assert (site / "oak/classroom-assistant/index.html").is_file()
    assert (site / "CNAME").is_file() and (site / "oak/teaching-assistant/notes.txt").is_file()
    assert broken_links(site) == []


def test_errors_leave_the_site_untouched(site_trust):
    root = site_trust()
    build(root)
    before = snapshot(root / "site")
    (root / POST_FILE).write_text(BROKEN)
    with pytest.raises(InvalidTrust) as caught:
        build(root)
    assert "There is no block called 'nope'." in str(caught.value)
    assert snapshot(root / "site") == before


def test_template_error_leaves_the_site_untouched(site_trust):
    root = site_trust()
    build(root)
    before = snapshot(root / "site")
    (root / "templates/site").mkdir(parents=True)
    (root / "templates/site/index.html").write_text(
        "{% extends 'base.html' %}{% block content %}{{ nope }}{% endblock %}")
    from jobpack.render import TemplateError

    with pytest.raises(TemplateError):
        build(root)
    assert snapshot(root / "site") == before


def test_trust_can_override_site_templates(site_trust):
    root = site_trust()
    (root / "templates/site").mkdir(parents=True)
    (root / "templates/site/site.css").write_text("body { color: #000; }\n")
    build(root)
    assert (root / "site/assets/site.css").read_text() == "body { color: #000; }\n"


def test_light_school_colour_is_darkened_for_contrast(site_trust):
    root = site_trust(colour="#FFCC00")
    build(root)
    html = (root / "site" / PAGE).read_text("utf-8")
    assert "#ffcc00" not in html.lower()
    assert "--accent: #" in html


def test_school_logo_is_published(site_trust):
    root = site_trust()
    (root / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>')
    trust = (root / "trust.yaml").read_text()
    trust = trust.replace("    name: Oak School", "    name: Oak School\n    logo: logo.svg")
    (root / "trust.yaml").write_text(trust)
    build(root)
    assert (root / "site/assets/logos/oak.svg").is_file()
    assert 'src="../../assets/logos/oak.svg"' in (root / "site" / PAGE).read_text()
    assert broken_links(root / "site") == []


def test_site_and_documents_folders_must_differ(site_trust):
    root = site_trust()
    with pytest.raises(InvalidTrust, match="same"):
        build_site(root, root / "output", root / "output", today=TODAY)


def test_site_command(site_trust):
    root = site_trust()
    result = CliRunner().invoke(main, ["site", "--trust", str(root), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "Site: 1 post page" in result.output
    assert (root / "output/site/index.html").is_file()
    assert (root / "output/oak/teaching-assistant/teaching-assistant-job-pack.pdf").is_file()
    result = CliRunner().invoke(main, ["site", "--trust", str(root), "-o", str(root / "public")])
    assert result.exit_code == 0 and (root / "public/index.html").is_file()


def test_site_command_reports_errors(site_trust):
    root = site_trust()
    (root / POST_FILE).write_text(BROKEN)
    result = CliRunner().invoke(main, ["site", "--trust", str(root)])
    assert result.exit_code == 1
    assert "There is no block called 'nope'." in result.output and "Traceback" not in result.output
    assert not (root / "output/site/index.html").exists()


def test_post_without_pay_hours_or_vacancy(make_trust):
    root = make_trust()
    build(root)
    (record,) = json.loads((root / "site/packs.json").read_text("utf-8"))
    assert record["salary"] == [] and record["fte_min"] is None and record["hours"] == ""
    assert record["term_time_only"] is None and record["full_time"] is None and record["vacancy"] is None
    html = (root / "site" / PAGE).read_text("utf-8")
    assert "application/ld+json" not in html and "Maintain pupils' interests and motivation." in page_text(html)
    assert broken_links(root / "site") == []
