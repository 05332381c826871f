"""The one place where errors become messages and exit codes, for every command.

User mistakes (`InvalidTrust`, of which a template's `TemplateError` is one kind) are presented with the
command's `--format` and exit 1; faults of the machine (read-only folder, full disk) are said plainly and
exit 1; usage mistakes exit 1; anything else is a bug in jobpack: an apology and exit 2, with the traceback
only under --debug.
"""

from __future__ import annotations

import errno
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from jobpack.cli.present import present, summary
from jobpack.errors import InvalidTrust, Problem, display_path

WRITING_COMMANDS = ("build", "site", "init", "schema")


def _fault(message: str) -> None:
    click.echo(click.style(message, fg="red"), err=True)
    sys.exit(1)


def bug_message(exc: BaseException) -> str:
    return (f"jobpack hit an internal error ({type(exc).__name__}: {exc}). This is a bug in jobpack, not in your "
            "files. Run the same command with --debug to see the details and report them.")


def _located(problems: list[Problem], root: Path | None) -> list[Problem]:
    """Absolute paths (a template's, say) shown relative to the trust folder, as the user sees them."""
    if root is None:
        return problems
    out = []
    for problem in problems:
        path = Path(problem.file)
        out.append(Problem(display_path(path, root), problem.message, problem.line, problem.column, problem.hint,
                           problem.chain, problem.severity) if path.is_absolute() else problem)
    return out


def report_invalid(exc: InvalidTrust, fmt: str = "text", root: Path | None = None, writes: bool = False) -> None:
    """Present a user error and the closing line that says what happened and what to do."""
    from jobpack.render import TemplateError

    problems = _located(exc.problems, root)
    present(problems, fmt)
    lead = "Nothing was written: " if writes else ""
    them = "it" if len(problems) == 1 else "them"
    text = f"\n{lead}{summary(problems)}. Fix {them} and run the command again."
    if isinstance(exc, TemplateError):
        text = ("\nA template could not be used. Fix the template named above (or delete your copy to use "
                "jobpack's built-in one).")
    click.echo(click.style(text, fg="red", bold=True), err=True)


def user_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn user errors and faults of the machine into messages and exit code 1; turn bugs into an
    apology, not a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from jobpack import faults
        from jobpack.atomic import files_written

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
            report_invalid(exc, ctx.params.get("fmt") or "text", ctx.params.get("trust_dir"),
                           ctx.info_name in WRITING_COMMANDS)
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
            from jobpack.doctor import missing_library

            if missing_library(exc):  # WeasyPrint without Pango: name the package, not a traceback
                _fault(missing_library(exc))
            if exc.errno == errno.EPIPE:
                faults.pipe_closed()
            message = faults.os_message(exc)
            if message:
                _fault(message)
            click.echo(bug_message(exc), err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("Stopped. Files already finished are complete; nothing is half-written.", err=True)
            sys.exit(130)
        except Exception as exc:  # a bug in jobpack, not the user's mistake
            if debug:
                raise
            click.echo(bug_message(exc), err=True)
            sys.exit(2)

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
