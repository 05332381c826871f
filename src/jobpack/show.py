"""`jobpack show`: a resolved post as plain data, so a user sees exactly what composition produced.

Each duty and criterion says where it came from (block or post file, and line), which is what a data
lead needs when standardising posts across schools.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .compose.post import Item, ResolvedPost
from .context import build_context
from .model import Trust


def _origin(item: Item) -> str:
    where = f"{item.file}:{item.line}" if item.line else item.file
    return f"block {item.block} ({where})" if item.block else where


def resolved_as_dict(post: ResolvedPost, trust: Trust, root: Path,
                     notes: dict[tuple[str, int | None], dict[str, str]] | None = None) -> dict[str, Any]:
    """`notes`: (file, line of an item) -> why a lint's finding is allowed there (lint.allowances)."""
    notes = notes or {}
    context = build_context(post, trust, root)["post"]
    duties: dict[str, list[dict[str, str]]] = {}
    for item in post.duties:
        entry = {"text": item.text, "from": _origin(item), **notes.get((item.file, item.line), {})}
        if item.id:
            entry = {"id": item.id, **entry}
        duties.setdefault(item.section, []).append(entry)
    criteria: dict[str, list[dict[str, Any]]] = {}
    for item in post.criteria:
        entry: dict[str, Any] = {"id": item.id} if item.id else {}
        if item.alternatives:
            entry["one_of"] = list(item.alternatives)
        else:
            entry["text"] = item.text
        entry["need"] = item.need
        entry["assessed"] = list(item.assessed)
        if item.level is not None:
            entry["level"] = item.level
        entry["from"] = _origin(item)
        entry.update(notes.get((item.file, item.line), {}))
        criteria.setdefault(item.section, []).append(entry)
    data: dict[str, Any] = {
        "id": post.id,
        "file": post.file,
        "school": f"{post.school.name} ({post.school.id})",
        "title": post.title,
        "responsible_to": post.responsible_to,
        "line_manages": post.line_manages,
        "extends": post.extends,
        "blocks": post.blocks_used,
        "grade": context["grade"],
        "salary": context["salary"],
        "hours": context["hours"],
        "summary": [i.text for i in post.summary],
        "duties": duties,
        "criteria": criteria,
        "levels": post.levels,
        "safer_recruitment": [f"{line['label']}: {line['value']}" for line in context["recruitment"]],
        "vacancy": post.vacancy.model_dump(mode="json", exclude_defaults=True) if post.vacancy else None,
        "physical_requirements": [p["label"] for p in context["physical"] if p["applies"]],
    }
    return {k: v for k, v in data.items() if v not in ("", [], {}, None)}
