"""`jobpack list` and `jobpack show`: what posts there are, and one post fully composed."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from jobpack.cli.app import main, trust_option
from jobpack.cli.guard import user_errors
from jobpack.cli.present import format_option, present
from jobpack.errors import printable


@main.command(name="list")
@trust_option
@user_errors
def list_posts(trust_dir: Path) -> None:
    """List every post with its school, title and every block it uses (nested blocks included).

    \b
    Example:
      jobpack list
    """
    from jobpack.build.orchestrate import check as run_check

    result = run_check(trust_dir)
    for post_id in sorted(result.files.broken_posts):
        click.echo(f"{printable(post_id)}  (has errors: run 'jobpack check')")
    for post_id, loaded in result.files.posts.items():
        post = result.posts.get(post_id)
        if loaded.model.profile:
            click.echo(f"{printable(post_id)}  (role profile)")
        elif post is None:
            click.echo(f"{printable(post_id)}  (has errors: run 'jobpack check')")
        else:
            click.echo(printable(post_id))
            click.echo(printable(f"    {post.school.name}: {post.title}"))
            if post.extends:
                click.echo(printable(f"    extends: {', '.join(post.extends)}"))
            click.echo(printable(f"    blocks: {', '.join(post.blocks_used) or '(none)'}"))


@main.command()
@trust_option
@click.argument("post")
@click.option("--sources", is_flag=True, help="List the role profiles and blocks the post draws on instead.")
@format_option
@user_errors
def show(trust_dir: Path, post: str, sources: bool, fmt: str) -> None:
    """Show one post fully composed, as YAML: exactly what its documents will contain, each part with the
    file and line it came from.

    \b
    Examples:
      jobpack show westminster/learning-support-practitioner
      jobpack show westminster/learning-support-practitioner --sources
    """
    import yaml

    from jobpack.build.orchestrate import check as run_check
    from jobpack.build.run import select
    from jobpack.view.show import resolved_as_dict

    result = run_check(trust_dir)
    (post_id,) = select(result, [post])
    if post_id not in result.posts:
        loaded = result.files.posts.get(post_id)
        file = loaded.file if loaded else result.files.broken_posts[post_id]
        mine = [p for p in result.errors if file in (p.file, *p.chain)]
        present(mine or result.errors, fmt)
        click.echo(click.style(f"\n'{post_id}' cannot be shown until these are fixed.", fg="red"), err=True)
        sys.exit(1)
    if sources:
        from jobpack.standardise.where_used import sources as post_sources

        found = post_sources(result.posts[post_id], result)
        if fmt == "json":
            import json

            click.echo(json.dumps([{"kind": s.kind, "name": s.name, "file": s.file, "used_at": s.used_at,
                                    "via": list(s.via), "items": s.items} for s in found], indent=2))
            return
        click.echo(printable(f"{post_id} draws on:"))
        for source in found:
            through = f", through {' -> '.join(source.via)}" if source.via else ""
            verb = "extends" if source.kind == "profile" else "uses"
            click.echo(printable(f"  {source.kind} {source.name} ({source.file}): {source.items} item"
                                 f"{'s' if source.items != 1 else ''}; {verb} at {source.used_at}{through}"))
        return
    from jobpack.check.lint import allowances

    data = resolved_as_dict(result.posts[post_id], result.trust, result.files.root, allowances(result.files))
    click.echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), nl=False)
