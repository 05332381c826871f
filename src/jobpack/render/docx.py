"""Word output: a docxtpl template filled with the same context as the HTML, as reproducible .docx bytes.

The templates are real Word files (headings, list styles, tables) so an HR officer can restyle them in
Word. Autoescape is on so `&`, `<` and `>` in the trust's text stay valid XML, and the zip is rewritten
with fixed timestamps and order so that rebuilding an unchanged trust changes no files.
"""

from __future__ import annotations

import base64
import datetime
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse
from xml.sax.saxutils import quoteattr

import jinja2
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2.sandbox import SecurityError
from markupsafe import Markup

from jobpack.load.markup import Rich
from jobpack.load.models.trust import FONT_NAME
from jobpack.render import TemplateError
from jobpack.render.html import TemplateSandbox, not_allowed
from jobpack.render.lookup import BUILTIN_DIR
from jobpack.view.post import Picture

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""Timestamp of every zip entry (the earliest a zip can hold), so the bytes never depend on the clock."""

LANG = "en-GB"
PICTURE_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".bmp"}
"""What Word templates can show as `logo_image`; an SVG logo appears only in the PDFs."""

MAX_UNZIPPED = 100_000_000
"""A Word template whose parts add up to more than this when unzipped is refused (a zip bomb, not a form)."""

_MONTHS = {name: number for number, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), 1)}


def render_docx(template: Path, context: dict) -> bytes:
    """Fill `template` (a docxtpl .docx) with `context` plus `logo_image`; return the .docx bytes."""
    tpl = open_template(template)
    logo = _logo_path(context["school"].get("logo", ""))
    alt = f"{context['school']['name']} logo"
    picture = str(logo) if isinstance(logo, Path) else logo
    full = {**context, "logo_image": _Picture(tpl, picture, alt, height=Mm(18)) if logo else ""}
    env = TemplateSandbox(autoescape=True, undefined=jinja2.StrictUndefined, finalize=_word_runs(tpl))
    try:
        tpl.render(full, jinja_env=env, autoescape=True)
    except Exception as exc:
        raise _template_error(template, tpl, exc) from exc
    _set_properties(tpl, context)
    keep_rows_together(tpl.docx.element.body)
    buffer = io.BytesIO()
    tpl.save(buffer)
    school = context["school"]
    return normalise_zip(school_branding(buffer.getvalue(), school.get("colour", ""), school.get("heading_font", "")))


def keep_rows_together(body: Any) -> None:
    """A data table (one with a repeated header row) breaks over a page with at least two of its rows at each
    end, as in the PDF: its first row keeps with the second, and its last but one with the last. Word keeps
    a row with the next when its paragraphs are "keep with next"; which rows those are is only known once
    the rows are filled in, so this is set here, not in the template's styles."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for table in body.iter(f"{w}tbl"):
        rows = table.findall(f"{w}tr")
        data = [r for r in rows if r.find(f"{w}trPr/{w}tblHeader") is None]
        if len(data) == len(rows):
            continue  # no header row (a section's label/text rows, the masthead): left as the template has it
        # 2 or 3 rows: all kept together; more: the first two and the last two
        kept = data[:-1] if len(data) < 4 else [data[0], data[-2]]
        for row in kept:
            for paragraph in row.iter(f"{w}p"):
                ppr = paragraph.find(f"{w}pPr")
                if ppr is None:
                    ppr = paragraph.makeelement(f"{w}pPr", {})
                    paragraph.insert(0, ppr)
                if ppr.find(f"{w}keepNext") is None:
                    style = ppr.find(f"{w}pStyle")
                    ppr.insert(0 if style is None else list(ppr).index(style) + 1, ppr.makeelement(f"{w}keepNext", {}))


TEMPLATE_ACCENT = "1F4E79"
"""The accent colour the built-in Word templates are made with (tools/make_docx_templates.py); each school's
files carry the school's own colour in its place, as its PDFs do."""
_PARTS = re.compile(r"word/(styles|document|header\d*|footer\d*)\.xml")


HEADING_STYLES = ("Heading1", "Heading2", "Heading3", "SchoolName", "DutyHeading")
"""The styles that take the school's heading font, through the theme's heading (major) font."""


def _heading_font(styles: bytes) -> bytes:
    """Headings in the theme's heading font: an rFonts pointing at the major theme font, first in each
    heading style's run properties (where the schema wants it)."""
    fonts = b'<w:rFonts w:asciiTheme="majorHAnsi" w:hAnsiTheme="majorHAnsi" w:cstheme="majorBidi"/>'
    for style_id in HEADING_STYLES:
        pattern = re.compile(rb'(<w:style\b[^>]*w:styleId="' + style_id.encode()
                             + rb'"[^>]*>(?:(?!</w:style>).)*?<w:rPr>)((?:(?!</w:style>).)*</w:style>)', re.DOTALL)
        styles = pattern.sub(lambda m: m.group(1) + fonts + re.sub(rb"<w:rFonts\b[^>]*/>", b"", m.group(2), count=1),
                             styles, count=1)
    return styles


