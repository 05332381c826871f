"""`jobpack drift`: where schools have written the same statement in their own words, and how much of each
post comes from the trust's shared blocks and role profiles.

A statement is *local* when a post (not a block, not a role profile, not trust.yaml) writes it. Local
statements are compared on what they say (`meaning`: content words, stemmed, school synonyms as one, any
order; 0-100, offline and deterministic):

* local statements of two or more posts that say the same form a group (per duty area or category), and
  each group is proposed as a shared block: the suggested wording (the most common variant; ties: the one
  closest to all the others), the posts and their variants, the score, and the block file ready to paste;
* a local statement that is a near-copy of an existing block item names the block and item to use instead;
* each post's standardisation share is the part of its duties and criteria that come from blocks, role
  profiles and trust-wide criteria; per school and for the trust, the share of all their statements.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

import yaml
from rapidfuzz import fuzz

from jobpack.check.validate import Checked
from jobpack.compose.post import Item, ResolvedPost
from jobpack.compose.resolve import Resolver
from jobpack.load.models.base import slugify
from jobpack.standardise.like_roles import LikeRoles, like_roles
from jobpack.standardise.meaning import concepts, similar_pairs, text_similarity

DEFAULT_THRESHOLD = 80
"""Similarity (meaning.similarity, 0-100) from which two statements count as one written twice: at 80 a
statement of five content words may differ from another by one everyday word, or be longer by one word."""


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
    wordings: tuple[str, ...] = ()  # the distinct wordings, most common first: `drift --apply --wording N`

    def block_yaml(self, wording: str | None = None) -> str:
        """The proposed block file for blocks/<block_id>.yaml (valid YAML whatever the wording holds)."""
        key = "area" if self.kind == "duties" else "category"
        return (f"# blocks/{self.block_id}.yaml — proposed by jobpack drift from "
                f"{len({v.post for v in self.variants})} posts\n{key}: {self.section}\nitems:\n"
                f"  - id: {self.block_id}\n    text: {quoted(wording or self.wording)}\n")


def quoted(text: str) -> str:
    """`text` as one double-quoted YAML scalar: backslashes, quotes and control characters escaped."""
    return yaml.safe_dump(text, default_style='"', width=1_000_000, allow_unicode=True).rstrip("\n")


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
    like_roles: list[LikeRoles] = field(default_factory=list)


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
    result.like_roles = like_roles(checked, threshold)
    return result


def _groups(statements: list[Statement], threshold: int) -> list[Proposal]:
    """Groups of local statements that say the same thing (meaning.similarity >= threshold) in two or more
    posts, per duty area or person-spec category (a block serves one). Statements with the same concepts
    are compared once, so a trust of copied posts costs what its distinct statements cost."""
    proposals: list[Proposal] = []
    pools: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for statement in statements:  # each pool in the statements' order
        pools[(statement.kind, statement.section)].append(statement)
    for key in sorted(pools):
        pool = pools[key]
        distinct: dict[frozenset[str], list[int]] = {}
        for i, statement in enumerate(pool):
            distinct.setdefault(concepts(statement.text), []).append(i)
        sets = list(distinct)
        parent = list(range(len(sets)))
        for a, b, _score in similar_pairs(sets, threshold):
            parent[_root(parent, b)] = _root(parent, a)
        members: dict[int, list[int]] = defaultdict(list)
        for n in range(len(sets)):
            members[_root(parent, n)].append(n)
        for group in members.values():
            indices = sorted(i for n in group for i in distinct[sets[n]])
            if len({pool[i].post for i in indices}) < 2:
                continue
            proposals.append(_proposal([pool[i] for i in indices]))
    proposals.sort(key=lambda p: (-len({v.post for v in p.variants}), -p.score, p.block_id))
    taken: Counter[str] = Counter()
    unique = []
    for proposal in proposals:  # two proposals never suggest the same block id
        taken[proposal.block_id] += 1
        if taken[proposal.block_id] > 1:
            proposal = replace(proposal, block_id=f"{proposal.block_id}-{taken[proposal.block_id]}")
        unique.append(proposal)
    return unique


def _proposal(variants: list[Statement]) -> Proposal:
    """One proposal: its wordings, most common first (ties for the first place: the one most like the others
    in meaning, then in spelling, then the first written; other ties: the first written), and the lowest
    similarity between the first wording and a variant."""
    counts = Counter(v.text for v in variants)
    first_seen = {text: n for n, text in reversed(list(enumerate(v.text for v in variants)))}

    texts = list(counts)
    spelt = [normalise(t) for t in texts]

    def closeness(text: str) -> tuple[float, float]:  # in meaning, then in spelling; each distinct text once
        # fuzz.ratio to each text, rounded to single precision as process.cdist gives it (the sums, and so
        # the ties, stay what they were), without cdist's NumPy
        spelling = array("f", [fuzz.ratio(normalise(text), other) for other in spelt])
        return (sum(n * text_similarity(text, other) for other, n in counts.items()),
                sum(counts[other] * spelling[m] for m, other in enumerate(texts)))

    top = max(counts.values())
    tied = sorted((t for t in counts if counts[t] == top), key=lambda t: (*(-x for x in closeness(t)), first_seen[t]))
    rest = sorted((t for t in counts if counts[t] < top), key=lambda t: (-counts[t], first_seen[t]))
    wordings = (*tied, *rest)
    score = int(min(text_similarity(wordings[0], other) for other in counts))
    ordered = tuple(sorted(variants, key=lambda s: (s.post, s.line or 0)))
    return Proposal(_block_id(wordings[0]), variants[0].kind, variants[0].section, wordings[0], score, ordered,
                    wordings)


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
    """Local statements that say what an item of an existing block says (same kind of statement)."""
    resolver = Resolver(checked.files)
    items: list[tuple[str, Item]] = []
    for block_id in sorted(checked.files.blocks):
        for item in resolver.block_items(block_id, ()) or []:
            if item.block == block_id:  # each item once, in the block that writes it
                items.append((block_id, item))
    if not items or not statements:
        return []
    targets = [concepts(item.text) for _, item in items]
    distinct: dict[tuple[str, frozenset[str]], list[int]] = {}  # each distinct statement compared once
    for n, statement in enumerate(statements):
        distinct.setdefault((statement.kind, concepts(statement.text)), []).append(n)
    keys = list(distinct)
    best: dict[int, tuple[float, int]] = {}
    for a, b, score in similar_pairs([*targets, *(k[1] for k in keys)], threshold):
        if a < len(targets) <= b:  # a block item and a post's statement (targets come first)
            q, i = b - len(targets), a
            if items[i][1].kind == keys[q][0] and (q not in best or score > best[q][0]):
                best[q] = (score, i)
    found = {n: best[q] for q, members in enumerate(distinct.values()) if q in best for n in members}
    out = []
    for n, (score, i) in found.items():
        block_id, item = items[i]
        out.append(NearCopy(statements[n], block_id, item.id or item.text, item.text, int(score)))
    return sorted(out, key=lambda c: (c.statement.post, c.statement.line or 0))
