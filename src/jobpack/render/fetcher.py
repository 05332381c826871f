"""The only way WeasyPrint may load anything while it lays out a trust's documents.

A trust's templates come from pull requests and CI renders them with credentials on the runner, so a
stylesheet must not be able to make the runner fetch a URL (`@import url(http://...)`), or put a file
from the runner's disk into a published PDF (`<img src="file:///etc/passwd">`, `<a rel="attachment">`).
Allowed are data: URIs and files that are inside the given folders (the trust's templates/ and assets/,
jobpack's own templates), after following links. Everything else is refused before any network or file
access, and remembered: WeasyPrint only logs a failed fetch, so the caller raises after rendering.
"""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint import Document
from weasyprint.urls import URLFetcher, URLFetcherResponse

from jobpack.render import TemplateError
from jobpack.render.lookup import BUILTIN_DIR, confined

MAX_FILE_BYTES = 50_000_000
"""A font or picture larger than this is certainly a mistake (and would make every PDF huge)."""

NOT_FETCHED = ("A template asks for {url!r}, which jobpack does not fetch: templates may only use files in "
               "templates/ or assets/ (or data: URIs).")
TOO_LARGE = "A template uses {url!r}, which is larger than 50 MB: use a smaller file."
ATTACHED = ("A template asks to attach {url!r} to the PDF, which jobpack does not do: remove rel=\"attachment\" "
            "from that link.")
TEXT_SUFFIXES = {".html", ".htm", ".css"}


class Refused(ValueError):
    """What the fetcher raises for a URL it will not load (WeasyPrint catches it and logs a warning)."""


class ClosedFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves data: URIs and files inside `roots`, and records the rest."""

    def __init__(self, roots: Iterable[Path]) -> None:
        super().__init__(allowed_protocols=("data",), allow_redirects=False)
        given = [Path(os.path.abspath(r)) for r in roots]
        self.roots = given + [r.resolve() for r in given]
        self.refused: list[tuple[str, str]] = []
        """(message template, URL) for every refusal, in the order WeasyPrint asked."""

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].strip().lower() if ":" in url else ""
        if scheme == "data":
            return super().fetch(url, headers)
        path = self._local_file(url) if scheme == "file" else None
        if path is None:
            return self._refuse(NOT_FETCHED, url)
        if path.stat().st_size > MAX_FILE_BYTES:
            return self._refuse(TOO_LARGE, url)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})

    def refuse_attachment(self, url: str) -> None:
        self.refused.append((ATTACHED, url))

    def _refuse(self, message: str, url: str) -> URLFetcherResponse:
        self.refused.append((message, url))
        raise Refused(message.format(url=url))

    def _local_file(self, url: str) -> Path | None:
        """The file a file: URL names if it is inside a root; decided on the path's text before touching
        the disk, then again after following links."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        path = Path(os.path.normpath(url2pathname(parts.path)))
        if not path.is_absolute():
            return None
        for root in self.roots:
            if path.is_relative_to(root) and confined(root, path) and path.is_file():
                return path.resolve()
        return None


def trust_roots(base_url: str) -> list[Path]:
    """The folders a trust's documents may load files from: its templates/ and assets/, and jobpack's."""
    base = _base_folder(base_url)
    trust = [base / "templates", base / "assets"] if base is not None else []
    return [*trust, BUILTIN_DIR]


LINK_ATTACHMENT = '<link rel="attachment">'
"""How a refused `<link rel="attachment">` is named: WeasyPrint does not keep the address it gives."""


def strip_attachments(document: Document, fetcher: ClosedFetcher) -> None:
    """Remove every file attachment (`<a rel="attachment">`, `<link rel="attachment">`) from a laid-out
    document before it is written, recording each as a refusal: a PDF never carries an embedded file."""
    for page in document.pages:
        kept = []
        for link in page.links:
            if link[0] == "attachment":
                fetcher.refuse_attachment(str(link[1]))
            else:
                kept.append(link)
        page.links[:] = kept
    if document.metadata.attachments:
        for _ in document.metadata.attachments:
            fetcher.refuse_attachment(LINK_ATTACHMENT)
        document.metadata.attachments = []


def refusal_error(refused: Sequence[tuple[str, str]], kind: str, base_url: str) -> TemplateError:
    """One TemplateError for a document's refusals, naming the template that asks for the first one."""
    message, url = refused[0]
    text = message.format(url=url)
    others = list(dict.fromkeys(u for _, u in refused[1:] if u != url))
    if others:
        text += f" It also asks for {', '.join(repr(u) for u in others[:5])}{' and more' if len(others) > 5 else ''}."
    return TemplateError(*_culprit(url, kind, base_url), text)


def _base_folder(base_url: str) -> Path | None:
    parts = urlsplit(base_url)
    return Path(url2pathname(parts.path)) if parts.scheme == "file" else None


def _culprit(url: str, kind: str, base_url: str) -> tuple[str, int | None]:
    """The trust template and line that mention `url` (as written, or relative to the trust folder), else
    the document's own template. Only files inside templates/ are read, and never through a link out of it."""
    base = _base_folder(base_url)
    if base is None:
        return f"{kind}.html", None
    folder = base / "templates"
    needles = {url, unquote(url)}
    if url == LINK_ATTACHMENT:  # WeasyPrint keeps no address for a <link rel="attachment">: find the element
        needles = {'rel="attachment"', "rel='attachment'", "rel=attachment"}
    if url.startswith(base_url):
        needles |= {url[len(base_url):], unquote(url[len(base_url):])}
    files = sorted(folder.rglob("*")) if folder.is_dir() else []
    for path in files:
        if path.suffix.lower() in TEXT_SUFFIXES and "site" not in path.relative_to(folder).parts[:1] \
                and confined(folder, path) and path.is_file() and path.stat().st_size <= MAX_FILE_BYTES:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            line = next((i for i, text in enumerate(lines, 1) if any(n and n in text for n in needles)), None)
            if line is not None:
                return str(path), line
    own = folder / f"{kind}.html"
    return str(own if own.is_file() else BUILTIN_DIR / f"{kind}.html"), None
