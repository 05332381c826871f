"""Read one YAML file safely, keeping the line and column of every key and value.

PyYAML's loaders throw positions away, silently keep the last of two duplicate keys, and expand aliases
without limit. We compose the node tree ourselves (which never expands aliases) and build plain Python
values from it, so every later error can point at the exact line, duplicates are errors, and an alias
bomb is refused after a bounded amount of work.

Parsing uses libyaml's C parser (`CSafeLoader`, about 7x faster, with the same node tree and marks) when
PyYAML was built with it, and the pure-Python `SafeLoader` otherwise. A file the C parser refuses is parsed
again with the pure one, so messages about YAML mistakes read (and point) the same either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from jobpack.errors import Problem

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 100_000
MAX_DEPTH = 50

Path_ = tuple[Any, ...]


@dataclass
class YamlDoc:
    """A parsed file: its data and where each part of it was written."""

    path: Path
    display: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    sources: dict[Path_, str] = field(default_factory=dict)  # plain values exactly as typed

    def where(self, loc: Path_, key: bool = False) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the value at `loc`, or of the nearest enclosing value we know."""
        table = self.key_positions if key else self.positions
        loc = tuple(loc)
        while loc:
            if loc in table:
                return table[loc]
            if not key and loc in self.key_positions:
                return self.key_positions[loc]
            loc = loc[:-1]
        return self.positions.get((), (1, 1))

    def problem(self, loc: Path_, message: str, hint: str = "", key: bool = False, **kw: Any) -> Problem:
        line, column = self.where(loc, key=key)
        return Problem(self.display, message, line, column, hint, **kw)


class _TooBig(Exception):
    pass


class _Duplicate(Exception):
    def __init__(self, key: str, mark: yaml.Mark, first: yaml.Mark) -> None:
        self.key, self.mark, self.first = key, mark, first


class _BadText(Exception):
    def __init__(self, node: yaml.Node, what: str) -> None:
        self.node, self.what = node, what


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _bad_text(text: str) -> str:
    """What in `text` no document can hold ("" if nothing): control characters, or half of an emoji
    (a lone surrogate, which YAML's "\\ud83d" escape can make) that Word and PDF files cannot store."""
    if _SURROGATE.search(text):  # a regular expression: C speed on every value of every file
        return "half of a character (an escape such as \\ud83d without its pair)"
    found = _CONTROL.search(text)
    return f"an invisible control character ({found.group()!r})" if found else ""


class _BadValue(Exception):
    def __init__(self, node: yaml.Node, exc: ValueError) -> None:
        self.node, self.exc = node, exc


