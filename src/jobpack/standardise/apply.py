"""`jobpack drift --apply BLOCK`: turn one proposal into a block and make every post that re-typed it use it.

The post files are edited as text at the lines the loader located, never re-dumped, so their comments,
order, quoting and every other line stay as the HR officer wrote them. Each variant's list entry becomes
`- use: BLOCK` (with `only: [ITEM]` when the block holds other items too); a second variant in the same
post is removed. The result is checked on a temporary copy of the trust first; only when that copy passes
`jobpack check` are the files written, all together, through `jobpack.atomic`.
"""

from __future__ import annotations

import difflib
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from jobpack.errors import InvalidTrust, Problem, did_you_mean
from jobpack.standardise.drift import Drift, Proposal, Statement, quoted

#: Keys an entry may have and still be replaced by the block's item without losing anything.
_PLAIN_KEYS = {"id", "text"}


@dataclass
class Change:
    """One post's entry that now uses the block (or was removed as a second copy of it)."""

    post: str
    file: str
    line: int
    before: str
    after: str  # "" when the entry was removed


@dataclass
class Plan:
    proposal: Proposal
    wording: str
    wording_number: int
    block_file: str
    item: str
    new_block: bool
    texts: dict[str, tuple[str | None, str]] = field(default_factory=dict)  # file -> (before, after)
    changes: list[Change] = field(default_factory=list)

    def diff(self) -> str:
        """The whole edit as a unified diff, file by file, as `git diff` would show it."""
        out: list[str] = []
        for file, (before, after) in self.texts.items():
            out += difflib.unified_diff((before or "").splitlines(keepends=True), after.splitlines(keepends=True),
                                        "/dev/null" if before is None else f"a/{file}", f"b/{file}")
        return "".join(line if line.endswith("\n") else line + "\n" for line in out)


def _problem(file: str, message: str, hint: str = "", line: int | None = None) -> InvalidTrust:
    return InvalidTrust([Problem(file, message, line, None, hint)])


def find_proposal(report: Drift, block_id: str) -> Proposal:
    for proposal in report.proposals:
        if proposal.block_id == block_id:
            return proposal
    ids = [p.block_id for p in report.proposals]
    hint = did_you_mean(block_id, ids, "proposal") if ids else ""
    raise _problem("jobpack drift", f"drift proposes no block called '{block_id}' (similarity "
                                           f"{report.threshold} or more).",
                           (hint + " " if hint else "") + "Run 'jobpack drift' to see the proposed blocks and "
                           "their ids; with '--threshold' the same as when you ran it.")


def plan(root: Path, report: Drift, block_id: str, wording_number: int = 1,
         blocks: Mapping[str, str] | None = None) -> Plan:
    """What --apply would write: the block file and every edited post file, before and after. `blocks`
    (block id -> its file) are the trust's blocks: a proposal named like one of them grows it."""
    proposal = find_proposal(report, block_id)
    wordings = proposal.wordings or (proposal.wording,)
    if not 1 <= wording_number <= len(wordings):
        listed = "; ".join(f"{n}: \"{w}\"" for n, w in enumerate(wordings, 1))
        raise _problem("jobpack drift", f"Proposal '{block_id}' has {len(wordings)} wording"
                       f"{'s' if len(wordings) != 1 else ''}, so there is no wording {wording_number}.",
                       f"Choose --wording from 1 to {len(wordings)}: {listed}.")
    wording = wordings[wording_number - 1]
    block_file = (blocks or {}).get(block_id, f"blocks/{block_id}.yaml")
    result = Plan(proposal, wording, wording_number, block_file, block_id, not (root / block_file).exists())
    if result.new_block:
        header = "# yaml-language-server: $schema=../schemas/block.schema.json\n"
        result.texts[block_file] = (None, header + proposal.block_yaml(wording))
    else:
        before = (root / block_file).read_text("utf-8")
        result.item, after = _grown_block(root, block_file, before, proposal, wording)
        result.texts[block_file] = (before, after)
    by_file: dict[str, list[Statement]] = {}
    for variant in proposal.variants:
        by_file.setdefault(variant.file, []).append(variant)
    for file, variants in by_file.items():
        before = (root / file).read_text("utf-8")
        after = _rewrite_post(file, before, variants, proposal, block_id,
                              None if result.new_block else result.item, result.changes)
        result.texts[file] = (before, after)
    return result


