"""`jobpack where-used`, `jobpack drift` and `jobpack diff`: standardising posts across schools."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from jobpack.cli.app import main, trust_option
from jobpack.cli.guard import user_errors
from jobpack.errors import printable


def _checked(trust_dir: Path, quick: bool = False):  # noqa: ANN202 - Checked, imported lazily for --help
    """The trust validated and composed; `quick` leaves out rendering templates and the wording lints,
    which drift does not read (it reads the composed posts)."""
    from jobpack.build.orchestrate import check as run_check

    return run_check(trust_dir, quick=quick) if quick else run_check(trust_dir)


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
@click.option("--threshold", type=click.IntRange(50, 100), default=80, show_default=True,
              help="How much two statements must say alike (0-100: the share of content words they have in "
                   "common, school synonyms counted as one; 100 = the same words in any order) to count as one.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people, json for scripts and dashboards.")
@click.option("--apply", "apply_id", metavar="BLOCK", default=None,
              help="Make proposal BLOCK a block in blocks/ and rewrite every post that had it to 'use' it.")
@click.option("--wording", type=click.IntRange(1), default=1, show_default=True,
              help="With --apply: which of the proposal's wordings the block gets (1 = the most common).")
@click.option("--dry-run", is_flag=True, help="With --apply: show the edit as a diff and write nothing.")
@click.option("--html", "html_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Also write the report as a web page, DIR/index.html (opens from the folder, no internet).")
@user_errors
def drift_command(trust_dir: Path, threshold: int, fmt: str, apply_id: str | None, wording: int, dry_run: bool,
                  html_dir: Path | None) -> None:
    """Where schools have written the same duty or criterion in their own words (proposed as shared blocks),
    local text that re-types an existing block item, like roles on different terms (grades, pay, hours and
    weeks side by side), and how much of each post, school and the trust comes from shared blocks.

    \b
    Examples:
      jobpack drift
      jobpack drift --threshold 75 --format json > drift.json
      jobpack drift --apply supervise-pupils-at-lunch --dry-run
      jobpack drift --apply supervise-pupils-at-lunch --wording 2
      jobpack drift --html drift-report
    """
    if (dry_run or wording != 1) and apply_id is None:
        raise click.UsageError("--wording and --dry-run go with --apply BLOCK.")
    from jobpack.standardise.drift import drift
    from jobpack.standardise.drift_report import as_data, as_text

    checked = _checked(trust_dir, quick=True)
    report = drift(checked, threshold)
    if apply_id is not None:
        blocks = {block_id: loaded.doc.display for block_id, loaded in checked.files.blocks.items()}
        blocks.update(checked.files.broken_blocks)
        _apply(trust_dir, report, apply_id, wording, dry_run, blocks)
        return
    if html_dir is not None:
        from jobpack.atomic import make_folder, write_atomic
        from jobpack.standardise.drift_page import page

        make_folder(html_dir)
        schools = {school.id: school.name for school in checked.trust.schools} if checked.files.trust else {}
        write_atomic(html_dir / "index.html", page(report, _trust_name(trust_dir), trust_dir, schools).encode("utf-8"))
        click.echo(f"Wrote {html_dir / 'index.html'}", err=fmt == "json")
    if fmt == "json":
        click.echo(json.dumps(as_data(report), indent=2, ensure_ascii=False))
        return
    as_text(report, click.echo)


def _trust_name(trust_dir: Path) -> str:
    from jobpack.load.yamlfile import load_yaml

    doc, _problem = load_yaml(trust_dir / "trust.yaml", "trust.yaml")
    name = doc.data.get("name") if doc is not None and isinstance(doc.data, dict) else None
    return name if isinstance(name, str) else "The trust"


def _apply(trust_dir: Path, report, block_id: str, wording: int, dry_run: bool,  # noqa: ANN001
           blocks: dict[str, str]) -> None:
    from jobpack.standardise.apply import plan, verify, write

    edit = plan(trust_dir, report, block_id, wording, blocks)
    verify(trust_dir, edit)
    if dry_run:
        for line in edit.diff().splitlines():
            click.echo(printable(line))
        click.echo(f"\nNothing was written (--dry-run). Without --dry-run this writes {len(edit.texts)} files; "
                   "jobpack check passes on the result.")
        return
    write(trust_dir, edit)
    what = "Wrote" if edit.new_block else "Added item '" + edit.item + "' to"
    click.echo(printable(f"{what} {edit.block_file}: \"{edit.wording}\" (wording {edit.wording_number} of "
                         f"{len(edit.proposal.wordings) or 1})."))
    for change in edit.changes:
        after = change.after.replace("\n", " ").replace("  ", " ") or "(removed: a second copy in this post)"
        click.echo(printable(f"  {change.file}:{change.line}  {change.before}  ->  {after}"))
    click.echo("jobpack check passes. See the wording change in each post with 'jobpack diff'.")


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
