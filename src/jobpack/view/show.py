"""`jobpack show`: a post exactly as its documents will print it, each part with where it came from.

Everything comes from the typed view the templates read (so `show` cannot claim something the documents
do not say), and each duty, criterion, section, clause and setting names the file and line it was written
on: what a data lead needs when standardising posts across schools, and an HR officer when asked "where
does this sentence come from?".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jobpack.compose.post import Item, ResolvedPost
from jobpack.load.models.trust import Trust
from jobpack.view.context import build_context
from jobpack.view.post import DOCUMENT_TITLES, PostView


def _origin(item: Item) -> str:
    where = f"{item.file}:{item.line}" if item.line else item.file
    return f"block {item.block} ({where})" if item.block else where


def _written(post: ResolvedPost, name: str) -> str:
    """Where a post's single field was written ("posts/x.yaml:12"), or "" when it was not."""
    origin = post.origins.get(name)
    return f"{origin.file}:{origin.line}" if origin else ""


def resolved_as_dict(post: ResolvedPost, trust: Trust, root: Path,
                     notes: dict[tuple[str, int | None], dict[str, str]] | None = None) -> dict[str, Any]:
    """`notes`: (file, line of an item) -> why a lint's finding is allowed there (lint.allowances)."""
    notes = notes or {}
    names = build_context(post, trust, root)
    view: PostView = names["post"]
    trust_view = names["trust"]
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
    if "person-specification" not in post.documents:
        criteria = {}
    legal = [c for cat in view.criteria_categories for c in cat["items"] if c.id == "legal-requirements"]
    if legal and "person-specification" in post.documents:
        criteria.setdefault("legal", []).append({
            "id": "legal-requirements", "text": str(legal[0].text), "need": "essential",
            "assessed": [m.code for m in legal[0].assessed], "from": "safer_recruitment (written by jobpack)"})
    sections = [{"title": s.title, "position": s.position, "from": f"{s.file}:{s.line}",
                 **{p.kind: ([f"{label}: {text}" for label, text in p.rows] if p.kind == "rows" else list(p.texts))
                    for p in s.parts}} for s in post.sections]
    data: dict[str, Any] = {
        "id": post.id,
        "file": post.file,
        "documents": [DOCUMENT_TITLES[d] for d in post.documents],
        "issued": trust_view.issue_date + (f" (version {trust_view.version})" if trust_view.version else ""),
        "school": f"{post.school.name} ({post.school.id})",
        "title": post.title,
        "responsible_to": post.responsible_to,
        "line_manages": post.line_manages,
        "extends": post.extends,
        "blocks": post.blocks_used,
        "grade": view.grade + (f" ({view.grade_note})" if view.grade_note else ""),
        "pay_year": view.pay_year,
        "salary": [str(line) for line in view.salary],
        "hours": view.hours,
        "pattern": [f"{d.days}: {d.start} to {d.end}, breaks: {d.breaks}" for d in view.pattern],
        "hours_note": str(view.hours_note),
        "summary": [i.text for i in post.summary],
        "sections": sections,
        "duties": duties,
        "criteria": criteria,
        "levels": post.levels,
        "reasonable_adjustments": str(view.reasonable_adjustments) if "person-specification" in post.documents
        else "",
        "clauses": [{"id": c.id, "title": c.title, "text": c.text, "from": c.source} for c in post.clauses],
        "safer_recruitment": [f"{line['label']}: {line['value']}" for line in view.recruitment],
        "physical_requirements": [p["label"] for p in view.physical if p["applies"]],
        "signatures": [{"document": DOCUMENT_TITLES[s.document], "signatories": list(s.signatories)}
                       for s in view.signatures],
        "vacancy": post.vacancy.model_dump(mode="json", exclude_defaults=True) if post.vacancy else None,
    }
    where = {"grade": _written(post, "pay"), "hours": _written(post, "hours"),
             "signatures": _written(post, "signatures")}
    shown = {k: v for k, v in data.items() if v not in ("", [], {}, None)}
    sources = {k: v for k, v in where.items() if v and k in shown}
    if sources:
        shown["written_at"] = sources
    return shown
