"""A trust is a boundary: jobpack reads only files inside the trust folder.

A trust's files come from pull requests. A logo written as `../elsewhere/private.png`, or a file that is a
link (symlink) to `.git/config` or `/proc/self/environ`, must never be read, embedded or published: every
path a trust names is resolved, links followed, and refused unless it lands inside the trust folder.
"""

from __future__ import annotations

import os
from pathlib import Path


class OutsideTrust(ValueError):
    """A path the trust names that leads (directly or through a link) outside the trust folder."""

    def __init__(self, written: str, linked: bool) -> None:
        self.written = written
        self.linked = linked
        how = "is a link (symlink) to a file outside" if linked else "points outside"
        super().__init__(f"'{written}' {how} the trust folder, and jobpack only reads files inside it")


def resolved_inside(folder: Path, path: Path) -> Path | None:
    """`path` with every link followed, if that is inside `folder` (after following its links), else None:
    the one containment check, for the trust folder here and for template and asset folders when rendering."""
    real = path.resolve()
    return real if real.is_relative_to(folder.resolve()) else None


def confined(folder: Path, path: Path) -> bool:
    """Whether `path` (after following every link) is inside `folder` (`resolved_inside`, as a yes or no)."""
    return resolved_inside(folder, path) is not None


def inside_trust(root: Path, written: str | Path) -> Path:
    """`root / written` resolved (links followed), or OutsideTrust if that is not inside `root`.

    Never reads the target: the check is on the path alone, so a refused file's content cannot leak.
    """
    candidate = Path(written)
    path = candidate if candidate.is_absolute() else root / candidate
    real = resolved_inside(root, path)  # resolved once: the answer is the path to read
    if real is not None:
        return real
    lexical = Path(os.path.normpath(path.absolute()))  # '..' collapsed, links not followed
    raise OutsideTrust(str(written), linked=lexical.is_relative_to(root.absolute()))
