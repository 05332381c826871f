"""Pages that a tool beside the pipeline adds to the site, such as the consistency page `jobpack drift` makes.

publish/ may not import those tools (docs/architecture.md: they use the stages, the stages never use them),
so `jobpack site` hands `build_site` a `PageMaker`: given the checked trust and the posts the site
publishes, it returns the pages to add. The site renders each one with its own templates (`base.html`: the
same header, navigation, footer and CSS as every other page) and links it from the navigation, so a page
that is not made is never linked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from jobpack.check.validate import Checked
from jobpack.publish.site.data import SitePost


@dataclass(frozen=True)
class AddedPage:
    """One page to add: where it goes, the site template that renders it, its link, and what it reads."""

    path: str  # relative to the site root, e.g. "consistency.html"
    template: str  # a site template, without ".html": found like index.html (the trust's copy first)
    label: str  # the page's link in the site's navigation
    kind: str  # `site.kind` on the page, so the navigation marks the link as the current page
    context: Mapping[str, Any] = field(default_factory=dict)  # the names the template reads besides `site`
    assets: tuple[str, ...] = ()  # site template files the page links to, published as assets/<name>

    @property
    def root(self) -> str:
        """The relative link from this page back to the site's root ("" for a page at the root)."""
        return "../" * self.path.count("/")


PageMaker = Callable[[Checked, Sequence[SitePost]], Sequence[AddedPage]]
"""Makes the added pages from the checked trust and the posts the site publishes (only those may appear)."""
