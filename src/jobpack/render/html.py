"""Jinja2 HTML for the PDF documents, with template mistakes reported by file and line.

Autoescape is on and undefined names are errors: text from YAML must print literally, and a misspelt
name in a trust's template should stop the build rather than leave a silent gap in a published document.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import TracebackType

import jinja2

from jobpack.render import TemplateError

_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
DEFAULT_COLOUR = "#1f4e79"


def css_colour(value: object) -> str:
    """A hex colour safe to put in a style attribute; anything else falls back to the default accent."""
    text = str(value or "").strip()
    return text if _COLOUR.fullmatch(text) else DEFAULT_COLOUR


def make_environment(dirs: list[Path]) -> jinja2.Environment:
    """The environment every HTML template is rendered with (also usable by a site renderer)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_colour"] = css_colour
    return env


def render_html(dirs: list[Path], kind: str, context: dict) -> str:
    """Render `<kind>.html` (e.g. "job-description") found in `dirs` with the documented context."""
    env = make_environment(dirs)
    try:
        return env.get_template(f"{kind}.html").render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(exc.filename or exc.name or f"{kind}.html", exc.lineno, exc.message or "") from exc
    except jinja2.TemplateNotFound as exc:
        looked = ", ".join(str(d) for d in dirs) or "(no template folders)"
        raise TemplateError(exc.name or f"{kind}.html", None, f"template not found; looked in {looked}") from exc
    except Exception as exc:
        where = _template_frame(exc.__traceback__, dirs)
        if where is None:
            raise
        raise TemplateError(where[0], where[1], _describe(exc)) from exc


def _template_frame(tb: TracebackType | None, dirs: list[Path]) -> tuple[str, int] | None:
    """The innermost traceback frame that belongs to a template file (Jinja rewrites frames so they do)."""
    found = None
    roots = [d.resolve() for d in dirs]
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if any(Path(filename).resolve().is_relative_to(root) for root in roots):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _describe(exc: Exception) -> str:
    if isinstance(exc, jinja2.UndefinedError):
        return f"{exc.message} (see docs/templates.md for the names templates can use)"
    return f"{type(exc).__name__}: {exc}"
