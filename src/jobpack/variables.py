"""Expand `{{ school.name }}`-style variables in text written in YAML.

Only a fixed table of documented names can be used, and only as plain `{{ name.field }}` references:
no filters, calls or expressions, so nothing written in a YAML file can run code. Anything in braces that
is not such a reference (for example `{{ not a var }}`) is left exactly as written. A reference to a name
that does not exist is an error with a suggestion, so a typo never reaches a published document.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from .errors import Problem, did_you_mean

if TYPE_CHECKING:
    from .load import TrustFiles
    from .model import School, Trust
    from .resolve import Item, ResolvedPost

REFERENCE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+)\s*\}\}")


def names_for(trust: Trust, school: School, title: str = "", responsible_to: str = "",
              line_manages: str = "") -> dict[str, str]:
    """The variables text may use, with their values for one post."""
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


VARIABLE_NAMES = tuple(
    ["trust.name", "trust.website", "school.name", "school.id", "school.phase", "school.address",
     "post.title", "post.responsible_to", "post.line_manages"])


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


def expand(post: ResolvedPost, trust: Trust, files: TrustFiles, problems: list[Problem]) -> ResolvedPost | None:
    """The post with variables filled in everywhere; None (and problems) if any reference is unknown."""
    names = names_for(trust, post.school, post.title, post.responsible_to, post.line_manages)
    before = len(problems)

    def item(i: Item) -> Item:
        for name in unknown_references(i.text) + [n for a in i.alternatives for n in unknown_references(a)]:
            problems.append(variable_problem(name, i.file, i.line, via=post.file))
        return replace(i, text=fill(i.text, names), alternatives=tuple(fill(a, names) for a in i.alternatives))

    post_doc = files.posts[post.id].doc
    for field_name in ("title", "responsible_to", "line_manages"):
        for name in unknown_references(getattr(post, field_name)):
            problems.append(variable_problem(name, post.file, post_doc.where((field_name,))[0]))
    def text(value: str, where: tuple) -> str:
        for name in unknown_references(value):
            problems.append(variable_problem(name, post.file, post_doc.where(where)[0]))
        return fill(value, names)

    vacancy = post.vacancy
    if vacancy is not None:
        vacancy = vacancy.model_copy(update={
            "start_date": text(vacancy.start_date, ("vacancy", "start_date")),
            "how_to_apply": text(vacancy.how_to_apply, ("vacancy", "how_to_apply"))})
    safer = post.safer_recruitment
    if safer.special_conditions:
        safer = safer.model_copy(update={"special_conditions": [
            text(c, ("safer_recruitment", "special_conditions", n)) for n, c in enumerate(safer.special_conditions)]})
    result = replace(post, summary=[item(i) for i in post.summary], duties=[item(i) for i in post.duties],
                     criteria=[item(i) for i in post.criteria], vacancy=vacancy, safer_recruitment=safer)
    return None if len(problems) > before else result