class _Builder:
    """Turns composed nodes into Python values, counting work so aliases cannot explode it."""

    def __init__(self, text: str) -> None:
        self.constructor = yaml.constructor.SafeConstructor()  # tags are resolved already: no reader or parser
        # A value can only hold a control character or half a character if the file does, or through a
        # backslash escape ("\\x01", "\\ud83d") in quoted text: most files have neither, and skip the search.
        self.check_text = "\\" in text or bool(_CONTROL.search(text))
        self.count = 0
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.key_positions: dict[Path_, tuple[int, int]] = {}
        self.sources: dict[Path_, str] = {}

    def build(self, node: yaml.Node, path: Path_ = ()) -> Any:
        self.count += 1
        if self.count > MAX_NODES or len(path) > MAX_DEPTH:
            raise _TooBig
        mark = node.start_mark
        self.positions[path] = (mark.line + 1, mark.column + 1)
        value = node.value
        if isinstance(node, yaml.ScalarNode):  # most nodes: tested first
            self.sources[path] = value
            if self.check_text and isinstance(value, str) and _bad_text(value):
                raise _BadText(node, _bad_text(value))
            if node.tag == _STR:
                return value
            try:
                return self.constructor.construct_object(node, deep=True)
            except yaml.constructor.ConstructorError:
                raise
            except ValueError as exc:  # e.g. 2024-13-04: looks like a date, is not one
                raise _BadValue(node, exc) from exc
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            key_positions = self.key_positions
            for key_node, value_node in value:
                key = self._key(key_node)
                if self.check_text and type(key) is str and _bad_text(key):
                    raise _BadText(key_node, _bad_text(key))
                if key in result:
                    raise _Duplicate(str(key), key_node.start_mark, self._first(value, key))
                key_mark = key_node.start_mark
                at = path + (key,)
                key_positions[at] = (key_mark.line + 1, key_mark.column + 1)
                result[key] = self.build(value_node, at)
            return result
        return [self.build(item, path + (i,)) for i, item in enumerate(value)]

    def _key(self, node: yaml.Node) -> Any:
        """A mapping key: text, a number, true/false or none as YAML reads it; anything else (a date) as text."""
        key = self._scalar(node)
        if not isinstance(key, str | int | float | bool) and key is not None:
            key = str(key)
        return key

    def _first(self, pairs: list[tuple[yaml.Node, yaml.Node]], key: Any) -> yaml.Mark:
        """Where `key` is first written among a mapping's pairs (for the message about writing it twice)."""
        return next(key_node.start_mark for key_node, _ in pairs if self._key(key_node) == key)

    def _scalar(self, node: yaml.Node) -> Any:
        """The node's value: a text scalar is its own value (what PyYAML's constructor returns for it, without
        its bookkeeping: most of a trust's values are text), anything else is constructed by PyYAML."""
        if node.tag == _STR and isinstance(node, yaml.ScalarNode):
            return node.value
        return self.constructor.construct_object(node, deep=True)


_STR = "tag:yaml.org,2002:str"


def _precheck(raw: bytes, display: str) -> tuple[str | None, Problem | None]:
    if len(raw) > MAX_FILE_BYTES:
        return None, Problem(display, f"This file is {len(raw):,} bytes; jobpack reads files of at most "
                             f"{MAX_FILE_BYTES:,} bytes.", 1, 1, "Split it into smaller blocks or posts.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, Problem(display, "This file is not saved as UTF-8 text.", line, None,
                             "Save it as UTF-8 (in most editors: Save As, encoding UTF-8).")
    text = text.removeprefix("\ufeff")
    if _ODD_BREAK.search(text) and _ODD_BREAK_EXACT.search(text):
        return _precheck_lines(text, display)
    if not _CONTENT.search(text):
        return None, Problem(display, "This file is empty.", 1, 1, "Write its content, or delete the file.")
    tab = _TAB_INDENT.search(text)
    if tab:
        number = text.count("\n", 0, tab.start()) + 1
        return None, Problem(display, "This line is indented with a tab.", number, tab.end() - tab.start(),
                             "YAML needs spaces for indentation: replace the tab with spaces.")
    return text, None


def _precheck_lines(text: str, display: str) -> tuple[str | None, Problem | None]:
    """The same checks line by line, for a file with line breaks other than "\\n" and "\\r\\n"."""
    if not text.strip() or all(ln.strip().startswith("#") or not ln.strip() for ln in text.splitlines()):
        return None, Problem(display, "This file is empty.", 1, 1, "Write its content, or delete the file.")
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            return None, Problem(display, "This line is indented with a tab.", number, indent.index("\t") + 1,
                                 "YAML needs spaces for indentation: replace the tab with spaces.")
    return text, None


