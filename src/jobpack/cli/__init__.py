"""The `jobpack` command: thin Click commands over the library API, one module per group of commands.

`app` holds the group and shared options, `guard` turns errors into messages and exit codes (the one
place that does), `present` prints problems as text, JSON or GitHub annotations. Heavy modules are
imported inside the commands so `jobpack --help` stays instant.
"""

from __future__ import annotations

from jobpack.cli import build, check, doctor, importer, posts, setup, site, standardise, templates  # noqa: F401  (registers the commands)
from jobpack.cli.app import main

__all__ = ["main"]
