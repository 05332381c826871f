"""Writing files safely: every file goes to a temporary file in the same folder and is renamed into place.

A build that fails or is interrupted must never leave half a PDF or damage last week's good one; every
stage that writes (build, site, import, init, schema) writes through here.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from jobpack.faults import CannotWrite, Refused

TEMP_SUFFIX = ".tmp"
#: The names `tempfile.mkstemp(prefix=".<name>.", suffix=".tmp")` gives: a dot, the file's name, a dot, eight
#: random characters, ".tmp". Only files named so are ever swept away as leftovers of a killed build.
TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")
_written = 0


def files_written() -> int:
    """How many files this process has put in place; lets a message say whether anything changed."""
    return _written


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@contextlib.contextmanager
def writing(path: Path) -> Iterator[None]:
    """Turn an OSError while writing `path` into CannotWrite(path), so messages name the file, not a temp."""
    try:
        yield
    except OSError as exc:
        raise CannotWrite(path, exc) from exc


def not_a_link(folder: Path) -> None:
    """Refuse an output folder that is itself a link (`output -> ../x`, a linked shard or redline folder):
    writing through it would put files wherever the link points. (Links inside it are refused by
    `inside`.)"""
    if folder.is_symlink():
        raise Refused(f"{folder} is a link (to {os.readlink(folder)}): jobpack never writes or deletes through "
                      "links.", "Replace the link with a real folder, or choose another folder with -o.")


def make_folder(folder: Path) -> None:
    """Create `folder` and prove it is writable before anything is written, so a read-only or misplaced
    folder (or one that is a link) is reported while nothing has changed."""
    not_a_link(folder)
    existed = folder.is_dir()
    with writing(folder):
        folder.mkdir(parents=True, exist_ok=True)
        try:
            fd, probe = tempfile.mkstemp(prefix=".jobpack-probe.", suffix=TEMP_SUFFIX, dir=folder)
        except OSError:
            if not existed:
                with contextlib.suppress(OSError):
                    folder.rmdir()
            raise
        os.close(fd)
        os.unlink(probe)


def _stage(path: Path, data: bytes) -> str:
    """Write `data` into a temporary file next to `path`; return its name."""
    with writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    return tmp


def write_files(files: dict[Path, bytes], counted: bool = True) -> None:
    """Write several files so that either all of them are replaced or none is (short of a crash between
    renames): every temporary file is complete before the first rename, so a full disk damages nothing.
    `counted=False` for jobpack's own records in this machine's cache folder, which are not the user's
    files: a failure after writing only those still changed nothing of theirs."""
    global _written
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            staged.append((_stage(path, data), path))
        while staged:
            tmp, path = staged[0]
            with writing(path):
                os.replace(tmp, path)
            staged.pop(0)
            _written += 1 if counted else 0
    finally:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def write_atomic(path: Path, data: bytes, counted: bool = True) -> None:
    """Write `data` to `path` so that readers see either the old file or the whole new one."""
    write_files({path: data}, counted)


def link_atomic(source: Path, path: Path) -> bool:
    """Put a hard link to `source` at `path`, replacing what is there at once, as `write_atomic` would; False
    (nothing changed) where the file system cannot link them (another device, or links not allowed), for the
    caller to copy instead. Only for files jobpack wrote and replaces by renaming, never by writing into them
    (the documents: the site publishes them without copying their bytes, and keeps them as they were until
    it links the next ones)."""
    global _written
    with writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(8):
        tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}"  # a name TEMP_NAME sweeps
        try:
            os.link(source, tmp, follow_symlinks=False)
        except FileExistsError:
            continue
        except (OSError, NotImplementedError):  # (NotImplementedError: where links cannot be made so)
            return False
        try:
            with writing(path):
                os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        _written += 1
        return True
    return False


def write_if_changed(path: Path, data: bytes, counted: bool = True) -> None:
    """`write_atomic`, skipped when the file already holds exactly `data` (a no-op build rewrites nothing)."""
    with contextlib.suppress(OSError):
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return
    write_atomic(path, data, counted)


def inside(root: Path, relative: str) -> Path:
    """`root/relative`, refusing a path that leaves `root` (ValueError) or passes through a link inside it
    (Refused): jobpack never writes or deletes through a link, wherever it points. (Plain strings and
    lstat, not pathlib: a no-op build of a large trust calls this for every document.)"""
    if not relative or relative.startswith("/") or "\\" in relative:
        raise ValueError(f"refusing to write outside the output folder: {relative}")
    parts = [part for part in relative.split("/") if part not in ("", ".")]
    if not parts or ".." in parts:
        raise ValueError(f"refusing to write outside the output folder: {relative}")
    current = os.fspath(root)
    for part in parts:
        current = os.path.join(current, part)
        try:
            is_link = stat.S_ISLNK(os.lstat(current).st_mode)
        except (OSError, ValueError):
            is_link = False  # not there (yet): nothing to follow
        if is_link:
            raise Refused(f"{current} is a link (to {os.readlink(current)}): jobpack never writes or deletes "
                          "through links.", "Replace the link with a real folder, or choose another folder with -o.")
    return root.joinpath(*parts)


def remove_stale_temps(folder: Path) -> list[Path]:
    """Delete the temporary files a killed jobpack left in `folder` (named as `_stage` names them), never
    following links and never touching any other file."""
    removed = []
    for dirpath, _dirs, names in os.walk(folder):
        for name in names:
            if not TEMP_NAME.match(name):
                continue
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path)
    return removed


