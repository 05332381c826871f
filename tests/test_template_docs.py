"""docs/templates.md lists exactly the names templates can use: every documented name exists in the typed
view, and every field of the view is documented (so the docs cannot drift from the code)."""

from __future__ import annotations

import dataclasses
import re
import typing

from jobpack.publish.site import view as site_view
from jobpack.view import pack as pack_view
from jobpack.view import post as view
from tests.conftest import REPO

DOC = REPO / "docs" / "templates.md"


def _walk(cls: type, prefix: str, out: set[str]) -> None:
    hints = typing.get_type_hints(cls, vars(view) | vars(pack_view) | vars(site_view))
    for field in dataclasses.fields(cls):
        if not field.compare:
            continue
        name, hint = f"{prefix}.{field.name}", hints[field.name]
        args = typing.get_args(hint)
        if type(None) in args and len(args) == 2:  # X | None: document X's fields (it may be absent)
            hint = next(a for a in args if a is not type(None))
            args = typing.get_args(hint)
        if typing.get_origin(hint) is tuple and args and dataclasses.is_dataclass(args[0]):
            out.add(name + "[]")
            _walk(args[0], name + "[]", out)
        elif dataclasses.is_dataclass(hint):
            out.add(name)
            _walk(hint, name, out)
        else:
            out.add(name)
    out.update(f"{prefix}.{n}" for n, v in vars(cls).items() if isinstance(v, property))


def _documented(section: str) -> set[str]:
    text = DOC.read_text("utf-8")
    start = text.index(section)
    end = text.find("\n## ", start + 1)
    body = text[start:end if end != -1 else None]
    return set(re.findall(r"^\| `([^`]+)` \|", body, flags=re.M))


def test_every_document_template_name_is_documented_and_exists():
    names: set[str] = {"methods[]"}
    for top, cls in (("trust", view.TrustView), ("school", view.SchoolView), ("post", view.PostView),
                     ("document", view.DocumentView)):
        _walk(cls, top, names)
    _walk(view.Method, "methods[]", names)
    documented = _documented("## Names available in every template")
    assert sorted(names - documented) == [], "in the view but not in docs/templates.md"
    assert sorted(documented - names) == [], "in docs/templates.md but not in the view"


def test_every_site_template_name_is_documented_and_exists():
    names: set[str] = {"documents[]", "vacancy", "json_ld", "has_levels", "schools[]", "schools[].posts[]",
                       "grades", "total", "open_count", "current[]", "school_filter[]", "search_parts"}
    _walk(site_view.SiteInfo, "site", names)
    _walk(site_view.DocumentLink, "documents[]", names)
    _walk(site_view.VacancyView, "vacancy", names)
    _walk(site_view.Card, "schools[].posts[]", names)
    school_fields = {f.name for f in dataclasses.fields(view.SchoolView)}
    names |= {f"school.{f.name}" for f in dataclasses.fields(site_view.SiteSchool) if f.name not in school_fields}
    documented = _documented("## Website templates")
    assert sorted(names - documented) == []
    assert sorted(documented - names) == []
