"""PDF output: the job description, the person specification, and the two as one job pack.

Each document is laid out and written once; the pack joins the two finished PDFs (`pack.join_pack`), so
no page is painted twice. Output is tagged PDF/UA-1 (headings become bookmarks and structure) and byte-for-byte
reproducible: the dates come from the trust's issue date and the file identifier from the content, so
rebuilding an unchanged trust changes no files.

Templates come from pull requests and CI builds them with credentials on the runner, so WeasyPrint gets a
closed URL fetcher (`fetcher.ClosedFetcher`): only data: URIs and files inside the templates and assets
folders, nothing from the network, and no file attachments. A refused URL fails the build with a
TemplateError naming the template and the URL.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Sequence
from pathlib import Path

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from jobpack.render.fetcher import ClosedFetcher, refusal_error, strip_attachments, trust_roots
from jobpack.render.pack import join_pack
from jobpack.render.paginate import lay_out

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_identifier": True, "attachments": []}
"""Tagged PDF/UA-1; `pdf_identifier=True` makes the file ID an MD5 of the content, not a random value; never
any attachments besides those of the HTML, which `strip_attachments` removes."""

LANG = "en-GB"


_FONTS: dict[Hashable, FontConfiguration] = {}


def _fonts(key: Hashable | None) -> FontConfiguration:
    """One font configuration per theme (`key`) in a process: a new one per post costs time and ~0.36 MiB
    that is never given back. Keyed by theme so one school's web fonts (@font-face) never reach another's
    documents, whichever worker renders them."""
    if key is None:
        return FontConfiguration()
    if key not in _FONTS:
        _FONTS[key] = FontConfiguration()
    return _FONTS[key]


def render_pdfs(
    jd_html: str | None, ps_html: str | None, base_url: str, title: str, issue_date: datetime.date,
    *, roots: Sequence[Path] | None = None, fonts_key: Hashable | None = None, cover_html: str | None = None,
    pages_html: Sequence[tuple[str, str]] = (), pack_ps_html: str | None = None,
) -> dict[str, bytes]:
    """PDF bytes for "job-description", "person-specification" and "job-pack": the cover page (`cover_html`),
    the pack's own pages (`pages_html`: (part name, HTML) each, e.g. the welcome), then the JD's pages, then
    the PS's — `pack_ps_html` when the pack's copy differs (it leaves out what the pack prints once).

    A post with one document (`documents: [job-description]`) passes None for the other: its pack then has
    that document's pages alone after the cover. Every part of the pack has its own PDF page labels
    ("Job description 2") and bookmark.

    `base_url` resolves relative links and images in the HTML (normally the trust folder); `title` is the
    pack's document title (the two documents take theirs from their HTML <title>). Files may only come
    from `roots`; by default the trust's templates/ and assets/ (under `base_url`) and jobpack's templates.
    Calls with the same `fonts_key` (the theme) share one font configuration.
    """
    allowed = list(roots) if roots is not None else trust_roots(base_url)
    fonts = _fonts(fonts_key)
    parts: list[tuple[str, str, str | None]] = [("cover", "Cover", cover_html)]
    parts += [(f"page-{n}", name, html) for n, (name, html) in enumerate(pages_html)]
    parts += [("job-description", "Job description", jd_html), ("person-specification", "Person specification",
                                                                ps_html)]
    if pack_ps_html is not None and pack_ps_html != ps_html:
        parts.append(("pack-person-specification", "Person specification", pack_ps_html))
    laid_out, fetchers, labels = {}, {}, {}
    for kind, label, html in parts:
        if html is None:
            continue
        fetcher = fetchers[kind] = ClosedFetcher(allowed)
        laid_out[kind] = lay_out(
            lambda html=html, fetcher=fetcher: HTML(string=html, base_url=base_url, url_fetcher=fetcher),
            lambda parsed: parsed.render(font_config=fonts))
        strip_attachments(laid_out[kind], fetcher)
        _check(fetcher, kind, base_url)
        labels[kind] = label
    stamp = issue_date.isoformat()
    out: dict[str, bytes] = {}
    for name, document in laid_out.items():
        document.metadata.created = stamp
        document.metadata.modified = stamp
        document.metadata.lang = document.metadata.lang or LANG
        out[name] = document.write_pdf(**PDF_OPTIONS)
    in_pack = [kind for kind in out if kind != ("person-specification" if "pack-person-specification" in out else "")]
    out["job-pack"] = join_pack(*(out[kind] for kind in in_pack), title=title,
                                labels=[labels[kind] for kind in in_pack])
    for kind in list(out):  # the cover and the pack's own pages are only ever in the pack
        if kind == "cover" or kind.startswith(("page-", "pack-")):
            del out[kind]
    for kind, fetcher in fetchers.items():  # writing fetches nothing today; if a WeasyPrint update did, say so
        _check(fetcher, kind, base_url)
    return out


def _check(fetcher: ClosedFetcher, kind: str, base_url: str) -> None:
    if fetcher.refused:
        raise refusal_error(fetcher.refused, kind, base_url)
