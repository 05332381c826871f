"""What a post's job pack carries besides its documents: the trust's welcome, about pages and benefits,
with the school's own in their place, and the vacancy's ways to apply.

A school's `pack:` replaces the trust's welcome and about pages part by part (`off` drops one); its
benefits are added after the trust's. Variables ({{ school.name }}) are filled in here, once.
"""

from __future__ import annotations

from dataclasses import dataclass

from jobpack.compose.post import ResolvedPost
from jobpack.compose.variables import fill, names_for
from jobpack.load.models.trust import About, PackContent, Trust, Welcome


@dataclass(frozen=True)
class PackParts:
    """The pack content one post's school ends up with (None: the pack has no such page)."""

    welcome: Welcome | None
    about_school: About | None
    about_trust: About | None
    benefits: tuple[str, ...]


def pack_parts(post: ResolvedPost, trust: Trust) -> PackParts:
    """The trust's pack content with the post's school's own in its place, variables filled in."""
    own = post.school.pack or PackContent()
    names = names_for(trust, post.school, post.title, post.responsible_to, post.line_manages)

    def chosen(name: str) -> Welcome | About | None:
        value = getattr(own, name)
        if value is None:
            value = getattr(trust.pack, name)
        if value is None or value is False or value == "off":
            return None
        update = {"paragraphs": [fill(p, names) for p in value.paragraphs], "title": fill(value.title, names)}
        if isinstance(value, About):
            update["alt"] = fill(value.alt, names)
        return value.model_copy(update=update)

    benefits = tuple(fill(b, names) for b in [*trust.pack.benefits, *own.benefits])
    return PackParts(chosen("welcome"), chosen("about_school"), chosen("about_trust"), benefits)  # type: ignore[arg-type]

