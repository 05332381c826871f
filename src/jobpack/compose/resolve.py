"""Compose posts: follow `extends`, insert blocks, apply omit/override, expand variables.

The result, a `ResolvedPost`, is flat: every duty and criterion in display order, each remembering the
file and line it was written on, so a later error (or a curious user running `jobpack show`) can find it.
Cross-file mistakes (unknown blocks, cycles, wrong area, omits that match nothing) are found here and
reported as problems; a post with problems is not returned.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from jobpack.compose.entries import MAX_ITEMS, MAX_NESTING
from jobpack.compose.extends import Profiles
from jobpack.compose.post import Clause, Item, Origin, ResolvedPost, Section, UseRecord
from jobpack.compose.variables import fill, names_for
from jobpack.errors import Problem
from jobpack.load import Loaded
from jobpack.load.models.base import slugify
from jobpack.load.models.post import Post
from jobpack.load.models.trust import Trust

__all__ = ["MAX_ITEMS", "MAX_NESTING", "Item", "Origin", "ResolvedPost", "Resolver", "UseRecord"]


class Resolver(Profiles):
    """Resolves all posts of one trust; memoises blocks and parents so each is composed once.

    Built in three layers, one module each: `entries.Blocks` (blocks and entry lists), `extends.Profiles`
    (posts over the profiles they extend) and this, the buildable post with every field settled."""

    def resolve(self, post_id: str) -> ResolvedPost | None:
        """A buildable post, or None (with problems recorded) if it cannot be built."""
        partial = self.partial(post_id)
        if partial is None:
            return None
        loaded = self.files.posts[post_id]
        f = partial.fields
        before = len(self.problems)
        for name in ("school", "title"):
            if not f.get(name):
                self.problems.append(loaded.doc.problem(
                    (), f"This post has no '{name}'.", f"Add '{name}: ...' (or inherit it with 'extends').",
                    chain=tuple(partial.extends)))
        schools = {s.id: s for s in self.trust.schools}
        if f.get("school") and f["school"] not in schools:
            return None  # reported by validate.validate at the file that names the school
        self._duplicate_ids(post_id, loaded, partial.duties + partial.criteria)
        documents = tuple(f.get("documents") or ("job-description", "person-specification"))
        if not partial.duties and "job-description" in documents:
            self.problems.append(loaded.doc.problem(
                (), "This post has no duties.", "Add a 'duties:' section with at least one area, or write "
                "'documents: [person-specification]' if the post has no job description."))
        if not partial.criteria and "person-specification" in documents:
            self.problems.append(loaded.doc.problem(
                (), "This post has no person-specification criteria.",
                "Add a 'criteria:' section with at least one category, or write 'documents: [job-description]' "
                "if the post has no person specification."))
        if len(self.problems) > before:
            return None
        school = schools[f["school"]]
        uses = self.transitive_uses(partial.uses)
        post = ResolvedPost(
            id=post_id, slug=slugify(post_id.rsplit("/", 1)[-1]), file=loaded.file, school=school, title=f["title"],
            responsible_to=f.get("responsible_to") or "", line_manages=f.get("line_manages") or "",
            issue_date=f.get("issue_date") or self.trust.issue_date, summary=list(partial.summary),
            duties=_in_order(partial.duties, [a.id for a in self.trust.duty_areas]),
            criteria=_in_order(partial.criteria, [c.id for c in self.trust.criteria_categories]),
            levels=list(f.get("levels") or []), pay=f.get("pay"), hours=f.get("hours"),
            safer_recruitment=self.trust.safer_recruitment.model_copy(
                update=f["safer_recruitment"].model_dump(exclude_none=True)),
            physical_requirements=list(f.get("physical_requirements") or []), vacancy=f.get("vacancy"),
            advert=f.get("advert") or "", blocks_used=list(dict.fromkeys(u.block for u in uses)),
            extends=partial.extends,
            origins=dict(partial.origins), uses=uses, documents=documents,
            sections=_sections_in_order(partial.sections, [k.id for k in self.trust.sections]),
            clauses=self._final_clauses(school, partial.clauses), signatures=self._signatures(school, f))
        return _filled(post, self.trust)

    def _duplicate_ids(self, post_id: str, loaded: Loaded[Post], items: list[Item]) -> None:
        """Two items with one id: reported at both places the post brought them in (its `use:` lines, or the
        items themselves), since that is where the post must change."""
        first_with_id: dict[str, Item] = {}
        for item in items:
            if not item.id:
                continue
            first = first_with_id.setdefault(item.id, item)
            if first is item:
                continue
            places = [first.used_at or (first.file, first.line), item.used_at or (item.file, item.line)]
            if places[0] == places[1]:
                places = [(first.file, first.line), (item.file, item.line)]
            for n, (file, line) in enumerate(places):
                other_file, other_line = places[1 - n]
                how = "a 'use:'" if (first, item)[n].used_at else "an item"
                self.problems.append(Problem(
                    file, f"Post '{post_id}' gets two items with the id '{item.id}': {how} here and another at "
                    f"{other_file}:{other_line}.", line, None,
                    "Pick the items you want from each block with 'only:' or 'omit:', so each item comes once.",
                    chain=(loaded.file,) if file != loaded.file else ()))

    def _final_clauses(self, school: Any, own: dict[str, Clause | None]) -> list[Clause]:
        """Trust clauses (in trust order) reworded by the school, then by the post; new ones after them."""
        trust_file = self.files.trust.file if self.files.trust else "trust.yaml"
        doc = self.files.trust.doc if self.files.trust else None
        index = next(n for n, s in enumerate(self.trust.schools) if s.id == school.id)
        out: dict[str, Clause] = {}
        for n, c in enumerate(self.trust.clauses):
            line = doc.where(("clauses", n))[0] if doc else None
            out[c.id] = Clause(c.id, c.title, c.text, f"{trust_file}:{line}")
        for clause_id, change in school.clauses.items():
            line = doc.where(("schools", index, "clauses", clause_id), key=True)[0] if doc else None
            base = out.get(clause_id)
            title = change.title if change.title is not None else (base.title if base else "")
            out[clause_id] = Clause(clause_id, title, change.text or (base.text if base else ""),
                                    f"{trust_file}:{line} ({school.name})")
        for clause_id, clause in own.items():
            if clause is None:
                out.pop(clause_id, None)
            else:
                out[clause_id] = clause
        return [c for c in out.values() if c.text]

    def _signatures(self, school: Any, fields: dict[str, Any]) -> Any:
        """The post's signature lines: its own setting, else its school's, else the trust's; `off` is none."""
        for setting in (fields.get("signatures"), school.signatures, self.trust.signatures):
            if setting is not None:
                return None if setting is False or setting == "off" else setting
        return None