WORD_FONTS = {"liberation serif": "Times New Roman", "liberation sans": "Arial", "liberation mono": "Courier New",
              "liberation sans narrow": "Arial Narrow"}
"""Fonts the PDFs use -> the Word font they are metrically equal to: Word does not have the Liberation fonts,
and the .docx does not embed them, so a Word file naming one would fall back to whatever Word picks."""


def word_font(name: str) -> str:
    """The font a Word file should name for `name` (the Liberation fonts become Times New Roman, Arial...)."""
    return WORD_FONTS.get(name.strip().lower(), name)


def _hyperlink_style(styles: bytes, colour: str) -> bytes:
    """styles.xml with Word's Hyperlink character style (underlined, in the school's colour) when the template
    has none: links carry only that style, so a trust restyles every link at once in Word."""
    if b'w:styleId="Hyperlink"' in styles:
        return styles
    style = (b'<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
             b'<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr>'
             b'<w:color w:val="' + colour.encode() + b'"/><w:u w:val="single"/></w:rPr></w:style>')
    return styles.replace(b"</w:styles>", style + b"</w:styles>", 1)


def school_branding(data: bytes, colour: str, heading_font: str = "") -> bytes:
    """The .docx in the school's branding, as its PDFs are: the template's accent colour (styles, rules,
    header, theme) replaced by the school's, and, when the school has one, its heading font as the theme's
    heading font, which the heading styles use (so Word's Design > Fonts still changes it)."""
    hex_colour = colour.lstrip("#").upper()
    recolour = bool(re.fullmatch(r"[0-9A-F]{6}", hex_colour)) and hex_colour != TEMPLATE_ACCENT
    font = re.fullmatch(FONT_NAME, heading_font or "") is not None  # as trust.yaml allows; never more
    heading_font = word_font(heading_font or "")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if recolour and _PARTS.fullmatch(info.filename):
                blob = re.sub(rb'(w:(?:val|color|fill)=")' + TEMPLATE_ACCENT.encode() + rb'"',
                              rb"\g<1>" + hex_colour.encode() + rb'"', blob, flags=re.IGNORECASE)
            if recolour and info.filename == "word/theme/theme1.xml":  # the first accent, which the styles use
                blob = re.sub(rb'(<a:accent1>\s*<a:srgbClr val=")' + TEMPLATE_ACCENT.encode() + rb'"',
                              rb"\g<1>" + hex_colour.encode() + rb'"', blob, flags=re.IGNORECASE)
            if font and info.filename == "word/theme/theme1.xml":
                blob = re.sub(rb'(<a:majorFont>\s*<a:latin typeface=")[^"]*"',
                              rb"\g<1>" + heading_font.encode() + rb'"', blob)
            if font and info.filename == "word/styles.xml":
                blob = _heading_font(blob)
            if info.filename == "word/styles.xml":
                blob = _hyperlink_style(blob, hex_colour if recolour else TEMPLATE_ACCENT)
            dst.writestr(info, blob)
    return out.getvalue()


def _word_runs(tpl: DocxTemplate) -> Callable[[Any], Any]:
    """Jinja `finalize` for Word: text with **bold**, *italic* or links becomes Word runs and hyperlinks
    (see `jobpack.markup`); everything else is escaped as usual."""

    def finalize(value: Any) -> Any:
        if isinstance(value, Rich):
            return Markup(value.docx_xml(lambda href: tpl.build_url_id(href)))
        if isinstance(value, Picture):
            picture = _logo_path(str(value))
            if picture is None:  # an SVG: Word files leave it out, as they do an SVG logo
                return ""
            return Markup(_Picture(tpl, picture, value.alt, width=Mm(150))._insert_image())
        return value

    return finalize


def open_template(template: Path) -> DocxTemplate:
    """The Word template, loaded; a TemplateError saying what the file is instead if it is not a usable
    .docx (empty, a Git LFS pointer, not a zip, damaged, or far too large once unzipped)."""
    try:
        data = template.read_bytes() if template.stat().st_size <= MAX_UNZIPPED else b"PK too large"
    except OSError as exc:
        raise TemplateError(str(template), None, f"This Word template could not be read ({exc.strerror}): "
                            "check the file, or delete it to use jobpack's built-in template.") from exc
    fault = _not_word(data)
    if fault is None:
        tpl = DocxTemplate(io.BytesIO(data))
        try:
            tpl.init_docx()
            return tpl
        except Exception:  # noqa: BLE001 - any failure to open the user's file is the file's fault
            fault = "it is damaged: open it in Word and save it again"
    builtin = template.resolve().is_relative_to(BUILTIN_DIR)
    fix = "reinstall jobpack" if builtin else "delete it to use jobpack's built-in template"
    raise TemplateError(str(template), None, f"This file is not a Word document ({fault}, or {fix}).")


