"""Fixtures for attacking a trust as a pull request could: a secret outside the trust, a recording web
server on 127.0.0.1, and a way to prove the secret reached no output."""

from __future__ import annotations

import http.server
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SECRET = "JOBPACK-FAKE-SECRET-7f3a9c"
"""Written into a file outside the trust; must never appear in anything jobpack writes."""


@pytest.fixture
def secret_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file outside any trust folder holding SECRET (stands in for .git/config or /proc/self/environ)."""
    path = tmp_path_factory.mktemp("outside") / "credentials.txt"
    path.write_text(f"token={SECRET}\n", encoding="utf-8")
    return path


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A copy of the repository's example trust (no output/), safe to damage."""
    dest = tmp_path / "trust"
    dest.mkdir()
    for name in ("trust.yaml", "blocks", "posts", "templates", "assets"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.is_file():
            shutil.copy2(src, dest / name)
    return dest


def leaked(folder: Path, needle: str = SECRET) -> list[str]:
    """Every file under `folder` whose bytes contain `needle` (also inside zipped DOCX parts)."""
    import zipfile

    hits = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if needle.encode() in data:
            hits.append(str(path))
            continue
        if path.suffix == ".docx":
            try:
                with zipfile.ZipFile(path) as zf:
                    if any(needle.encode() in zf.read(n) for n in zf.namelist()):
                        hits.append(str(path))
            except zipfile.BadZipFile:
                pass
    return hits


@dataclass
class Recorder:
    """A web server on 127.0.0.1 that records every request made to it."""

    url: str
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the base class's name)
            seen.append(self.path)
            body = b"body{color:red}"
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Recorder(f"http://127.0.0.1:{server.server_address[1]}", seen)
    finally:
        server.shutdown()
        server.server_close()