_ODD_BREAK = re.compile("[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
"""A character that may be a line break str.splitlines counts and the quick checks' patterns would not (a
character class: one quick scan of a file that has none)..."""
_ODD_BREAK_EXACT = re.compile("\r(?!\n)|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
"""... and whether it is one (a "\\r" of a "\\r\\n" line end is not)."""
_CONTENT = re.compile(r"^[^\S\n\r]*[^#\s]", re.MULTILINE)
"""A line with something on it other than a comment (a file of only blank and comment lines is empty)."""
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)
"""A tab in a line's indentation (spaces and tabs before its first other character)."""


_TAGS: dict[str, str] = {}
"""Plain scalar text -> the tag YAML's rules give it (a trust repeats the same keys and words thousands of
times, and PyYAML decides each one in Python, with a regular expression per candidate type)."""
MAX_TAGS = 1 << 16


def _fast_loader() -> type | None:
    """libyaml's parser with the tags of plain scalars remembered, when PyYAML has libyaml."""
    base = getattr(yaml, "CSafeLoader", None)
    if base is None:
        return None

    class Loader(base):  # type: ignore[misc, valid-type]
        def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
            if kind is not yaml.ScalarNode or not implicit[0]:
                return super().resolve(kind, value, implicit)
            tag = _TAGS.get(value)
            if tag is None:  # the tag of a plain scalar depends on its text alone (SafeLoader has no path rules)
                tag = super().resolve(kind, value, implicit)
                if len(_TAGS) < MAX_TAGS:
                    _TAGS[value] = tag
            return tag

    return Loader


FAST_LOADER: type | None = _fast_loader()
"""libyaml's parser, when PyYAML has it; `None` (the pure-Python parser only) otherwise."""


def compose(text: str) -> yaml.Node | None:
    """The node tree of `text`, with libyaml when available. On a YAML mistake the pure-Python parser
    reads the text again and raises its own error, so every message and location stays as documented."""
    if FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=FAST_LOADER)
        except yaml.YAMLError:
            pass  # re-read below: the pure parser's error is the one our messages are written for
    return yaml.compose(text, Loader=yaml.SafeLoader)


QUOTE_HINT = ("Check the indentation, and put text containing ': ' or starting with a quote, '{', '[', '&', "
              "'*' or '#' inside quotes.")


def _syntax_problem(exc: yaml.MarkedYAMLError, display: str) -> Problem:
    """PyYAML's parser messages in plain words, pointing at the line where the mistake most likely is."""
    problem = (exc.problem or "unreadable YAML").rstrip(".")
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    opened = {"while parsing a flow sequence": ("list", "["), "while parsing a flow mapping": ("set", "{"),
              "while scanning a quoted scalar": ("quoted text", "a quote")}.get(context)
    if opened and exc.context_mark is not None and exc.problem_mark is not None \
            and exc.problem_mark.line != exc.context_mark.line:
        start = exc.context_mark
        what, sign = opened
        opener = sign if sign == "a quote" else f"'{sign}'"
        closer = {"[": "']'", "{": "'}'"}.get(sign, "the same quote")
        return Problem(display, f"The {what} opened with {opener} on line {start.line + 1} is never closed "
                       f"(jobpack noticed on line {exc.problem_mark.line + 1}).", start.line + 1, start.column + 1,
                       f"Close it with {closer} on the line where it should end.")
    if "could not find expected ':'" in problem and "simple key" in context and exc.context_mark:
        mark = exc.context_mark  # the line that lacks its colon, not the line after it
        message = "This line has no ':' after its name, or it is a list item without its '- '."
        hint = "Write 'name: value', or start a list item with '- '; text that contains ': ' goes in quotes."
    elif "mapping values are not allowed" in problem:
        message = "This line has ': ' inside text that is not in quotes."
        hint = "Put the whole text in quotes, e.g. - \"Note: pupils ...\""
    elif problem.startswith("expected <block end>") or "did not find expected '-' indicator" in problem \
            or "did not find expected key" in problem:
        message = "This line is indented differently from the lines above it."
        hint = "Line it up with the other entries at the same level (use spaces, the same number as above)."
    elif "found '<block sequence start>'" in problem or "found '-'" in problem:
        message = "A list ('- ...') starts where jobpack expects a single value or 'name: value' lines."
        hint = "Check the indentation of the list, and that the line above ends with ':' and nothing after it."
    else:
        message = f"This is not valid YAML: {problem}."
        hint = QUOTE_HINT
    return Problem(display, message, mark.line + 1 if mark else None, mark.column + 1 if mark else None, hint)


