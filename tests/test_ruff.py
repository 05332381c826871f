"""The code stays ruff clean: a lint regression fails the suite, not just a reviewer's eye."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO


def test_ruff_finds_nothing_in_the_code_tests_tools_and_bench():
    ruff = shutil.which("ruff")  # installed with the test extras; else try the module
    command = [ruff] if ruff else [sys.executable, "-m", "ruff"]
    try:
        result = subprocess.run([*command, "check", "src", "tests", "tools", "bench"], cwd=REPO,
                                capture_output=True, text=True, timeout=120)
    except FileNotFoundError:
        pytest.fail("ruff is not installed: pip install -e '.[test]'")
    assert result.returncode == 0, result.stdout + result.stderr
