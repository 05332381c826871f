"""The consistency page (issue 28 item 4): `site: {consistency_page: true}` in trust.yaml makes `jobpack site`
publish the drift report as a page of the site, comparing only the posts the site publishes; off by default,
when the site is byte for byte what it was.

The trust is the example with issue 28's re-worded LEAP post (tests/standardise/reworded.py), so the page has
proposals as well as the learning-support posts' like roles. The browser tests open the page from file://
in Debian's chromium with axe-core, at 1280 and 320 px; they skip, saying why, when chromium, Playwright or
axe-playwright-python is missing.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner
from sitecheck import TODAY, broken_links, html_pages, page_text, parse

from jobpack.check.validate import Checked
from jobpack.cli import main
from jobpack.publish.site import build_site
from jobpack.publish.site.data import SitePost
from jobpack.publish.site.files import SITE_MANIFEST
from jobpack.standardise.drift_site import consistency_pages
from tests.standardise.reworded import NEW, REWORDED, reworded_trust

NEW_ID = NEW.removeprefix("posts/").removesuffix(".yaml")  # leap/pastoral-support-worker
LEARNING_SUPPORT = {  # the example's learning-support posts and the grades the page must show side by side
    "elm-tree/pastoral-learning-support-practitioner": "Band D",
    "leap/learning-support-assistant-key-worker": "NJC Scale 6",
    "nightingale/learner-support-professional": "Scale 3 – SO2",
    "westminster/learning-support-practitioner": "Band D",
}
CHROMIUM = Path(os.environ.get("JOBPACK_CHROMIUM", "/usr/bin/chromium"))
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def turn_on(root: Path, value: str = "true") -> None:
    """Give the copy's trust.yaml `site: {consistency_page: <value>}` (the example has no `site:` yet)."""
    trust = root / "trust.yaml"
    text = trust.read_text("utf-8")
    assert not re.search(r"^site:", text, re.M), "the example trust has site: now: edit it instead of appending"
    trust.write_text(text.rstrip("\n") + f"\n\nsite:\n  consistency_page: {value}\n", "utf-8")


@pytest.fixture(scope="module")
def on(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """(trust, site, what `jobpack site` printed): the re-worded trust with the page on, built by the command."""
    root = reworded_trust(tmp_path_factory.mktemp("consistency") / "trust")
    turn_on(root)
    result = CliRunner().invoke(main, ["site", "--trust", str(root)])
    assert result.exit_code == 0, result.output
    return root, root / "output" / "site", result.output


def _page(site: Path) -> str:
    return (site / "consistency.html").read_text("utf-8")


def test_jobpack_site_publishes_the_page_and_links_it_from_every_page(on) -> None:
    _root, site, _output = on
    assert (site / "consistency.html").is_file() and (site / "assets/drift.css").is_file()
    assert "consistency.html" in (site / SITE_MANIFEST).read_text("utf-8")  # removed again when turned off
    index = (site / "index.html").read_text("utf-8")
    assert '<li><a href="consistency.html">Consistency</a></li>' in index
    post = (site / "elm-tree/pastoral-learning-support-practitioner/index.html").read_text("utf-8")
    assert '<li><a href="../../consistency.html">Consistency</a></li>' in post
    html = _page(site)
    assert '<a href="consistency.html" aria-current="page">Consistency</a>' in html
    # the site's own layout: its stylesheet, header and footer, with the drift report's parts after it
    assert html.index('href="assets/site.css"') < html.index('href="assets/drift.css"')
    page = parse(html)
    assert {"header", "nav", "main", "footer"} <= page.landmarks and page.lang == "en-GB"
    assert page.headings[0] == (1, "Consistency across our schools")
    assert broken_links(site) == []


def test_the_page_shows_the_like_roles_the_proposals_and_that_it_is_no_legal_finding(on) -> None:
    html = _page(on[1])
    text = page_text(html)
    assert "It is evidence for the trust to review, not a legal finding." in text
    assert "This page compares the 6 posts published on this site, and no others." in text
    for post_id, grade in LEARNING_SUPPORT.items():  # each post in the table, linked to its page, with its grade
        row = re.search(rf'<tr><th scope="row"><a href="{re.escape(post_id)}/index.html">{re.escape(post_id)}</a>'
                        r"</th>(.*?)</tr>", html)
        assert row, post_id
        assert f"<td>{grade}</td>" in row.group(1)
    assert "Different grades for like roles" in text
    # a proposal: Elm Tree's wording and the re-worded post's side by side, the differing words marked
    assert "To supervise pupils at lunch time and break time as required." in text
    assert "<mark>children during lunchtimes</mark>" in html
    assert re.search(r"How much is shared .*The trust \d+\.\d%", text)
    # the public page names posts, not files, and gives no commands
    assert "posts/" not in text and "jobpack drift" not in text and ".yaml" not in text


def test_the_page_needs_nothing_from_outside_and_runs_no_script(on) -> None:
    html = _page(on[1])
    assert "<script" not in html
    for tag, url in parse(html).links:
        assert tag == "canonical" or not re.match(r"(?:[a-z]+:)?//", url) or url == "https://jobs.example.org", url


def test_the_page_is_off_by_default_and_the_site_is_then_unchanged(example_site, tmp_path: Path) -> None:
    """The example trust (no `site:`) built with the page's maker, as `jobpack site` builds it, is byte for byte
    the site built without it (which the golden files prove unchanged)."""
    root, site, _report = example_site
    again = tmp_path / "site"
    report = build_site(root, again, today=TODAY, added_pages=consistency_pages)
    assert "consistency.html" not in report.pages
    assert not (again / "consistency.html").exists() and not (again / "assets/drift.css").exists()
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again).as_posix() for p in again.rglob("*") if p.is_file())
    for rel in files:
        assert (again / rel).read_bytes() == (site / rel).read_bytes(), rel
    assert "Consistency" not in (again / "index.html").read_text("utf-8")


