"""The site of the example trust: complete pages, working links, packs.json, JSON-LD and sitemap."""

from __future__ import annotations

import json
import re

from sitecheck import TODAY, broken_links, html_pages, page_text, parse

from jobpack.build.orchestrate import check
from jobpack.compose.terms import price_post
from jobpack.load.markup import Rich
from jobpack.view.context import build_context


def test_every_post_page_carries_every_duty_and_criterion(example_site):
    root, site, report = example_site
    checked = check(root)
    assert sorted(report.posts) == sorted(checked.posts)
    for post_id, post in checked.posts.items():
        text = page_text((site / post.school.id / post.slug / "index.html").read_text("utf-8"))
        solid = "".join(text.split())  # the page's words run together: bold and links are their own elements

        def shown(words: str, solid: str = solid) -> bool:
            return "".join(str(Rich(words)).split()) in solid

        missing = [i.text for i in post.summary + post.duties if not shown(i.text)]
        if "person-specification" in post.documents:
            missing += [w for i in post.criteria for w in (i.alternatives or (i.text,)) if not shown(w)]
        assert missing == [], post_id
        context = build_context(post, checked.trust, root)["post"]
        for line in [*context["salary"], context["hours"], context["grade"], context["safeguarding"]]:
            assert shown(line), (post_id, line)
        for line in context["recruitment"]:
            assert line["label"] in text and line["value"] in text, (post_id, line)
        for clause in context["clauses"]:
            assert shown(clause["text"]), (post_id, clause["id"])
        for category in context["criteria_categories"] if "person-specification" in post.documents else ():
            for criterion in category["items"]:
                names = ", ".join(m["name"] for m in criterion["assessed"])
                assert names in text, (post_id, criterion["id"])


def test_every_link_resolves_inside_the_site(example_site):
    _, site, _ = example_site
    assert broken_links(site) == []


def test_every_page_has_one_h1_and_landmarks(example_site):
    _, site, _ = example_site
    for rel in html_pages(site):
        page = parse((site / rel).read_text("utf-8"))
        assert [level for level, _ in page.headings].count(1) == 1, rel
        assert {"header", "nav", "main", "footer"} <= page.landmarks, rel
        assert page.lang == "en-GB"


def test_packs_json_lists_every_post(example_site):
    root, site, _ = example_site
    checked = check(root)
    records = json.loads((site / "packs.json").read_text("utf-8"))
    assert [r["id"] for r in records] == sorted(checked.posts)
    for record in records:
        post = checked.posts[record["id"]]
        pricing = price_post(post, checked.trust)
        assert record["title"] == post.title and record["school"] == post.school.name
        if pricing:
            assert (record["fte_min"], record["fte_max"]) == pricing.fte
            assert all(isinstance(record[k], int) for k in ("fte_min", "fte_max"))
        assert record["term_time_only"] == (post.hours.term_time_only if post.hours else None)
        assert record["url"] == f"{post.school.id}/{post.slug}/index.html"
        assert sorted(record["documents"].values()) == sorted(
            f.path for f in post.outputs.files)
        for url in record["documents"].values():
            assert (site / url).is_file()


def test_json_ld_only_for_open_vacancies(example_site):
    root, site, report = example_site
    checked = check(root)
    expected = sorted(pid for pid, p in checked.posts.items() if p.vacancy and p.vacancy.closing_date >= TODAY)
    assert expected and sorted(report.open_vacancies) == expected
    assert any(p.vacancy and p.vacancy.closing_date < TODAY for p in checked.posts.values())  # one closed one
    for post_id, post in checked.posts.items():
        page = parse((site / post.school.id / post.slug / "index.html").read_text("utf-8"))
        if post_id in expected:
            (posting,) = page.json_ld
            assert posting["@type"] == "JobPosting" and posting["title"] == post.title
            assert posting["validThrough"] == post.vacancy.closing_date.isoformat()
            assert posting["baseSalary"]["currency"] == "GBP"
            assert posting["baseSalary"]["value"]["unitText"] == "YEAR"
            assert posting["employmentType"] in ("FULL_TIME", "PART_TIME")
            assert posting["jobLocation"]["address"]["addressCountry"] == "GB"
        else:
            assert page.json_ld == [], post_id
    assert "application/ld+json" not in (site / "index.html").read_text("utf-8")


def test_sitemap_lists_every_page(example_site):
    root, site, _ = example_site
    website = check(root).trust.website
    if not website:  # the protocol allows only full addresses: no website, no sitemap
        assert not (site / "sitemap.xml").exists()
        return
    locations = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text("utf-8"))
    if website:  # absolute folder URLs: https://host/path/school/post/
        base = website.rstrip("/") + "/"
        assert all(loc.startswith(base) and loc.endswith("/") for loc in locations)
        locations = [loc.removeprefix(base) + "index.html" for loc in locations]
    assert sorted(locations) == html_pages(site)


def test_filters_offer_only_options_that_match_a_post(example_site):
    """Every example post is term time only: "All year" would find nothing, so it is not offered."""
    _, site, _ = example_site
    html = (site / "index.html").read_text("utf-8")
    assert '<option value="term">Term time only</option>' in html
    assert '<option value="year">' not in html
    assert 'id="f-open"' in html  # one vacancy is open


def test_levels_are_shown_as_in_the_pdf(example_site):
    """Nightingale's levelled person specification: the Level column second, each criterion's level as the
    PDF words it, and the note that each level includes the levels below."""
    root, site, _ = example_site
    post = check(root).posts["nightingale/learner-support-professional"]
    html = (site / post.school.id / post.slug / "index.html").read_text("utf-8")
    table = html[html.index('id="person-specification"'):]
    heads = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', table)[:4]
    assert heads == ["Criterion", "Level", "Essential or desirable", "How assessed"]
    text = " ".join(re.sub(r"<[^>]+>", " ", table).split())
    assert "This post is offered at 4 levels: Level 1, Level 2, Level 3, Level 4." in text
    assert "Each level includes the criteria of the levels below it." in text
    # The row that starts a level is marked as in the PDF's table (beside its need: class="essential level-start").
    assert "All levels" in text and re.search(r'<tr class="[^"]*\blevel-start\b[^"]*">', table)
