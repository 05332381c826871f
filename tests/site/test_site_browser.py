"""The example site in a real browser: Debian's chromium driven by Playwright, with axe-core.

The site is served from a sub-path (/site/) by a local http.server thread, as a web host would; one test
also opens it from disk (file://). These tests skip, saying why, only when chromium, Playwright or axe-core
is not installed; the README's test command installs all three (axe-core comes inside axe-playwright-python,
from PyPI: no npm).
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sitecheck import html_pages

CHROMIUM = Path(os.environ.get("JOBPACK_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# Debian's chromium package; where a distribution has none (Ubuntu ships chromium as a snap), the README's
# test command installs Playwright's own build instead, which Playwright finds by itself.
OWN_BUILD = any((Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH", Path.home() / ".cache/ms-playwright"))).glob(
    "chromium*"))
if not CHROMIUM.is_file() and not OWN_BUILD:
    pytest.skip(f"chromium is not installed at {CHROMIUM} (apt-get install -y chromium), nor Playwright's own "
                "(python -m playwright install --with-deps chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed "
                               "(pip install -e '.[test]'; no 'playwright install' needed)")
axe_playwright = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python (which "
                                     "carries axe-core) is not installed (pip install -e '.[test]')")
AXE = axe_playwright.Axe()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def served(example_site) -> Iterator[tuple[str, Path, list[dict]]]:
    """(base URL of the site, site folder, packs.json records), the site served under /site/."""
    _, site, _ = example_site
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site.parent)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield (f"http://127.0.0.1:{server.server_address[1]}/{site.name}/", site,
               json.loads((site / "packs.json").read_text("utf-8")))
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM) if CHROMIUM.is_file() else None,
                                              args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def status_text(page) -> str:
    return page.locator("#result-count").inner_text()


def visible_cards(page) -> list[str]:
    return page.locator("[data-post]:visible .card-title").all_inner_texts()


def expected_matches(site: Path, words: str) -> int:
    """How many posts the search should find: every query word a whole word of the post's search words or the
    start of one ("word~parts" entries, in assets/search-index.js), as search.js does."""
    script = (site / "assets/search-index.js").read_text("utf-8")
    index = json.loads(script.split("=", 1)[1].strip().rstrip(";"))
    texts = [[entry.rsplit("~", 1)[0] for entry in text.split()] for text in index.values()]
    query = re.findall(r"[\w'’-]+", words.lower())
    return sum(all(any(word.startswith(w) for word in text) for w in query) for text in texts)


def test_every_page_loads_without_console_errors(served, page):
    base, site, _ = served
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning")
            else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.on("response", lambda r: problems.append(f"{r.status}: {r.url}") if r.status >= 400 else None)
    for rel in html_pages(site):
        response = page.goto(base + rel, wait_until="load")
        assert response is not None and response.status == 200, rel
    assert problems == []


def test_every_link_and_download_returns_200(served, page):
    base, site, _ = served
    urls: set[str] = set()
    for rel in html_pages(site):
        page.goto(base + rel)
        urls |= set(page.eval_on_selector_all(
            "a[href], link[href], script[src], img[src]", "els => els.map(e => e.href || e.src)"))
    local = sorted(u.split("#")[0] for u in urls if u.startswith(base))
    assert any(u.endswith(".docx") for u in local) and any(u.endswith("-job-pack.pdf") for u in local)
    failures = {}
    for url in dict.fromkeys(local):
        response = page.request.get(url)
        if response.status != 200 or not response.body():
            failures[url] = response.status
    assert failures == {}
    outside = ("data:", "https://", "http://", "mailto:")
    assert not [u for u in urls if not u.startswith(base) and not u.startswith(outside)]


def test_search_and_filters_by_keyboard_only(served, page):
    base, site, records = served
    total = len(records)
    page.goto(base + "index.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    for _ in range(10):
        if page.evaluate("document.activeElement.id") == "q":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q", "Tab never reached the search field"

    words = records[0]["title"]
    expected = expected_matches(site, words)
    page.keyboard.type(words)
    page.wait_for_function(f"document.getElementById('result-count').textContent.includes('{expected} of')")
    assert status_text(page) == f"Showing {expected} of {total} post{'s' if total != 1 else ''}"
    assert page.get_attribute("#result-count", "aria-live") == "polite"
    assert len(visible_cards(page)) == expected and records[0]["title"] in visible_cards(page)

    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.press("Tab")  # to School
    assert page.evaluate("document.activeElement.id") == "f-school"
    page.keyboard.press("ArrowDown")
    school = page.eval_on_selector("#f-school", "s => s.value")
    in_school = [r for r in records if r["school_id"] == school]
    page.wait_for_function(f"document.getElementById('result-count').textContent.includes('{len(in_school)} of')"
                           if len(in_school) != total else "true")
    assert sorted(visible_cards(page)) == sorted(r["title"] for r in in_school)
    assert page.locator("[data-school-group]:visible").count() == 1

    for control in ("f-grade", "f-hours", "f-weeks", "f-open"):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == control
    page.keyboard.press("Space")  # open vacancies only
    opened = [r for r in in_school if r["vacancy"] and r["vacancy"]["open"]]
    page.wait_for_function(f"document.getElementById('result-count').textContent.includes('{len(opened)} of')")
    assert len(visible_cards(page)) == len(opened)

    page.keyboard.press("Tab")  # Clear filters
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.getElementById('result-count').textContent === 'Showing all {total} posts'")
    assert len(visible_cards(page)) == total

    page.keyboard.press("Tab")  # first post link in the results
    href = page.evaluate("document.activeElement.getAttribute('href')")
    assert href and href.endswith("/index.html")
    page.keyboard.press("Enter")
    page.wait_for_url(base + href)
    assert page.locator("h1").count() == 1


def test_skip_link_moves_focus_to_main(served, page):
    base, _, records = served
    page.goto(base + records[0]["url"])
    page.keyboard.press("Tab")
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0  # shown on screen when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_focus_is_clearly_visible(served, page):
    base, _, records = served
    page.goto(base + "index.html")
    for selector in ("#q", "#f-school", ".card-title a", ".brand"):
        page.focus(selector)
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
        style = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
            return [s.outlineStyle, s.outlineWidth, s.boxShadow, s.backgroundColor]; }""")
        assert style[0] != "none" and style[1] != "0px" or style[2] != "none", (selector, style)


