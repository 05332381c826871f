"""`jobpack build`: every post's documents into output/."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from jobpack.cli.app import main, trust_option
from jobpack.cli.guard import user_errors
from jobpack.cli.present import format_option, present, progress_printer
from jobpack.errors import printable


@main.command()
@trust_option
@click.argument("posts", nargs=-1)
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the documents (default: output/ in the trust folder).")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="How many posts to render at once (default: the number of CPU cores).")
@click.option("--keep-going", is_flag=True, help="Build the valid posts even if others have errors (still exits 1).")
@click.option("--force", is_flag=True, help="Rebuild every post, even those whose inputs have not changed.")
@click.option("--shard", "shard_spec", metavar="I/N", default=None,
              help="Build only share I of N of the posts (for several CI machines; combine with 'jobpack merge').")
@format_option
@user_errors
def build(trust_dir: Path, posts: tuple[str, ...], output: Path | None, jobs: int | None, keep_going: bool,
          force: bool, shard_spec: str | None, fmt: str) -> None:
    """Build the job description, person specification and job pack of every post (or those named).

    For each post it writes, into OUTPUT/<school>/<post>/: the job description and the person
    specification as DOCX and PDF, and the combined job pack PDF. Posts whose inputs have not changed
    since the last build are skipped. Nothing is written if any file has an error.

    \b
    Examples:
      jobpack build
      jobpack build westminster/learning-support-practitioner -o /tmp/packs
      jobpack build --keep-going -j 2
      jobpack build --shard 1/4 -o shard-1
    """
    from jobpack.build.run import build as run_build
    from jobpack.build.shard import Shard

    try:
        shard = Shard.parse(shard_spec) if shard_spec else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--shard") from exc

    out = output or trust_dir / "output"
    click.get_current_context().meta["jobpack.output"] = out
    started = time.perf_counter()
    report = run_build(trust_dir, out, list(posts) or None, jobs, keep_going, force, progress_printer(), shard=shard)
    present(report.problems, fmt)
    for post_id, why in report.failed.items():
        click.echo(click.style(printable(f"Not built: {post_id}: {why}"), fg="red"), err=True)
    documents = len(report.written)
    message = (f"{len(report.built)} built, {len(report.unchanged)} unchanged, {len(report.failed)} failed; "
               f"{documents} documents written to {out}"
               + (f", {len(report.removed)} old files removed" if report.removed else "")
               + f" in {time.perf_counter() - started:.1f}s.")
    click.echo(message, err=fmt == "json")
    sys.exit(0 if report.ok else 1)


@main.command()
@click.argument("folders", nargs=-1, required=True,
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="The folder to combine them into (e.g. output/).")
@user_errors
def merge(folders: tuple[Path, ...], output: Path) -> None:
    """Combine the output folders of 'jobpack build --shard I/N' into one, as a single build would have
    written it (documents and manifest), so 'jobpack site' can run on it.

    \b
    Example:
      jobpack build --shard 1/2 -o shard-1 && jobpack build --shard 2/2 -o shard-2
      jobpack merge shard-1 shard-2 -o output
    """
    from jobpack.build.shard import merge as run_merge

    written = run_merge(list(folders), output)
    click.echo(f"{len(written)} documents from {len(folders)} folders merged into {output}.")
