"""`jobpack where-used`, `jobpack drift` and `jobpack diff`: standardising posts across schools."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from jobpack.cli.app import main, trust_option
from jobpack.cli.guard import user_errors
from jobpack.errors import printable


def _checked(trust_dir: Path):  # noqa: ANN202 - Checked, imported lazily so --help stays instant
    from jobpack.build.orchestrate import check as run_check

    return run_check(trust_dir)


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
    from jobpack.check.validate import validate
    from jobpack.standardise.where_used import where_used

    found = where_used(validate(trust_dir), target)  # the posts and their uses: no templates, no lints
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


@main.command(name="drift")
@trust_option
@click.option("--threshold", type=click.IntRange(50, 100), default=85, show_default=True,
              help="How alike two statements must be (0-100, 100 = the same words) to count as one re-typed.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people, json for scripts and dashboards.")
@user_errors
def drift_command(trust_dir: Path, threshold: int, fmt: str) -> None:
    """Where schools have written the same duty or criterion in their own words (proposed as shared blocks),
    local text that re-types an existing block item, and how much of each post, school and the trust comes
    from shared blocks and role profiles.

    \b
    Examples:
      jobpack drift
      jobpack drift --threshold 75 --format json > drift.json
    """
    from jobpack.standardise.drift import drift

    report = drift(_checked(trust_dir), threshold)
    if fmt == "json":
        def share(s):  # noqa: ANN001, ANN202
            return {"name": s.name, "shared": s.shared, "local": s.local, "percent_shared": s.percent}

        click.echo(json.dumps({
            "threshold": report.threshold,
            "proposed_blocks": [{"block": p.block_id, "kind": p.kind, "section": p.section, "wording": p.wording,
                                 "score": p.score, "block_yaml": p.block_yaml(),
                                 "variants": [{"post": v.post, "school": v.school, "text": v.text, "file": v.file,
                                               "line": v.line} for v in p.variants]} for p in report.proposals],
            "near_copies": [{"post": n.statement.post, "file": n.statement.file, "line": n.statement.line,
                             "text": n.statement.text, "block": n.block, "item": n.item, "item_text": n.item_text,
                             "score": n.score} for n in report.near_copies],
            "posts": [share(s) for s in report.posts], "schools": [share(s) for s in report.schools],
            "trust": share(report.trust)}, indent=2, ensure_ascii=False))
        return
    out = click.echo
    out(f"Statements written the same way in several posts (similarity {threshold} or more):")
    if not report.proposals:
        out("  none.")
    for proposal in report.proposals:
        posts = sorted({v.post for v in proposal.variants})
        out("")
        out(printable(f"  Proposed block '{proposal.block_id}' ({proposal.section}), {len(posts)} posts, "
                      f"similarity {proposal.score}+:"))
        for variant in proposal.variants:
            out(printable(f"    {variant.where}  {variant.text}"))
        out("    Paste into blocks/ and 'use' it in each post instead:")
        for line in proposal.block_yaml().splitlines():
            out(printable(f"      {line}"))
    out("\nLocal text that re-types an item the trust already has:")
    if not report.near_copies:
        out("  none.")
    for copy in report.near_copies:
        out(printable(f"  {copy.statement.where}  {copy.statement.text}"))
        out(printable(f"    is {copy.score}% like {copy.block}/{copy.item}: \"{copy.item_text}\" - "
                      f"write '- use: {copy.block}' with 'only: [{copy.item}]' instead"))
    out("\nShared (from blocks, role profiles and trust-wide criteria) against local text:")
    for share in [*report.posts, *report.schools]:
        out(printable(f"  {share.name:55} {share.percent:5.1f}% shared  ({share.shared} shared, {share.local} local)"))
    out(f"  {'the trust':55} {report.trust.percent:5.1f}% shared  ({report.trust.shared} shared, "
        f"{report.trust.local} local)")


@main.command(name="diff")
@trust_option
@click.argument("args", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True,
              help="text for a terminal, markdown for a pull request, json for scripts.")
@click.option("--redline", "redline_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Also write, for each changed post, a redline PDF and a Word file with tracked changes here.")
@user_errors
def diff_command(trust_dir: Path, args: tuple[str, ...], fmt: str, redline_dir: Path | None) -> None:
    """What a change does to every post's documents: [REV_A] [REV_B] [POST...].

    REV_A and REV_B are git revisions of the trust (a branch, tag, commit id, HEAD~1); the default compares
    the last commit (HEAD) with the files as they are now. Posts narrow the report to those posts.
    One block edit shows in every post that uses it; a pay-year change shows every post's new salary; a
    renamed post file shows as a rename.

    \b
    Examples:
      jobpack diff                                   # your uncommitted edits
      jobpack diff main HEAD --format markdown       # what a pull request branch changes
      jobpack diff HEAD~1 HEAD leap/key-worker --redline redlines
    """
    from jobpack.atomic import inside, not_a_link, write_files
    from jobpack.standardise.diff import diff_trust
    from jobpack.standardise.redline import build, redline_docx, redline_pdf
    from jobpack.standardise.report import as_data, as_markdown, as_text
    from jobpack.standardise.revisions import WORKING_TREE, Revision, repository, require, resolve

    repository(trust_dir)
    revisions: list[Revision] = []
    posts: list[str] = []
    for arg in args:
        found = resolve(trust_dir, arg) if len(revisions) < 2 and not posts else None
        if found is not None and not (trust_dir / "posts" / f"{arg}.yaml").is_file():
            revisions.append(found)
        else:
            posts.append(arg)
    before = revisions[0] if revisions else require(trust_dir, "HEAD")
    after = revisions[1] if len(revisions) > 1 else Revision(WORKING_TREE, "")
    result = diff_trust(trust_dir, before, after, posts or None)
    if redline_dir is not None:
        files: dict[Path, bytes] = {}
        for post in result.posts:
            if post.before is None or post.after is None:
                continue
            redline = build(post, before.label, after.label)
            not_a_link(redline_dir)  # and `inside` refuses a linked school folder under it (redlines/oak)
            files[inside(redline_dir, f"{post.id}-changes.pdf")] = redline_pdf(redline)
            files[inside(redline_dir, f"{post.id}-changes.docx")] = redline_docx(redline)
        for path in files:
            path.parent.mkdir(parents=True, exist_ok=True)
        write_files(files)
    if fmt == "json":
        click.echo(json.dumps(as_data(result), indent=2, ensure_ascii=False))
    elif fmt == "markdown":
        click.echo(as_markdown(result, redline_dir.name if redline_dir else ""), nl=False)
    else:
        click.echo(as_text(result, colour=sys.stdout.isatty()))