_CHARACTER_NAMES = {0: "a NUL character", 0x0B: "a vertical tab", 0x0C: "a form feed", 0x1B: "an escape character",
                    0x7F: "a delete character", 0xFEFF: "a byte-order mark", 0xFFFE: "a non-character"}


def _character_problem(text: str, exc: yaml.reader.ReaderError, display: str) -> Problem:
    """A character YAML does not allow (NUL, vertical tab ... often pasted from Word), at its line and column."""
    position = exc.position if isinstance(exc.position, int) and 0 <= exc.position <= len(text) else 0
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    name = _CHARACTER_NAMES.get(code, "an invisible control character")
    return Problem(display, f"This line holds {name} (U+{code:04X}), which YAML files cannot contain.", line, column,
                   "Delete it: retype the text around it (such characters often come with text pasted from Word "
                   "or a PDF).")


def load_yaml(path: Path, display: str) -> tuple[YamlDoc | None, Problem | None]:
    """Parse one file; return its document, or the one problem that stopped us reading it."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # refused before reading: a 600 MB file is not read into memory
            return None, Problem(display, f"This file is {size:,} bytes; jobpack reads files of at most "
                                 f"{MAX_FILE_BYTES:,} bytes.", 1, 1, "Split it into smaller blocks or posts.")
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return None, Problem(display, f"Could not read this file: {exc.strerror}.")
    text, problem = _precheck(raw, display)
    if problem:
        return None, problem
    try:
        node = compose(text)
    except yaml.MarkedYAMLError as exc:
        return None, _syntax_problem(exc, display)
    except yaml.reader.ReaderError as exc:
        return None, _character_problem(text, exc, display)
    except yaml.YAMLError as exc:
        return None, Problem(display, f"This is not valid YAML: {exc}.")
    if node is None:
        return None, Problem(display, "This file is empty.", 1, 1, "Write its content, or delete the file.")
    builder = _Builder(text)
    try:
        data = builder.build(node)
    except _TooBig:
        return None, Problem(display, "This file repeats or nests content too much (YAML aliases or very deep "
                             "nesting), so jobpack stopped reading it.", 1, 1,
                             "Write the content out plainly instead of using '&' anchors and '*' aliases.")
    except _Duplicate as dup:
        return None, Problem(display, f"'{dup.key}' is written twice in the same place (first on line "
                             f"{dup.first.line + 1}).", dup.mark.line + 1, dup.mark.column + 1,
                             "Keep one of them: YAML would silently use only the last.")
    except _BadText as bad:
        mark = bad.node.start_mark
        return None, Problem(display, f"This text contains {bad.what}, which documents cannot hold.",
                             mark.line + 1, mark.column + 1, "Retype the text, or paste it as plain text.")
    except _BadValue as bad:
        mark = bad.node.start_mark
        return None, Problem(display, f"'{bad.node.value}' is not a real date.", mark.line + 1,
                             mark.column + 1, "Write dates as year-month-day, e.g. 2024-11-04, or put the "
                             "text in quotes if it is not meant as a date.")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return None, Problem(display, f"jobpack cannot read this: {(exc.problem or 'unknown YAML').rstrip('.')}.",
                             mark.line + 1 if mark else None, mark.column + 1 if mark else None,
                             "Remove YAML tags such as '!include': jobpack files are plain text and lists.")
    except yaml.reader.ReaderError as exc:
        return None, _character_problem(text, exc, display)
    except yaml.YAMLError as exc:
        return None, Problem(display, f"This is not valid YAML: {exc}.")
    return YamlDoc(path, display, data, builder.positions, builder.key_positions, builder.sources), None
