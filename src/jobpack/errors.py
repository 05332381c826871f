"""User-facing problems: every mistake in a trust's files becomes a Problem with a place and a hint.

One error type (`InvalidTrust`) carries all problems found at once; the CLI turns it into a message and
exit code 1. Anything else that escapes is a bug in jobpack, and the CLI says so.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


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
        """`file:line:column: message`, then the hint and the chain of files on their own lines."""
        label = "warning: " if self.severity == "warning" else ""
        text = f"{self.location()}: {label}{self.message}"
        if self.hint:
            text += f"\n    {self.hint}"
        if self.chain:
            text += "\n    (reached through " + " -> ".join(self.chain) + ")"
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
    close = difflib.get_close_matches(value, options, n=3, cutoff=0.6)
    if close:
        return "Did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    if not options:
        return ""
    shown = ", ".join(f"'{o}'" for o in options[:12])
    more = f" (and {len(options) - 12} more)" if len(options) > 12 else ""
    return f"Choose one of these {what}s: {shown}{more}." if what else f"Choose one of: {shown}{more}."


def display_path(path: Path, root: Path) -> str:
    """Paths in messages are relative to the trust folder, as the user sees them in their editor (a link is
    named by where it is, not by where it leads)."""
    for candidate, base in ((path.absolute(), root.absolute()), (path.resolve(), root.resolve())):
        if ".." not in candidate.parts and candidate.is_relative_to(base):
            return candidate.relative_to(base).as_posix()
    return str(path)
