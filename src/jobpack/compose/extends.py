"""Compose a post over the role profile it `extends` (and that profile over its own): single fields, duties,
criteria, summary, sections and clauses, each later file writing over the earlier, with where each was written.

A `_Partial` is a post part-way through: a profile may have no school or title yet. Each post is composed
once per resolver (memoised), so many posts extending one profile compose the profile once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from jobpack.compose.entries import MAX_NESTING, Blocks
from jobpack.compose.post import Clause, Item, Origin, Part, Section, UseRecord
from jobpack.errors import did_you_mean
from jobpack.load import Loaded, TrustFiles
from jobpack.load.models.post import Post
from jobpack.load.models.trust import SaferRecruitment, SectionKind


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


SINGLE_FIELDS = ("school", "title", "responsible_to", "line_manages", "issue_date", "pay", "hours",
                 "levels", "physical_requirements", "vacancy", "documents", "signatures", "advert")
PART_KINDS = ("paragraphs", "bullets", "numbered", "items", "rows", "image")


class Profiles(Blocks):
    """Composes posts and the profiles they extend, over the blocks they use."""

    def __init__(self, files: TrustFiles) -> None:
        super().__init__(files)
        self._posts: dict[str, _Partial | None] = {}
        self._post_stack: list[str] = []
        self._every_post: list[Item] | bool | None = None  # trust-wide criteria; False if they have errors
        self._every_post_uses: list[UseRecord] = []  # the `use` entries among them, written in trust.yaml

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
