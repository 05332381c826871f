"""Compose blocks and lists of entries: `use` inserts a block (its nested blocks expanded), `only`, `omit`
and `override` adjust what it brings, and every item keeps the file and line it was written on.

Each block is composed once per resolver (memoised) and what one block or post may compose to is bounded
(`MAX_ITEMS`, checked before anything is copied), so blocks that use the same blocks again, level after
level, cost time in proportion to the number of blocks instead of doubling with every level.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from jobpack.compose.post import Item, UseRecord
from jobpack.errors import Problem, did_you_mean
from jobpack.load import Loaded, TrustFiles
from jobpack.load.models.blocks import Block, CriterionChange, Entry

MAX_NESTING = 30
"""How deep blocks may include blocks, and posts may extend posts. Real trusts need two or three levels;
the limit turns a pathological chain (hundreds deep) into a located message instead of a crash."""

MAX_ITEMS = 1000
"""How many duties and criteria (and uses of blocks) one block or post may bring together. Real posts have
a few dozen; blocks that each use the next two would otherwise double the post at every level."""


class Blocks:
    """Composes a trust's blocks and entry lists once each; problems are collected in `problems`."""

    def __init__(self, files: TrustFiles) -> None:
        assert files.trust is not None
        self.files = files
        self.trust = files.trust.model
        self.problems: list[Problem] = []
        self._blocks: dict[str, list[Item] | None] = {}
        self._block_uses: dict[str, list[UseRecord]] = {}  # block id -> the `use` entries written in it
        self._use_counts: dict[str, int] = {}  # block id -> how many `use` entries it reaches, nested ones too
        self._block_stack: list[str] = []
        self.methods = {m.code for m in self.trust.assessment_methods}
        self.areas = {a.id for a in self.trust.duty_areas}
        self.categories = {c.id for c in self.trust.criteria_categories}
        self.category_assessed = {c.id: c.assessed for c in self.trust.criteria_categories if c.assessed}

    # ------------------------------------------------------------ blocks

    def block_items(self, block_id: str, chain: tuple[str, ...]) -> list[Item] | None:
        """The block's items with nested blocks expanded; None if the block has errors."""
        if block_id in self._blocks:
            return self._blocks[block_id]
        loaded = self.files.blocks[block_id]
        if block_id in self._block_stack:
            cycle = self._block_stack[self._block_stack.index(block_id):] + [block_id]
            self.problems.append(loaded.doc.problem(
                ("items",), "Blocks include each other in a circle: " + " -> ".join(cycle) + ".",
                "Remove one of these 'use' entries.", chain=chain))
            return None
        if len(self._block_stack) >= MAX_NESTING:
            self.problems.append(loaded.doc.problem(
                ("items",), f"Blocks include other blocks more than {MAX_NESTING} levels deep here ("
                + " -> ".join([*self._block_stack[:3], "...", block_id]) + ").",
                "Use the blocks you need directly in the post instead of nesting them so deeply.", chain=chain))
            self._blocks[block_id] = None
            return None
        self._block_stack.append(block_id)
        block = loaded.model
        section_ok = self._check_section(block, loaded)
        items = self.entries(block.items, block.kind, block.section, loaded, ("items",),
                             chain + (loaded.file,), default_assessed=block.assessed, block_id=block_id,
                             uses=self._block_uses.setdefault(block_id, []))
        self._block_stack.pop()
        result = items if (items is not None and section_ok) else None
        self._blocks[block_id] = result
        return result

    def _check_section(self, block: Block, loaded: Loaded[Block]) -> bool:
        known = self.areas if block.area else self.categories
        if block.section in known:
            return True
        key = "area" if block.area else "category"
        what = "duty area" if block.area else "person-spec category"
        self.problems.append(loaded.doc.problem(
            (key,), f"'{block.section}' is not a {what} in trust.yaml.", did_you_mean(block.section, known)))
        return False

    # ------------------------------------------------------------ entries

    def entries(self, entries: list[Entry], kind: str, section: str, where: Loaded[Any],
                path: tuple[Any, ...], chain: tuple[str, ...], default_assessed: list[str] | None = None,
                block_id: str | None = None, uses: list[UseRecord] | None = None) -> list[Item] | None:
        """Expand a list of entries (block items or a post's list for one area/category); each `use` is
        appended to `uses` with the place it is written."""
        out: list[Item] = []
        ok = True
        reached = 0  # `use` entries reached, nested ones too: bounded like the items
        for i, entry in enumerate(entries):
            here = path + (i,)
            if entry.use is not None:
                if uses is not None:
                    line, column = where.doc.where(here + ("use",))
                    uses.append(UseRecord(entry.use, where.file, line, column, omit=tuple(entry.omit),
                                          only=tuple(entry.only) if entry.only is not None else None))
                items = self._use(entry, kind, section, where, here, chain)
                reached += 1 + self._use_counts.get(entry.use, 0)
                if items is None:
                    ok = False
                elif len(out) + len(items) > MAX_ITEMS or reached > MAX_ITEMS:
                    return self._too_many(where, here + ("use",), chain, block_id)
                else:
                    at = (where.file, where.doc.where(here + ("use",))[0])
                    out += [replace(i, used_at=at) for i in items]
                continue
            item = self._item(entry, kind, section, where, here, default_assessed, block_id, chain)
            if item is None:
                ok = False
            elif len(out) >= MAX_ITEMS:
                return self._too_many(where, here, chain, block_id)
            else:
                out.append(item)
        if block_id is not None:
            self._use_counts[block_id] = reached
        return out if ok else None

    def _too_many(self, where: Loaded[Any], path: tuple[Any, ...], chain: tuple[str, ...],
                  block_id: str | None) -> None:
        """Report a block or post that would bring together more than MAX_ITEMS items (checked before they
        are copied, so a pathological chain costs no more than a large post)."""
        what = f"block '{block_id}'" if block_id else "this post"
        self.problems.append(where.doc.problem(
            path, f"This brings {what} to more than {MAX_ITEMS:,} duties, criteria or uses of blocks: the blocks "
            "it uses use the same blocks again, level after level, so their items multiply.",
            "Use each block once, where it is needed, instead of through several blocks that each use it.",
            chain=chain[:-1] if block_id else chain))
        return None

    def _item(self, entry: Entry, kind: str, section: str, where: Loaded[Any], here: tuple[Any, ...],
              default_assessed: list[str] | None, block_id: str | None, chain: tuple[str, ...]) -> Item | None:
        line = where.doc.where(here)[0]
        if kind == "duties":
            extra = [k for k in ("one_of", "need", "assessed", "level") if getattr(entry, k) is not None]
            if extra:
                self.problems.append(where.doc.problem(
                    here + (extra[0],), f"'{extra[0]}' is for person-spec criteria, not duties.",
                    "Remove it, or move the item to a criteria block.", chain=chain[:-1]))
                return None
            return Item(kind, section, entry.text or "", entry.id, file=where.file, line=line, block=block_id)
        if entry.assessed is not None:
            assessed = entry.assessed
        elif default_assessed is not None:
            assessed = default_assessed
        else:
            assessed = self.category_assessed.get(section) or []
        if not self._check_codes(assessed, where, here + ("assessed",), chain):
            return None
        return Item(kind, section, entry.text or " or ".join(entry.one_of or []), entry.id,
                    tuple(entry.one_of or ()), entry.need or "essential", tuple(assessed), entry.level,
                    where.file, line, block_id)

    def _check_codes(self, codes: list[str], where: Loaded[Any], path: tuple[Any, ...],
                     chain: tuple[str, ...]) -> bool:
        bad = [c for c in codes if c not in self.methods]
        for code in bad:
            self.problems.append(where.doc.problem(
                path, f"'{code}' is not an assessment method in trust.yaml.",
                did_you_mean(code, self.methods, "assessment method"), chain=chain[:-1]))
        return not bad

    def _use(self, entry: Entry, kind: str, section: str, where: Loaded[Any], here: tuple[Any, ...],
             chain: tuple[str, ...]) -> list[Item] | None:
        block_id = entry.use or ""
        loaded = self.files.blocks.get(block_id)
        if loaded is None and block_id in self.files.broken_blocks:
            return None  # the block's own file has errors, reported there
        if loaded is None:
            self.problems.append(where.doc.problem(
                here + ("use",), f"There is no block called '{block_id}'.",
                did_you_mean(block_id, self.files.blocks, "block") + " Blocks are the files in blocks/.",
                chain=chain[:-1]))
            return None
        block = loaded.model
        if block.kind != kind or block.section != section:
            wanted = f"duty area '{section}'" if kind == "duties" else f"person-spec category '{section}'"
            has = f"duty area '{block.section}'" if block.kind == "duties" else f"category '{block.section}'"
            self.problems.append(where.doc.problem(
                here + ("use",), f"Block '{block_id}' is for {has}, so it cannot be used under {wanted}.",
                f"Move this entry under '{block.section}', or use a block written for '{section}'.",
                chain=chain[:-1]))
            return None
        items = self.block_items(block_id, chain)
        if items is None:
            return None
        if entry.only is not None:
            items = self._only(items, entry.only, where, here + ("only",), chain, f"block '{block_id}'")
            if items is None:
                return None
        items = self._omit(items, entry.omit, where, here + ("omit",), chain, f"block '{block_id}'")
        if items is None:
            return None
        return self._override(items, entry.override, where, here + ("override",), chain, f"block '{block_id}'")

    def _only(self, items: list[Item], only: list[str], where: Loaded[Any], path: tuple[Any, ...],
              chain: tuple[str, ...], scope: str) -> list[Item] | None:
        """The items named in `only`, in the order written there."""
        by_id = {i.id: i for i in items if i.id}
        ok = True
        for n, item_id in enumerate(only):
            if item_id not in by_id:
                ok = False
                self.problems.append(where.doc.problem(
                    path + (n,), f"Nothing in {scope} has the id '{item_id}', so it cannot be picked with 'only'.",
                    did_you_mean(item_id, by_id, "item id"), chain=chain[:-1]))
            elif item_id in only[:n]:
                ok = False
                self.problems.append(where.doc.problem(
                    path + (n,), f"'{item_id}' is listed twice in 'only'.", "List each item once."))
        return [by_id[i] for i in only] if ok else None

    def _omit(self, items: list[Item], omit: list[str], where: Loaded[Any], path: tuple[Any, ...],
              chain: tuple[str, ...], scope: str) -> list[Item] | None:
        ids = {i.id for i in items if i.id}
        ok = True
        for n, item_id in enumerate(omit):
            if item_id not in ids:
                ok = False
                self.problems.append(where.doc.problem(
                    path + (n,), f"Nothing in {scope} has the id '{item_id}', so it cannot be omitted.",
                    did_you_mean(item_id, ids, "item id"), chain=chain[:-1]))
        return [i for i in items if i.id not in set(omit)] if ok else None

    def _override(self, items: list[Item], changes: dict[str, CriterionChange], where: Loaded[Any],
                  path: tuple[Any, ...], chain: tuple[str, ...], scope: str) -> list[Item] | None:
        if not changes:
            return items
        criteria_ids = {i.id for i in items if i.id and i.kind == "criteria"}
        ok = True
        for item_id, change in changes.items():
            if item_id not in criteria_ids:
                ok = False
                self.problems.append(where.doc.problem(
                    path + (item_id,), f"No criterion in {scope} has the id '{item_id}', so it cannot be "
                    "overridden.", did_you_mean(item_id, criteria_ids, "criterion id"), key=True,
                    chain=chain[:-1]))
            elif change.assessed is not None and not self._check_codes(
                    change.assessed, where, path + (item_id, "assessed"), chain):
                ok = False
        if not ok:
            return None
        out = []
        for item in items:
            change = changes.get(item.id or "")
            if change is not None and item.kind == "criteria":
                item = replace(item, need=change.need or item.need,
                               assessed=tuple(change.assessed) if change.assessed is not None else item.assessed,
                               level=change.level if change.level is not None else item.level)
            out.append(item)
        return out

    def transitive_uses(self, direct: list[UseRecord]) -> list[UseRecord]:
        """`direct` with, after each, the `use` entries inside that block (and inside those), in order."""
        out: list[UseRecord] = []

        def walk(record: UseRecord, depth: int) -> None:
            out.append(record)
            if depth < MAX_NESTING:
                for inner in self._block_uses.get(record.block, []):
                    walk(replace(inner, via=(*record.via, record.block)), depth + 1)

        for record in direct:
            walk(record, 0)
        return out

