"""The website's consistency page: the drift report as a page of the site `jobpack site` publishes, made only
when trust.yaml turns it on (`site: {consistency_page: true}`; docs/standardising.md).

The site is public and the page puts posts' grades and pay side by side, so it compares only the posts the
site publishes (the posts `build_site` gives a page of their own, handed over as `published`): drift is
worked out on the checked trust with every other post taken out, so no other post's wording, title, grade or
pay can reach the page. publish/ may not import this module (docs/architecture.md); `jobpack site` and
`jobpack serve` hand `consistency_pages` to `build_site`, which renders the page with the site's templates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from jobpack.check.validate import Checked
from jobpack.publish.site.data import SitePost
from jobpack.publish.site.extra import AddedPage
from jobpack.standardise.drift import drift
from jobpack.standardise.drift_view import drift_view

PAGE = "consistency.html"
LABEL = "Consistency"


def published_only(checked: Checked, published: Sequence[SitePost]) -> Checked:
    """`checked` with only the posts the site publishes: what drift may compare on a public page."""
    keep = {sp.post.id for sp in published}
    return replace(checked, posts={pid: post for pid, post in checked.posts.items() if pid in keep})


def consistency_pages(checked: Checked, published: Sequence[SitePost]) -> list[AddedPage]:
    """The consistency page when trust.yaml turns it on, else nothing (the default site is unchanged)."""
    if not checked.trust.site.consistency_page:
        return []
    report = drift(published_only(checked, published))
    pages = {sp.post.id: sp.page for sp in published}  # relative to the site root, where the page is
    schools = {school.id: school.name for school in checked.trust.schools}
    return [AddedPage(PAGE, "consistency", LABEL, "consistency",
                      {"drift": drift_view(report, schools, pages), "posts": len(pages)}, ("drift.css",))]