def test_turning_it_off_removes_the_page_and_its_link(tmp_path: Path) -> None:
    root = reworded_trust(tmp_path / "trust")
    turn_on(root, "false")
    result = CliRunner().invoke(main, ["site", "--trust", str(root)])
    assert result.exit_code == 0, result.output
    site = root / "output/site"
    assert not (site / "consistency.html").exists()
    assert all("consistency.html" not in (site / rel).read_text("utf-8") for rel in html_pages(site))
    trust = (root / "trust.yaml").read_text("utf-8")
    (root / "trust.yaml").write_text(trust.replace("consistency_page: false", "consistency_page: true"), "utf-8")
    assert CliRunner().invoke(main, ["site", "--trust", str(root)]).exit_code == 0
    assert (site / "consistency.html").is_file()
    (root / "trust.yaml").write_text(trust, "utf-8")  # off again: the page, its stylesheet and its link go
    result = CliRunner().invoke(main, ["site", "--trust", str(root)])
    assert result.exit_code == 0, result.output
    assert not (site / "consistency.html").exists() and not (site / "assets/drift.css").exists()
    assert "consistency.html" not in (site / "index.html").read_text("utf-8")


def test_a_post_the_site_does_not_publish_never_appears(on, tmp_path: Path) -> None:
    """Drift runs on the posts the site publishes, as build_site hands them over: a post left out of them (its
    id, title, wording and pay) is nowhere on the page, though it is on the page of a site that publishes it."""
    root, site, _output = on
    handed: list[str] = []

    def without_new(checked: Checked, published: Sequence[SitePost]) -> list:
        handed.extend(sp.post.id for sp in published)
        return consistency_pages(checked, [sp for sp in published if sp.post.id != NEW_ID])

    report = build_site(root, tmp_path / "site", added_pages=without_new)
    assert sorted(handed) == sorted(report.posts) and NEW_ID in handed  # exactly the posts with a page
    secret = [NEW_ID, "Pastoral Support Worker", *(new for _elm, new in REWORDED)]
    published = page_text(_page(site))
    assert all(text in published for text in secret[:3])  # so the check below can fail
    left_out = page_text(_page(tmp_path / "site"))
    assert [text for text in secret if text in left_out] == []
    assert "This page compares the 5 posts published on this site" in left_out
    assert "Elm Tree Primary Academy" in left_out and "Band D" in left_out  # the others are still compared


