"""`jobpack serve`: preview the site on this computer and rebuild it whenever a trust file is saved.

Watching is plain polling of modification times (no extra dependency, works on every file system and in
containers). A rebuild that fails leaves the previous site in place — build_site renders everything before
it writes anything — so the browser keeps showing the last good version while the error is printed.
The date is part of what is watched: at midnight a closing vacancy loses its JobPosting markup.
"""

from __future__ import annotations

import datetime as dt
import functools
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from jobpack.publish.site import SiteReport, build_site

WATCHED = ("trust.yaml", "blocks", "posts", "templates", "assets")
Snapshot = dict[str, tuple[int, int]]


def _files(root: Path) -> Iterator[Path]:
    for name in WATCHED:
        path = root / name
        if path.is_file():
            yield path
        elif path.is_dir():
            yield from (p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))


def snapshot(root: Path) -> Snapshot:
    """Path -> (mtime in ns, size) of every watched file; a file that vanishes mid-scan is just left out."""
    seen: Snapshot = {}
    for path in _files(root):
        try:
            stat = path.stat()
        except OSError:
            continue
        seen[path.relative_to(root).as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return seen


@dataclass
class Watcher:
    """Remembers the last state of the trust's files (and the date); `changed()` checks once."""

    root: Path
    today: Callable[[], dt.date] = dt.date.today
    state: tuple[Snapshot, dt.date] = field(init=False)

    def __post_init__(self) -> None:
        self.state = (snapshot(self.root), self.today())

    def changed(self) -> bool:
        """True (and remember the new state) if any watched file was added, removed or edited."""
        current = (snapshot(self.root), self.today())
        if current == self.state:
            return False
        self.state = current
        return True


@dataclass
class Rebuilder:
    """Builds the site and reports the outcome; never raises for the trust's own mistakes."""

    root: Path
    site_dir: Path
    docs_dir: Path | None = None
    on_built: Callable[[SiteReport], None] = lambda report: None
    on_error: Callable[[Exception], None] = lambda exc: None
    build: Callable[..., SiteReport] = build_site

    def __call__(self) -> bool:
        try:
            report = self.build(self.root, self.site_dir, self.docs_dir)
        except Exception as exc:  # shown to the user; the last good site stays up
            self.on_error(exc)
            return False
        self.on_built(report)
        return True


def poll_once(watcher: Watcher, rebuild: Callable[[], bool], echo: Callable[[str], None] | None = None) -> bool | None:
    """One turn of the watch loop: None if nothing changed, else whether the rebuild succeeded."""
    if not watcher.changed():
        return None
    if echo:
        echo("Change detected: rebuilding ...")
    return rebuild()


class QuietHandler(SimpleHTTPRequestHandler):
    """Static files with no caching (a reload always shows the latest build) and no request log noise."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        pass

    def send_head(self) -> Any:
        # A NUL or other control character in the address (GET /index.html%00.txt) names no file: it is
        # answered 404 instead of reaching the file system, where it raised and printed a traceback.
        if any(ord(c) < 32 or ord(c) == 127 for c in unquote(self.path)):
            self.send_error(404, "File not found")
            return None
        return super().send_head()


class _Server(ThreadingHTTPServer):
    """The preview server: one quiet line for a request that fails, never a traceback in the terminal."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        print(f"jobpack serve: a request from {client_address[0]} could not be answered.")


class _Server6(_Server):
    address_family = socket.AF_INET6


def start_server(site_dir: Path, host: str, port: int) -> ThreadingHTTPServer:
    """Serve `site_dir` from a background thread; returns the server (its port, if 0 was asked for)."""
    site_dir.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(QuietHandler, directory=str(site_dir))
    server = (_Server6 if ":" in host else _Server)((host, port), handler)
    threading.Thread(target=server.serve_forever, name="jobpack-serve", daemon=True).start()
    return server


def serve(root: Path, site_dir: Path, host: str, port: int, rebuild: Rebuilder,
          echo: Callable[[str], None] = print, interval: float = 1.0,
          stop: threading.Event | None = None) -> None:
    """Build, serve and watch until interrupted (or until `stop` is set, for tests)."""
    watcher = Watcher(root)  # before the first build, so an edit made during it is not missed
    rebuild()
    server = start_server(site_dir, host, port)
    url_host = f"[{host}]" if ":" in host else host
    echo(f"Serving the site at http://{url_host}:{server.server_address[1]}/ (press Ctrl+C to stop).")
    echo("Watching trust.yaml, blocks/, posts/, templates/ and assets/ for changes.")
    stop = stop or threading.Event()
    try:
        while not stop.wait(interval):
            poll_once(watcher, rebuild, echo)
    finally:
        server.shutdown()
        server.server_close()
