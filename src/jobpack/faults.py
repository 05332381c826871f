"""Faults of the machine, not of the trust's files: a read-only folder, a full disk, a file where a folder
should be, a link inside the output folder.

They are not bugs in jobpack and not mistakes in the YAML, so they are neither exit 2 nor a `Problem`: the
CLI says in plain words what could not be written and what to do (exit 1). Every OSError -> message
wording lives here, chosen by errno, so all commands say the same thing about the same fault.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path

READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}
DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
NOT_A_FOLDER = {errno.ENOTDIR, errno.EEXIST}


class CannotWrite(Exception):
    """Writing (or making the folder for) `path` failed with `error`; raised by jobpack's writers only."""

    def __init__(self, path: Path, error: OSError) -> None:
        super().__init__(f"{path}: {error.strerror or error}")
        self.path = Path(path)
        self.error = error


class Refused(Exception):
    """jobpack will not write or delete something (a link, a file it did not write): what and why, and
    separately what to do, so the message can say in between whether anything changed."""

    def __init__(self, message: str, todo: str) -> None:
        super().__init__(message)
        self.message = message
        self.todo = todo

    def explain(self, changed: bool) -> str:
        return f"{self.message} {aftermath(changed)} {self.todo}"


def _culprit(path: Path) -> Path:
    """The nearest part of `path` that exists but is not a folder (the file standing where a folder must be)."""
    for candidate in [path, *path.parents]:
        if candidate.exists() and not candidate.is_dir():
            return candidate
    return path


def _folder_of(path: Path) -> Path:
    return path if path.is_dir() else path.parent


def aftermath(changed: bool) -> str:
    """What state the folders are in after a fault: the part of the message a user needs to trust them."""
    if changed:
        return "The files finished before this are complete; nothing is half-written."
    return "Nothing was changed."


def write_message(fault: CannotWrite, changed: bool, output: Path | None = None) -> str:
    """The plain-words message for a failed write; `output` is the command's output folder, if it has one."""
    path, code = fault.path, fault.error.errno
    after = aftermath(changed)
    if code in DISK_FULL:
        return f"The disk is full: jobpack could not write {path}. {after} Free some disk space and run the " \
               "command again."
    if code in NOT_A_FOLDER or code == errno.EISDIR:
        culprit = path if code == errno.EISDIR else _culprit(path)
        kind = "a folder, not a file" if culprit.is_dir() else "a file, not a folder"
        return f"{culprit} is {kind}: jobpack could not write {path}. {after} Move it away, or choose another " \
               "folder with -o."
    if code in READ_ONLY:
        folder = _folder_of(path)
        inside_output = output is not None and folder.resolve().is_relative_to(output.resolve())
        label = "output folder" if inside_output else "folder"
        return f"The {label} {folder} is read-only: jobpack could not write {path}. {after} Make the folder " \
               "writable, or choose another folder with -o, and run the command again."
    if code == errno.ENAMETOOLONG:
        return f"The name {path} is too long for this disk. {after} Choose a shorter file or folder name."
    reason = fault.error.strerror or os.strerror(code or 0)
    return f"jobpack could not write {path} ({reason}). {after} Check the disk and the folder, and run the " \
           "command again."


def os_message(error: OSError) -> str | None:
    """The message for an OSError raised outside jobpack's writers (reading a file, say), or None if it
    does not look like the machine's fault (then it is a bug and reported as one)."""
    where = f" {error.filename}" if error.filename else ""
    if error.errno in READ_ONLY:
        return f"jobpack is not allowed to use{where} (permission denied). Check the file's permissions and " \
               "run the command again."
    if error.errno in DISK_FULL:
        return f"The disk is full{':' + where if where else ''}. Free some disk space and run the command again."
    if error.errno == errno.EIO:
        return f"The disk could not be read or written{where} (input/output error). Check the disk."
    return None


def pipe_closed() -> None:
    """The reader of our output went away (`jobpack list | head -1`): stop quietly, as Unix tools do."""
    with contextlib.suppress(OSError, ValueError):  # Python must not complain when it flushes at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(128 + 13)  # the shell's status for a program stopped by SIGPIPE


def tolerant_output() -> None:
    """On a terminal that cannot show every character (a Latin-1 or ASCII locale), print a replacement
    character for an emoji or a Welsh ŵ instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
        if not encoding.startswith("utf") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
