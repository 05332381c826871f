"""The `jobpack` command: thin Click commands over the library API, one module per group of commands.

Takes the command line; gives messages, files written by the stages below, and an exit code (0 ok, 1 a
problem in the trust or the machine, 2 a bug). Nothing imports it.

`app` holds the group and shared options, `guard` turns errors into messages and exit codes (the one
place that does), `present` prints problems as text, JSON or GitHub annotations. Heavy modules are
imported inside the commands so `jobpack --help` stays instant.
"""

from __future__ import annotations

from jobpack.cli import build, check, doctor, importer, posts, publish, setup, site, standardise, templates  # noqa: F401  (registers the commands)
from jobpack.cli.app import fewer_collections, main

__all__ = ["main", "run"]


def run() -> None:
    """The `jobpack` command as its own process (the console script and `python -m jobpack.cli`): the
    collector settings are the process's, so they are made here, not in `main`, which tests call in theirs."""
    fewer_collections()
    main()
