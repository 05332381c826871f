"""Every text a user wrote, once, where it is written; and the exact line and column of words inside it.

The lints read texts from the loaded files, not from resolved posts, so a block's item is checked once in
the block, never once per post that uses it. An item's `allow:` (lint id -> reason) and `justification:`
travel with its text. `place()` turns an offset inside a text into the file's line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from jobpack.load import TrustFiles
from jobpack.load.yamlfile import YamlDoc


@dataclass(frozen=True)
class Text:
    """One piece of text as written: a block item, a post's duty or summary line, a clause, ..."""

    doc: YamlDoc = field(repr=False, compare=False)
    path: tuple[Any, ...]
    text: str
    kind: str  # "criteria", "duties", "summary" or "other" (clauses, vacancy text, conditions)
    need: str = "essential"
    allow: tuple[tuple[str, str], ...] = ()  # (lint or term id, reason) from the item's `allow:`
    justification: str = ""
    siblings: tuple[str, ...] = ()  # every text of the same item (its `one_of` alternatives)
    entry: tuple[Any, ...] | None = None  # the path of the item the text belongs to

    @property
    def file(self) -> str:
        return self.doc.display

    def allowed(self, *ids: str) -> str | None:
        """The reason given for allowing any of `ids` here, if any."""
        return next((reason for key, reason in self.allow if key in ids), None)


def _entry_texts(doc: YamlDoc, entry: Any, path: tuple[Any, ...], kind: str) -> list[Text]:
    if isinstance(entry, str):
        return [Text(doc, path, entry, kind, siblings=(entry,), entry=path)]
    if not isinstance(entry, dict) or "use" in entry:
        return []
    allow = entry.get("allow") or {}
    common = {"need": entry.get("need") or "essential", "entry": path,
              "allow": tuple((str(k), str(v)) for k, v in allow.items()) if isinstance(allow, dict) else (),
              "justification": str(entry.get("justification") or "")}
    if isinstance(entry.get("text"), str):
        return [Text(doc, path + ("text",), entry["text"], kind, siblings=(entry["text"],), **common)]
    options = [o for o in entry.get("one_of") or [] if isinstance(o, str)]
    return [Text(doc, path + ("one_of", n), option, kind, siblings=tuple(options), **common)
            for n, option in enumerate(options)]


def _entries(doc: YamlDoc, entries: Any, path: tuple[Any, ...], kind: str) -> list[Text]:
    if not isinstance(entries, list):
        return []
    return [t for n, entry in enumerate(entries) for t in _entry_texts(doc, entry, path + (n,), kind)]


def block_texts(doc: YamlDoc) -> list[Text]:
    kind = "criteria" if "category" in doc.data else "duties"
    return _entries(doc, doc.data.get("items"), ("items",), kind)


def post_texts(doc: YamlDoc) -> list[Text]:
    """A post's (or role profile's) own texts, in the order a reader meets them."""
    data = doc.data
    texts = [Text(doc, ("summary", n), s, "summary") for n, s in enumerate(data.get("summary") or [])
             if isinstance(s, str)]
    for kind in ("duties", "criteria"):
        for section, entries in (data.get(kind) or {}).items():
            texts += _entries(doc, entries, (kind, section), kind)
    vacancy = data.get("vacancy") or {}
    if isinstance(vacancy.get("how_to_apply"), str):
        texts.append(Text(doc, ("vacancy", "how_to_apply"), vacancy["how_to_apply"], "other"))
    texts += _sections(doc, data) + _own_clauses(doc, data.get("clauses"), ("clauses",))
    texts += _conditions(doc, data)
    return texts


def _sections(doc: YamlDoc, data: dict[str, Any]) -> list[Text]:
    """A post's section paragraphs, list items and row texts (relationships, control of resources, ...)."""
    texts = []
    for section, content in (data.get("sections") or {}).items():
        if not isinstance(content, dict):
            continue
        for part in ("paragraphs", "bullets", "numbered", "items"):
            texts += [Text(doc, ("sections", section, part, n), t, "other")
                      for n, t in enumerate(content.get(part) or []) if isinstance(t, str)]
        rows = [r if isinstance(r, dict) else {} for r in content.get("rows") or []]
        texts += [Text(doc, ("sections", section, "rows", n, "text"), r["text"], "other")
                  for n, r in enumerate(rows) if isinstance(r.get("text"), str)]
    return texts


def _own_clauses(doc: YamlDoc, clauses: Any, path: tuple[Any, ...]) -> list[Text]:
    """A school's or post's own clause wordings."""
    if not isinstance(clauses, dict):
        return []
    return [Text(doc, (*path, key, "text"), c["text"], "other") for key, c in clauses.items()
            if isinstance(c, dict) and isinstance(c.get("text"), str)]


