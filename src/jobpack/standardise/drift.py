"""`jobpack drift`: where schools have written the same statement in their own words, and how much of each
post comes from the trust's shared blocks and role profiles.

A statement is *local* when a post (not a block, not a role profile, not trust.yaml) writes it. Local
statements are compared with rapidfuzz (token-sort ratio on lower-cased words, 0–100, offline and
deterministic):

* local statements of two or more posts that are near-identical form a group, and each group is proposed as
  a shared block: the suggested wording (the variant closest to all the others), the posts and their
  variants, the score, and the block file ready to paste;
* a local statement that is a near-copy of an existing block item names the block and item to use instead;
* each post's standardisation share is the part of its duties and criteria that come from blocks, role
  profiles and trust-wide criteria; per school and for the trust, the share of all their statements.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from jobpack.check.validate import Checked
from jobpack.compose.post import Item, ResolvedPost
from jobpack.compose.resolve import Resolver
from jobpack.load.models.base import slugify

DEFAULT_THRESHOLD = 85
"""Token-sort ratio from which two statements count as the same one re-typed (100: identical words)."""


@dataclass(frozen=True)
class Statement:
    """A duty or criterion as one post has it."""

    post: str
    school: str
    kind: str  # "duties" or "criteria"
    section: str
    text: str
    file: str
    line: int | None

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class Proposal:
    """Near-identical local statements in several posts, proposed as one shared block."""

    block_id: str
    kind: str
    section: str
    wording: str
    score: int  # the lowest similarity between the suggested wording and a variant
    variants: tuple[Statement, ...]

    def block_yaml(self) -> str:
        """The proposed block file, ready to paste into blocks/<block_id>.yaml."""
        key = "area" if self.kind == "duties" else "category"
        wording = self.wording.replace('"', '\\"')
        return (f"# blocks/{self.block_id}.yaml — proposed by jobpack drift from "
                f"{len({v.post for v in self.variants})} posts\n{key}: {self.section}\nitems:\n"
                f"  - id: {self.block_id}\n    text: \"{wording}\"\n")


@dataclass(frozen=True)
class NearCopy:
    """A local statement that re-types an item the trust already has in a block."""

    statement: Statement
    block: str
    item: str  # the item's id, or its text when it has none
    item_text: str
    score: int


@dataclass(frozen=True)
class Share:
    """How much of a post's (or school's, or the trust's) duties and criteria are shared, not local."""

    name: str
    shared: int
    local: int

    @property
    def total(self) -> int:
        return self.shared + self.local

    @property
    def percent(self) -> float:
        return round(100 * self.shared / self.total, 1) if self.total else 100.0


@dataclass
class Drift:
    threshold: int
    proposals: list[Proposal] = field(default_factory=list)
    near_copies: list[NearCopy] = field(default_factory=list)
    posts: list[Share] = field(default_factory=list)
    schools: list[Share] = field(default_factory=list)
    trust: Share = field(default_factory=lambda: Share("trust", 0, 0))


def normalise(text: str) -> str:
    """Lower-case words only: punctuation, markup and spacing do not make two statements differ."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _local(post: ResolvedPost, profile_files: set[str], trust_file: str) -> tuple[list[Item], list[Item]]:
    """The post's (shared, local) duties and criteria."""
    shared, local = [], []
    for item in post.duties + post.criteria:
        from_post = item.block is None and item.file not in profile_files and item.file != trust_file
        (local if from_post else shared).append(item)
    return shared, local


def drift(checked: Checked, threshold: int = DEFAULT_THRESHOLD) -> Drift:
    """The trust's drift report; the same trust always gives the same report."""
    result = Drift(threshold)
    files = checked.files
    profile_files = {loaded.file for loaded in files.posts.values() if loaded.model.profile}
    trust_file = files.trust.file if files.trust else "trust.yaml"
    statements: list[Statement] = []
    per_school: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for post_id in sorted(checked.posts):
        post = checked.posts[post_id]
        shared, local = _local(post, profile_files, trust_file)
        result.posts.append(Share(post_id, len(shared), len(local)))
        per_school[post.school.id][0] += len(shared)
        per_school[post.school.id][1] += len(local)
        statements += [Statement(post_id, post.school.id, i.kind, i.section, i.text, i.file, i.line) for i in local]
    result.schools = [Share(school, *counts) for school, counts in sorted(per_school.items())]
    result.trust = Share("trust", sum(s.shared for s in result.schools), sum(s.local for s in result.schools))
    result.proposals = _groups(statements, threshold)
    result.near_copies = _near_copies(checked, statements, threshold)
    return result


