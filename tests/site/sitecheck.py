"""Helpers for the site tests: read a built page with the standard library's HTML parser.

Kept free of the browser so the structural checks (links, headings, labels, tables) run everywhere, and
the browser tests only add what needs a browser (script, focus, rendering, axe-core).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

TODAY = dt.date(2025, 1, 15)  # every test builds "as of" this day, so open/closed never depends on the clock
OPEN_CLOSING = dt.date(2025, 2, 28)
CLOSED_CLOSING = dt.date(2024, 12, 20)
LANDMARKS = {"header", "nav", "main", "footer"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Page:
    """What the tests need to know about one HTML page."""

    lang: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)  # (tag, url) for every href and src
    ids: list[str] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)
    landmarks: set[str] = field(default_factory=set)
    header_cells: list[tuple[str, str]] = field(default_factory=list)  # (scope, "thead"/"tbody")
    controls: list[tuple[str, str, bool]] = field(default_factory=list)  # (tag, id, has aria-label(ledby))
    label_for: set[str] = field(default_factory=set)
    live_regions: list[str] = field(default_factory=list)
    json_ld: list[dict] = field(default_factory=list)
    text: str = ""
    first_link: str = ""


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[str] = []
        self.section = ""
        self.heading: list[str] | None = None
        self.heading_level = 0
        self.script_type: str | None = None
        self.script: list[str] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        page = self.page
        if tag == "html":
            page.lang = a.get("lang", "")
        for name in ("href", "src"):
            if name in a:  # a canonical <link> names the page's public address: it loads nothing
                page.links.append(("canonical" if tag == "link" and a.get("rel") == "canonical" else tag, a[name]))
                if tag == "a" and not page.first_link:
                    page.first_link = a[name]
        if "id" in a:
            page.ids.append(a["id"])
        if tag in LANDMARKS:
            page.landmarks.add(tag)
        if tag in ("thead", "tbody"):
            self.section = tag
        if tag == "th":
            page.header_cells.append((a.get("scope", ""), self.section))
        if tag in ("input", "select", "textarea") and a.get("type") not in ("hidden", "submit", "reset", "button"):
            page.controls.append((tag, a.get("id", ""), "aria-label" in a or "aria-labelledby" in a))
        if tag == "label" and "for" in a:
            page.label_for.add(a["for"])
        if "aria-live" in a or a.get("role") == "status":
            page.live_regions.append(a.get("id", ""))
        if re.fullmatch(r"h[1-6]", tag):
            self.heading, self.heading_level = [], int(tag[1])
        if tag == "script":
            self.script_type, self.script = a.get("type", ""), []
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.heading is not None and tag == f"h{self.heading_level}":
            self.page.headings.append((self.heading_level, " ".join("".join(self.heading).split())))
            self.heading = None
        if tag == "script":
            if self.script_type == "application/ld+json":
                self.page.json_ld.append(json.loads("".join(self.script)))
            self.script_type = None
        if tag in ("thead", "tbody"):
            self.section = ""
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.script_type is not None:
            self.script.append(data)
            return
        if self.stack and self.stack[-1] == "style":
            return
        if self.heading is not None:
            self.heading.append(data)
        self.texts.append(data)


def parse(html: str) -> Page:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    parser.page.text = " ".join(" ".join(parser.texts).split())
    return parser.page


def page_text(html: str) -> str:
    return parse(html).text


def is_external(url: str) -> bool:
    scheme = urlsplit(url).scheme
    return bool(scheme) or url.startswith("//")


def resolve(site_dir: Path, page_rel: str, url: str) -> Path:
    """The file a relative link on `page_rel` points to (fragment and query removed)."""
    parts = urlsplit(url)
    base = (site_dir / page_rel).parent
    target = base / unquote(parts.path) if parts.path else site_dir / page_rel
    if target.is_dir():
        target = target / "index.html"
    return target.resolve()


def html_pages(site_dir: Path) -> list[str]:
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))


def broken_links(site_dir: Path) -> list[str]:
    """Every href/src in every page that does not lead to a file (or an id) inside the site."""
    root = site_dir.resolve()
    problems = []
    pages = {rel: parse((site_dir / rel).read_text("utf-8")) for rel in html_pages(site_dir)}
    for rel, page in pages.items():
        for tag, url in page.links:
            if url.startswith("data:") or (is_external(url) and tag in ("a", "canonical")):
                continue
            if is_external(url):
                problems.append(f"{rel}: <{tag}> loads an external resource {url}")
                continue
            target = resolve(site_dir, rel, url)
            if not target.is_relative_to(root) or not target.is_file():
                problems.append(f"{rel}: {url} -> missing {target}")
                continue
            fragment = urlsplit(url).fragment
            if fragment and target.suffix == ".html":
                ids = pages[target.relative_to(root).as_posix()].ids
                if fragment not in ids:
                    problems.append(f"{rel}: {url} -> no element with id {fragment!r}")
    return problems
