"""User-facing problems: every mistake in a trust's files becomes a Problem with a place and a hint.

One error type (`InvalidTrust`) carries all problems found at once; the CLI turns it into a message and
exit code 1. Anything else that escapes is a bug in jobpack, and the CLI says so.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` safe to print on a terminal: control characters (escape sequences that could repaint the
    screen, carriage returns, bidi overrides that reorder what is shown) appear as visible escapes."""
    def shown(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _CONTROL.sub(shown, text)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, worded for an HR officer rather than a programmer."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    hint: str = ""
    chain: tuple[str, ...] = ()
    severity: str = "error"  # "error" or "warning"

    def location(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def format(self) -> str:
        """`file:line:column: message`, then the hint and the chain of files on their own lines; whatever
        came from the user's files is shown with its control characters escaped."""
        label = "warning: " if self.severity == "warning" else ""
        text = f"{printable(self.location())}: {label}{printable(self.message)}"
        if self.hint:
            text += f"\n    {printable(self.hint)}"
        if self.chain:
            text += "\n    (reached through " + printable(" -> ".join(self.chain)) + ")"
        return text

    def as_json(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
            "chain": list(self.chain),
        }


@dataclass
class InvalidTrust(Exception):
    """Raised when the trust's files have errors; carries all of them."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(p.format() for p in self.problems)


def did_you_mean(value: str, choices: Iterable[str], what: str = "") -> str:
    """A hint naming the closest valid choices, or listing them when none is close."""
    options = sorted(set(choices))
    same = [o for o in options if o != value and _folded(o) == _folded(value)]
    if same:  # "café" typed with a combining accent is not the file's "café", though it looks the same
        return (f"'{same[0]}' looks the same but is written with different characters (an accent or a space "
                "typed another way, often from copying text): retype the name here, or rename the file.")
    close = difflib.get_close_matches(value, options, n=3, cutoff=0.6)
    if close:
        return "Did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    if not options:
        return ""
    shown = ", ".join(f"'{o}'" for o in options[:12])
    more = f" (and {len(options) - 12} more)" if len(options) > 12 else ""
    return f"Choose one of these {what}s: {shown}{more}." if what else f"Choose one of: {shown}{more}."


def _folded(text: str) -> str:
    """`text` as it looks: Unicode compatibility-normalised and case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def display_path(path: Path, root: Path) -> str:
    """Paths in messages are relative to the trust folder, as the user sees them in their editor (a link is
    named by where it is, not by where it leads)."""
    for candidate, base in ((path.absolute(), root.absolute()), (path.resolve(), root.resolve())):
        if ".." not in candidate.parts and candidate.is_relative_to(base):
            return candidate.relative_to(base).as_posix()
    return str(path)
