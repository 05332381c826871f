"""Putting the site on disk: only changed files are rewritten, atomically, and leftovers are removed.

The site is often served while it is rebuilt (`jobpack serve`) or synced to a web host, so a reader must
see either the old file or the new one, and an unchanged file keeps its bytes and its mtime. A small
manifest (`.jobpack-site.json`) lists what the site generator wrote, so a post that was deleted or renamed
loses its page and documents — while files someone else put in the folder are never touched. The documents
are hard links to the documents folder's files where the file system allows (no copy of their bytes to
write, or to read back on the next build: the same file is unchanged), else copies.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from jobpack.atomic import inside, link_atomic, make_folder, remove_stale_temps, write_atomic
from jobpack.faults import Refused

SITE_MANIFEST = ".jobpack-site.json"


def read_manifest(site_dir: Path) -> list[str]:
    """Files the previous run wrote (relative to the site folder); empty if there is no readable manifest."""
    try:
        data = json.loads((site_dir / SITE_MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return []
    files = data.get("files") if isinstance(data, dict) else None
    return [f for f in files if isinstance(f, str)] if isinstance(files, list) else []


def _same(path: Path, data: bytes | Path) -> bool:
    """Whether the file at `path` holds `data` (or is, or has the bytes of, the file `data`)."""
    try:
        if isinstance(data, Path):
            found, wanted = os.stat(path), os.stat(data)
            if os.path.samestat(found, wanted):
                return True
            return found.st_size == wanted.st_size and path.read_bytes() == data.read_bytes()
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def write_site(site_dir: Path, files: dict[str, bytes | Path], documents: Path | None = None) -> WriteResult:
    """Write `files` (relative path -> bytes, or a file to copy) into `site_dir`; remove stale files. Files
    from the `documents` folder are linked, not copied, where the file system allows (see the module docstring).

    Files are written in the order given (documents and assets before the pages that link to them), then
    the manifest, then leftovers of the previous run are deleted.
    """
    result = WriteResult()
    make_folder(site_dir)
    remove_stale_temps(site_dir)  # left by a run that was killed while writing
    old = read_manifest(site_dir)
    contents: dict[str, bytes | Path] = {}
    for rel, content in files.items():
        if isinstance(content, Path) and documents is not None and content.is_relative_to(documents) \
                and ".." not in content.parts:
            os.stat(content)  # every document is there before anything is written
            contents[rel] = content
        else:
            contents[rel] = content.read_bytes() if isinstance(content, Path) else content
    _refuse_foreign(site_dir, contents, set(old))
    for rel, data in contents.items():
        target = inside(site_dir, rel)
        if _same(target, data):
            result.unchanged.append(rel)
            continue
        if not (isinstance(data, Path) and link_atomic(data, target)):
            write_atomic(target, data.read_bytes() if isinstance(data, Path) else data)
        result.written.append(rel)
    manifest = {"generator": "jobpack site", "files": sorted(files)}
    write_atomic(site_dir / SITE_MANIFEST, (json.dumps(manifest, indent=2) + "\n").encode("utf-8"))
    for rel in sorted(set(old) - set(files)):
        if _remove(site_dir, rel):
            result.removed.append(rel)
    return result


def _refuse_foreign(site_dir: Path, contents: dict[str, bytes | Path], ours: set[str]) -> None:
    """Before writing anything: refuse if the site would replace a file jobpack did not write (the user's
    own index.html in `-o public`, say). A file with exactly the bytes jobpack would write is no loss."""
    for rel, data in contents.items():
        target = inside(site_dir, rel)
        if rel in ours or not (target.exists() or target.is_symlink()) or _same(target, data):
            continue
        shown = (site_dir / rel).as_posix()
        raise Refused(f"{shown} was not written by jobpack: move it away or choose another folder with -o.",
                      "jobpack never overwrites or deletes files it did not write.")


def _remove(site_dir: Path, rel: str) -> bool:
    """Delete one file the generator wrote, and folders it leaves empty; never anything outside the site."""
    try:
        path = inside(site_dir, rel)
    except ValueError:
        return False
    if rel == SITE_MANIFEST or not path.is_file():
        return False
    path.unlink()
    root = site_dir.resolve()
    folder = path.parent
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
    return True
