"""Inline emphasis in trust text: `**bold**`, `*italic*` and `[text](https://...)` links, nothing else.

HR officers write "Personnel: **None**" and expect bold, not asterisks. The markup is deliberately tiny and
never nests, so every other character (stray stars, `5*3*2`, `snake_case`, HTML tags) prints exactly as
written, and no markup can reach a document as anything but bold, italic or a checked web link:

* `**text**` and `*text*` need a non-space after the opening stars and before the closing ones, and may not
  sit inside a word (`file*name*` stays literal); an unbalanced star stays literal.
* `[text](address)` becomes a link only when the address is https://, http:// or mailto: (`javascript:`
  and anything else is refused by `jobpack check`, and prints literally if it ever reached a template).

A `Rich` is a `str` holding the plain text (markers removed, link text only), so it reads naturally in
titles, JSON-LD and search; templates print it formatted: `__html__` gives `<strong>`/`<em>`/`<a>` for HTML
and PDF, and `docx_xml` gives Word runs (bold, italic, real hyperlinks).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

TOKEN = re.compile(
    r"(?<![\w*])\*\*(?=\S)(?P<bold>[^*]+?)(?<=\S)\*\*(?![\w*])"
    r"|(?<![\w*])\*(?=[^\s*])(?P<italic>[^*]+?)(?<=[^\s*])\*(?![\w*])"
    r"|\[(?P<label>[^\[\]]+)\]\((?P<href>[^()\s]+)\)"
)
LINK_SCHEMES = ("https://", "http://", "mailto:")
LINK_ATTEMPT = re.compile(r"\[[^\[\]]+\]\(\s*([^)\s]*)")
"""Anything written like a link, even one the strict TOKEN pattern would leave literal, e.g. `(javascript:f())`."""
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Span:
    """A run of text with its emphasis; `href` is set for a link."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str = ""


def safe_link(href: str) -> bool:
    """Whether `href` may be a link: https, http or mailto, with no spaces or control characters."""
    return href.lower().startswith(LINK_SCHEMES) and not _CONTROL.search(href) and len(href) > len("mailto:")


def spans(text: str) -> tuple[Span, ...]:
    """`text` split into plain, bold, italic and link spans (unsafe links stay literal)."""
    return _spans(str(text))


@functools.lru_cache(maxsize=1 << 15)
def _spans(text: str) -> tuple[Span, ...]:
    """(Once per distinct text: the same block item is shown in many posts; Spans are frozen.)"""
    out: list[Span] = []
    at = 0
    for match in TOKEN.finditer(text):
        if match.group("href") is not None and not safe_link(match.group("href")):
            continue
        if match.start() > at:
            out.append(Span(text[at:match.start()]))
        if match.group("bold") is not None:
            out.append(Span(match.group("bold"), bold=True))
        elif match.group("italic") is not None:
            out.append(Span(match.group("italic"), italic=True))
        else:
            out.append(Span(match.group("label"), href=match.group("href")))
        at = match.end()
    if at < len(text):
        out.append(Span(text[at:]))
    return tuple(out)


def unsafe_links(text: str) -> list[str]:
    """Addresses of `[text](address)` links that jobpack refuses (for `jobpack check`)."""
    return [m.group(1) for m in LINK_ATTEMPT.finditer(text) if not safe_link(m.group(1))]


class Rich(str):
    """Text with inline emphasis: the plain text as a `str`, formatted on demand for HTML and Word."""

    spans: tuple[Span, ...]
    source: str

    def __new__(cls, source: str) -> Rich:
        parts = spans(source)
        self = super().__new__(cls, "".join(p.text for p in parts))
        self.spans = parts
        self.source = source
        return self

    def __reduce__(self) -> tuple[type, tuple[str]]:  # survives pickling to the render workers
        return (Rich, (self.source,))

    @property
    def plain(self) -> bool:
        return all(not (s.bold or s.italic or s.href) for s in self.spans)

    def __html__(self) -> str:
        """The HTML, worked out once per instance (`rich` shares one instance per distinct text, and a
        block's item is printed in every post that uses it)."""
        html = self.__dict__.get("_html")
        if html is None:
            html = self.__dict__["_html"] = self._html()
        return html

    def _html(self) -> str:
        out = []
        for s in self.spans:
            text = escape(s.text, quote=False)
            if s.href:
                out.append(f'<a href="{escape(s.href)}">{text}</a>')
            elif s.bold:
                out.append(f"<strong>{text}</strong>")
            elif s.italic:
                out.append(f"<em>{text}</em>")
            else:
                out.append(text)
        return "".join(out)

    def docx_xml(self, link_id: Callable[[str], str]) -> str:
        """Word runs for this text, to stand in the middle of a run: they close the run the template's
        `{{ ... }}` sits in and reopen it after, so the template's paragraph and its style are kept.
        `link_id(address)` gives the relationship id of a hyperlink."""
        if self.plain:
            return _xml(str(self))
        runs = []
        for s in self.spans:
            props = ("<w:b/>" if s.bold else "") + ("<w:i/>" if s.italic else "")
            if s.href:
                props = '<w:rStyle w:val="Hyperlink"/>'  # colour and underline come from the style only
            rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
            run = f'<w:r>{rpr}<w:t xml:space="preserve">{_xml(s.text)}</w:t></w:r>'
            if s.href:
                run = f'<w:hyperlink r:id="{link_id(s.href)}">{run}</w:hyperlink>'
            runs.append(run)
        return '</w:t></w:r>' + "".join(runs) + '<w:r><w:t xml:space="preserve">'


def _xml(text: str) -> str:
    return escape(text, quote=False)


def rich(text: str) -> Rich:
    """`text` as Rich (already Rich text is returned as it is). Plain `str` texts share one (immutable)
    instance per distinct text, so the same block item in 1,000 posts is split and formatted once; a str
    subclass carrying more (an advert's file and line) always gets its own."""
    if isinstance(text, Rich):
        return text
    if type(text) is not str:
        return Rich(text)
    found = _RICH.get(text)
    if found is None:
        found = Rich(text)
        if len(_RICH) < MAX_SHARED:
            _RICH[text] = found
    return found


_RICH: dict[str, Rich] = {}
MAX_SHARED = 1 << 16
"""Distinct texts kept (a trust has a few thousand; the cap bounds a hostile one's memory)."""