def test_one_body_for_the_site_page_and_drift_html(on, tmp_path: Path) -> None:
    """The trust's own `templates/site/_drift.html` restyles both pages: they share the one partial."""
    root, _site, _output = on
    trust = tmp_path / "trust"
    shutil.copytree(root, trust, ignore=shutil.ignore_patterns("output"))
    override = trust / "templates/site/_drift.html"
    override.parent.mkdir(parents=True, exist_ok=True)
    builtin = Path(__file__).resolve().parents[2] / "src/jobpack/templates/site/_drift.html"
    override.write_text(builtin.read_text("utf-8").replace('<div class="drift">',
                                                            '<div class="drift"><p>Our own words.</p>'), "utf-8")
    result = CliRunner().invoke(main, ["drift", "--html", str(tmp_path / "report"), "--trust", str(trust)])
    assert result.exit_code == 0, result.output
    assert "<p>Our own words.</p>" in (tmp_path / "report/index.html").read_text("utf-8")
    report = build_site(trust, tmp_path / "site", added_pages=consistency_pages)
    assert "consistency.html" in report.pages
    assert "<p>Our own words.</p>" in _page(tmp_path / "site")


def test_jobpack_serve_publishes_the_page_too(site_trust, monkeypatch: pytest.MonkeyPatch) -> None:
    """`jobpack serve` rebuilds with the page's maker, as `jobpack site` builds (the server itself is left out:
    the preview's first build is all this needs)."""
    from jobpack.publish.site import serve as serving

    root = site_trust(closing=None)
    turn_on(root)
    monkeypatch.setattr(serving, "serve", lambda root, site_dir, host, port, rebuild, echo: rebuild())
    result = CliRunner().invoke(main, ["serve", "--trust", str(root)])
    assert result.exit_code == 0, result.output
    text = page_text((root / "output/site/consistency.html").read_text("utf-8"))
    assert "This page compares the 1 post published on this site, and no others." in text
    assert '<a href="consistency.html">Consistency</a>' in (root / "output/site/index.html").read_text("utf-8")


def test_a_mistyped_setting_names_the_line_and_the_right_name(make_trust) -> None:
    root = make_trust()
    turn_on(root)
    (root / "trust.yaml").write_text((root / "trust.yaml").read_text("utf-8").replace("consistency_page",
                                                                                      "consistancy_page"), "utf-8")
    line = (root / "trust.yaml").read_text("utf-8").splitlines().index("  consistancy_page: true") + 1
    result = CliRunner().invoke(main, ["check", "--trust", str(root)])
    assert result.exit_code == 1
    assert f"trust.yaml:{line}:3: 'consistancy_page' is not something jobpack knows here." in result.output
    assert "Did you mean 'consistency_page'?" in result.output and "Traceback" not in result.output


# ------------------------------------------------------------------ in a browser


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.is_file():
        pytest.skip(f"chromium is not installed at {CHROMIUM} (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed "
                                   "(pip install -e '.[test]')")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.mark.parametrize("width", [1280, 320])
def test_in_a_browser_from_disk_the_like_roles_show_and_axe_finds_nothing(on, browser, width: int,
                                                                          tmp_path: Path) -> None:
    axe = pytest.importorskip("axe_playwright_python.sync_playwright",
                              reason="axe-playwright-python is not installed (pip install -e '.[test]')")
    _root, site, _output = on
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto((site / "index.html").as_uri())
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Consistency").click()
        page.wait_for_load_state()
        assert page.url.startswith("file://") and page.url.endswith("/consistency.html")
        assert page.locator("h1").inner_text() == "Consistency across our schools"
        table = page.get_by_role("table", name="Group 1:")
        for post_id, grade in LEARNING_SUPPORT.items():
            row = table.get_by_role("row").filter(has=page.get_by_role("link", name=post_id, exact=True))
            assert row.count() == 1, post_id
            assert row.get_by_role("cell", name=grade, exact=True).count() == 1, (post_id, grade)
        assert page.get_by_text("evidence for the trust to review, not a legal finding").is_visible()
        assert page.locator("mark", has_text="children during lunchtimes").first.is_visible()
        assert page.locator("script").count() == 0
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # wide tables scroll inside
        results = axe.Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        assert results.violations_count == 0, results.generate_report()
        page.screenshot(path=str(tmp_path / f"consistency-{width}.png"), full_page=True)
        assert requests and all(url.startswith("file:") for url in requests), requests
        # a post's link leads to its page on the site
        page.get_by_role("link", name="westminster/learning-support-practitioner", exact=True).first.click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == "Learning Support Practitioner"
    finally:
        context.close()