def test_without_javascript_everything_is_listed(served, browser):
    base, _, records = served
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "index.html")
    assert page.locator("[data-post]:visible").count() == len(records)
    assert not page.locator("#filters").is_visible()
    context.close()


def _axe(page) -> list[str]:
    result = AXE.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}}).response
    return [f"{v['impact']}: {v['id']} ({v['help']}) at " + ", ".join(n["target"][0] for n in v["nodes"][:3])
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_axe_finds_no_serious_problems(served, page):
    base, site, _ = served
    found = {}
    for rel in html_pages(site):
        page.goto(base + rel)
        found[rel] = _axe(page)
    page.goto(base + "index.html?q=zzzz-no-such-post")  # the filtered, no-results state
    found["index.html (no results)"] = _axe(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "index.html")
    found["index.html (phone)"] = _axe(page)
    assert {k: v for k, v in found.items() if v} == {}


def test_search_finds_any_word_of_a_duty_or_criterion(served, page):
    """"toileting" is only in duties and "EHCP" only in one post's duties: full-text search finds both."""
    base, site, _ = served
    page.goto(base + "index.html")
    for words, posts in (("toileting", 3), ("EHCP", 1), ("Flesch", 0)):
        page.fill("#q", words)
        expected = f"Showing {posts} of " if posts else "Showing 0 of "
        page.wait_for_function(f"document.getElementById('result-count').textContent.includes({expected!r})")
        assert len(visible_cards(page)) == posts, words


def test_search_matches_whole_words_or_word_starts_and_says_where(served, page):
    """Issue 25: "art" once found every post (from "part" and "start"); now only words that start with it."""
    base, site, records = served
    page.goto(base + "index.html")
    for words in ("art", "toilet", "support"):
        expected = expected_matches(site, words)
        page.fill("#q", words)
        shown = "Showing all" if expected == len(records) else f"Showing {expected} of"
        page.wait_for_function(f"document.getElementById('result-count').textContent.includes('{shown}')")
        assert len(visible_cards(page)) == expected, words
    html = (site / "index.html").read_text("utf-8")
    assert expected_matches(site, "art") < html.count("data-post ")  # "part" and "start" no longer match
    page.fill("#q", "toileting")
    page.wait_for_function("document.querySelector('[data-post]:not([hidden]) .card-match:not([hidden])')")
    assert page.locator("[data-post]:visible .card-match").first.inner_text() == "Matched in the duties"


def test_open_vacancies_are_listed_first(served, page):
    base, _, records = served
    page.goto(base + "index.html")
    first = page.locator("[data-school-group]").first
    assert first.locator("h2").inner_text() == "Current vacancies"
    open_titles = sorted(r["title"] for r in records if r["vacancy"] and r["vacancy"]["open"])
    assert sorted(first.locator(".card-title").all_inner_texts()) == open_titles and open_titles
    assert "apply by" in first.locator(".badge-open").first.inner_text()
    page.locator("[data-school-group]").first.locator(".card-title a").first.click()
    assert page.locator(".vacancy-panel .apply-main").first.get_attribute("href").startswith(("https://", "mailto:"))


def test_on_a_phone_the_vacancy_banner_leads_to_how_to_apply_and_the_title_fits(served, page):
    """At 320 px the key facts come before the vacancy panel, so the banner says the closing date and links to
    the panel; the title wraps inside the screen (the page hides overflow, so this measures the heading)."""
    base, _, records = served
    vacancy = next(r for r in records if r["vacancy"] and r["vacancy"]["open"])
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(base + vacancy["url"])
    banner = page.locator(".banner-apply")
    assert banner.is_visible() and "Closing date:" in banner.inner_text()
    assert banner.locator("a").get_attribute("href") == "#vacancy"
    banner.locator("a").click()
    assert page.evaluate("document.getElementById('vacancy').getBoundingClientRect().top") < 100
    right = page.evaluate("Math.max(...[...document.querySelectorAll('.post-banner h1, .post-banner p')]"
                          ".map(e => e.getBoundingClientRect().left + e.scrollWidth))")
    assert right <= 320
    page.set_viewport_size({"width": 1280, "height": 900})
    assert not banner.is_visible()  # side by side, the vacancy panel is beside the key facts


def test_the_address_follows_the_filters_and_clear_filters_clears_it(served, page):
    base, _, _ = served
    page.goto(base + "index.html")
    page.fill("#q", "toileting")
    page.wait_for_function("window.location.search === '?q=toileting'")
    page.reload()  # a shared or bookmarked address opens filtered
    assert page.input_value("#q") == "toileting"
    page.click("button[type=reset]")
    page.wait_for_function("window.location.search === ''")
    assert page.url == base + "index.html" and page.input_value("#q") == ""


def test_no_page_scrolls_sideways_on_a_320_px_phone(served, page):
    """WCAG 1.4.10 (reflow): at 320 CSS px nothing makes the page wider; a wide table scrolls inside itself."""
    base, site, _ = served
    page.set_viewport_size({"width": 320, "height": 800})
    widths = {}
    for rel in html_pages(site):
        page.goto(base + rel)
        widths[rel] = page.evaluate("document.documentElement.scrollWidth")
    assert {rel: w for rel, w in widths.items() if w > 320} == {}
    assert len(widths) >= 6


def test_site_works_from_disk(served, page):
    _, site, records = served
    page.goto((site / "index.html").as_uri())
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor") != \
        "rgba(0, 0, 0, 0)"  # the stylesheet loaded
    page.fill("#q", records[0]["title"])
    page.wait_for_function("document.getElementById('result-count').textContent.includes(' of ')")
    page.click(f'a[href="{records[0]["url"]}"]')
    page.wait_for_url(re.compile(r"/index\.html$"))
    assert page.url.startswith("file://") and page.locator("h1").inner_text()
    assert page.locator("a.download-main").count() == 1


def test_screenshots(served, page, tmp_path):
    """Pictures of the index and a post page (copied to $JOBPACK_SCREENSHOTS if set, for a human to look at)."""
    base, _, records = served
    keep = os.environ.get("JOBPACK_SCREENSHOTS")
    for name, rel in (("index", "index.html"), ("post", records[0]["url"])):
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(base + rel)
            shot = tmp_path / f"{name}-{width}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.read_bytes().startswith(b"\x89PNG")
            if keep:
                Path(keep).mkdir(parents=True, exist_ok=True)
                shutil.copy(shot, Path(keep) / shot.name)
