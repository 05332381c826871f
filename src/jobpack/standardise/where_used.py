"""`jobpack where-used BLOCK[/ITEM]` and `jobpack show POST --sources`: the use records, read both ways.

Composition records every `use` a post reaches, with the file and line it is written on and the chain of
profiles and blocks in between (`UseRecord`). Here those records answer "which posts use this block (or
this duty)?" — for role profiles too, which are never built — and "what does this post draw on?".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jobpack.check.validate import Checked
from jobpack.compose.post import Item, ResolvedPost, UseRecord
from jobpack.compose.resolve import Resolver
from jobpack.errors import InvalidTrust, Problem, did_you_mean


@dataclass(frozen=True)
class Usage:
    """One post or role profile that reaches the block, and how."""

    post: str  # post or profile id
    profile: bool
    school: str  # the school's id ("" for a profile)
    uses: tuple[UseRecord, ...]  # every `use` of the block it reaches, where written, with the chain
    items: tuple[str, ...]  # the item ids (or texts) of the block the post ends with
    omitted: tuple[str, ...]  # the block's items the post leaves out (omit, only or a top-level omit)


@dataclass(frozen=True)
class WhereUsed:
    block: str
    file: str
    item: str | None  # the item asked about, if any
    usages: tuple[Usage, ...] = field(default_factory=tuple)

    @property
    def posts(self) -> list[Usage]:
        return [u for u in self.usages if not u.profile]

    @property
    def profiles(self) -> list[Usage]:
        return [u for u in self.usages if u.profile]


def _key(item: Item) -> str:
    return item.id or item.text


def where_used(checked: Checked, target: str) -> WhereUsed:
    """Every post and role profile that uses the block `target` ("BLOCK" or "BLOCK/ITEM"), transitively.

    Raises InvalidTrust (with a suggestion) for a block or item that does not exist."""
    block, _, item = target.partition("/")
    blocks = checked.files.blocks
    if block not in blocks:
        raise InvalidTrust([Problem("(command line)", f"There is no block called '{block}'.",
                                    hint=did_you_mean(block, blocks, "block") + " Blocks are the files in blocks/.")])
    resolver = Resolver(checked.files)  # one for the whole query: it memoises every block it composes
    everything = [_key(i) for i in resolver.block_items(block, ()) or []]
    if item and item not in everything:
        raise InvalidTrust([Problem(blocks[block].file, f"Block '{block}' has no item '{item}'.",
                                    hint=did_you_mean(item, everything, "item id"))])
    inside = {block} | {u.block for u in resolver.transitive_uses([UseRecord(block, "", None, None)])}
    usages = []
    for post_id, uses, items in _compositions(checked, resolver):
        reached = tuple(u for u in uses if u.block == block)
        if not reached:
            continue
        kept = [_key(i) for i in items if i.block in inside and _key(i) in everything]
        omitted = tuple(i for i in everything if i not in kept)
        if item:
            kept = [k for k in kept if k == item]
            omitted = tuple(o for o in omitted if o == item)
        loaded = checked.files.posts[post_id]
        post = checked.posts.get(post_id)
        usages.append(Usage(post_id, loaded.model.profile, post.school.id if post else (loaded.model.school or ""),
                            reached, tuple(kept), omitted))
    return WhereUsed(block, blocks[block].file, item or None, tuple(sorted(usages, key=lambda u: (u.profile, u.post))))


def _compositions(checked: Checked, resolver: Resolver) -> list[tuple[str, list[UseRecord], list[Item]]]:
    """(post id, every use it reaches, its items) for every built post and every role profile."""
    out: list[tuple[str, list[UseRecord], list[Item]]] = []
    for post_id in sorted(checked.files.posts):
        post = checked.posts.get(post_id)
        if post is not None:
            out.append((post_id, post.uses, post.duties + post.criteria))
            continue
        partial = resolver.partial(post_id)
        if partial is not None and checked.files.posts[post_id].model.profile:
            out.append((post_id, resolver.transitive_uses(partial.uses), partial.duties + partial.criteria))
    return out


@dataclass(frozen=True)
class Source:
    """A block or profile a post draws on, and where the post (or its chain) brings it in."""

    kind: str  # "profile" or "block"
    name: str
    file: str  # where it is defined
    used_at: str  # "posts/x.yaml:12" (the `use:` or `extends:` line)
    via: tuple[str, ...]
    items: int  # how many of the post's duties and criteria come from it (directly)


def sources(post: ResolvedPost, checked: Checked) -> list[Source]:
    """Every role profile and block `post` draws on, in composition order."""
    out = []
    chain = [post.id, *post.extends]
    for child, parent in zip(chain, chain[1:], strict=False):
        loaded = checked.files.posts[child]
        line = loaded.doc.where(("extends",))[0]
        parent_file = checked.files.posts[parent].file
        count = sum(1 for i in post.duties + post.criteria + post.summary if i.file == parent_file and not i.block)
        out.append(Source("profile", parent, parent_file, f"{loaded.file}:{line}", (), count))
    printed = {"duties": "job-description" in post.documents, "criteria": "person-specification" in post.documents}
    blocks: dict[str, Source] = {}
    for use in post.uses:
        block = checked.files.blocks[use.block]
        if not printed.get(block.model.kind, True):
            continue  # a person-specification block (trust.yaml's criteria) on a post with no person specification
        at = f"{use.file}:{use.line}"
        known = blocks.get(use.block)
        if known is not None:  # one block brought in at two places: listed once, with both places
            if at not in known.used_at.split(", "):
                blocks[use.block] = Source("block", known.name, known.file, f"{known.used_at}, {at}", known.via,
                                           known.items)
            continue
        count = sum(1 for i in post.duties + post.criteria if i.block == use.block)
        blocks[use.block] = Source("block", use.block, block.file, at, use.via, count)
    return out + list(blocks.values())
