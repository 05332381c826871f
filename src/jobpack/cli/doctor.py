"""`jobpack doctor`: which Python, jobpack, WeasyPrint, Pango, HarfBuzz and fonts are in use, and the
apt-get line for whatever is missing."""

from __future__ import annotations

import sys

import click

from jobpack.cli.app import main


@main.command()
def doctor() -> None:
    """Say what jobpack runs on: Python, jobpack, WeasyPrint, Pango, HarfBuzz and the fonts.

    When Pango, HarfBuzz's subsetter or a font is missing it names the package and the apt-get line that
    installs it, and exits 1.

    \b
    Example:
      jobpack doctor
    """
    from jobpack.doctor import parts, report

    found = parts()
    for line in report(found):
        click.echo(line)
    sys.exit(0 if all(part.ok for part in found) else 1)
