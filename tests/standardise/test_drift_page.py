"""`jobpack drift --html DIR`: one self-contained page (no scripts, nothing fetched), opened from file:// in
Chromium with axe (axe-playwright-python): no violations."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobpack.cli import main
from tests.standardise.reworded import reworded_trust

CHROMIUM = Path(os.environ.get("JOBPACK_CHROMIUM", "/usr/bin/chromium"))
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def drift_page(tmp_path_factory) -> Path:
    root = reworded_trust(tmp_path_factory.mktemp("drift") / "trust")
    out = root.parent / "drift-report"
    result = CliRunner().invoke(main, ["drift", "--html", str(out), "--trust", str(root)])
    assert result.exit_code == 0, result.output
    assert f"Wrote {out / 'index.html'}" in result.output
    return out / "index.html"


def test_the_page_has_the_bars_the_proposals_and_the_like_roles_and_needs_nothing_else(drift_page: Path) -> None:
    html = drift_page.read_text("utf-8")
    assert "<script" not in html and not re.search(r"(?:src|href)=\"(?:https?:)?//", html)
    assert re.search(r"<th scope=\"row\">The trust</th><td class=\"num\">\d+\.\d%</td>", html)
    # the re-worded duty, side by side with Elm Tree's, the words that differ marked
    assert "To supervise pupils at lunch time and break time as required." in html
    assert "<mark>children during lunchtimes</mark>" in html
    # like roles: the learning-support posts with their different grades side by side
    for grade in ("Band D", "NJC Scale 6", "Scale 3 – SO2"):
        assert f"<td>{grade}</td>" in html
    assert "evidence to review, not a legal finding" in html


def test_the_page_escapes_what_the_trust_wrote(tmp_path: Path) -> None:
    root = reworded_trust(tmp_path / "trust")
    trust = root / "trust.yaml"
    text = trust.read_text("utf-8")
    line = next(t for t in text.splitlines() if "name: LEAP" in t)
    trust.write_text(text.replace(line, line.split("name:")[0] + 'name: "LEAP <script>alert(1)</script>"'), "utf-8")
    result = CliRunner().invoke(main, ["drift", "--html", str(tmp_path / "out"), "--trust", str(root)])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out/index.html").read_text("utf-8")
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_page_has_no_accessibility_violations_from_file(drift_page: Path) -> None:
    if not CHROMIUM.is_file():
        pytest.skip(f"chromium is not installed at {CHROMIUM} (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright",
                                     reason="axe-playwright-python is not installed (pip install -e '.[test]')")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
        try:
            page = browser.new_page()
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(drift_page.as_uri())
            assert page.locator("h1").inner_text().startswith("Drift: ")
            results = axe_module.Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
            assert results.violations_count == 0, results.generate_report()
            assert all(url.startswith("file:") for url in requests), requests
        finally:
            browser.close()