def _grown_block(root: Path, file: str, text: str, proposal: Proposal, wording: str) -> tuple[str, str]:
    """An existing block of the same area gets the wording as one more item (posts then use `only:`)."""
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError:
        data = None
    key = "area" if proposal.kind == "duties" else "category"
    if not isinstance(data, dict) or data.get(key) != proposal.section:
        raise _problem(file, f"There is already a block '{proposal.block_id}', and it is not for "
                       f"{'duty area' if key == 'area' else 'category'} '{proposal.section}'.",
                       "Rename that block, or add the wording to a block of your own by hand.")
    taken = {i.get("id") for i in data.get("items") or [] if isinstance(i, dict)}
    item, n = proposal.block_id, 2
    while item in taken:
        item, n = f"{proposal.block_id}-{n}", n + 1
    return item, text.rstrip("\n") + f"\n  - id: {item}\n    text: {quoted(wording)}\n"


def _entries(file: str, text: str, kind: str, section: str) -> list[yaml.Node]:
    """The list entries of `kind` / `section` in the post file, as nodes with their exact positions."""
    root = yaml.compose(text)
    for node in (root,):
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == kind and isinstance(value, yaml.MappingNode):
                    for skey, svalue in value.value:
                        if skey.value == section and isinstance(svalue, yaml.SequenceNode):
                            return list(svalue.value)
    raise _problem(file, f"Cannot find '{kind}: {section}:' in this file any more.",
                   "Run 'jobpack drift' again: the file changed since the proposal was made.")


def _entry_at(entries: list[yaml.Node], line: int) -> yaml.Node | None:
    for node in entries:
        lines = {node.start_mark.line + 1}
        if isinstance(node, yaml.MappingNode):
            lines |= {v.start_mark.line + 1 for k, v in node.value if k.value == "text"}
        if line in lines:
            return node
    return None


def _rewrite_post(file: str, text: str, variants: list[Statement], proposal: Proposal, block_id: str,
                  only: str | None, changes: list[Change]) -> str:
    """The post's text with its first variant's entry replaced by the `use:` and any further one removed."""
    entries = _entries(file, text, proposal.kind, proposal.section)
    spans: list[tuple[int, int, str, Statement]] = []
    for n, variant in enumerate(sorted(variants, key=lambda v: v.line or 0)):
        node = _entry_at(entries, variant.line or 0)
        if node is None:
            raise _problem(file, f"Cannot find \"{variant.text}\" at line {variant.line} any more.",
                           "Run 'jobpack drift' again: the file changed since the proposal was made.", variant.line)
        if isinstance(node, yaml.MappingNode) and {k.value for k, _ in node.value} - _PLAIN_KEYS:
            extra = sorted({k.value for k, _ in node.value} - _PLAIN_KEYS)
            raise _problem(file, f"This entry has its own {', '.join(extra)}, which the block's item would not "
                           "keep.", "Give the block's item the same by hand, or re-word this entry so drift does "
                           "not propose it.", node.start_mark.line + 1)
        start = text.rfind("-", 0, node.start_mark.index)  # the entry's dash, on its first line
        line_start = text.rfind("\n", 0, start) + 1
        end = node.end_mark.index
        while end > start and text[end - 1] in " \t\r\n":
            end -= 1
        if n == 0:
            indent = " " * (start - line_start)
            replacement = f"- use: {block_id}" + (f"\n{indent}  only: [{only}]" if only else "")
            spans.append((start, end, replacement, variant))
        else:  # a second copy in the same post: the whole entry goes, its lines with it
            line_end = text.find("\n", end)
            spans.append((line_start, len(text) if line_end < 0 else line_end + 1, "", variant))
    for start, end, replacement, variant in sorted(spans, key=lambda s: -s[0]):
        before = text[start:end]
        text = text[:start] + replacement + text[end:]
        changes.append(Change(variant.post, file, variant.line or 0, before.strip(), replacement))
    changes.sort(key=lambda c: (c.file, c.line))
    return text


def verify(root: Path, edit: Plan) -> None:
    """Check a temporary copy of the trust with the edit made; InvalidTrust (nothing written) on any error."""
    from jobpack.build.orchestrate import check

    with tempfile.TemporaryDirectory(prefix="jobpack-drift-") as tmp:
        copy = Path(tmp) / "trust"
        shutil.copytree(root, copy, symlinks=True, ignore=_not_trust)
        for file, (_before, after) in edit.texts.items():
            (copy / file).write_text(after, encoding="utf-8")
        errors = check(copy).errors
    if errors:
        raise InvalidTrust([*errors, Problem(edit.block_file, f"Applying '{edit.proposal.block_id}' would leave "
                                             "the problems above, so nothing was written.",
                                             hint="Fix them (or choose another proposal) and run it again.")])


def _not_trust(folder: str, names: list[str]) -> list[str]:
    """What the copy leaves out: hidden files and folders (.git), output folders and temporary files."""
    return [n for n in names if n.startswith(".") or n == "output" or n.endswith(".tmp")]


def write(root: Path, edit: Plan) -> None:
    """Every file of the edit at once: all replaced, or none."""
    from jobpack.atomic import write_files

    write_files({root / file: after.encode("utf-8") for file, (_before, after) in edit.texts.items()})
