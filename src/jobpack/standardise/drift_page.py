"""`jobpack drift --html DIR`: the drift report as one self-contained page a data lead would rather look at
than read: how much each school and the trust share (bars), the proposed blocks with their variants side by
side (the words that differ from the suggested wording marked), and the like-roles table.

One file, no scripts, no fonts or pictures to fetch, so it works from file:// and from any web host. The
page is the template `site/drift-report.html`, whose body is `site/_drift.html`: the same partial the
website's consistency page shows (`drift_site`). Every value comes from the trust's files (untrusted, from
pull requests) and the sandboxed templates escape it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from jobpack.render.html import render_html
from jobpack.render.lookup import BUILTIN_DIR
from jobpack.render.theme import Theme
from jobpack.standardise.drift import Drift
from jobpack.standardise.drift_view import drift_view


def page(report: Drift, trust_name: str, root: Path | None = None, schools: Mapping[str, str] | None = None) -> str:
    """The whole page, as text. `root` is the trust folder, whose templates/site/ may restyle the page (as it
    restyles the website); without it, jobpack's own templates. `schools`: school id -> name."""
    dirs = list(Theme.for_school(root).site_dirs) if root is not None else [BUILTIN_DIR / "site", BUILTIN_DIR]
    return render_html(dirs, "drift-report", {"trust_name": trust_name, "drift": drift_view(report, schools or {})})
