"""The `jobpack` group and the options every command shares."""

from __future__ import annotations

from pathlib import Path

import click

from jobpack import __version__
from jobpack.cli.guard import JobpackGroup

trust_option = click.option(
    "--trust", "-t", "trust_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
    show_default=True, help="The trust folder (the one holding trust.yaml).")


def _version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """--version: jobpack's version, then what it runs on (as `jobpack doctor` says it), and exit 0."""
    if not value or ctx.resilient_parsing:
        return
    from jobpack.doctor import parts, report

    click.echo(f"jobpack, version {__version__}")
    for line in report(parts()):
        click.echo(line)
    ctx.exit()


@click.group(cls=JobpackGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_version,
              help="Show jobpack's version and what it runs on (Python, WeasyPrint, Pango, fonts), and exit.")
@click.option("--debug", is_flag=True, help="Show full Python tracebacks (for reporting bugs).")
def main(debug: bool) -> None:
    """Job descriptions and person specifications for a school trust, from YAML to DOCX and PDF.

    \b
    Typical use, in the trust's folder:
      jobpack check          # is everything valid?
      jobpack build          # write every post's documents into output/
      jobpack list           # which posts are there?
    """
    from jobpack.faults import tolerant_output

    tolerant_output()


GC_THRESHOLDS = (200_000, 30, 30)
"""Python's cyclic collector, run every 200,000 allocations instead of 700 (mypy does the same): reading a
trust makes hundreds of thousands of small objects that all live until the command ends, and the default
collector walked them again and again (about a fifth of a 300-post check's time). Garbage cycles are rare
here (most objects are freed by reference counting); they are still collected, just less often."""


def fewer_collections() -> None:
    """Collect garbage cycles less often, never walk what was imported to start (frozen), and skip the
    collection Python makes as it exits (everything is freed with the process anyway): after a 1,000-post
    command that walk of about a million objects took half a second."""
    import atexit
    import gc

    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    atexit.register(gc.freeze)


def trust_root(path: Path) -> Path:
    """The trust folder holding `path`: the nearest folder upwards with a trust.yaml (or `path` itself)."""
    start = path.resolve()
    for folder in [start, *start.parents] if start.is_dir() else list(start.parents):
        if (folder / "trust.yaml").is_file():
            return folder
    return start if start.is_dir() else start.parent