def _conditions(doc: YamlDoc, data: dict[str, Any]) -> list[Text]:
    conditions = (data.get("safer_recruitment") or {}).get("special_conditions") or []
    return [Text(doc, ("safer_recruitment", "special_conditions", n), c, "other")
            for n, c in enumerate(conditions) if isinstance(c, str)]


def trust_texts(doc: YamlDoc) -> list[Text]:
    """The trust's clauses and conditions: printed in every job description, written once here."""
    clauses = [c for c in doc.data.get("clauses") or [] if isinstance(c, dict)]
    texts = [Text(doc, ("clauses", n, "text"), c["text"], "other")
             for n, c in enumerate(clauses) if isinstance(c.get("text"), str)]
    for n, school in enumerate(doc.data.get("schools") or []):
        if isinstance(school, dict):
            texts += _own_clauses(doc, school.get("clauses"), ("schools", n, "clauses"))
    for category, entries in (doc.data.get("criteria") or {}).items():  # criteria every post gets
        texts += _entries(doc, entries, ("criteria", category), "criteria")
    adjustments = (doc.data.get("person_specification") or {}).get("reasonable_adjustments")
    if isinstance(adjustments, str):
        texts.append(Text(doc, ("person_specification", "reasonable_adjustments"), adjustments, "other"))
    return texts + _conditions(doc, doc.data)


def all_texts(files: TrustFiles) -> list[Text]:
    """Every text in the trust, each once."""
    texts = trust_texts(files.trust.doc) if files.trust else []
    for loaded in files.blocks.values():
        texts += block_texts(loaded.doc)
    for loaded in files.posts.values():
        texts += post_texts(loaded.doc)
    return texts


# ---------------------------------------------------------------- where words are


@lru_cache(maxsize=256)
def _lines(path: Path, mtime: float) -> tuple[str, ...]:
    try:
        return tuple(path.read_text("utf-8").removeprefix("\ufeff").splitlines())
    except (OSError, UnicodeDecodeError):
        return ()


def _source(doc: YamlDoc) -> tuple[str, ...]:
    try:
        return _lines(doc.path, doc.path.stat().st_mtime)
    except OSError:
        return ()


def place(text: Text, offset: int) -> tuple[int | None, int | None]:
    """Line and column (1-based) of the character at `offset` in `text`, found in the file itself; the
    text's own start when the way it is written cannot be followed exactly (escapes, odd folding)."""
    line, column = text.doc.where(text.path)
    if line is None or column is None:
        return line, column
    found = _segments(_source(text.doc), line, column, text.text)
    if not found:
        return line, column
    for start, (at_line, at_column) in reversed(found):
        if offset >= start:
            return at_line, at_column + offset - start
    return line, column


def _segments(lines: tuple[str, ...], line: int, column: int, value: str) -> list[tuple[int, tuple[int, int]]]:
    """Where each piece of `value` starts in the file: [(offset in value, (line, column))], or [] when the
    scalar cannot be matched character for character."""
    if line > len(lines):
        return []
    rest = lines[line - 1][column - 1:]
    if rest[:1] in ("'", '"'):
        inner = rest[1:]
        return [(0, (line, column + 1))] if inner.startswith(value) else []
    if rest[:1] in (">", "|"):
        return _block_scalar(lines, line, value, folded=rest[0] == ">")
    if rest.startswith(value):
        return [(0, (line, column))]
    return _plain_multiline(lines, line, column, value)


def _block_scalar(lines: tuple[str, ...], line: int, value: str, folded: bool) -> list[tuple[int, tuple[int, int]]]:
    out: list[tuple[int, tuple[int, int]]] = []
    built, indent = "", None
    for number in range(line + 1, len(lines) + 1):
        raw = lines[number - 1]
        if not raw.strip():
            return []  # blank lines inside: folding gets subtle, fall back to the start
        here = len(raw) - len(raw.lstrip(" "))
        indent = here if indent is None else indent
        if here != indent:
            return []
        if built:
            built += " " if folded else "\n"
        out.append((len(built), (number, indent + 1)))
        built += raw[indent:]
        if len(built) >= len(value.rstrip("\n")):
            return out if built.rstrip() == value.rstrip("\n") else []
    return []


def _plain_multiline(lines: tuple[str, ...], line: int, column: int, value: str) -> list[tuple[int, tuple[int, int]]]:
    first = lines[line - 1][column - 1:].rstrip()
    if not value.startswith(first):
        return []
    out, built = [(0, (line, column))], first
    for number in range(line + 1, len(lines) + 1):
        raw = lines[number - 1]
        if not raw.strip():
            return []
        stripped = raw.strip()
        built += " "
        out.append((len(built), (number, len(raw) - len(raw.lstrip()) + 1)))
        built += stripped
        if len(built) >= len(value):
            return out if built == value else []
    return []