def _groups(statements: list[Statement], threshold: int) -> list[Proposal]:
    """Groups of near-identical local statements found in two or more posts."""
    proposals: list[Proposal] = []
    for kind in ("duties", "criteria"):
        pool = [s for s in statements if s.kind == kind]
        if len(pool) < 2:
            continue
        texts = [normalise(s.text) for s in pool]
        scores = process.cdist(texts, texts, scorer=fuzz.token_sort_ratio, score_cutoff=threshold, workers=1)
        parent = list(range(len(pool)))
        for i in range(len(pool)):
            for j in range(i + 1, len(pool)):
                if scores[i][j] >= threshold and pool[i].post != pool[j].post:
                    parent[_root(parent, j)] = _root(parent, i)
        members: dict[int, list[int]] = defaultdict(list)
        for i in range(len(pool)):
            members[_root(parent, i)].append(i)
        for group in members.values():
            if len({pool[i].post for i in group}) < 2:
                continue
            # the suggested wording: the variant most like all the others (ties: the first written)
            best = max(group, key=lambda i: (sum(scores[i][j] for j in group), -i))
            wording = pool[best].text
            score = int(min(fuzz.token_sort_ratio(texts[best], texts[i]) for i in group))
            section = Counter(pool[i].section for i in group).most_common(1)[0][0]
            variants = tuple(sorted((pool[i] for i in group), key=lambda s: (s.post, s.line or 0)))
            proposals.append(Proposal(_block_id(wording), kind, section, wording, score, variants))
    proposals.sort(key=lambda p: (-len({v.post for v in p.variants}), -p.score, p.block_id))
    taken: Counter[str] = Counter()
    unique = []
    for proposal in proposals:  # two proposals never suggest the same block id
        taken[proposal.block_id] += 1
        if taken[proposal.block_id] > 1:
            proposal = Proposal(f"{proposal.block_id}-{taken[proposal.block_id]}", proposal.kind, proposal.section,
                                proposal.wording, proposal.score, proposal.variants)
        unique.append(proposal)
    return unique


def _root(parent: list[int], i: int) -> int:
    """The group `i` belongs to (union-find with path halving)."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _block_id(wording: str) -> str:
    """A block id from the statement's first meaningful words ("to", "the", ... left out)."""
    words = [w for w in normalise(wording).split() if w not in {"to", "the", "a", "an", "and", "of", "in", "for",
                                                                "with", "as", "be", "on", "by", "or", "all"}]
    return slugify(" ".join(words[:4])) or "shared-statement"


def _near_copies(checked: Checked, statements: list[Statement], threshold: int) -> list[NearCopy]:
    """Local statements that re-type an item of an existing block."""
    resolver = Resolver(checked.files)
    items: list[tuple[str, Item]] = []
    for block_id in sorted(checked.files.blocks):
        for item in resolver.block_items(block_id, ()) or []:
            if item.block == block_id:  # each item once, in the block that writes it
                items.append((block_id, item))
    if not items or not statements:
        return []
    block_texts = [normalise(item.text) for _, item in items]
    out = []
    for statement in statements:
        match = process.extractOne(normalise(statement.text), block_texts, scorer=fuzz.token_sort_ratio,
                                   score_cutoff=threshold)
        if match is None:
            continue
        block_id, item = items[match[2]]
        if item.kind != statement.kind:
            continue
        out.append(NearCopy(statement, block_id, item.id or item.text, item.text, int(match[1])))
    return sorted(out, key=lambda c: (c.statement.post, c.statement.line or 0))
