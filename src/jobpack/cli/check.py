"""`jobpack check`: validate everything and report every problem at once."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from jobpack.cli.app import main, trust_option, trust_root
from jobpack.cli.guard import user_errors
from jobpack.cli.present import format_option, present, summary
from jobpack.errors import Problem


@main.command()
@trust_option
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@format_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1 if there are any).")
@user_errors
def check(trust_dir: Path, paths: tuple[Path, ...], fmt: str, strict: bool) -> None:
    """Check the trust's files and report every problem at once. Writes no documents.

    With PATHS (files or folders inside the trust), the whole trust is still checked — a post depends on
    its blocks and profile — but only problems in, or reached through, those files are reported.
    Exit code 0 when everything is valid, 1 when anything needs fixing.

    What a full check found is kept in output/.jobpack-check.json: checking the trust again while none
    of its files has changed reports the same problems at once, without reading it all again.

    \b
    Example:
      jobpack check
      jobpack check posts/leap/learning-support-assistant-key-worker.yaml
      jobpack check --format json > problems.json
      jobpack check --format github     # annotations on a pull request's changed lines
    """
    from jobpack.build.check import check_trust
    from jobpack.errors import display_path
    from jobpack.load import reach

    root = trust_root(paths[0]) if paths and trust_dir == Path(".") else trust_dir
    found = check_trust(root)
    problems = found.problems
    if paths:
        wanted = [display_path(p, root) for p in paths]
        named = {f for f in found.draws if any(_under(f, w) for w in wanted)}
        reached = reach(found.draws, named)

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
            click.echo(f"All good: {found.posts} posts, {found.profiles} role profiles, "
                       f"{found.blocks} blocks checked.")
    sys.exit(1 if failed else 0)


def _under(file: str, wanted: str) -> bool:
    """Whether `file` is `wanted` or inside the folder `wanted` ("." is the whole trust)."""
    return file == wanted or file.startswith(wanted.rstrip("/") + "/") or wanted == "."
