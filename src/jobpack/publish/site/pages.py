"""The site's files as bytes: the index, one page per post, packs.json and sitemap.xml.

Pages are Jinja2 templates (`templates/site/` in the trust folder overrides jobpack's built-in ones file by
file) rendered with the same strict environment as the documents. Every link is relative, so the site works
from any sub-path of a web server and straight from the disk (file://); only the sitemap and the canonical
links use absolute URLs, and only when trust.yaml gives the trust's `website`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from jobpack.load.logos import Logo
from jobpack.load.models.trust import Trust
from jobpack.publish.site.colour import accessible_accent
from jobpack.publish.site.data import SitePost, grade_name, is_full_time, job_posting, pack_record, vacancy_view
from jobpack.publish.site.extra import AddedPage
from jobpack.publish.site.view import Card, DocumentLink, IndexSchool, NavLink, SiteInfo, SiteSchool
from jobpack.render.html import render_html
from jobpack.render.lookup import find_template
from jobpack.render.theme import Environments, Theme
from jobpack.view.wording import long_date

ASSETS = ("site.css", "search.js")


def site_template_dirs(root: Path, school_id: str = "") -> list[Path]:
    """A school's site templates, then the trust's, then jobpack's; then the document templates, so pages
    can include the partials the documents use (e.g. `_pattern.html`) and stay in step with them. The
    index (no school) uses the trust's. A folder linked outside the trust is refused."""
    return list(Theme.for_school(root, school_id).site_dirs)


def absolute(website: str, rel: str) -> str:
    """The public URL of a site path, written as folder URLs (…/school/post/) rather than index.html."""
    base = website.rstrip("/") + "/"
    return base + rel.removesuffix("index.html")


def script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element (no '</script>' can end it early)."""
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def site_logo_path(school_id: str, logo: Logo) -> str:
    """Where a school's checked logo is published, relative to the site root."""
    return f"assets/logos/{school_id}{logo.suffix}"


def _site(trust: Trust, root_prefix: str, rel: str, kind: str, nav: tuple[NavLink, ...] = ()) -> SiteInfo:
    return SiteInfo(trust.name, trust.website, long_date(trust.issue_date), trust.version, root_prefix, kind,
                    absolute(trust.website, rel) if trust.website else "", nav)


def _school(sp: SitePost, logos: Mapping[str, Logo], root_prefix: str, cards: tuple[Card, ...] | None = None
            ) -> SiteSchool:
    school = sp.context["school"]
    logo = logos.get(school.id)
    fields = {**{f.name: getattr(school, f.name) for f in dataclasses.fields(school)},
              "accent": accessible_accent(school.colour),
              "logo": root_prefix + site_logo_path(school.id, logo) if logo else ""}
    return SiteSchool(**fields) if cards is None else IndexSchool(**fields, posts=cards)


def post_page(sp: SitePost, trust: Trust, dirs: list[Path], logos: Mapping[str, Logo],
              envs: Environments | None = None, nav: tuple[NavLink, ...] = ()) -> bytes:
    """The post's page: key facts, downloads, the vacancy if open, and the full JD and PS."""
    context = sp.context
    posting = job_posting(sp, trust, absolute(trust.website, sp.page) if trust.website else None)
    page = {
        **context,
        "site": _site(trust, "../../", sp.page, "post", nav),
        "school": _school(sp, logos, "../../"),
        "documents": tuple(DocumentLink(d.key, d.label, d.format, d.name, d.size_text) for d in sp.documents),
        "vacancy": vacancy_view(sp),
        "json_ld": script_json(posting) if posting else "",
        "has_levels": context["post"].has_levels,
    }
    env = envs.get(tuple(dirs)) if envs else None
    return render_html(dirs, "post", page, env).encode("utf-8")


SEARCH_PARTS = {"t": "title", "s": "school", "g": "grade", "h": "hours", "u": "summary", "r": "reference",
                "d": "duties", "c": "person specification", "x": "other sections"}
"""Where a search word was found, as search.js names it ("Matched in the duties")."""


