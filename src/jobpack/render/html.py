"""Jinja2 HTML for the PDF documents and the site, with template mistakes reported by file and line.

Autoescape is on and undefined names are errors: text from YAML must print literally, and a misspelt
name in a trust's template should stop the build rather than leave a silent gap in a published document.
Templates come from pull requests and are built by CI with credentials on the runner, so they run in
Jinja's immutable sandbox (no attributes starting with "_", no methods that change data, no huge
ranges or strings) and are only read from inside the folder they were found in.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from jobpack.load.boundary import confined
from jobpack.render import TemplateError
from jobpack.render.lookup import LINK_OUT

_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
DEFAULT_COLOUR = "#1f4e79"
MAX_TEMPLATE_BYTES = 5_000_000
"""A template larger than this is certainly not a job description template (and would slow every build)."""
MAX_PRODUCT = 1_000_000
"""The longest text or list `*` may make, and the largest number `**` may, so a template cannot fill memory."""

NOT_ALLOWED = ("This template tries to use something templates may not use ({what}): templates can only print "
               "the names listed in docs/templates.md.")


def css_colour(value: object) -> str:
    """A hex colour safe to put in a style attribute; anything else falls back to the default accent."""
    text = str(value or "").strip()
    return text if _COLOUR.fullmatch(text) else DEFAULT_COLOUR


class TemplateSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, also refusing `*` and `**` results large enough to exhaust memory."""

    intercepted_binops = frozenset(["*", "**"])

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Jinja's verdict, decided once per (type, attribute): its rules (names starting with "_",
        internal attributes of functions, frames and generators, methods that modify lists, dicts, sets
        and deques) look only at the object's type and the name, never at the value, so the verdict for
        a view type's attribute is the same on every access (613,693 accesses in a 1,000-post check)."""
        key = (type(obj), attr)
        verdict = _SAFE.get(key)
        if verdict is None:
            verdict = super().is_safe_attribute(obj, attr, value)
            if len(_SAFE) < MAX_VERDICTS:
                _SAFE[key] = verdict
        return verdict

    def getattr(self, obj: Any, attribute: str) -> Any:
        """`obj.attribute` in a template. For jobpack's own view types (frozen dataclasses whose fields
        hold data, never a `str.format` method), once an attribute has been judged safe its value is
        returned directly; everything else (strings, loops, anything unknown) takes Jinja's full path."""
        if (type(obj), attribute) in _PLAIN:
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass
        value = super().getattr(obj, attribute)
        kind = type(obj)
        if (kind.__module__.startswith("jobpack.") and attribute not in _FORMAT_NAMES
                and _SAFE.get((kind, attribute)) and len(_PLAIN) < MAX_VERDICTS):
            _PLAIN.add((kind, attribute))
        return value

    def call_binop(self, context: jinja2.runtime.Context, op: str, left: Any, right: Any) -> Any:
        if op == "**" and _too_big_power(left, right):
            raise SecurityError(f"the number {left} ** {right} is too large")
        if op == "*" and _too_long_product(left, right):
            raise SecurityError("text or a list repeated too many times")
        return _BINOPS[op](left, right)


_SAFE: dict[tuple[type, str], bool] = {}
_PLAIN: set[tuple[type, str]] = set()  # (jobpack view type, attribute) judged safe: read directly
_FORMAT_NAMES = ("format", "format_map")  # Jinja wraps these str methods in its own formatter
MAX_VERDICTS = 100_000
"""Verdicts kept (a template can only name so many attributes; this keeps a hostile one from growing it)."""

_BINOPS: dict[str, Callable[[Any, Any], Any]] = {"*": operator.mul, "**": operator.pow}


def _too_big_power(left: Any, right: Any) -> bool:
    try:
        return abs(float(right)) > 64 or abs(float(left)) ** float(right) > MAX_PRODUCT ** 4
    except OverflowError:
        return True
    except (TypeError, ValueError, ZeroDivisionError):
        return False


def _too_long_product(left: Any, right: Any) -> bool:
    for seq, times in ((left, right), (right, left)):
        if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
            return len(seq) * times > MAX_PRODUCT
    return False


