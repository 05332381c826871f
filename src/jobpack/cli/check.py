"""`jobpack check`: validate everything and report every problem at once."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import Problem
from .app import main, trust_option, trust_root
from .guard import user_errors
from .present import format_option, present, summary


@main.command()
@trust_option
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@format_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1 if there are any).")
@user_errors
def check(trust_dir: Path, paths: tuple[Path, ...], fmt: str, strict: bool) -> None:
    """Check the trust's files and report every problem at once. Writes nothing.

    With PATHS (files or folders inside the trust), the whole trust is still checked — a post depends on
    its blocks and profile — but only problems in, or reached through, those files are reported.
    Exit code 0 when everything is valid, 1 when anything needs fixing.

    \b
    Example:
      jobpack check
      jobpack check posts/leap/learning-support-assistant-key-worker.yaml
      jobpack check --format json > problems.json
      jobpack check --format github     # annotations on a pull request's changed lines
    """
    from ..errors import display_path
    from ..load import files_reached
    from ..output import Manifest
    from ..validate import check as run_check

    root = trust_root(paths[0]) if paths and trust_dir == Path(".") else trust_dir
    result = run_check(root, owners=Manifest.read(root / "output").owners())
    problems = result.problems
    if paths:
        wanted = [display_path(p, root) for p in paths]
        named = {f for f in (*[x.file for x in result.files.posts.values()], *[x.file for x in
                             result.files.blocks.values()]) if any(_under(f, w) for w in wanted)}
        reached = files_reached(result.files, named)

        def selected(problem: Problem) -> bool:
            if problem.file == "trust.yaml" and problem.severity == "error":
                return True  # every post depends on trust.yaml: a post cannot be good while it is broken
            files = (problem.file, *problem.chain)
            return any(_under(f, w) for f in files for w in wanted) or problem.file in reached

        problems = [p for p in problems if selected(p)]
    present(problems, fmt)
    errors = [p for p in problems if p.severity == "error"]
    failed = bool(errors) or (strict and len(problems) > len(errors))
    if fmt != "json":
        if problems:
            click.echo("\n" + summary(problems) + ".", err=True)
        if not failed:
            profiles = sum(p.model.profile for p in result.files.posts.values())
            click.echo(f"All good: {len(result.posts)} posts, {profiles} role profiles, "
                       f"{len(result.files.blocks)} blocks checked.")
    sys.exit(1 if failed else 0)


def _under(file: str, wanted: str) -> bool:
    """Whether `file` is `wanted` or inside the folder `wanted` ("." is the whole trust)."""
    return file == wanted or file.startswith(wanted.rstrip("/") + "/") or wanted == "."
