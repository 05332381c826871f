"""Template mistakes found by `jobpack check`, the pull-request gate, rather than by `build` on main.

For every school's theme: the HTML (and the CSS they include) is rendered against each of its posts'
view — Jinja only, no PDF layout, so it costs milliseconds — and the Word templates are rendered for one
post per theme (docxtpl's Jinja runs over the whole file, so one render finds every tag that cannot
work). The website's templates are compiled. Each mistake is reported once, at the template's file and
line, as a Problem.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import jinja2

from jobpack.errors import InvalidTrust, Problem, display_path
from jobpack.render import TemplateError
from jobpack.render.theme import Environments, Theme

DOCUMENTS = ("job-description", "person-specification")
SITE_PAGES = ("index.html", "post.html")
HINT = "Fix the template, or delete your copy to use jobpack's built-in one."


def template_problems(root: Path, posts: Iterable[tuple[str, dict[str, Any]]]) -> list[Problem]:
    """Problems in the templates that `posts` (school id, template context) would be rendered with."""
    from jobpack.render.docx import render_docx
    from jobpack.render.html import render_html
    from jobpack.render.lookup import find_template
    from jobpack.view.context import document_context

    problems: list[Problem] = []
    envs = Environments()
    themes: dict[str, Theme] = {}
    word_checked: set[Path] = set()  # each Word template file is rendered once, whichever schools use it
    broken: set[tuple[str, str]] = set()  # (school, template) already reported: one message per mistake

    def report(exc: InvalidTrust) -> None:
        for problem in exc.problems:
            shown = display_path(Path(problem.file), root) if Path(problem.file).is_absolute() else problem.file
            problems.append(replace(problem, file=shown, hint=problem.hint or HINT))

    for school, context in posts:
        try:
            theme = themes.get(school) or themes.setdefault(school, Theme.for_school(root, school))
        except TemplateError as exc:
            report(exc)
            continue
        dirs = list(theme.document_dirs)
        for kind in DOCUMENTS:
            if (school, kind) in broken or kind not in context["post"].documents:
                continue
            names = document_context(context, kind)
            try:
                render_html(dirs, kind, names, envs.get(theme.document_dirs))
                word = find_template(dirs, f"{kind}.docx")
                if word not in word_checked:
                    word_checked.add(word)
                    render_docx(word, names)
            except TemplateError as exc:
                broken.add((school, kind))
                report(exc)
        if context["post"].vacancy is not None and (school, "cover") not in broken:
            try:  # the job pack's first page, for an advertised vacancy
                render_html(dirs, "cover", document_context(context, "cover"), envs.get(theme.document_dirs))
            except TemplateError as exc:
                broken.add((school, "cover"))
                report(exc)
    for _school, theme in sorted(themes.items()):
        problems += _site_problems(root, theme, envs)
    return _unique(problems)


def _site_problems(root: Path, theme: Theme, envs: Environments) -> list[Problem]:
    """Syntax mistakes in the website's page templates (rendering them needs the built documents)."""
    env = envs.get(theme.site_dirs)
    out: list[Problem] = []
    for name in SITE_PAGES:
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            file = display_path(Path(exc.filename), root) if exc.filename else name
            out.append(Problem(file, exc.message or "This template cannot be read.", exc.lineno, None, HINT))
        except jinja2.TemplateNotFound:
            continue
        except TemplateError as exc:
            out += [replace(p, file=display_path(Path(p.file), root), hint=p.hint or HINT) for p in exc.problems]
    return out


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: dict[tuple[str, int | None, str], Problem] = {}
    for problem in problems:
        seen.setdefault((problem.file, problem.line, problem.message), problem)
    return list(seen.values())
