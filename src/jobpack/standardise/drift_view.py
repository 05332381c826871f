"""The drift report as the names its web pages read (`site/_drift.html`): worded here, once, so the page
`jobpack drift --html` writes and the consistency page of the website show the same thing the same way.

The template only lays the names out; every value is text from the trust's files (untrusted) and the
template escapes it. Two audiences read it: the data lead's own page names each statement's file and line
and the command that makes a proposal a block; the website (public) names the post instead, linked to its
page, and gives no commands.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass

from jobpack.standardise.drift import Drift, Proposal, Share
from jobpack.standardise.like_roles import NOT_A_FINDING, LikeRoles
from jobpack.view.parts import Readable


@dataclass(frozen=True)
class PostLink(Readable):
    """A post as the page names it: its id, and its page on the website ("" on the data lead's page)."""

    id: str
    url: str = ""


@dataclass(frozen=True)
class Words(Readable):
    """A run of a variant's words; `marked` when the suggested wording does not have them."""

    text: str
    marked: bool


@dataclass(frozen=True)
class ShareRow(Readable):
    """How much of a school's (or the trust's) duties and criteria come from shared blocks."""

    name: str
    percent: str  # "47.0"
    shared: int
    total: int


@dataclass(frozen=True)
class Variant(Readable):
    post: PostLink
    where: str  # "posts/elm-tree/x.yaml:12" on the data lead's page, "" on the website
    chosen: bool  # the suggested wording
    words: tuple[Words, ...]


@dataclass(frozen=True)
class ProposalView(Readable):
    block_id: str
    section: str
    posts: int
    score: int
    variants: tuple[Variant, ...]


@dataclass(frozen=True)
class NearCopyView(Readable):
    post: PostLink
    where: str
    text: str
    score: int
    block: str
    item: str
    item_text: str


@dataclass(frozen=True)
class LikeRow(Readable):
    post: PostLink
    cells: tuple[str, ...]  # school, title, grade, pay (FTE), actual pay, hours, weeks, contract, duties


@dataclass(frozen=True)
class LikeGroup(Readable):
    number: int
    reasons: str
    rows: tuple[LikeRow, ...]
    flags: tuple[str, ...]


@dataclass(frozen=True)
class DriftView(Readable):
    """Everything `site/_drift.html` shows."""

    threshold: int
    shares: tuple[ShareRow, ...]
    proposals: tuple[ProposalView, ...]
    near_copies: tuple[NearCopyView, ...]
    like_roles: tuple[LikeGroup, ...]
    not_a_finding: str
    commands: bool  # say which jobpack command acts on a proposal (the data lead's page only)


def marked(text: str, against: str) -> tuple[Words, ...]:
    """`text` in runs of words, those that `against` does not have (in that order) marked."""
    words, base = text.split(), against.split()
    out: list[Words] = []
    matcher = difflib.SequenceMatcher(a=[w.lower() for w in base], b=[w.lower() for w in words], autojunk=False)
    for tag, _a1, _a2, b1, b2 in matcher.get_opcodes():
        if b2 > b1:  # words only the suggested wording has are not shown
            out.append(Words(" ".join(words[b1:b2]), tag != "equal"))
    return tuple(out)


def _share(share: Share, schools: Mapping[str, str]) -> ShareRow:
    name = "The trust" if share.name == "trust" else schools.get(share.name, share.name)
    return ShareRow(name, f"{share.percent:.1f}", share.shared, share.total)


def _proposal(proposal: Proposal, link: PostLinker, site: bool) -> ProposalView:
    variants = tuple(Variant(link(v.post), "" if site else v.where, v.text == proposal.wording,
                             marked(v.text, proposal.wording)) for v in proposal.variants)
    return ProposalView(proposal.block_id, proposal.section, len({v.post for v in proposal.variants}),
                        proposal.score, variants)


def _group(number: int, group: LikeRoles, link: PostLinker) -> LikeGroup:
    rows = tuple(LikeRow(link(r.post), (r.school, r.title, r.grade or "no grade", r.fte or "not priced",
                                        r.actual or "–", r.hours or "not stated", r.weeks or "–", r.contract or "–",
                                        str(r.duties))) for r in group.posts)
    return LikeGroup(number, "; ".join(group.reasons), rows, group.flags)


class PostLinker:
    """Names a post, with its page on the website when `pages` (post id -> page, from the site root) has it."""

    def __init__(self, pages: Mapping[str, str] | None) -> None:
        self.pages = pages or {}

    def __call__(self, post_id: str) -> PostLink:
        return PostLink(post_id, self.pages.get(post_id, ""))


def drift_view(report: Drift, schools: Mapping[str, str], pages: Mapping[str, str] | None = None) -> DriftView:
    """The view of `report` (`schools`: school id -> name): for the data lead's page, or (with `pages`, the
    posts' pages on the website) for the site, where statements are named by post rather than by file and
    line, and no command is given."""
    site = pages is not None
    link = PostLinker(pages)
    near = tuple(NearCopyView(link(c.statement.post), "" if site else c.statement.where, c.statement.text,
                              c.score, c.block, c.item, c.item_text) for c in report.near_copies)
    return DriftView(report.threshold, tuple(_share(s, schools) for s in [*report.schools, report.trust]),
                     tuple(_proposal(p, link, site) for p in report.proposals), near,
                     tuple(_group(n, g, link) for n, g in enumerate(report.like_roles, 1)), NOT_A_FINDING,
                     commands=not site)
