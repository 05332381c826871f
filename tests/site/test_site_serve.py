"""`jobpack serve`: the watch loop one turn at a time, failed rebuilds keeping the old site, the server."""

from __future__ import annotations

import datetime as dt
import re
import socket
import threading
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from jobpack.cli import main
from jobpack.errors import InvalidTrust
from jobpack.publish.site.serve import Rebuilder, Watcher, poll_once, serve, snapshot

POST = "posts/oak/teaching-assistant.yaml"


def edit(path: Path, text: str) -> None:
    """Change a file so that polling must notice (size changes even if the clock is coarse)."""
    path.write_text(text, "utf-8")


def test_watcher_sees_edits_additions_and_removals_but_not_output(site_trust):
    root = site_trust()
    watcher = Watcher(root)
    assert not watcher.changed()
    edit(root / POST, (root / POST).read_text() + "\n# edited\n")
    assert watcher.changed()
    assert not watcher.changed()  # remembered
    (root / "blocks/new.yaml").write_text("area: pupils\nitems: [Something.]\n")
    assert watcher.changed()
    (root / "blocks/new.yaml").unlink()
    assert watcher.changed()
    (root / "templates/site").mkdir(parents=True)
    (root / "templates/site/site.css").write_text("body {}")
    assert watcher.changed()
    (root / "output").mkdir()
    (root / "output/anything.txt").write_text("x")
    assert not watcher.changed()
    assert "trust.yaml" in snapshot(root) and POST in snapshot(root)


def test_watcher_notices_a_new_day(site_trust):
    root = site_trust()
    days = iter([dt.date(2025, 1, 1), dt.date(2025, 1, 1), dt.date(2025, 1, 2)])
    watcher = Watcher(root, today=lambda: next(days))
    assert not watcher.changed()
    assert watcher.changed()  # midnight: a vacancy may have closed


def test_poll_once_rebuilds_only_after_a_change(site_trust):
    root = site_trust()
    calls = []
    watcher = Watcher(root)

    def rebuild() -> bool:
        calls.append(1)
        return True

    assert poll_once(watcher, rebuild) is None and calls == []
    edit(root / "trust.yaml", (root / "trust.yaml").read_text() + "\n")
    assert poll_once(watcher, rebuild) is True and calls == [1]
    assert poll_once(watcher, rebuild) is None and calls == [1]


def test_failed_rebuild_keeps_the_old_site(site_trust):
    root = site_trust()
    errors: list[Exception] = []
    built = []
    rebuild = Rebuilder(root, root / "site", root / "docs", on_built=built.append, on_error=errors.append)
    watcher = Watcher(root)
    assert rebuild() is True and len(built) == 1
    index = (root / "site/index.html").read_bytes()
    good = (root / POST).read_text()
    edit(root / POST, "school: oak\ntitle: TA\nduties:\n  pupils: [{use: nope}]\n")
    assert poll_once(watcher, rebuild) is False
    assert isinstance(errors[0], InvalidTrust) and "nope" in str(errors[0])
    assert (root / "site/index.html").read_bytes() == index
    edit(root / POST, good.replace("title: Teaching Assistant", "title: Classroom Assistant"))
    assert poll_once(watcher, rebuild) is True
    assert "Classroom Assistant" in (root / "site/index.html").read_text()


def test_serve_serves_and_rebuilds(site_trust):
    root = site_trust()
    messages: list[str] = []
    builds: list[int] = []

    def fake_build(root: Path, site_dir: Path, docs_dir: Path | None = None):
        site_dir.mkdir(parents=True, exist_ok=True)
        builds.append(1)
        (site_dir / "index.html").write_text(f"build {len(builds)}")
        return None

    stop = threading.Event()
    rebuild = Rebuilder(root, root / "site", build=fake_build)
    thread = threading.Thread(target=serve, args=(root, root / "site", "127.0.0.1", 0, rebuild),
                              kwargs={"echo": messages.append, "interval": 0.05, "stop": stop})
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not messages and time.monotonic() < deadline:
            time.sleep(0.02)
        url = re.search(r"http://\S+/", messages[0]).group(0)
        with urllib.request.urlopen(url + "index.html") as response:
            assert response.status == 200 and response.read() == b"build 1"
            assert response.headers["Cache-Control"] == "no-store"
        edit(root / POST, (root / POST).read_text() + "\n# edited\n")
        while len(builds) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(builds) == 2 and "Change detected: rebuilding ..." in messages
        with urllib.request.urlopen(url + "index.html") as response:
            assert response.read() == b"build 2"
    finally:
        stop.set()
        thread.join(10)
    assert not thread.is_alive()


def test_serve_command_reports_a_busy_port(site_trust):
    root = site_trust()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--trust", str(root), "--port", str(port)])
    assert result.exit_code == 1
    assert f"Cannot serve on 127.0.0.1:{port}" in result.output and "Traceback" not in result.output
    assert (root / "output/site/index.html").is_file()  # it built the site before trying to serve


def test_a_control_character_in_the_address_is_a_404_not_a_traceback(tmp_path, capfd):
    import urllib.error

    from jobpack.publish.site.serve import start_server

    (tmp_path / "index.html").write_text("<p>hello</p>")
    server = start_server(tmp_path, "127.0.0.1", 0)
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        for path in ("/index.html%00.txt", "/%0d%0aindex.html"):
            try:
                urllib.request.urlopen(base + path, timeout=5)
                raise AssertionError("served")
            except urllib.error.HTTPError as exc:
                assert exc.code == 404
        assert urllib.request.urlopen(base + "/index.html", timeout=5).read() == b"<p>hello</p>"
    finally:
        server.shutdown()
        server.server_close()
    assert "Traceback" not in capfd.readouterr().err


def test_an_address_the_machine_lacks_is_not_called_a_busy_port():
    import errno

    from jobpack.cli.site import serve_failure

    message = serve_failure("::1", 8000, OSError(errno.EAFNOSUPPORT, "Address family not supported by protocol"))
    assert "IPv6 is not available here" in message and "--host 127.0.0.1" in message
    assert "another port" not in message
    busy = serve_failure("127.0.0.1", 8000, OSError(errno.EADDRINUSE, "Address already in use"))
    assert "Try another port" in busy
