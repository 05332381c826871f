"""Blocks a batch's documents share with each other: statements in the school's words that two or more of the
imported documents have (similarity at the trust's use threshold) become items of a new block, proposed once
(`blocks/shared-<area>.yaml`), and every draft that has one uses the block instead of its own copy. A trust's
first import of a school's archive so starts a library instead of N posts that each repeat the same duties."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process

from jobpack.importer.account import account
from jobpack.importer.decide import Decision, school_variables
from jobpack.importer.draft import scalar
from jobpack.importer.match import Candidate, Match, normalise, similarity
from jobpack.load.models.base import slugify

if TYPE_CHECKING:
    from jobpack.importer import FileResult, Importer


@dataclass
class SharedBlock:
    name: str
    kind: str  # "duties" or "criteria"
    section: str
    file: Path
    items: list[tuple[str, str]] = field(default_factory=list)  # (id, text)
    used_by: list[str] = field(default_factory=list)  # the documents' file names
    text: str = ""


def _clusters(pool: list[tuple[int, Decision]], at: float) -> list[list[tuple[int, Decision]]]:
    """Groups of statements from different documents that say the same thing (union of similar pairs)."""
    parent = list(range(len(pool)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    norms = [normalise(d.statement.text) for _, d in pool]
    by_text: dict[tuple[str, str, str], list[int]] = {}  # the same words in one area: joined without scoring
    for i, (_, d) in enumerate(pool):
        if norms[i]:
            by_text.setdefault((d.kind, d.section or "", norms[i]), []).append(i)
    for members in by_text.values():
        for i in members[1:]:
            parent[find(i)] = find(members[0])
    by_section: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for (kind, section, norm), members in by_text.items():
        by_section.setdefault((kind, section), []).append((norm, members[0]))
    for texts in by_section.values():  # distinct wordings, area by area, every pair in rapidfuzz's C code
        if len(texts) < 2:
            continue
        words = [t for t, _ in texts]
        scores = (process.cdist(words, words, scorer=fuzz.token_set_ratio, dtype=np.float32, workers=-1)
                  + process.cdist(words, words, scorer=fuzz.token_sort_ratio, dtype=np.float32, workers=-1)) / 2
        for a, b in zip(*np.nonzero(scores >= at), strict=True):
            if a < b:
                parent[find(texts[a][1])] = find(texts[b][1])
    groups: dict[int, list[tuple[int, Decision]]] = {}
    for i, member in enumerate(pool):
        groups.setdefault(find(i), []).append(member)
    return [g for g in groups.values() if len({n for n, _ in g}) >= 2]


def share(importer: Importer, results: list[FileResult]) -> list[SharedBlock]:
    """Find what the batch's drafts share, make the blocks, and redraw the drafts that use them."""
    live = [r for r in results if r.post_file and not r.refused and r.redraw is not None]
    if len(live) < 2:
        return []
    pool = [(n, d) for n, r in enumerate(live) for d in r.decisions
            if d.outcome in ("own", "near") and d.section and d.statement.part in ("duties", "criteria")
            and not d.statement.one_of]
    at = importer.options.use_at or importer.trust.import_.use_at
    blocks: dict[tuple[str, str], SharedBlock] = {}
    taken = set(importer.library.block_items)
    ids = {c.item for c in importer.library.candidates}
    for group in _clusters(pool, at):
        kind = group[0][1].kind
        section = Counter(d.section for _, d in group).most_common(1)[0][0] or ""
        block = blocks.get((kind, section))
        if block is None:
            name, n = f"shared-{section}", 2
            while name in taken:
                name, n = f"shared-{section}-{n}", n + 1
            taken.add(name)
            while (importer.root / "blocks" / f"{name}.yaml").exists():
                name = f"{name}-new"
            file = importer.root / "blocks" / f"{name}.yaml"
            block = blocks[(kind, section)] = SharedBlock(name, kind, section, file)
        first_n, first = group[0]
        text = school_variables(first.statement.text, live[first_n].names)
        ident = slugify(" ".join(normalise(text).split()[:4]))[:40] or "item"
        base, k = ident, 2
        while ident in ids:  # unique across the trust's items and every shared block: a post may use several
            ident, k = f"{base}-{k}", k + 1
        ids.add(ident)
        block.items.append((ident, text))
        candidate = Candidate(block.name, ident, text, section, kind, len(block.items) - 1, normalise(text))
        seen: set[int] = set()
        for n, d in group:
            score = round(similarity(normalise(d.statement.text), candidate.norm), 1)
            if n in seen:
                continue  # a second, similar line of the same document keeps its own wording
            seen.add(n)
            others = len({m for m, _ in group}) - 1
            d.outcome, d.section, d.match = "use", section, Match(candidate, score)
            d.note = (f"{others} other document{'s' if others != 1 else ''} of this import "
                      f"{'say' if others != 1 else 'says'} the same: the proposed block {block.name}")
            name = live[n].path.name
            if name not in block.used_by:
                block.used_by.append(name)
    for block in blocks.values():
        importer.library.block_items[block.name] = [i for i, _ in block.items]
        importer.library.block_sections[block.name] = block.section
        block.text = _block_text(block, importer)
    for result in live:
        if any(d.match and d.match.candidate.block in {b.name for b in blocks.values()} for d in result.decisions):
            assert result.redraw is not None
            result.text = result.redraw()
            if result.source is not None:
                result.account = account(result.source, result.recognised, result.decisions)
            result.shares = [b for b in blocks.values() if result.path.name in b.used_by]
    return list(blocks.values())


def _block_text(block: SharedBlock, importer: Importer) -> str:
    key = "area" if block.kind == "duties" else "category"
    titles = {s.id: s.title for s in [*importer.trust.duty_areas, *importer.trust.criteria_categories]}
    lines = [f"# Proposed by 'jobpack import': statements {', '.join(block.used_by)} share. Review the wording,",
             "# then keep the block (the drafts use it) or delete it and the drafts' use: lines.",
             f"{key}: {block.section}",
             f"title: {scalar(titles.get(block.section, block.section) + ' (shared by imported documents)')}",
             "items:"]
    for ident, text in block.items:
        lines += [f"  - id: {ident}", f"    text: {scalar(text)}"]
    return "\n".join(lines) + "\n"
