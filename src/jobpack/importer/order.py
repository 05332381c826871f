"""Where each section sat in the document, as a `position:` the post can give it, so the built job
description prints the sections in the document's order wherever the templates allow: before or after the
summary, after the duties, before the general responsibilities, or at the end."""

from __future__ import annotations

from jobpack.importer.recognised import Recognised
from jobpack.load.models.trust import Trust


def _sequence(rec: Recognised) -> list[str]:
    """The document's parts in order: 'summary', 'duties', 'clauses', 'ps' and 'section:<id>'."""
    out: list[str] = []
    for s in rec.statements:
        if s.own_section:
            item = f"section:{s.own_section}"
        elif s.part == "section" and s.section:
            item = f"section:{s.section}"
        elif s.part in ("summary", "duties"):
            item = s.part
        elif s.part == "clause":
            item = "clauses"
        elif s.part == "advert":
            continue
        else:
            item = "ps"
        if not out or out[-1] != item:
            out.append(item)
    return out


def positions(rec: Recognised, trust: Trust) -> dict[str, str]:
    """Section id -> where it prints to keep the document's order: the place after the last of the summary,
    the duties and the general clauses that came before it. Among the sections after the duties, the trust's
    print before the post's own, so a trust section the document had after one of the post's own moves on to
    before-general (with the sections after it), keeping their order."""
    trust_ids = {k.id for k in trust.sections}
    seen: set[str] = set()
    slots: dict[str, str] = {}
    own_after_duties = False
    for item in _sequence(rec):
        if not item.startswith("section:"):
            seen.add(item)
            continue
        ident = item.removeprefix("section:")
        if ident in slots:
            continue
        slot = ("end" if seen & {"clauses", "ps"} else "after-duties" if "duties" in seen
                else "after-summary" if "summary" in seen else "before-summary")
        if slot == "after-duties":
            if own_after_duties and ident in trust_ids:
                slot = "before-general"
            own_after_duties = own_after_duties or ident not in trust_ids
            if any(v == "before-general" for v in slots.values()):
                slot = "before-general"
        slots[ident] = slot
    return slots