def _in_order(items: list[Item], order: list[str]) -> list[Item]:
    """Group items by area/category in trust order, keeping the written order inside each (stable sort)."""
    rank = {section: n for n, section in enumerate(order)}
    return sorted(items, key=lambda i: rank.get(i.section, len(rank)))


def _filled(post: ResolvedPost, trust: Trust) -> ResolvedPost:
    """The post with variables filled in everywhere (they were checked, once per file, by validation)."""
    names = names_for(trust, post.school, post.title, post.responsible_to, post.line_manages)

    def item(i: Item) -> Item:
        text, alternatives = fill(i.text, names), tuple(fill(a, names) for a in i.alternatives)
        if text == i.text and alternatives == i.alternatives:
            return i  # nothing to fill in (most items): the same frozen item, not a copy
        return replace(i, text=text, alternatives=alternatives)

    vacancy = post.vacancy
    if vacancy is not None:
        vacancy = vacancy.model_copy(update={key: fill(getattr(vacancy, key), names)
                                             for key in ("start_date", "how_to_apply", "reference", "advert")
                                             if getattr(vacancy, key)})
    safer = post.safer_recruitment
    if safer.special_conditions:
        safer = safer.model_copy(update={"special_conditions": [fill(c, names) for c in safer.special_conditions]})
    sections = [replace(s, parts=tuple(
        replace(p, texts=tuple(fill(t, names) for t in p.texts),
                rows=tuple((fill(label, names), fill(text, names)) for label, text in p.rows)) for p in s.parts))
        for s in post.sections]
    clauses = [replace(c, title=fill(c.title, names), text=fill(c.text, names)) for c in post.clauses]
    return replace(post, title=fill(post.title, names), responsible_to=fill(post.responsible_to, names),
                   line_manages=fill(post.line_manages, names), summary=[item(i) for i in post.summary],
                   duties=[item(i) for i in post.duties], criteria=[item(i) for i in post.criteria],
                   vacancy=vacancy, safer_recruitment=safer, sections=sections, clauses=clauses,
                   advert=fill(post.advert, names))


def _sections_in_order(sections: dict[str, Section], trust_order: list[str]) -> list[Section]:
    """The trust's sections in trust.yaml's order, then the post's own sections in the order it wrote them."""
    return [sections[k] for k in trust_order if k in sections] + [s for k, s in sections.items()
                                                                    if k not in trust_order]
