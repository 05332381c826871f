"""`jobpack where-used`, `jobpack drift` and `jobpack diff`: standardising posts across schools."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import printable
from .app import main, trust_option
from .guard import user_errors


def _checked(trust_dir: Path):  # noqa: ANN202 - Checked, imported lazily so --help stays instant
    from ..validate import check as run_check

    result = run_check(trust_dir)
    return result


@main.command(name="where-used")
@trust_option
@click.argument("target")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people, json for scripts.")
@user_errors
def where_used_command(trust_dir: Path, target: str, fmt: str) -> None:
    """Every post and role profile that uses block TARGET (or one item: BLOCK/ITEM), through nested blocks
    and role profiles too, with the file and line of each 'use' and the items each post leaves out.

    \b
    Examples:
      jobpack where-used school-policies
      jobpack where-used pupils-care/feeding --format json
    """
    from ..standardise.where_used import where_used

    found = where_used(_checked(trust_dir), target)
    if fmt == "json":
        click.echo(json.dumps({
            "block": found.block, "file": found.file, "item": found.item,
            "used_by": [{"post": u.post, "profile": u.profile, "school": u.school,
                         "uses": [{"file": r.file, "line": r.line, "via": list(r.via), "omit": list(r.omit),
                                   "only": list(r.only) if r.only is not None else None} for r in u.uses],
                         "items": list(u.items), "omitted": list(u.omitted)} for u in found.usages]}, indent=2))
        return
    what = f"Item '{found.item}' of block '{found.block}'" if found.item else f"Block '{found.block}'"
    posts, profiles = len(found.posts), len(found.profiles)
    counted = f"{posts} post{'s' if posts != 1 else ''}" + (
        f" and {profiles} role profile{'s' if profiles != 1 else ''}" if profiles else "")
    if found.item:
        having = sum(1 for u in found.usages if u.items)
        click.echo(printable(f"{what} ({found.file}) is in {having} of the {posts + profiles} posts and profiles "
                             f"that use the block ({counted})."))
    else:
        click.echo(printable(f"{what} ({found.file}) is used by {counted}."))
    for usage in found.usages:
        label = f"{usage.post}  (role profile)" if usage.profile else usage.post
        click.echo("\n" + printable(label))
        for record in usage.uses:
            through = f", reached through {' -> '.join(record.via)}" if record.via else ""
            click.echo(printable(f"  use: {found.block} at {record.file}:{record.line}{through}"))
        if found.item:
            click.echo("  has the item" if usage.items else "  leaves the item out")
        else:
            click.echo(printable(f"  items: {', '.join(usage.items) or '(none)'}"))
            if usage.omitted:
                click.echo(printable(f"  left out: {', '.join(usage.omitted)}"))
    if not found.usages:
        click.echo("No post or role profile uses it.")
