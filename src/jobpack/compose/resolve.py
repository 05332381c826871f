"""Compose posts: follow `extends`, insert blocks, apply omit/override, expand variables.

The result, a `ResolvedPost`, is flat: every duty and criterion in display order, each remembering the
file and line it was written on, so a later error (or a curious user running `jobpack show`) can find it.
Cross-file mistakes (unknown blocks, cycles, wrong area, omits that match nothing) are found here and
reported as problems; a post with problems is not returned.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from jobpack.compose.post import Clause, Item, Origin, Part, ResolvedPost, Section, UseRecord
from jobpack.compose.variables import fill, names_for
from jobpack.errors import Problem, did_you_mean
from jobpack.load import Loaded, TrustFiles
from jobpack.load.models.base import slugify
from jobpack.load.models.blocks import Block, CriterionChange, Entry
from jobpack.load.models.post import Post
from jobpack.load.models.trust import SaferRecruitment, SectionKind, Trust

__all__ = ["MAX_NESTING", "Item", "Origin", "ResolvedPost", "Resolver", "UseRecord"]


@dataclass
class _Partial:
    """A post part-way through composition (a profile may have no school or title yet)."""

    fields: dict[str, Any]
    duties: list[Item]
    criteria: list[Item]
    summary: list[Item]
    uses: list[UseRecord]  # this post's and its parents' own `use` entries (nested ones are added at the end)
    extends: list[str]
    origins: dict[str, Origin] = field(default_factory=dict)
    sections: dict[str, Section] = field(default_factory=dict)  # section kind id -> what the post wrote
    clauses: dict[str, Clause | None] = field(default_factory=dict)  # clause id -> own wording, or None: off


MAX_NESTING = 30
"""How deep blocks may include blocks, and posts may extend posts. Real trusts need two or three levels;
the limit turns a pathological chain (hundreds deep) into a located message instead of a crash."""

SINGLE_FIELDS = ("school", "title", "responsible_to", "line_manages", "issue_date", "pay", "hours",
                 "levels", "physical_requirements", "vacancy", "documents", "signatures", "advert")
PART_KINDS = ("paragraphs", "bullets", "numbered", "items", "rows", "image")


class Resolver:
    """Resolves all posts of one trust; memoises blocks and parents so each is composed once."""

    def __init__(self, files: TrustFiles) -> None:
        assert files.trust is not None
        self.files = files
        self.trust = files.trust.model
        self.problems: list[Problem] = []
        self._blocks: dict[str, list[Item] | None] = {}
        self._block_uses: dict[str, list[UseRecord]] = {}  # block id -> the `use` entries written in it
        self._block_stack: list[str] = []
        self._posts: dict[str, _Partial | None] = {}
        self._post_stack: list[str] = []
        self._every_post: list[Item] | bool | None = None  # trust-wide criteria; False if they have errors
        self._every_post_uses: list[UseRecord] = []  # the `use` entries among them, written in trust.yaml
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
        for i, entry in enumerate(entries):
            here = path + (i,)
            if entry.use is not None:
                if uses is not None:
                    line, column = where.doc.where(here + ("use",))
                    uses.append(UseRecord(entry.use, where.file, line, column, omit=tuple(entry.omit),
                                          only=tuple(entry.only) if entry.only is not None else None))
                items = self._use(entry, kind, section, where, here, chain)
                if items is None:
                    ok = False
                else:
                    at = (where.file, where.doc.where(here + ("use",))[0])
                    out += [replace(i, used_at=at) for i in items]
                continue
            item = self._item(entry, kind, section, where, here, default_assessed, block_id, chain)
            if item is None:
                ok = False
            else:
                out.append(item)
        return out if ok else None

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

    # ------------------------------------------------------------ posts

    def partial(self, post_id: str, chain: tuple[str, ...] = ()) -> _Partial | None:
        """Compose one post (and its parents) without requiring the fields a built post needs."""
        if post_id in self._posts:
            return self._posts[post_id]
        loaded = self.files.posts[post_id]
        post = loaded.model
        if post_id in self._post_stack:
            cycle = self._post_stack[self._post_stack.index(post_id):] + [post_id]
            self.problems.append(loaded.doc.problem(
                ("extends",), "Posts extend each other in a circle: " + " -> ".join(cycle) + ".",
                "Remove one of these 'extends' lines."))
            return None
        if len(self._post_stack) >= MAX_NESTING:
            self.problems.append(loaded.doc.problem(
                ("extends",), f"Posts extend other posts more than {MAX_NESTING} levels deep here ("
                + " -> ".join([*self._post_stack[:3], "...", post_id]) + ").",
                "Let this post extend its role profile directly instead of a long chain of posts."))
            self._posts[post_id] = None
            return None
        self._post_stack.append(post_id)
        try:
            base = self._parent(post, loaded, chain + (loaded.file,))
            if base is False:
                self._posts[post_id] = None
                return None
            result = self._compose(post_id, post, loaded, base or None, chain + (loaded.file,))
        finally:
            self._post_stack.pop()
        self._posts[post_id] = result
        return result

    def _parent(self, post: Post, loaded: Loaded[Post], chain: tuple[str, ...]) -> _Partial | None | bool:
        if post.extends is None:
            return None
        if post.extends in self.files.broken_posts:
            return False  # the parent's own file has errors, reported there
        if post.extends not in self.files.posts:
            self.problems.append(loaded.doc.problem(
                ("extends",), f"There is no post or role profile called '{post.extends}'.",
                did_you_mean(post.extends, self.files.posts, "post") +
                " A post's name is its path under posts/ without .yaml."))
            return False
        parent = self.partial(post.extends, chain)
        return False if parent is None else parent

    def _compose(self, post_id: str, post: Post, loaded: Loaded[Post], base: _Partial | None,
                 chain: tuple[str, ...]) -> _Partial | None:
        fields = dict(base.fields) if base else {}
        origins = dict(base.origins) if base else {}

        def written(name: str, path: tuple[Any, ...]) -> None:
            origins[name] = Origin(loaded.file, *loaded.doc.where(path, key=True), post=post_id)

        for name in SINGLE_FIELDS:
            value = getattr(post, name)
            if value is not None:
                fields[name] = value
                written(name, (name,))
        if post.vacancy is not None:
            for key in ("advert", "posted", "closing_date"):
                if getattr(post.vacancy, key):
                    written(f"vacancy.{key}", ("vacancy", key))
        merged = (base.fields.get("safer_recruitment") if base else None) or SaferRecruitment()
        if post.safer_recruitment:
            own = post.safer_recruitment.model_dump(exclude_none=True)
            merged = merged.model_copy(update=own)
            for key in own:
                written(f"safer_recruitment.{key}", ("safer_recruitment", key))
        fields["safer_recruitment"] = merged
        duties = list(base.duties) if base else []
        criteria = list(base.criteria) if base else self._trust_criteria()
        parent = post.extends or ""
        trust_file = self.files.trust.file if self.files.trust else ""
        uses = ([u if u.file == trust_file and not u.via else replace(u, via=(parent, *u.via)) for u in base.uses]
                if base else list(self._every_post_uses))  # trust-wide criteria reach every post directly
        ok = criteria is not None
        criteria = criteria or []
        for kind, sections, known, out in (("duties", post.duties, self.areas, duties),
                                           ("criteria", post.criteria, self.categories, criteria)):
            for section, entries in sections.items():
                if section not in known:
                    ok = False
                    what = "a duty area" if kind == "duties" else "a person-spec category"
                    self.problems.append(loaded.doc.problem(
                        (kind, section), f"'{section}' is not {what} in trust.yaml.",
                        did_you_mean(section, known), key=True))
                    continue
                items = self.entries(entries, kind, section, loaded, (kind, section), chain, uses=uses)
                if items is None:
                    ok = False
                else:
                    out += items
        if not ok:
            return None
        items = self._omit(duties + criteria, post.omit, loaded, ("omit",), chain, "this post")
        if items is None:
            return None
        items = self._override(items, post.override, loaded, ("override",), chain, "this post")
        if items is None:
            return None
        summary = (base.summary if base else []) + [
            Item("summary", "", text, file=loaded.file, line=loaded.doc.where(("summary", n))[0])
            for n, text in enumerate(post.summary)]
        sections = self._sections(post, loaded, dict(base.sections) if base else {})
        clauses = self._clauses(post, loaded, dict(base.clauses) if base else {})
        if sections is None or clauses is None:
            return None
        return _Partial(fields, [i for i in items if i.kind == "duties"], [i for i in items if i.kind == "criteria"],
                        summary, uses, (base.extends if base else []) + ([post.extends] if post.extends else []),
                        origins, sections, clauses)

    def _trust_criteria(self) -> list[Item] | None:
        """The criteria trust.yaml gives every post (`criteria:`), composed once and reported once."""
        if self._every_post is not None:
            return None if self._every_post is False else list(self._every_post)
        trust = self.files.trust
        assert trust is not None
        out: list[Item] = []
        ok = True
        for category, entries in trust.model.criteria.items():
            if category not in self.categories:
                ok = False
                self.problems.append(trust.doc.problem(
                    ("criteria", category), f"'{category}' is not a person-spec category in trust.yaml.",
                    did_you_mean(category, self.categories), key=True))
                continue
            items = self.entries(entries, "criteria", category, trust, ("criteria", category), (trust.file,),
                                 uses=self._every_post_uses)
            if items is None:
                ok = False
            else:
                out += items
        self._every_post = out if ok else False
        return list(out) if ok else None

    def _sections(self, post: Post, loaded: Loaded[Post], sections: dict[str, Section]) -> dict[str, Section] | None:
        """The post's sections over its profile's: a section it writes replaces the profile's; `off` removes it."""
        kinds = {k.id: k for k in self.trust.sections}
        ok = True
        raw = loaded.doc.data.get("sections") if isinstance(loaded.doc.data, dict) else None
        for section_id, content in post.sections.items():
            kind = kinds.get(section_id)
            if kind is None and not isinstance(content, (bool, str)) and content.title:
                kind = SectionKind(id=section_id, title=content.title)  # a section of the post's own
            if kind is None:
                ok = False
                hint = did_you_mean(section_id, kinds, "section") if kinds else (
                    "trust.yaml has no 'sections:' yet: add one (id, title, position) to use sections in posts.")
                self.problems.append(loaded.doc.problem(
                    ("sections", section_id), f"'{section_id}' is not a section in trust.yaml.", hint, key=True))
                continue
            if content is False or content == "off":
                sections.pop(section_id, None)
                continue
            written = raw.get(section_id) if isinstance(raw, dict) else {}
            order = [k for k in (written or {}) if k in PART_KINDS]
            parts = []
            for name in order:
                if name == "rows":
                    parts.append(Part("rows", rows=tuple((r.label, r.text) for r in content.rows)))
                elif name == "image":
                    parts.append(Part("image", texts=(content.alt,), image=content.image or ""))
                else:
                    shown = ("numbered" if kind.numbered else "bullets") if name == "items" else name
                    parts.append(Part(shown, texts=tuple(getattr(content, name))))
            if not parts:
                ok = False
                self.problems.append(loaded.doc.problem(
                    ("sections", section_id), f"Section '{section_id}' has nothing in it.",
                    "Write 'paragraphs', 'bullets', 'numbered' or 'rows' under it, or remove it.", key=True))
                continue
            line = loaded.doc.where(("sections", section_id), key=True)[0]
            sections[section_id] = Section(section_id, content.title or kind.title, content.position or kind.position,
                                           tuple(parts), loaded.file, line)
        return sections if ok else None

    def _clauses(self, post: Post, loaded: Loaded[Post],
                 clauses: dict[str, Clause | None]) -> dict[str, Clause | None] | None:
        """The post's own clause wordings (or `off`) over its profile's."""
        trust_ids = {c.id: c for c in self.trust.clauses}
        ok = True
        for clause_id, change in post.clauses.items():
            path = ("clauses", clause_id)
            line = loaded.doc.where(path, key=True)[0]
            if change is False or change == "off":
                if clause_id == "safeguarding":
                    ok = False
                    self.problems.append(loaded.doc.problem(
                        path, "The safeguarding commitment cannot be turned off: every post in a school carries it "
                        "(Keeping Children Safe in Education).", "Remove this line; you may reword it with 'text:'.",
                        key=True))
                    continue
                if clause_id not in trust_ids and clause_id not in clauses:
                    ok = False
                    self.problems.append(loaded.doc.problem(
                        path, f"There is no clause '{clause_id}' to turn off.",
                        did_you_mean(clause_id, trust_ids, "clause"), key=True))
                    continue
                clauses[clause_id] = None
                continue
            base = clauses.get(clause_id) or trust_ids.get(clause_id)
            if base is None and not (change.text and change.title):
                ok = False
                self.problems.append(loaded.doc.problem(
                    path, f"'{clause_id}' is not one of the trust's clauses, so this post's own clause needs both "
                    "a 'title' and a 'text'.", did_you_mean(clause_id, trust_ids, "clause"), key=True))
                continue
            clauses[clause_id] = Clause(clause_id, change.title if change.title is not None else base.title,
                                        change.text or base.text, f"{loaded.file}:{line}")
        return clauses if ok else None

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


def _in_order(items: list[Item], order: list[str]) -> list[Item]:
    """Group items by area/category in trust order, keeping the written order inside each (stable sort)."""
    rank = {section: n for n, section in enumerate(order)}
    return sorted(items, key=lambda i: rank.get(i.section, len(rank)))


def _filled(post: ResolvedPost, trust: Trust) -> ResolvedPost:
    """The post with variables filled in everywhere (they were checked, once per file, by validation)."""
    names = names_for(trust, post.school, post.title, post.responsible_to, post.line_manages)

    def item(i: Item) -> Item:
        return replace(i, text=fill(i.text, names), alternatives=tuple(fill(a, names) for a in i.alternatives))

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
