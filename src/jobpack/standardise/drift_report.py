"""`jobpack drift` worded for people (text) and for scripts and dashboards (JSON)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from jobpack.errors import printable
from jobpack.standardise.drift import Drift, Share
from jobpack.standardise.like_roles import NOT_A_FINDING, LikeRoles

MORE = 3  # extra duties listed per post before "and N more"
SHORT = 90  # characters of each listed duty


def _share(s: Share) -> dict[str, Any]:
    return {"name": s.name, "shared": s.shared, "local": s.local, "percent_shared": s.percent}


def _like(group: LikeRoles) -> dict[str, Any]:
    posts = []
    for row in group.posts:
        data = asdict(row)
        data["hours_value"] = float(row.hours_value) if row.hours_value is not None else None
        data["extra_duties"] = list(row.extra_duties)
        posts.append(data)
    return {"reasons": list(group.reasons), "posts": posts, "flags": list(group.flags)}


def as_data(report: Drift) -> dict[str, Any]:
    return {
        "threshold": report.threshold,
        "proposed_blocks": [{"block": p.block_id, "kind": p.kind, "section": p.section, "wording": p.wording,
                             "wordings": list(p.wordings), "score": p.score, "block_yaml": p.block_yaml(),
                             "variants": [{"post": v.post, "school": v.school, "text": v.text, "file": v.file,
                                           "line": v.line} for v in p.variants]} for p in report.proposals],
        "near_copies": [{"post": n.statement.post, "file": n.statement.file, "line": n.statement.line,
                         "text": n.statement.text, "block": n.block, "item": n.item, "item_text": n.item_text,
                         "score": n.score} for n in report.near_copies],
        "posts": [_share(s) for s in report.posts], "schools": [_share(s) for s in report.schools],
        "trust": _share(report.trust),
        "like_roles": {"note": NOT_A_FINDING, "groups": [_like(g) for g in report.like_roles]},
    }


def as_text(report: Drift, out: Callable[[str], None]) -> None:
    def say(text: str = "") -> None:
        out(printable(text))

    say(f"Statements that say the same in several posts (similarity {report.threshold} or more):")
    if not report.proposals:
        say("  none.")
    for proposal in report.proposals:
        posts = sorted({v.post for v in proposal.variants})
        say()
        say(f"  Proposed block '{proposal.block_id}' ({proposal.section}), {len(posts)} posts, "
            f"similarity {proposal.score}+:")
        for variant in proposal.variants:
            say(f"    {variant.where}  {variant.text}")
        if len(proposal.wordings) > 1:
            say("    Wordings (--wording N; 1 is the most common):")
            for n, wording in enumerate(proposal.wordings, 1):
                say(f"      {n}. {wording}")
        say(f"    Make it a block used by each of these posts: jobpack drift --apply {proposal.block_id}"
            + (f" --threshold {report.threshold}" if report.threshold != 80 else "") + " (--dry-run to see the edit)")
        say("    or paste this into blocks/ and 'use' it in each post instead:")
        for line in proposal.block_yaml().splitlines():
            say(f"      {line}")
    say()
    say("Local text that re-types an item the trust already has:")
    if not report.near_copies:
        say("  none.")
    for copy in report.near_copies:
        say(f"  {copy.statement.where}  {copy.statement.text}")
        say(f"    is {copy.score}% like {copy.block}/{copy.item}: \"{copy.item_text}\" - "
            f"write '- use: {copy.block}' with 'only: [{copy.item}]' instead")
    like_roles_text(report, say)
    say()
    say("Shared (from blocks, role profiles and trust-wide criteria) against local text:")
    for share in [*report.posts, *report.schools]:
        say(f"  {share.name:55} {share.percent:5.1f}% shared  ({share.shared} shared, {share.local} local)")
    say(f"  {'the trust':55} {report.trust.percent:5.1f}% shared  ({report.trust.shared} shared, "
        f"{report.trust.local} local)")


def like_roles_text(report: Drift, say: Callable[..., None]) -> None:
    say()
    say("Like roles on different terms (posts doing the same job, side by side):")
    if not report.like_roles:
        say("  none.")
    for n, group in enumerate(report.like_roles, 1):
        say()
        say(f"  Group {n}: {len(group.posts)} posts ({'; '.join(group.reasons)})")
        for row in group.posts:
            say(f"    {row.post}  \"{row.title}\", {row.school}")
            pay = row.fte + (f" (actual {row.actual})" if row.actual else "")
            facts = [row.grade or "no grade", pay or "no salary figures",
                     f"{row.hours} a week" if row.hours else "hours not stated", row.weeks, row.contract,
                     f"{row.duties} duties"]
            say("      " + "  |  ".join(f for f in facts if f))
        if group.flags:
            say("    To look at:")
        for flag in group.flags:
            say(f"      - {flag}")
        for row in group.posts:
            if row.extra_duties:
                shown = [f"\"{_short(t)}\"" for t in row.extra_duties[:MORE]]
                left = len(row.extra_duties) - MORE
                say(f"    Duties only {row.post} has on its grade: {'; '.join(shown)}"
                    + (f"; and {left} more" if left > 0 else ""))
    if report.like_roles:
        say()
        say(f"  {NOT_A_FINDING}")


def _short(text: str) -> str:
    return text if len(text) <= SHORT else text[:SHORT - 1].rstrip() + "…"
