"""The import report: per file, what was matched to blocks, kept in the school's words, recognised as the
trust's clauses, dropped as form boilerplate or signatures, and anything that could not be placed, each with
its place in the document; a summary line for a batch. Text for a data lead, JSON for scripts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from jobpack.errors import printable
from jobpack.importer import FileResult
from jobpack.importer.decide import EXACT_AT
from jobpack.importer.recognised import FATES


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return printable(text if len(text) <= n else text[: n - 1] + "…")


def counts(result: FileResult) -> dict[str, int]:
    outcomes = Counter(d.outcome for d in result.decisions)
    exact = sum(1 for d in result.decisions if d.outcome == "use" and d.match and d.match.score >= EXACT_AT)
    rec = result.recognised
    return {
        "statements": len(result.decisions),
        "matched": outcomes["use"] + outcomes["inherited"],
        "matched_exact": exact,
        "matched_near": outcomes["use"] - exact,
        "inherited": outcomes["inherited"],
        "kept_near": outcomes["near"],
        "kept_own": outcomes["own"] + outcomes["section"] + outcomes["post-clause"],
        "summary": outcomes["summary"],
        "clauses": outcomes["clause"],
        "repeats": outcomes["repeat"],
        "dropped": len(dropped(result)),
        "boilerplate": len(rec.dropped),
        "signatures": len(rec.signatures),
        "unplaced": len(unplaced(result)),
    }


def fates(result: FileResult) -> dict[str, int]:
    """How many of the document's lines became each thing (heading, statement, fact, row, clause, ...)."""
    found = Counter(line.became for line in result.account)
    return {fate: found[fate] for fate in FATES}


def left_out(result: FileResult) -> list[dict[str, str]]:
    """Every line the draft does not carry (boilerplate, repeats, lines left out), each with its reason."""
    return [{"line": a.where, "text": a.text, "became": a.became, "why": a.detail}
            for a in result.account if a.became in ("boilerplate", "left out")]


def dropped(result: FileResult) -> list[dict[str, str]]:
    """Every line not written into the draft as text: left out, boilerplate, signature lines (the draft has
    `signatures:`) and the trust's clauses (the trust prints its own wording); the count is this list's length."""
    return [{"where": a.where, "text": a.text, "why": a.detail, "became": a.became} for a in result.account
            if a.became in ("boilerplate", "left out", "signature")
            or a.became == "clause" and a.detail.startswith("the trust's")]


def unplaced(result: FileResult) -> list[dict[str, str]]:
    out = [
        {"where": n.where, "text": n.text, "why": "heading not recognised: its items were placed by content"}
        for n in result.recognised.headings
    ]
    out += [
        {"where": n.where, "text": n.text, "why": n.why + "; if it means one of the trust's areas or sections, "
         "list it under import: headings: in trust.yaml"}
        for n in result.recognised.marks if "kept as the post's own section" in n.why
    ]
    out += [
        {"where": d.statement.where, "text": d.statement.text, "why": d.note}
        for d in result.decisions
        if d.outcome in ("near", "own") and d.note
    ]
    return out


def as_dict(result: FileResult, root: Path) -> dict[str, Any]:
    def shown(path: Path | None) -> str | None:
        if path is None:
            return None
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            return str(path)

    decisions = []
    for d in result.decisions:
        entry: dict[str, Any] = {
            "where": d.statement.where,
            "text": d.statement.text,
            "outcome": d.outcome,
            "part": d.statement.part,
            "section": d.section,
        }
        if d.match:
            entry["closest"] = {
                "block": d.match.candidate.block,
                "item": d.match.candidate.item,
                "score": d.match.score,
            }
        if d.note:
            entry["note"] = d.note
        decisions.append(entry)
    rec = result.recognised
    return {
        "file": str(result.path),
        "post": shown(result.post_file) if not result.refused else None,
        "refused": result.refused or None,
        "counts": counts(result) if not result.refused or result.decisions else {},
        "facts": {k: {"value": f.value, "where": f.where} for k, f in rec.facts.items()},
        "pay": {
            "grade": result.terms.grade,
            "allowances": result.terms.allowances,
            "note": result.terms.pay_note,
            "salary": result.terms.salary_notes,
            "suggested_weeks_paid": result.terms.weeks_paid,
        },
        "statements": decisions,
        "lines": [{"line": a.where, "text": a.text, "became": a.became, "detail": a.detail} for a in result.account],
        "account": fates(result),
        "left_out": left_out(result),
        "dropped": dropped(result),
        "unplaced": unplaced(result),
        "problems": [
            {"file": p.file, "line": p.line, "severity": p.severity, "message": p.message} for p in result.problems
        ],
    }


_FATE_WORDS = {"heading": "headings", "statement": "statements", "fact": "key facts", "row": "section rows",
               "clause": "clauses", "signature": "signature lines", "boilerplate": "boilerplate",
               "left out": "left out"}


