"""The `jobpack` command: thin Click commands over the library API.

User mistakes arrive here as `InvalidTrust` (or a TemplateError) and leave as a readable list of problems
and exit code 1; anything else is a bug in jobpack, reported as such (with the traceback only under
--debug). Heavy modules are imported inside the commands so `jobpack --help` stays instant.
"""

from __future__ import annotations

import errno
import functools
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import InvalidTrust, Problem


def print_problems(problems: list[Problem], fmt: str = "text") -> None:
    """Errors and warnings grouped by file, `file:line:column: message` with the hint under it."""
    if fmt == "json":
        click.echo(json.dumps([p.as_json() for p in problems], indent=2))
        return
    current = None
    for problem in problems:
        if current is not None and problem.file != current:
            click.echo("", err=True)
        current = problem.file
        colour = "yellow" if problem.severity == "warning" else "red"
        click.echo(click.style(problem.format(), fg=colour), err=True)


def _summary(problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    files = len({p.file for p in problems})
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return " and ".join(parts) + f" in {files} file{'s' if files != 1 else ''}"


def _fault(message: str) -> None:
    click.echo(click.style(message, fg="red"), err=True)
    sys.exit(1)


def _bug(exc: Exception) -> None:
    click.echo(f"jobpack hit an internal error ({type(exc).__name__}: {exc}). This is a bug in jobpack, "
               "not in your files. Run the same command with --debug to see the details and "
               "report them.", err=True)
    sys.exit(2)


def user_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn user errors and faults of the machine into messages and exit code 1; turn bugs into an
    apology, not a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from . import faults
        from .output import files_written
        from .render import TemplateError

        ctx = click.get_current_context()
        debug = ctx.find_root().params.get("debug", False)
        before = files_written()
        try:
            result = command(*args, **kwargs)
            sys.stdout.flush()
            return result
        except InvalidTrust as exc:
            if debug:
                raise
            print_problems(exc.problems)
            writes = click.get_current_context().info_name in ("build", "site", "init", "schema")
            lead = "Nothing was written: " if writes else ""
            them = "it" if len(exc.problems) == 1 else "them"
            click.echo(click.style(f"\n{lead}{_summary(exc.problems)}. Fix {them} and run the command again.",
                                   fg="red", bold=True), err=True)
            sys.exit(1)
        except TemplateError as exc:
            if debug:
                raise
            click.echo(click.style(f"{exc}", fg="red"), err=True)
            click.echo("A template could not be used. Fix the template named above (or delete your copy to "
                       "use jobpack's built-in one).", err=True)
            sys.exit(1)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except faults.CannotWrite as exc:
            if debug:
                raise
            _fault(faults.write_message(exc, files_written() > before, ctx.meta.get("jobpack.output")))
        except faults.Refused as exc:
            if debug:
                raise
            _fault(exc.explain(files_written() > before))
        except BrokenPipeError:
            faults.pipe_closed()
        except OSError as exc:
            if debug:
                raise
            if exc.errno == errno.EPIPE:
                faults.pipe_closed()
            message = faults.os_message(exc)
            if message:
                _fault(message)
            _bug(exc)
        except KeyboardInterrupt:
            click.echo("Stopped. Files already finished are complete; nothing is half-written.", err=True)
            sys.exit(130)
        except Exception as exc:  # a bug in jobpack, not the user's mistake
            if debug:
                raise
            _bug(exc)

    return wrapper


class JobpackGroup(click.Group):
    """Click's group, with usage mistakes (unknown option, missing argument) exiting 1 like every other
    mistake a user can make: exit 2 is kept for bugs in jobpack."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help() if exc.ctx else "")
            raise click.exceptions.Exit(0) from exc
        except click.UsageError as exc:
            exc.exit_code = 1
            raise

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            exc.exit_code = 1
            raise


trust_option = click.option(
    "--trust", "-t", "trust_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
    show_default=True, help="The trust folder (the one holding trust.yaml).")


@click.group(cls=JobpackGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jobpack")
@click.option("--debug", is_flag=True, help="Show full Python tracebacks (for reporting bugs).")
def main(debug: bool) -> None:
    """Job descriptions and person specifications for a school trust, from YAML to DOCX and PDF.

    \b
    Typical use, in the trust's folder:
      jobpack check          # is everything valid?
      jobpack build          # write every post's documents into output/
      jobpack list           # which posts are there?
    """
    from .faults import tolerant_output

    tolerant_output()


def _trust_root(path: Path) -> Path:
    """The trust folder holding `path`: the nearest folder upwards with a trust.yaml (or `path` itself)."""
    start = path.resolve()
    for folder in [start, *start.parents] if start.is_dir() else list(start.parents):
        if (folder / "trust.yaml").is_file():
            return folder
    return start if start.is_dir() else start.parent


@main.command()
@trust_option
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json prints the problems as a JSON list, for CI annotations.")
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
    """
    from .errors import display_path
    from .output import Manifest
    from .validate import check as run_check

    root = _trust_root(paths[0]) if paths and trust_dir == Path(".") else trust_dir
    result = run_check(root, owners=Manifest.read(root / "output").owners())
    problems = result.problems
    if paths:
        wanted = [display_path(p, root) for p in paths]

        def selected(problem: Problem) -> bool:
            if problem.file == "trust.yaml" and problem.severity == "error":
                return True  # every post depends on trust.yaml: a post cannot be good while it is broken
            files = (problem.file, *problem.chain)
            return any(f == w or f.startswith(w.rstrip("/") + "/") or w == "." for f in files for w in wanted)

        problems = [p for p in problems if selected(p)]
    print_problems(problems, fmt)
    errors = [p for p in problems if p.severity == "error"]
    failed = bool(errors) or (strict and len(problems) > len(errors))
    if fmt == "text":
        if problems:
            click.echo("\n" + _summary(problems) + ".", err=True)
        if not failed:
            profiles = sum(p.model.profile for p in result.files.posts.values())
            click.echo(f"All good: {len(result.posts)} posts, {profiles} role profiles, "
                       f"{len(result.files.blocks)} blocks checked.")
    sys.exit(1 if failed else 0)


def progress_printer() -> Callable[[str, str, int, int], None]:
    """A bar on a terminal; plain lines in CI logs (no terminal)."""
    tty = sys.stderr.isatty()

    def show(post_id: str, status: str, done: int, total: int) -> None:
        if tty:
            width = 30
            filled = int(width * done / max(total, 1))
            click.echo(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {post_id[:40]:<40}",
                       nl=done == total, err=True)
        else:
            click.echo(f"[{done}/{total}] {status}: {post_id}", err=True)

    return show


@main.command()
@trust_option
@click.argument("posts", nargs=-1)
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the documents (default: output/ in the trust folder).")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="How many posts to render at once (default: the number of CPU cores).")
@click.option("--keep-going", is_flag=True, help="Build the valid posts even if others have errors (still exits 1).")
@click.option("--force", is_flag=True, help="Rebuild every post, even those whose inputs have not changed.")
@user_errors
def build(trust_dir: Path, posts: tuple[str, ...], output: Path | None, jobs: int | None, keep_going: bool,
          force: bool) -> None:
    """Build the job description, person specification and job pack of every post (or those named).

    For each post it writes, into OUTPUT/<school>/<post>/: the job description and the person
    specification as DOCX and PDF, and the combined job pack PDF. Posts whose inputs have not changed
    since the last build are skipped. Nothing is written if any file has an error.

    \b
    Examples:
      jobpack build
      jobpack build westminster/learning-support-practitioner -o /tmp/packs
      jobpack build --keep-going -j 2
    """
    from .build import build as run_build

    out = output or trust_dir / "output"
    click.get_current_context().meta["jobpack.output"] = out
    started = time.perf_counter()
    report = run_build(trust_dir, out, list(posts) or None, jobs, keep_going, force, progress_printer())
    print_problems(report.problems)
    for post_id, why in report.failed.items():
        click.echo(click.style(f"Not built: {post_id}: {why}", fg="red"), err=True)
    documents = len(report.written)
    click.echo(f"{len(report.built)} built, {len(report.unchanged)} unchanged, {len(report.failed)} failed; "
               f"{documents} documents written to {out}"
               + (f", {len(report.removed)} old files removed" if report.removed else "")
               + f" in {time.perf_counter() - started:.1f}s.")
    sys.exit(0 if report.ok else 1)


@main.command(name="list")
@trust_option
@user_errors
def list_posts(trust_dir: Path) -> None:
    """List every post with its school, title and the blocks it uses.

    \b
    Example:
      jobpack list
    """
    from .validate import check as run_check

    result = run_check(trust_dir)
    for post_id in sorted(result.files.broken_posts):
        click.echo(f"{post_id}  (has errors: run 'jobpack check')")
    for post_id, loaded in result.files.posts.items():
        post = result.posts.get(post_id)
        if loaded.model.profile:
            click.echo(f"{post_id}  (role profile)")
        elif post is None:
            click.echo(f"{post_id}  (has errors: run 'jobpack check')")
        else:
            click.echo(f"{post_id}\n    {post.school.name}: {post.title}")
            if post.extends:
                click.echo(f"    extends: {', '.join(post.extends)}")
            click.echo(f"    blocks: {', '.join(post.blocks_used) or '(none)'}")


@main.command()
@trust_option
@click.argument("post")
@user_errors
def show(trust_dir: Path, post: str) -> None:
    """Show one post fully composed, as YAML: exactly what its documents will contain.

    \b
    Example:
      jobpack show westminster/learning-support-practitioner
    """
    import yaml

    from .build import select
    from .show import resolved_as_dict
    from .validate import check as run_check

    result = run_check(trust_dir)
    (post_id,) = select(result, [post])
    if post_id not in result.posts:
        loaded = result.files.posts.get(post_id)
        file = loaded.file if loaded else result.files.broken_posts[post_id]
        mine = [p for p in result.errors if file in (p.file, *p.chain)]
        print_problems(mine or result.errors)
        click.echo(click.style(f"\n'{post_id}' cannot be shown until these are fixed.", fg="red"), err=True)
        sys.exit(1)
    data = resolved_as_dict(result.posts[post_id], result.trust, result.files.root)
    click.echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), nl=False)


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
    from .schema import write_schemas

    for path in write_schemas(output or trust_dir / "schemas"):
        click.echo(f"wrote {path}")


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--trust-name", default="My Trust", show_default=True, help="The trust's name.")
@click.option("--school-name", default="My School", show_default=True, help="The name of the trust's first school.")
@user_errors
def init(directory: Path, trust_name: str, school_name: str) -> None:
    """Start a new trust in DIRECTORY: a working example that checks and builds at once, ready for git.

    It writes trust.yaml, a few blocks, one post (a Teaching Assistant), a README, editor schemas and a
    GitHub Actions workflow that checks pull requests and publishes the job packs. It refuses, writing
    nothing, if DIRECTORY already holds a trust.

    \b
    Example:
      jobpack init oak-trust --trust-name "Oak Learning Trust" --school-name "Oak Primary School"
    """
    from .init import TrustExists, init_trust, kept_files

    try:
        written = init_trust(directory, trust_name, school_name)
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