def _not_word(data: bytes) -> str | None:
    """Why `data` cannot be a Word template, or None if it looks like one."""
    if not data.strip():
        return "it is empty: save the template from Word again"
    if data.startswith(b"version https://git-lfs"):
        return "it looks like a Git LFS pointer: run 'git lfs pull'"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            unzipped = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return "it is not a .docx file or it is damaged: save it from Word as a Word Document (.docx) again"
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        return "it is a zip file but not a Word document: save it from Word as a Word Document (.docx)"
    if unzipped > MAX_UNZIPPED:
        return f"it unzips to more than {MAX_UNZIPPED // 1_000_000} MB: save it from Word again"
    return None


def normalise_zip(data: bytes) -> bytes:
    """The same zip with fixed entry times, attributes and order ([Content_Types].xml first)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for name in sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, src.read(name))
    return out.getvalue()


def issue_datetime(text: str) -> datetime.datetime:
    """The issue date printed in the context ("4 November 2024" or ISO) as a UTC midnight; 1980 if unreadable.

    Parsed without the locale so the result cannot change with the machine's language settings.
    """
    text = text.strip()
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        match = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", text)
        month = _MONTHS.get(match.group(2).lower()) if match else None
        if not (match and month):
            return datetime.datetime(*ZIP_TIME, tzinfo=datetime.UTC)
        day = datetime.date(int(match.group(3)), month, int(match.group(1)))
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


class _Picture(InlineImage):
    """docxtpl's InlineImage with alt text (docPr/@descr), which screen readers need and docxtpl omits."""

    def __init__(self, tpl: DocxTemplate, path: str | io.BytesIO, alt: str, **size: Mm) -> None:
        super().__init__(tpl, path, **size)
        self.alt = alt

    def _insert_image(self) -> str:
        return super()._insert_image().replace("<wp:docPr ", f"<wp:docPr descr={quoteattr(self.alt)} ", 1)


def _logo_path(uri: str) -> Path | io.BytesIO | None:
    """The logo as a picture Word can embed, or None (no logo, or an SVG, which Word files leave out).

    The build passes the checked logo as a `data:image/png` URI (see `jobpack.load.logos`); a `file:` URI or
    path is accepted for callers that render a context of their own.
    """
    if not uri:
        return None
    if uri.startswith("data:"):
        media, _, payload = uri[5:].partition(",")
        if not media.startswith(("image/png;", "image/jpeg;", "image/gif;")) or not media.endswith(";base64"):
            return None
        return io.BytesIO(base64.b64decode(payload))
    parsed = urlparse(uri)
    path = Path(unquote(parsed.path)) if parsed.scheme == "file" else Path(uri)
    return path if path.suffix.lower() in PICTURE_TYPES and path.is_file() else None


def _fit(text: str, limit: int = 255) -> str:
    """Word's core properties hold at most 255 characters (python-docx refuses more)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _set_properties(tpl: DocxTemplate, context: dict) -> None:
    """Title, language and dates in File > Info, fixed so they never depend on when the build ran."""
    post, document, school = context["post"], context["document"], context["school"]
    props = tpl.docx.core_properties
    props.title = _fit(f"{post['title']}: {document['title']} ({school['name']})")
    props.subject = document["title"]
    props.author = school["name"]
    props.last_modified_by = "jobpack"
    props.language = LANG
    props.revision = 1
    stamp = issue_datetime(context["trust"]["issue_date"])
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp


def _template_error(template: Path, tpl: DocxTemplate, exc: Exception) -> Exception:
    """A TemplateError naming the .docx, the part inside it and the paragraph; other errors pass through.

    docxtpl renders each part's XML with one paragraph per line after an opening line, so line - 1 is the
    paragraph's number in that part (tables count their cells' paragraphs too).
    """
    if isinstance(exc, TemplateError):
        return exc
    line = getattr(exc, "lineno", None) if isinstance(exc, jinja2.TemplateSyntaxError) else None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    if line is None and not isinstance(exc, jinja2.TemplateError):
        return exc
    paragraph = max(line - 1, 1) if line else None
    part = getattr(tpl, "current_rendering_part", None)
    where = str(part.partname).lstrip("/") if part is not None else "word/document.xml"
    message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
    if isinstance(exc, SecurityError):
        message = not_allowed(exc)
    near = " ".join(t.strip() for t in getattr(exc, "docx_context", []) if t.strip())
    detail = f"{message} (in {where}, paragraph {paragraph})" if paragraph else f"{message} (in {where})"
    if near:
        detail += f", near: {near[:160]}"
    return TemplateError(str(template), paragraph, detail)