class ConfinedLoader(jinja2.BaseLoader):
    """Like jinja2.FileSystemLoader, but a template must resolve (after links) inside the folder it was
    found in, must be UTF-8 and of a sensible size; each refusal names the file and what to do."""

    def __init__(self, dirs: list[Path]) -> None:
        self.dirs = list(dirs)
        self.missing: set[str] = set()  # names found nowhere (base.html's optional extra.css, on every render)

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        """The template's source; a name found nowhere is not looked for again, as a found one is not read
        again: an environment lasts one check or build (`auto_reload` is off, see make_environment)."""
        if template in self.missing:
            raise jinja2.TemplateNotFound(template)
        try:
            return self._get_source(template)
        except jinja2.TemplateNotFound:
            self.missing.add(template)
            raise

    def _get_source(self, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)
        for folder in self.dirs:
            path = folder.joinpath(*pieces)
            if path.is_symlink() and not confined(folder, path):
                raise TemplateError(str(path), None, LINK_OUT)
            if path.is_file():
                if not confined(folder, path):
                    raise TemplateError(str(path), None, LINK_OUT)
                mtime = path.stat().st_mtime_ns
                return _read(path), str(path), functools.partial(_unchanged, path, mtime)
        raise jinja2.TemplateNotFound(template)


def _unchanged(path: Path, mtime: int) -> bool:
    """For Jinja's cache: a template is reloaded when its file changes (or vanishes)."""
    try:
        return path.stat().st_mtime_ns == mtime
    except OSError:
        return False


def _read(path: Path) -> str:
    if path.stat().st_size > MAX_TEMPLATE_BYTES:
        raise TemplateError(str(path), None, f"This template is larger than {MAX_TEMPLATE_BYTES // 1_000_000} MB, "
                            "which no document template needs: check that the right file was saved here.")
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TemplateError(str(path), line, "This template is not UTF-8 text: save it again as UTF-8 "
                            "(in most editors: Save As, Encoding: UTF-8).") from exc


def make_environment(dirs: list[Path]) -> jinja2.Environment:
    """The sandboxed environment every HTML template is rendered with (documents and site pages)."""
    env = TemplateSandbox(
        loader=ConfinedLoader(dirs),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # an environment lasts one check or build (theme.Environments): no stat per include
    )
    env.filters["css_colour"] = css_colour
    return env


def not_allowed(exc: SecurityError) -> str:
    """The plain-words message for a template that reached for something the sandbox forbids."""
    found = re.search(r"attribute '([^']*)'", str(exc))
    what = f"'{found.group(1)}'" if found else str(exc).rstrip(".")
    return NOT_ALLOWED.format(what=what)


def render_html(dirs: list[Path], kind: str, context: dict, env: jinja2.Environment | None = None) -> str:
    """Render `<kind>.html` (e.g. "job-description") found in `dirs` with the documented context.

    `env` is the build's environment for these folders (see `theme.Environments`), so templates are parsed
    once per build; without it a fresh one is made."""
    env = env or make_environment(dirs)
    try:
        return env.get_template(f"{kind}.html").render(context)
    except TemplateError:
        raise
    except SecurityError as exc:
        where = _template_frame(exc.__traceback__, dirs) or (_first(dirs, f"{kind}.html"), None)
        raise TemplateError(where[0], where[1], not_allowed(exc)) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(exc.filename or exc.name or f"{kind}.html", exc.lineno, exc.message or "") from exc
    except jinja2.TemplateNotFound as exc:
        looked = ", ".join(str(d) for d in dirs) or "(no template folders)"
        where = _template_frame(exc.__traceback__, dirs)
        if where is not None:  # an include or extends in a template: name the template that asks
            raise TemplateError(where[0], where[1], f"This template uses {exc.name!r}, which is not in the template "
                                f"folders ({looked}): check the name; templates can only use files in these "
                                "folders.") from exc
        raise TemplateError(exc.name or f"{kind}.html", None, f"template not found; looked in {looked}") from exc
    except Exception as exc:
        where = _template_frame(exc.__traceback__, dirs)
        if where is None:
            raise
        raise TemplateError(where[0], where[1], _describe(exc)) from exc


def _first(dirs: list[Path], name: str) -> str:
    """The file `name` would be loaded from, for messages that have no better place to point at."""
    return next((str(d / name) for d in dirs if (d / name).is_file()), name)


def _template_frame(tb: TracebackType | None, dirs: list[Path]) -> tuple[str, int | None] | None:
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
