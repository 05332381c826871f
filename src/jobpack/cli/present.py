"""How problems reach the user: one presenter for every command, as text, JSON or GitHub annotations.

`text` is for people (grouped by file, coloured on a terminal, on stderr); `json` is a list for scripts
(stdout); `github` prints workflow commands (`::error file=…,line=…::…`) that GitHub Actions shows on the
changed lines of a pull request, plus the text summary.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

import click

from jobpack.errors import Problem, printable

FORMATS = ("text", "json", "github")

format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
    help="How to report problems: text for people, json for scripts, github for pull-request annotations.")


def summary(problems: list[Problem]) -> str:
    """'2 errors and 1 warning in 2 files'."""
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    files = len({p.file for p in problems})
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return " and ".join(parts) + f" in {files} file{'s' if files != 1 else ''}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    """One GitHub Actions workflow command for a problem; the hint and chain go in the message body."""
    kind = "warning" if problem.severity == "warning" else "error"
    props = [f"file={_escape_property(problem.file)}"]
    if problem.line is not None:
        props.append(f"line={problem.line}")
        if problem.column is not None:
            props.append(f"col={problem.column}")
    props.append("title=jobpack")
    body = problem.message
    if problem.hint:
        body += "\n" + problem.hint
    if problem.chain:
        body += "\n(reached through " + " -> ".join(problem.chain) + ")"
    return f"::{kind} {','.join(props)}::{_escape_data(body)}"


def present(problems: list[Problem], fmt: str = "text") -> None:
    """Report `problems` in the chosen format (nothing at all when there are none, except JSON's [])."""
    if fmt == "json":
        click.echo(json.dumps([p.as_json() for p in problems], indent=2, ensure_ascii=False))
        return
    if fmt == "github":
        for problem in problems:
            click.echo(github_annotation(problem))
        return
    current = None
    for problem in problems:
        if current is not None and problem.file != current:
            click.echo("", err=True)
        current = problem.file
        colour = "yellow" if problem.severity == "warning" else "red"
        click.echo(click.style(problem.format(), fg=colour), err=True)


def progress_printer() -> Callable[[str, str, int, int], None]:
    """A bar on a terminal; plain lines in CI logs (no terminal)."""
    tty = sys.stderr.isatty()

    def show(post_id: str, status: str, done: int, total: int) -> None:
        if tty:
            width = 30
            filled = int(width * done / max(total, 1))
            click.echo(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {printable(post_id)[:40]:<40}",
                       nl=done == total, err=True)
        else:
            click.echo(f"[{done}/{total}] {status}: {printable(post_id)}", err=True)

    return show
