"""The small pieces every view is made of: `Readable` (read as `x.name` or `x["name"]`), a labelled `Line`
and a checked `Picture`. Their own module so that the post's view and the pack's view (which the post's
view holds) both build on them without importing each other."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


class Readable:
    """Lets a view be read as `post["title"]` as well as `post.title` (Jinja and docxtpl templates written
    before the typed view use both); a missing name is a KeyError, so StrictUndefined still catches typos."""

    def __getitem__(self, name: str) -> Any:
        kind = type(self)
        names = _NAMES.get(kind)
        if names is None:  # a view type's fields are fixed: listed once per type, not once per lookup
            names = _NAMES[kind] = frozenset(f.name for f in dataclasses.fields(self))  # type: ignore[arg-type]
        if name.startswith("_") or name not in names:
            raise KeyError(name)
        return getattr(self, name)

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self[name]
        except KeyError:
            return default


_NAMES: dict[type, frozenset[str]] = {}


@dataclass(frozen=True)
class Line(Readable):
    """A labelled line, e.g. a safer-recruitment detail: label "DBS check", value "Enhanced DBS check ..."."""

    label: str
    value: str


class Picture(str):
    """A checked picture as a `data:` URI; `alt` says what it shows. Word files embed it as a real picture."""

    alt: str

    def __new__(cls, uri: str, alt: str = "") -> Picture:
        self = super().__new__(cls, uri)
        self.alt = alt
        return self

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return (Picture, (str(self), self.alt))
