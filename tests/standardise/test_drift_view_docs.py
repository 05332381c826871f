"""docs/templates.md's "The drift pages" lists exactly the names `site/_drift.html` can read: every field of
the drift view is documented, and every documented name is in the view (so the docs cannot drift)."""

from __future__ import annotations

import dataclasses
import re
import typing

from jobpack.standardise import drift_view
from tests.conftest import REPO


def _names(cls: type, prefix: str) -> set[str]:
    out: set[str] = set()
    hints = typing.get_type_hints(cls, vars(drift_view))
    for field in dataclasses.fields(cls):
        name, hint = f"{prefix}.{field.name}", hints[field.name]
        args = typing.get_args(hint)
        if typing.get_origin(hint) is tuple and args and dataclasses.is_dataclass(args[0]):
            out |= {name + "[]"} | _names(args[0], name + "[]")
        elif dataclasses.is_dataclass(hint):
            out |= {name} | _names(hint, name)
        else:
            out.add(name)
    return out


def test_every_name_of_the_drift_pages_is_documented_and_exists() -> None:
    text = (REPO / "docs/templates.md").read_text("utf-8")
    body = text[text.index("## The drift pages"):]
    body = body[:body.find("\n## ", 1)] if "\n## " in body[1:] else body
    documented = set(re.findall(r"^\| `([^`]+)` \|", body, flags=re.M))
    names = _names(drift_view.DriftView, "drift")
    assert sorted(names - documented) == [], "in the view but not in docs/templates.md"
    assert sorted(documented - names) == [], "in docs/templates.md but not in the view"
