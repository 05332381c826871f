"""`python -m jobpack.cli`: the same as the `jobpack` command."""

from jobpack.cli import run

run()