def _card(sp: SitePost, trust: Trust) -> Card:
    post = sp.context["post"]
    vacancy = vacancy_view(sp)
    full_time = is_full_time(sp.post, trust)
    hours = sp.post.hours
    short = [("t", post.title), ("s", sp.post.school.name), ("g", post.grade), ("h", post.hours),
             ("r", vacancy.reference if vacancy else "")]
    texts = [*short[:4], *(("u", t) for t in post.summary), short[4],
             *(("d", item.text) for area in post.duty_areas for item in area["items"]),
             *(("c", c.text) for category in post.criteria_categories for c in category["items"]),
             *(("x", t) for s in post.sections for part in s.parts
               for t in (*part.texts, *(r.text for r in part.rows)))]
    advert = post.pack.advert[0] if post.pack and post.pack.advert and sp.open_vacancy else ""
    return Card(
        id=sp.post.id, title=post.title, url=sp.page, grade=post.grade, grade_name=grade_name(sp.post, trust),
        salary=tuple(post.salary[:2]), hours=post.hours,
        hours_kind="" if full_time is None else ("full" if full_time else "part"),
        weeks="" if hours is None else ("term" if hours.term_time_only else "year"),
        closing=vacancy.closing_date if vacancy else "", closing_iso=vacancy.closing_iso if vacancy else "",
        search=search_words(short), words=search_words(texts), school_name=sp.post.school.name,
        school_id=sp.post.school.id, advert=advert)


WORD = re.compile(r"[\w'’-]+")


def search_words(texts: list[tuple[str, str]]) -> str:
    """Every distinct word of a post (its duties and criteria too), lower-case, each with the parts it is in
    ("support~tdc"), for the index's search: search.js matches whole words or word starts and says which
    part of the post matched.

    A card on the index page carries its title's, school's, grade's, hours' and reference's words; every
    post's words are in assets/search-index.js (see `search_index`)."""
    seen: dict[str, str] = {}
    for part, text in texts:
        for word in WORD.findall(str(text)):
            word = word.lower().strip("'’-")
            if word and part not in seen.setdefault(word, ""):
                seen[word] += part
    return " ".join(f"{w}~{parts}" for w, parts in seen.items())


def index_page(site_posts: list[SitePost], trust: Trust, dirs: list[Path], logos: Mapping[str, Logo],
               envs: Environments | None = None, nav: tuple[NavLink, ...] = (),
               cards: Mapping[str, Card] | None = None) -> bytes:
    """Every post, grouped by school in trust.yaml order, with a search form that JavaScript brings to life.
    `cards` (post id -> its card) are the ones the search index was made from, when made already."""
    groups: list[tuple[SitePost, list[Card]]] = []
    current: list[Card] = []  # open vacancies, listed first, soonest closing first
    for sp in site_posts:
        card = cards[sp.post.id] if cards is not None else _card(sp, trust)
        if not groups or groups[-1][0].post.school.id != sp.post.school.id:
            groups.append((sp, []))  # every school keeps its section (post pages link to it)
        if sp.open_vacancy:
            current.append(card)
        else:
            groups[-1][1].append(card)
    current.sort(key=lambda c: (c.closing_iso, c.title))
    schools = tuple(_school(first, logos, "", tuple(cards)) for first, cards in groups)
    grade_order = [g.name for g in trust.pay.grades] if trust.pay else []
    used = {c.grade_name for s in schools for c in s.posts if c.grade_name} | {c.grade_name for c in current
                                                                              if c.grade_name}
    grades = [g for g in grade_order if g in used] + sorted(used - set(grade_order))
    page = {"site": _site(trust, "", "index.html", "index", nav), "schools": schools, "grades": grades,
            "current": tuple(current),
            "school_filter": tuple(_school(sp, logos, "") for sp in _first_of_each(site_posts)),
            "search_parts": SEARCH_PARTS,
            "total": len(site_posts), "open_count": sum(sp.open_vacancy for sp in site_posts)}
    env = envs.get(tuple(dirs)) if envs else None
    return render_html(dirs, "index", page, env).encode("utf-8")


SEARCH_INDEX = "assets/search-index.js"


