"""What jobpack remembers between runs, kept so that nothing a pull request commits can answer for it.

A trust's files come from pull requests, `output/` included (`git add -f`). So the files that decide what
is skipped or published are never taken on trust from the repository:

* the check record lives outside the trust, in this machine's cache folder (`JOBPACK_CACHE_DIR`, else
  `$XDG_CACHE_HOME/jobpack` or `~/.cache/jobpack`), in a folder named after the trust's real path;
* the build cache and the manifest stay in the output folder (shards carry them between machines) but are
  sealed with an HMAC whose key is kept in the cache folder (`key`, created on first use, mode 0600):
  a file with no seal, a forged one or one from another machine is read as "nothing known".

Every such file is read with a size cap, only if it is a regular file (a link to /dev/zero or a FIFO is
not read), and parsed so that deep nesting is "damaged", never a crash: damage means ignore and rebuild.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import stat
from pathlib import Path
from typing import Any

MAX_STATE_BYTES = 64_000_000
"""A state file larger than this is not one jobpack wrote (a 1,000-post manifest is about 0.5 MB)."""
KEY_FILE = "key"
ENV = "JOBPACK_CACHE_DIR"


def cache_base() -> Path:
    """This machine's jobpack cache folder (CI keeps it between runs with actions/cache)."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV]).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "jobpack"


def state_dir(root: Path) -> Path:
    """The folder for one trust's records, named after its real path (never inside the trust)."""
    real = str(Path(root).resolve())
    return cache_base() / "trusts" / hashlib.sha256(real.encode("utf-8")).hexdigest()[:24]


def read_bytes(path: Path, cap: int = MAX_STATE_BYTES) -> bytes | None:
    """The bytes of a regular file at most `cap` long, or None: a link, FIFO, device, folder, a larger file
    or one that cannot be read is nothing jobpack wrote."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        try:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > cap:
                return None
            data = handle.read(cap + 1)
        except OSError:
            return None
    return data if len(data) <= cap else None


def parse_json(data: bytes | None) -> Any:
    """JSON, or None when damaged: deep nesting (RecursionError), bad UTF-8 and bad syntax alike."""
    if data is None:
        return None
    try:
        return json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError, MemoryError):
        return None


def read_json(path: Path, cap: int = MAX_STATE_BYTES) -> Any:
    return parse_json(read_bytes(path, cap))


def _key() -> bytes:
    """The machine's secret for sealing state files, created on first use (readable by this user only)."""
    base = cache_base()
    path = base / KEY_FILE
    found = read_bytes(path, 4096)
    if found and len(found) >= 32:
        return found
    base.mkdir(parents=True, exist_ok=True)
    secret = os.urandom(32).hex().encode("ascii")
    with contextlib.suppress(FileExistsError):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secret)
        return secret
    found = read_bytes(path, 4096)  # another process made it first
    if not found or len(found) < 32:
        raise OSError(f"jobpack's key {path} cannot be read: delete it and run again")
    return found


def _mac(payload: dict[str, Any]) -> str:
    text = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hmac.new(_key(), text, hashlib.sha256).hexdigest()


def seal(payload: dict[str, Any]) -> dict[str, Any]:
    """`payload` with this machine's seal added (as "seal")."""
    return {**payload, "seal": _mac(payload)}


def unseal(data: Any) -> dict[str, Any] | None:
    """The payload of a file this machine sealed; None for anything else (no seal, forged, another key)."""
    if not isinstance(data, dict) or not isinstance(data.get("seal"), str):
        return None
    payload = {k: v for k, v in data.items() if k != "seal"}
    try:
        return payload if hmac.compare_digest(data["seal"], _mac(payload)) else None
    except (OSError, TypeError, ValueError):
        return None


def read_sealed(path: Path) -> dict[str, Any] | None:
    return unseal(read_json(path))