@main.command()
@trust_option
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the website (default: output/site/ in the trust folder).")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="How many posts to render at once (default: the number of CPU cores).")
@user_errors
def site(trust_dir: Path, output: Path | None, jobs: int | None) -> None:
    """Build every post's documents, then a static website of all posts for any web host.

    Writes index.html (every post by school, with search and filters), a page per post with its full job
    description, person specification and downloads, packs.json and sitemap.xml. Links are relative, so
    the folder works at any web address or opened from disk. Open vacancies carry JobPosting data for job
    search engines. Nothing in the site changes if the trust has errors.

    \b
    Examples:
      jobpack site
      jobpack site -o public
    """
    from .site import build_site, default_site_dir

    click.get_current_context().meta["jobpack.output"] = trust_dir / "output"
    report = build_site(trust_dir, output or default_site_dir(trust_dir), jobs=jobs, progress=progress_printer())
    print_problems(report.problems)
    click.echo(report.summary())


@main.command()
@trust_option
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0 picks a free one).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default serves this computer only.")
@user_errors
def serve(trust_dir: Path, port: int, host: str) -> None:
    """Preview the website in a browser, rebuilding it whenever a trust file is saved.

    Builds the site into output/site/, serves it at http://127.0.0.1:8000/ and watches trust.yaml,
    blocks/, posts/ and templates/. If a change has errors they are printed and the last good site stays
    up until you fix them. Stop with Ctrl+C.

    \b
    Example:
      jobpack serve --port 8080
    """
    from . import faults
    from .render import TemplateError
    from .serve import Rebuilder
    from .serve import serve as run_serve
    from .site import default_site_dir

    def failed(exc: Exception) -> None:
        if isinstance(exc, InvalidTrust):
            print_problems(exc.problems)
        elif isinstance(exc, TemplateError):
            click.echo(click.style(str(exc), fg="red"), err=True)
        elif isinstance(exc, faults.CannotWrite):
            click.echo(click.style(faults.write_message(exc, True, site_dir.parent), fg="red"), err=True)
        elif isinstance(exc, faults.Refused):
            click.echo(click.style(exc.explain(True), fg="red"), err=True)
        else:
            click.echo(f"jobpack hit an internal error ({type(exc).__name__}: {exc}). This is a bug in jobpack.",
                       err=True)
        click.echo(click.style("The site was not updated: fix the problem and save again.", fg="red"), err=True)

    site_dir = default_site_dir(trust_dir)
    rebuild = Rebuilder(trust_dir, site_dir, on_built=lambda report: click.echo(report.summary()), on_error=failed)
    click.echo(f"Building the site into {site_dir} ...")
    try:
        run_serve(trust_dir, site_dir, host, port, rebuild, echo=click.echo)
    except OSError as exc:
        raise click.ClickException(f"Cannot serve on {host}:{port} ({exc.strerror or exc}). "
                                   "Try another port with --port.") from exc
    except KeyboardInterrupt:
        click.echo("Stopped.")


if __name__ == "__main__":
    main()