def search_index(site_posts: list[SitePost], trust: Trust, cards: Mapping[str, Card] | None = None) -> bytes:
    """Every post's words (its duties and criteria too) for the index's search, in a script of its own that
    search.js loads only when someone searches: the index page stays small (a card carries only its
    title's words), and a script loads from the disk (file://) where a fetched JSON index cannot."""
    made = cards.values() if cards is not None else (_card(sp, trust) for sp in site_posts)
    words = {card.id: card.words for card in made}
    text = json.dumps(words, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return f"window.jobpackSearch = {text};\n".encode("ascii")


def added_page(page: AddedPage, trust: Trust, dirs: list[Path], envs: Environments | None = None,
               nav: tuple[NavLink, ...] = ()) -> bytes:
    """A page another tool adds (see `publish.site.extra`), in the site's own layout and navigation."""
    env = envs.get(tuple(dirs)) if envs else None
    context = {**page.context, "site": _site(trust, page.root, page.path, page.kind, nav)}
    return render_html(dirs, page.template, context, env).encode("utf-8")


def _first_of_each(site_posts: list[SitePost]) -> list[SitePost]:
    """One post of each school, in order: the school filter offers every school, open vacancies or not."""
    seen: dict[str, SitePost] = {}
    for sp in site_posts:
        seen.setdefault(sp.post.school.id, sp)
    return list(seen.values())


def packs_json(site_posts: list[SitePost], trust: Trust) -> bytes:
    records = sorted((pack_record(sp, trust) for sp in site_posts), key=lambda r: r["id"])
    return (json.dumps(records, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def sitemap_xml(site_posts: list[SitePost], trust: Trust) -> bytes:
    """Every page at its full address (the protocol allows nothing else): only for a trust with a website."""

    def loc(rel: str) -> str:
        return absolute(trust.website, rel)

    newest = max([trust.issue_date, *(sp.post.issue_date for sp in site_posts)])
    entries = [(loc("index.html"), newest)] + [(loc(sp.page), sp.post.issue_date) for sp in site_posts]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url, lastmod in entries:
        lines.append(f"  <url><loc>{escape(url)}</loc><lastmod>{_iso(lastmod)}</lastmod></url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def site_files(site_posts: list[SitePost], trust: Trust, root: Path,
               checked_logos: Mapping[str, Logo] | None = None,
               added: Sequence[AddedPage] = ()) -> dict[str, bytes | Path]:
    """Every file of the site, relative path -> content, in the order they should be written.

    Documents and assets come first and the index last, so someone browsing during a rebuild never
    follows a link to a file that is not there yet. `added` pages (none unless the trust turns one on) are
    linked from every page's navigation.
    """
    dirs = site_template_dirs(root)  # the trust's: assets and the index
    themes = {school: site_template_dirs(root, school) for school in {sp.post.school.id for sp in site_posts}}
    envs = Environments()
    used = {sp.post.school.id for sp in site_posts}
    logos = {school: logo for school, logo in (checked_logos or {}).items() if school in used}
    files: dict[str, bytes | Path] = {}
    nav = tuple(NavLink(page.label, page.path, page.kind) for page in added)
    for name in (*ASSETS, *(name for page in added for name in page.assets)):
        files[f"assets/{name}"] = find_template(dirs, name)
    for school_id, logo in sorted(logos.items()):
        files[site_logo_path(school_id, logo)] = logo.data  # the checked bytes, never the file itself
    for sp in site_posts:
        for document in sp.documents:
            files[sp.url(document)] = document.source
    for sp in site_posts:
        files[sp.page] = post_page(sp, trust, themes[sp.post.school.id], logos, envs, nav)
    for page in added:
        files[page.path] = added_page(page, trust, dirs, envs, nav)
    files["packs.json"] = packs_json(site_posts, trust)
    cards = {sp.post.id: _card(sp, trust) for sp in site_posts}  # each post's words found once, for both
    files[SEARCH_INDEX] = search_index(site_posts, trust, cards)
    if trust.website:  # without it no sitemap: the protocol forbids relative addresses (see `no_website`)
        files["sitemap.xml"] = sitemap_xml(site_posts, trust)
    files["index.html"] = index_page(site_posts, trust, dirs, logos, envs, nav, cards)
    return files
