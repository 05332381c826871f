"""Expand `{{ school.name }}`-style variables in text written in YAML.

Only a fixed table of documented names can be used, and only as plain `{{ name.field }}` references:
no filters, calls or expressions, so nothing written in a YAML file can run code. Anything in braces that
is not such a reference (for example `{{ not a var }}`) is left exactly as written. A reference to a name
that does not exist is an error with a suggestion, so a typo never reaches a published document.
"""

from __future__ import annotations

import re
from dataclasses import replace
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from .errors import Problem, did_you_mean

if TYPE_CHECKING:
    from .model import School, Trust
    from .resolve import Item, ResolvedPost
    from .yamlfile import YamlDoc

REFERENCE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+)\s*\}\}")


def names_for(trust: Trust, school: School, title: str = "", responsible_to: str = "",
              line_manages: str = "") -> dict[str, str]:
    """The variables text may use, with their values for one post (the one table of documented names)."""
    return {
        "trust.name": trust.name,
        "trust.website": trust.website,
        "school.name": school.name,
        "school.id": school.id,
        "school.phase": school.phase,
        "school.address": school.address,
        "post.title": title,
        "post.responsible_to": responsible_to,
        "post.line_manages": line_manages,
    }


_BLANK = SimpleNamespace(name="", website="", id="", phase="", address="")
VARIABLE_NAMES = tuple(names_for(_BLANK, _BLANK))  # type: ignore[arg-type]  # the names, from the one table


def unknown_references(text: str) -> list[str]:
    """References in `text` to names that do not exist."""
    return [m.group(1) for m in REFERENCE.finditer(text) if m.group(1) not in VARIABLE_NAMES]


def fill(text: str, names: dict[str, str]) -> str:
    """Replace known references; leave everything else literally as written."""
    return REFERENCE.sub(lambda m: names.get(m.group(1), m.group(0)), text)


def variable_problem(name: str, file: str, line: int | None, via: str = "") -> Problem:
    chain = (via,) if via and via != file else ()
    return Problem(file, f"'{{{{ {name} }}}}' is not a variable jobpack knows.", line, None,
                   did_you_mean(name, VARIABLE_NAMES, "variable"), chain=chain)


def field_problems(doc: YamlDoc, data: Any, path: tuple[Any, ...] = ()) -> list[Problem]:
    """Unknown references anywhere in one file's plain text fields (titles, vacancy text, conditions),
    reported where they were written. List items of duties and criteria are checked during composition,
    where each item knows its own file and line."""
    problems = []
    if isinstance(data, str):
        for name in unknown_references(data):
            problems.append(variable_problem(name, doc.display, doc.where(path)[0]))
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in ("duties", "criteria", "items", "summary", "clauses"):
                problems += field_problems(doc, value, path + (key,))
    elif isinstance(data, list):
        for n, value in enumerate(data):
            problems += field_problems(doc, value, path + (n,))
    return problems


def expand(post: ResolvedPost, trust: Trust, problems: list[Problem]) -> ResolvedPost | None:
    """The post with variables filled in everywhere; None (and problems) if an item has an unknown one.

    Single fields (title, vacancy, conditions) were checked file by file (`field_problems`), so here
    they are only filled in."""
    names = names_for(trust, post.school, post.title, post.responsible_to, post.line_manages)
    before = len(problems)

    def item(i: Item) -> Item:
        for name in unknown_references(i.text) + [n for a in i.alternatives for n in unknown_references(a)]:
            problems.append(variable_problem(name, i.file, i.line, via=post.file))
        return replace(i, text=fill(i.text, names), alternatives=tuple(fill(a, names) for a in i.alternatives))

    vacancy = post.vacancy
    if vacancy is not None:
        vacancy = vacancy.model_copy(update={key: fill(getattr(vacancy, key), names)
                                             for key in ("start_date", "how_to_apply", "reference")})
    safer = post.safer_recruitment
    if safer.special_conditions:
        safer = safer.model_copy(update={"special_conditions": [fill(c, names) for c in safer.special_conditions]})
    result = replace(post, title=fill(post.title, names), responsible_to=fill(post.responsible_to, names),
                     line_manages=fill(post.line_manages, names), summary=[item(i) for i in post.summary],
                     duties=[item(i) for i in post.duties], criteria=[item(i) for i in post.criteria],
                     vacancy=vacancy, safer_recruitment=safer)
    return None if len(problems) > before else result
