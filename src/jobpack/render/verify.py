"""Template mistakes found by `jobpack check`, the pull-request gate, rather than by `build` on main.

For every school's theme: the HTML (and the CSS they include) is rendered against each of its posts'
view — Jinja only, no PDF layout, so it costs milliseconds — and the Word templates are rendered for one
post per theme (docxtpl's Jinja runs over the whole file, so one render finds every tag that cannot
work). The website's templates are compiled. Each mistake is reported once, at the template's file and
line, as a Problem.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jinja2

from jobpack.errors import InvalidTrust, Problem, display_path
from jobpack.render import TemplateError
from jobpack.render.theme import Environments, Theme

DOCUMENTS = ("job-description", "person-specification")
SITE_PAGES = ("index.html", "post.html", "consistency.html", "drift-report.html", "_drift.html")
HINT = "Fix the template, or delete your copy to use jobpack's built-in one."


@dataclass
class Verdict:
    """What rendering one post's documents found, worked out on its own so that posts can be verified in
    any process and any order: `merge` then reports exactly what verifying them one after another would."""

    school: str
    theme: list[Problem] | None = None  # the school's theme could not be made
    html: dict[str, list[Problem] | None] = field(default_factory=dict)  # kind -> its HTML's problems
    word: dict[str, Path] = field(default_factory=dict)  # kind -> the Word template it would fill
    docx: dict[str, list[Problem] | None] = field(default_factory=dict)  # kind -> filling it (when tried)


class Verifier:
    """Renders posts' templates, keeping one environment and theme per school and trying each Word
    template once (docxtpl's Jinja runs over the whole file: one render finds every tag that cannot work)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.envs = Environments()
        self.themes: dict[str, Theme] = {}
        self.word_tried: set[Path] = set()
        self.word_found: dict[tuple[tuple[Path, ...], str], Path] = {}
        self.site_found: dict[str, list[Problem]] = {}  # school -> its website templates' mistakes

    def word_template(self, theme: Theme, kind: str) -> Path:
        """The Word template of `kind` for a theme, looked up once per check (templates do not change
        while one is running); a TemplateError when there is none, every time."""
        from jobpack.render.lookup import find_template

        key = (tuple(theme.document_dirs), kind)
        found = self.word_found.get(key)
        if found is None:
            found = self.word_found[key] = find_template(list(theme.document_dirs), f"{kind}.docx")
        return found

    def known_clean(self, schools: Iterable[str]) -> None:
        """Schools whose website templates an earlier check with the same templates compiled cleanly."""
        self.site_found.update({school: [] for school in schools})

    def problems_of(self, exc: InvalidTrust) -> list[Problem]:
        return [replace(p, file=display_path(Path(p.file), self.root) if Path(p.file).is_absolute() else p.file,
                        hint=p.hint or HINT) for p in exc.problems]

    def verdict(self, school: str, context: dict[str, Any], word_again: bool = False) -> Verdict:
        from jobpack.render.html import render_html
        from jobpack.view.context import document_context

        found = Verdict(school)
        try:
            theme = self.themes.get(school) or self.themes.setdefault(school, Theme.for_school(self.root, school))
        except TemplateError as exc:
            found.theme = self.problems_of(exc)
            return found
        dirs = list(theme.document_dirs)
        kinds = [k for k in DOCUMENTS if k in context["post"].documents]
        if context["post"].vacancy is not None:
            kinds.append("cover")  # the job pack's first page, for an advertised vacancy
        for kind in kinds:
            try:
                render_html(dirs, kind, document_context(context, kind), self.envs.get(theme.document_dirs))
                found.html[kind] = None
            except TemplateError as exc:
                found.html[kind] = self.problems_of(exc)
                continue
            if kind == "cover":
                continue
            try:
                word = found.word[kind] = self.word_template(theme, kind)
                if word_again or word not in self.word_tried:
                    from jobpack.render.docx import render_docx  # (python-docx and docxtpl: only when tried)

                    self.word_tried.add(word)
                    render_docx(word, document_context(context, kind))
                    found.docx[kind] = None
            except TemplateError as exc:
                found.docx[kind] = self.problems_of(exc)
        return found

    def site_problems(self, schools: Iterable[str]) -> list[Problem]:
        """The website templates' mistakes for each school's theme (`site_found` keeps each school's, and
        may come from an earlier check with the same templates: compiling them is most of a small check)."""
        problems: list[Problem] = []
        for school in sorted(set(schools)):
            if school in self.site_found:
                problems += self.site_found[school]
                continue
            theme = self.themes.get(school)
            if theme is None:
                try:
                    theme = self.themes[school] = Theme.for_school(self.root, school)
                except TemplateError:
                    continue
            problems += self.site_found.setdefault(school, _site_problems(self.root, theme, self.envs))
        return problems


def merge(verifier: Verifier, verdicts: Iterable[Verdict],
          again: Callable[[int], Verdict]) -> list[Problem]:
    """The problems verifying the posts one after another reports: one message per (school, template),
    the first post's; each Word template judged by the first post that reaches it (`again(n)` works out
    post n's verdict with its Word templates tried, when the process that judged it had tried them on an
    earlier post this order never reached)."""
    problems: list[Problem] = []
    broken: set[tuple[str, str]] = set()
    word_seen: set[Path] = set()
    schools: list[str] = []
    for n, verdict in enumerate(verdicts):
        if verdict.theme is not None:
            problems += verdict.theme
            continue
        schools.append(verdict.school)
        for kind, html in verdict.html.items():
            if (verdict.school, kind) in broken:
                continue
            if html is not None:
                broken.add((verdict.school, kind))
                problems += html
                continue
            word = verdict.word.get(kind)
            if word is None:  # its Word template could not be found
                broken.add((verdict.school, kind))
                problems += verdict.docx.get(kind) or []
                continue
            if word in word_seen:
                continue
            word_seen.add(word)
            if kind not in verdict.docx:
                verdict = again(n)
            if verdict.docx.get(kind) is not None:
                broken.add((verdict.school, kind))
                problems += verdict.docx[kind] or []
    problems += verifier.site_problems(schools)
    return _unique(problems)


def template_problems(root: Path, posts: Iterable[tuple[str, dict[str, Any]]]) -> list[Problem]:
    """Problems in the templates that `posts` (school id, template context) would be rendered with."""
    verifier = Verifier(root)
    listed = list(posts)
    verdicts = [verifier.verdict(school, context) for school, context in listed]
    return merge(verifier, verdicts, lambda n: Verifier(root).verdict(*listed[n], word_again=True))


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
