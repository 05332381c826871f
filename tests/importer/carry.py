"""How much of a document's content reaches the draft: every content line (a paragraph or a cell's line of
six words or more) is looked for in the composed post (its title, facts, hours, summary, duties, criteria,
sections and clauses, as `jobpack check` composes them); a line counts as carried when its words are there
(the same text, or a block item the importer matched it to: similarity 75 or more).

With the import's account of every line, a line that became a field, a heading, `signatures:` or the trust's
own wording counts as carried too, and a line of a council form's own guidance (its questions to whoever
fills it in, their definitions and notes, the same on every post the council issues: "What does the job
require in the way of…", "Please ✓…", "Having reviewed the criteria…") is not a content line at all: it is
counted apart, in `guidance`, so each can be read and judged."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from jobpack.build.orchestrate import check
from jobpack.importer import read
from jobpack.importer.match import normalise, similarity
from jobpack.importer.source import Para

CONTENT_WORDS = 6


@dataclass
class Carry:
    lines: int = 0
    carried: int = 0
    as_text: int = 0  # of `carried`, those whose text is in the composed post (not a field or the trust's wording)
    missing: list[str] = field(default_factory=list)
    guidance: list[str] = field(default_factory=list)  # a form's guidance: not content, not counted in `lines`

    @property
    def share(self) -> float:
        return self.carried / self.lines if self.lines else 1.0


def composed_texts(root: Path, post_id: str) -> list[str]:
    result = check(root)
    post = result.posts[post_id]
    texts = [post.title, post.responsible_to, post.line_manages, post.advert, *(i.text for i in post.summary)]
    for item in [*post.duties, *post.criteria]:
        texts += [item.text, *item.alternatives]
    for section in post.sections:
        texts.append(section.title)
        for part in section.parts:
            texts += list(part.texts) + [f"{label}: {text}" for label, text in part.rows]
    texts += [c.text for c in post.clauses if c is not None and getattr(c, "text", None)]
    if post.hours is not None:
        texts += [str(post.hours.per_week), post.hours.note]
    return [t.replace("{{ school.name }}", post.school.name).replace("{{ trust.name }}", result.trust.name)
            for t in texts if t]


AS_FIELDS = ("fact", "heading", "signature", "row")
"""Fates whose content reaches the draft as a field rather than as text (hours, grade, a section's title,
`signatures:`), and the trust's own clauses, which the draft prints in the trust's wording."""


def carry(path: Path, root: Path, post_id: str, account: list | None = None) -> Carry:  # noqa: ANN001
    """The share of content lines whose text is in the draft; with `account` (the import's account of every
    line), a line the account says became a field, a heading or the trust's clause counts as carried too."""
    units = [normalise(t) for t in composed_texts(root, post_id)]
    joined = " ".join(units)
    fields = {(a.where, a.text) for a in account or [] if a.became in AS_FIELDS
              or (a.became == "clause" and a.detail.startswith("the trust's"))}
    guidance = {(a.where, a.text) for a in account or [] if a.became == "boilerplate"
                and a.detail.startswith("form guidance")}
    out = Carry()
    for element in read(path).elements:
        units_here = [(element.where, element.text)] if isinstance(element, Para) else [
            (c.where, line) for c in element.cells for line in c.lines]
        for where, line in units_here:
            if len(line.split()) < CONTENT_WORDS:
                continue
            if (where, line) in guidance:
                out.guidance.append(line)
                continue
            out.lines += 1
            norm = normalise(line)
            in_text = bool(norm) and (norm in joined or any(similarity(norm, u) >= 75 for u in units)
                                      or fuzz.partial_ratio(norm, joined) >= 95)
            out.as_text += in_text
            if in_text or (where, line) in fields:
                out.carried += 1
            else:
                out.missing.append(line)
    return out