def _without_name(message: str, name: str) -> str:
    """A refusal without the file's name at its start (the report line already begins with it)."""
    if message.startswith(name):
        rest = message[len(name):].lstrip(" :")
        return rest[:1].upper() + rest[1:]
    return message


def as_text(result: FileResult, root: Path, detail: bool = True) -> list[str]:
    name = printable(result.path.name)
    if result.refused and not result.decisions:
        return [f"{name}: not imported. {_without_name(printable(result.refused), name)}"]
    data = as_dict(result, root)
    c = data["counts"]
    head = f"{name} -> {data['post']}" if data["post"] else f"{name}: {_without_name(printable(result.refused), name)}"
    lines = [
        head,
        f"  {c['statements']} statements: {c['matched']} use the trust's blocks ({c['matched_exact']} exact, "
        f"{c['matched_near']} near{', ' + str(c['inherited']) + ' from the role profile' if c['inherited'] else ''}), "
        f"{c['kept_near']} kept in the school's words with the closest block item named, {c['kept_own']} the "
        f"post's own, {c['summary']} summary; {c['clauses']} trust clauses and {c['repeats']} repeats left out",
        "  every line: " + ", ".join(f"{n} {_FATE_WORDS[fate]}" for fate, n in data["account"].items() if n),
    ]
    if not detail:
        return lines
    sections = [
        (
            "Matched to blocks",
            [d for d in result.decisions if d.outcome in ("use", "inherited")],
            lambda d: f"{d.match.candidate.block}: {d.match.candidate.item} ({d.match.score:g})",
        ),
        (
            "Kept in the school's words; the closest block item",
            [d for d in result.decisions if d.outcome == "near"],
            lambda d: f"{d.match.candidate.block}: {d.match.candidate.item} ({d.match.score:g})",
        ),
        (
            "The trust's clauses and repeats (not written as items)",
            [d for d in result.decisions if d.outcome in ("clause", "repeat")],
            lambda d: d.note,
        ),
    ]
    for title, chosen, describe in sections:
        if chosen:
            lines.append(f"  {title}:")
            lines += [
                f'    {printable(d.statement.where)}: {printable(describe(d))}  "{_short(d.statement.text)}"'
                for d in chosen
            ]
    if data["left_out"]:
        lines.append("  Left out of the draft, line by line (the --format json report has every line):")
        lines += [f'    {printable(n["line"])}: {printable(n["why"])}  "{_short(n["text"])}"' for n in data["left_out"]]
    places = data["unplaced"]
    if places:
        lines.append("  Check where these were placed:")
        lines += [f'    {printable(n["where"])}: {printable(n["why"])}  "{_short(n["text"])}"' for n in places]
    pay = result.terms
    if pay.grade or pay.pay_note or pay.salary_notes:
        lines.append(f"  Pay: {'grade ' + pay.grade + ' (from ' + pay.pay_note + ')' if pay.grade else pay.pay_note}")
        lines += [f"    {printable(note)}" for note in pay.salary_notes]
    if result.problems:
        errors = sum(p.severity == "error" for p in result.problems)
        lines.append(f"  jobpack check: {errors} errors, {len(result.problems) - errors} warnings in the draft")
        lines += [f"    {printable(p.format().splitlines()[0])}" for p in result.problems if p.severity == "error"]
    elif data["post"]:
        lines.append("  jobpack check: the draft passes")
    return lines


def shared_blocks(results: list[FileResult]) -> list[dict[str, Any]]:
    """The blocks a batch's documents share with each other (proposed once), with who uses them."""
    found: dict[str, Any] = {}
    for result in results:
        for block in result.shares:
            found[block.name] = {"block": block.name, "file": f"blocks/{block.file.name}", "area": block.section,
                                 "items": [{"id": i, "text": t} for i, t in block.items], "used_by": block.used_by}
    return list(found.values())


def shared_text(results: list[FileResult], dry_run: bool = False) -> list[str]:
    lines = []
    for block in shared_blocks(results):
        verb = "would be written" if dry_run else "written"
        lines.append(f"Shared by {len(block['used_by'])} documents: block {block['block']} ({block['file']}, "
                     f"{verb}), {len(block['items'])} item{'s' if len(block['items']) != 1 else ''} in "
                     f"'{block['area']}', used by {', '.join(block['used_by'])}")
        lines += [f"  {i['id']}: {_short(i['text'])}" for i in block["items"]]
    return lines


def batch_line(results: list[FileResult], dry_run: bool = False) -> str:
    written = [r for r in results if r.post_file and not r.refused]
    refused = len(results) - len(written)
    total = Counter()
    for r in written:
        total.update(counts(r))
    return (
        f"{len(results)} file{'s' if len(results) != 1 else ''}: {len(written)} draft"
        f"{'s' if len(written) != 1 else ''} {'drafted (--dry-run: none written)' if dry_run else 'written'}, "
        f"{refused} not imported; {total['statements']} statements, "
        f"{total['matched']} use blocks, {total['kept_near']} near, {total['kept_own']} own, "
        f"{total['dropped']} left out"
    )
