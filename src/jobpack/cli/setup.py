"""`jobpack init` and `jobpack schema`: start a trust, and give editors the file formats."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from jobpack.cli.app import main, trust_option
from jobpack.cli.guard import user_errors


@main.command()
@trust_option
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the schema files (default: schemas/ in the trust folder).")
@user_errors
def schema(trust_dir: Path, output: Path | None) -> None:
    """Write JSON Schemas for trust.yaml, blocks and posts, for editors that check YAML as you type.

    Each YAML file can point to its schema with a first line such as
    '# yaml-language-server: $schema=../../schemas/post.schema.json'.

    \b
    Example:
      jobpack schema -o schemas
    """
    from jobpack.load.schema import write_schemas

    for path in write_schemas(output or trust_dir / "schemas"):
        click.echo(f"wrote {path}")


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--trust-name", default="My Trust", show_default=True, help="The trust's name.")
@click.option("--school-name", default="My School", show_default=True, help="The name of the trust's first school.")
@click.option("--shards", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Build the documents on this many CI machines at once (for trusts with thousands of posts).")
@user_errors
def init(directory: Path, trust_name: str, school_name: str, shards: int) -> None:
    """Start a new trust in DIRECTORY: a working example that checks and builds at once, ready for git.

    It writes trust.yaml, a few blocks, one post (a Teaching Assistant), a README, editor schemas and a
    GitHub Actions workflow that checks pull requests and publishes the job packs. It refuses, writing
    nothing, if DIRECTORY already holds a trust.

    \b
    Example:
      jobpack init oak-trust --trust-name "Oak Learning Trust" --school-name "Oak Primary School"
      jobpack init big-trust --shards 4
    """
    from jobpack.init import TrustExists, init_trust, kept_files

    try:
        written = init_trust(directory, trust_name, school_name, shards)
    except (TrustExists, NotADirectoryError, ValueError) as exc:
        click.echo(click.style(str(exc), fg="red"), err=True)
        sys.exit(1)
    click.echo(f"Created a new trust in {directory}:")
    for path in written:
        click.echo(f"  {path.relative_to(directory).as_posix()}")
    kept = kept_files(directory, written, trust_name, school_name)
    if kept:
        click.echo(f"Kept the files already there: {', '.join(kept)}.")
    click.echo(f"\nNext:\n  cd {directory}\n  jobpack check\n  jobpack build\n"
               "Then read README.md: how to edit the files and publish the job packs from GitHub.")
