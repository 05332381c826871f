"""`jobpack import`: a school's existing job descriptions become draft posts (the work is in importer/)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from jobpack.cli.app import main, trust_option
from jobpack.cli.guard import user_errors


@main.command(name="import")
@trust_option
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--school", help="The school's id in trust.yaml (found from the document when not given).")
@click.option(
    "--into",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where the drafts go: a folder in posts/, relative to the trust folder (default posts/<school>/).",
)
@click.option("--profile", help="A role profile the drafts extend (e.g. learning-support-practitioner).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="The report: text for people, json for scripts.",
)
@click.option("--force", is_flag=True, help="Replace a post file that already exists.")
@click.option(
    "--threshold",
    type=click.IntRange(50, 100),
    help="Similarity (0-100) at which a statement uses a block item [default: trust.yaml import: use_at, 75].",
)
@click.option(
    "--near",
    type=click.IntRange(30, 100),
    help="Similarity at which the closest block item is named in a comment [default: trust.yaml import: near_at, 60].",
)
@click.option("--pay-year", help="The pay year the document's salary figures are in, e.g. 2019-20 [default: the "
              "trust's pay year that reproduces them, found by trying each].")
@click.option("--dry-run", is_flag=True, help="Report what would be drafted; write nothing.")
@click.option("--one-post", is_flag=True,
              help="The files are parts of one post (e.g. its job description and its person specification).")
@user_errors
def import_(
    trust_dir: Path,
    files: tuple[Path, ...],
    school: str | None,
    into: Path | None,
    profile: str | None,
    fmt: str,
    force: bool,
    threshold: int | None,
    near: int | None,
    pay_year: str | None,
    dry_run: bool,
    one_post: bool,
) -> None:
    """Turn existing job descriptions (.docx, .pdf, .txt, .md) into draft posts built from the trust's blocks.

    Each statement that matches a block item becomes a `use:` of the block; others keep the school's
    wording, with the closest block item named in a comment. The trust's clauses, signature lines and
    form guidance are recognised and left out. Every draft passes `jobpack check` (warnings allowed) and
    no existing file is replaced without --force.

    \b
    Examples:
      jobpack import old/teaching-assistant.docx
      jobpack import old/*.pdf --school elm-tree --format json
    """
    from jobpack.importer import Options, import_files
    from jobpack.importer.report import as_dict, as_text, batch_line, shared_blocks, shared_text

    options = Options(
        school=school, into=into, profile=profile, force=force, use_at=threshold, near_at=near, dry_run=dry_run,
        one_post=one_post, pay_year=pay_year,
    )
    root = trust_dir.resolve()
    results, problems = import_files(root, list(files), options)
    if fmt == "json":
        click.echo(
            json.dumps(
                {"files": [as_dict(r, root) for r in results], "summary": batch_line(results, dry_run),
                 "shared_blocks": shared_blocks(results)},
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        for result in results:
            for line in as_text(result, root, detail=len(results) == 1):
                click.echo(line)
        if len(results) > 1:
            click.echo(batch_line(results, dry_run))
            for line in shared_text(results, dry_run):
                click.echo(line)
    failed = [r for r in results if r.refused]
    errors = [p for p in problems if p.severity == "error"]
    if fmt == "text":
        for result in failed:
            click.echo(click.style(result.refused, fg="red"), err=True)
        if errors:
            click.echo(
                click.style("A draft does not pass jobpack check (see above): fix it or report it.", fg="red"), err=True
            )
    if failed or errors:
        sys.exit(1)
