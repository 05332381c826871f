"""`jobpack templates list` and `jobpack templates copy`: see and start template overrides."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from jobpack.cli.app import main, trust_option
from jobpack.cli.guard import user_errors
from jobpack.errors import printable


@main.group()
def templates() -> None:
    """See which templates each school uses, and copy a built-in one into the trust to change it."""

if TYPE_CHECKING:
    from jobpack.load.models.trust import Trust


@templates.command(name="list")
@trust_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people, json for scripts.")
@user_errors
def list_templates(trust_dir: Path, fmt: str) -> None:
    """List every template and, for each school, the file it uses: its own, the trust's, or built in.

    \b
    Example:
      jobpack templates list
    """
    from jobpack.render.catalogue import used_by

    trust = _trust(trust_dir)
    table = {school.id: used_by(trust_dir, school.id) for school in trust.schools}
    if fmt == "json":
        click.echo(json.dumps({school: {u.name: u.source for u in used} for school, used in table.items()}, indent=2))
        return
    for school in trust.schools:
        click.echo(printable(f"{school.name} ({school.id})"))
        for used in table[school.id]:
            marker = "  " if used.source == "built in" else "* "
            click.echo(printable(f"  {marker}{used.name:32} {used.source}"))
    click.echo("\n* = the trust's own file. Copy a built-in one to change it: jobpack templates copy NAME")


@templates.command(name="copy")
@trust_option
@click.argument("name")
@click.option("--school", "school_id", default=None, help="Copy it for one school only (templates/schools/ID/).")
@click.option("--force", is_flag=True, help="Replace a copy that is already in the trust.")
@user_errors
def copy(trust_dir: Path, name: str, school_id: str | None, force: bool) -> None:
    """Copy jobpack's built-in template NAME into templates/ (or one school's folder) to edit it.

    NAME is a file name from 'jobpack templates list', e.g. style.css, job-description.html,
    person-specification.docx or site/post.html.

    \b
    Examples:
      jobpack templates copy style.css
      jobpack templates copy job-description.docx --school leap
    """
    from jobpack.render.catalogue import copy_template

    trust = _trust(trust_dir)
    target = copy_template(trust_dir, trust, name, school_id, force)
    who = f"{school_id}'s documents" if school_id else "every school's documents"
    click.echo(printable(f"Copied {name} to {target.relative_to(trust_dir).as_posix()}. "
                         f"Edit it there: 'jobpack build' now uses it for {who}."))


def _trust(trust_dir: Path) -> Trust:
    """The trust's model, or its trust.yaml problems as the error (no trust.yaml here, or one that cannot be
    read): templates are chosen per school, so the schools must be known."""
    from jobpack.build.orchestrate import check as run_check
    from jobpack.errors import InvalidTrust

    checked = run_check(trust_dir)
    if checked.files.trust is None:
        raise InvalidTrust([p for p in checked.problems if p.severity == "error" and p.file == "trust.yaml"]
                           or [p for p in checked.problems if p.severity == "error"])
    return checked.trust
