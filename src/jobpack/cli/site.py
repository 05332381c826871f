"""`jobpack site` and `jobpack serve`: the vacancies website, and a live preview of it."""

from __future__ import annotations

import errno
import functools
import socket
from pathlib import Path

import click

from jobpack.cli.app import main, trust_option
from jobpack.cli.guard import bug_message, report_invalid, user_errors
from jobpack.cli.present import format_option, present, progress_printer
from jobpack.errors import InvalidTrust


def serve_failure(host: str, port: int, exc: OSError) -> str:
    """Why the preview server could not start, and what to do: only a port in use is fixed by another port."""
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.EADDRINUSE, errno.EACCES):
        return f"Cannot serve on {host}:{port} ({reason}). Try another port with --port, e.g. --port 8080."
    if exc.errno in (errno.EAFNOSUPPORT, errno.EADDRNOTAVAIL) or isinstance(exc, socket.gaierror):
        return (f"Cannot serve on {host} ({reason}): this machine has no such address"
                f"{' (IPv6 is not available here)' if ':' in host else ''}. Use --host 127.0.0.1.")
    return f"Cannot serve on {host}:{port} ({reason}). Try --host 127.0.0.1 or another port with --port."


@main.command()
@trust_option
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the website (default: output/site/ in the trust folder).")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="How many posts to render at once (default: the number of CPU cores).")
@format_option
@user_errors
def site(trust_dir: Path, output: Path | None, jobs: int | None, fmt: str) -> None:
    """Build every post's documents, then a static website of all posts for any web host.

    Writes index.html (every post by school, with search and filters), a page per post with its full job
    description, person specification and downloads, packs.json and sitemap.xml. Links are relative, so
    the folder works at any web address or opened from disk. Open vacancies carry JobPosting data for job
    search engines. With 'site: {consistency_page: true}' in trust.yaml it also writes consistency.html, the
    drift report of the posts it publishes. Nothing in the site changes if the trust has errors.

    \b
    Examples:
      jobpack site
      jobpack site -o public
    """
    from jobpack.publish.site import build_site, default_site_dir
    from jobpack.standardise.drift_site import consistency_pages

    click.get_current_context().meta["jobpack.output"] = trust_dir / "output"
    report = build_site(trust_dir, output or default_site_dir(trust_dir), jobs=jobs, progress=progress_printer(),
                        added_pages=consistency_pages)
    present(report.problems, fmt)
    click.echo(report.summary(), err=fmt == "json")


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
    blocks/, posts/, templates/ and assets/. If a change has errors they are printed and the last good
    site stays up until you fix them. Stop with Ctrl+C.

    \b
    Example:
      jobpack serve --port 8080
    """
    from jobpack import faults
    from jobpack.publish.site import build_site, default_site_dir
    from jobpack.publish.site.serve import Rebuilder
    from jobpack.publish.site.serve import serve as run_serve
    from jobpack.standardise.drift_site import consistency_pages

    def failed(exc: Exception) -> None:
        if isinstance(exc, InvalidTrust):
            report_invalid(exc, root=trust_dir)
        elif isinstance(exc, faults.CannotWrite):
            click.echo(click.style(faults.write_message(exc, True, site_dir.parent), fg="red"), err=True)
        elif isinstance(exc, faults.Refused):
            click.echo(click.style(exc.explain(True), fg="red"), err=True)
        else:
            click.echo(bug_message(exc), err=True)
        click.echo(click.style("The site was not updated: fix the problem and save again.", fg="red"), err=True)

    site_dir = default_site_dir(trust_dir)
    rebuild = Rebuilder(trust_dir, site_dir, on_built=lambda report: click.echo(report.summary()), on_error=failed,
                        build=functools.partial(build_site, added_pages=consistency_pages))
    click.echo(f"Building the site into {site_dir} ...")
    try:
        run_serve(trust_dir, site_dir, host, port, rebuild, echo=click.echo)
    except OSError as exc:
        raise click.ClickException(serve_failure(host, port, exc)) from exc
    except KeyboardInterrupt:
        click.echo("Stopped.")
