"""`jobpack publish teaching-vacancies`: the trust's open vacancies on the DfE's Teaching Vacancies service."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import click

from jobpack.cli.app import main, trust_option
from jobpack.cli.guard import JobpackGroup, user_errors
from jobpack.load.models.teaching_vacancies import KEY_VARIABLE, PRODUCTION_URL


@main.group(cls=JobpackGroup)
def publish() -> None:
    """Publish the trust's open vacancies to job services."""


def _api_url(value: str) -> str:
    """https only: the key travels in a header, so plain http is refused except to this computer (tests)."""
    parts = urlsplit(value)
    local = parts.hostname in ("127.0.0.1", "localhost", "::1")
    if parts.scheme != "https" and not (parts.scheme == "http" and local) or not parts.hostname:
        raise click.BadParameter(f"'{value}' is not an https:// address: the API key must only travel encrypted.",
                                 param_hint="--api-url")
    return value.rstrip("/")


@publish.command("teaching-vacancies")
@trust_option
@click.option("--dry-run", is_flag=True, help="Show the plan and write the request bodies; send nothing, need no key.")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="With --dry-run: write each request body to OUTPUT/<school>/<post>.json.")
@click.option("--api-url", default=PRODUCTION_URL, show_default=True,
              help="The service's address (its staging service, for a trial run, is "
                   "https://staging.teaching-vacancies.service.gov.uk/ats-api/v1).")
@user_errors
def teaching_vacancies(trust_dir: Path, dry_run: bool, output: Path | None, api_url: str) -> None:
    """Make Teaching Vacancies carry exactly the trust's open vacancies.

    Reads every vacancy the service holds for the trust's key, creates the missing ones, updates the
    changed ones, withdraws those whose post is gone, closed or no longer a vacancy, and leaves the rest
    alone. The key comes only from the environment variable TEACHING_VACANCIES_API_KEY. The trust is
    checked first: with any error, nothing is sent. Exit 0 when everything went through, 1 otherwise.

    \b
    Examples:
      jobpack publish teaching-vacancies --dry-run -o output/teaching-vacancies
      TEACHING_VACANCIES_API_KEY=... jobpack publish teaching-vacancies
    """
    from jobpack.build.orchestrate import check
    from jobpack.check.teaching_vacancies import london_now, opted_in
    from jobpack.errors import InvalidTrust
    from jobpack.publish.teaching_vacancies.client import Client
    from jobpack.publish.teaching_vacancies.run import dry_run as plan_only
    from jobpack.publish.teaching_vacancies.run import publish as send

    if output is not None and not dry_run:
        raise click.UsageError("-o/--output writes the request bodies of a dry run: add --dry-run.")
    api_url = _api_url(api_url)
    checked = check(trust_dir)
    if checked.files.trust is None or checked.errors:
        raise InvalidTrust(checked.errors)
    if not opted_in(checked.trust):
        click.echo("trust.yaml has no teaching_vacancies: section, so nothing is published there "
                   "(see docs/teaching-vacancies.md to set it up).")
        return
    now = london_now()
    if dry_run:
        report = plan_only(checked, now, output)
    else:
        key = os.environ.get(KEY_VARIABLE, "").strip()
        if not key:
            click.echo(click.style(f"No API key: set the environment variable {KEY_VARIABLE} to the key Teaching "
                                   "Vacancies gave the trust (in CI, a repository secret of that name). Nothing "
                                   "was sent.", fg="red"), err=True)
            sys.exit(1)
        client = Client(api_url, key)
        try:
            report = send(checked, client, now)
        finally:
            client.close()
    click.echo("\n".join(report.lines()) if report.actions else "No open vacancies to send.")
    if report.written:
        click.echo(f"Wrote {len(report.written)} request bod{'ies' if len(report.written) != 1 else 'y'} to {output}.")
    if report.fatal:
        click.echo(click.style(report.fatal, fg="red"), err=True)
    click.echo(report.summary(), err=not report.ok)
    sys.exit(0 if report.ok else 1)
