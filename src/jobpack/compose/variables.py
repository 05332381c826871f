"""Expand `{{ school.name }}`-style variables in text written in YAML.

Only a fixed table of documented names can be used, and only as plain `{{ name.field }}` references:
no filters, calls or expressions, so nothing written in a YAML file can run code. Anything in braces that
is not such a reference (for example `{{ not a var }}`) is left exactly as written. A reference to a name
that does not exist is an error with a suggestion, so a typo never reaches a published document.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from jobpack.errors import Problem, did_you_mean
from jobpack.load.markup import unsafe_links

if TYPE_CHECKING:
    from jobpack.load.models.trust import School, Trust
    from jobpack.load.yamlfile import YamlDoc

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
    if "{{" not in text:  # most text names nothing: no pattern search
        return text
    return REFERENCE.sub(lambda m: names.get(m.group(1), m.group(0)), text)


def variable_problem(name: str, file: str, line: int | None, via: str = "") -> Problem:
    chain = (via,) if via and via != file else ()
    return Problem(file, f"'{{{{ {name} }}}}' is not a variable jobpack knows.", line, None,
                   did_you_mean(name, VARIABLE_NAMES, "variable"), chain=chain)


def text_problems(doc: YamlDoc) -> list[Problem]:
    """Unknown references and refused link addresses in every piece of text one file holds (items, titles,
    clauses, sections, vacancy text, conditions), each reported once, where it is written."""
    problems: list[Problem] = []

    def walk(data: Any, path: tuple[Any, ...]) -> None:
        if isinstance(data, str):
            if "{{" not in data and "[" not in data:
                return  # names no variable and holds no link (most text): no pattern search
            for name in unknown_references(data):
                line, column = doc.where(path)
                problems.append(Problem(doc.display, f"'{{{{ {name} }}}}' is not a variable jobpack knows.", line,
                                        column, did_you_mean(name, VARIABLE_NAMES, "variable")))
            for address in unsafe_links(data):
                line, column = doc.where(path)
                problems.append(Problem(
                    doc.display, f"The link address '{address[:80]}' is not one jobpack will publish.", line, column,
                    "Links are written [text](https://...) or [text](mailto:...); write the full https:// "
                    "address, or remove the brackets to print the text as it is."))
        elif isinstance(data, dict):
            for key, value in data.items():
                walk(value, (*path, key))
        elif isinstance(data, list):
            for n, value in enumerate(data):
                walk(value, (*path, n))

    walk(doc.data, ())
    return problems
