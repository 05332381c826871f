"""Exit codes as the README states them: usage mistakes exit 1 with Click's message, Ctrl+C 130, a closed
pipe ends quietly, and a terminal that cannot show every character still gets the listing."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobpack.cli import main

REPO = Path(__file__).resolve().parent.parent
POST = "posts/oak/teaching-assistant.yaml"


@pytest.mark.parametrize(("args", "message"), [
    (["build", "--nope"], "No such option '--nope'"),
    (["show"], "Missing argument 'POST'"),
    (["frobnicate"], "No such command 'frobnicate'"),
    (["build", "-j", "0"], "Invalid value for '-j'"),
])
def test_usage_mistakes_exit_1_with_clicks_message(args, message):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert message in result.output and "Usage:" in result.output


def test_readme_states_the_exit_codes():
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert "1 problems in your files (nothing written), a usage mistake" in readme
    assert "2 a bug in jobpack" in readme


def test_ctrl_c_exits_130_and_says_nothing_is_half_written(make_trust, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("jobpack.build.incremental.check", interrupted)
    result = CliRunner().invoke(main, ["build", "--trust", str(make_trust())])
    assert result.exit_code == 130
    assert "nothing is half-written" in result.output


def test_a_real_bug_still_exits_2(make_trust, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError(errno.EBADF, "Bad file descriptor")

    monkeypatch.setattr("jobpack.build.incremental.check", broken)
    result = CliRunner().invoke(main, ["build", "--trust", str(make_trust())])
    assert result.exit_code == 2
    assert "This is a bug in jobpack" in result.output


def _jobpack(root: Path, *args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "jobpack.cli", *args, "--trust", str(root)],
                            env={**os.environ, **(env or {})}, stderr=subprocess.PIPE, **kwargs)


def test_output_into_a_closed_pipe_ends_quietly(make_trust):
    """`jobpack list | head -1`: the reader is gone before jobpack writes."""
    proc = _jobpack(make_trust(), "list", stdout=subprocess.PIPE)
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (0, 141)
    assert err == b""


WELSH = "Cynorthwyydd Addysgu ŵ ŷ 🎓"


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "latin-1"},
                                 {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}])
@pytest.mark.parametrize("command", [["list"], ["show", "oak/teaching-assistant"]])
def test_a_terminal_that_cannot_show_every_character_still_gets_the_output(make_trust, env, command):
    root = make_trust()
    (root / POST).write_text((root / POST).read_text().replace("title: Teaching Assistant", f"title: {WELSH}"),
                             encoding="utf-8")
    proc = _jobpack(root, *command, env=env, stdout=subprocess.PIPE)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode("utf-8", "replace")
    text = out.decode("latin-1")
    assert "Cynorthwyydd Addysgu" in text
    assert "Traceback" not in err.decode("latin-1") and "bug in jobpack" not in err.decode("latin-1")
