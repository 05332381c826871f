"""`jobpack diff`: what a change to the trust does to every post's documents, computed on the typed view.

Both revisions are validated and composed exactly as a build would, and each post is reduced to what its
documents print (`Record`): key facts (grade, pay year and salary lines, hours, pattern), each duty and
criterion under its heading, sections, clauses and the safer-recruitment details. Comparing records, not
files, is what makes one block edit show in every post that uses it, a pay-year change show as new salary
figures everywhere, and a renamed post file show as a rename (matched by its content) rather than a
deletion and an addition.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from jobpack.build.revision import Revised, check_revision, extras_of, same_posts
from jobpack.compose.post import ResolvedPost
from jobpack.errors import InvalidTrust, Problem
from jobpack.standardise.revisions import Revision, checked_out

JD, PS = "Job description", "Person specification"
RENAME_SIMILARITY = 80
"""How alike (0-100) a vanished post and a new one must be to count as one post renamed."""
REWORD_SIMILARITY = 55
"""How alike an old and a new item under one heading must be to count as one item reworded."""


@dataclass(frozen=True)
class Entry:
    """One printed item: which document, under which heading, and its words."""

    document: str
    heading: str
    text: str


@dataclass(frozen=True)
class Record:
    """What one post's documents print, reduced to comparable parts."""

    id: str
    title: str
    school: str
    file: str
    facts: dict[str, str]  # label -> value (Grade, Salary, Hours, Pattern, Responsible to, Documents ...)
    entries: tuple[Entry, ...]  # duties, criteria, summary lines and section lines, in document order


@dataclass(frozen=True)
class Words:
    """A word-level difference: runs of ("=", "-" or "+", text)."""

    runs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Change:
    """One change in a post: an item added, removed, reworded or moved, or a fact changed."""

    kind: str  # "added", "removed", "reworded", "moved" or "fact"
    document: str
    heading: str  # for a move: the new heading; for a fact: its label
    old: str = ""
    new: str = ""
    old_heading: str = ""  # for a move

    def words(self) -> Words:
        return word_diff(self.old, self.new)


@dataclass(frozen=True)
class PostDiff:
    """Every change to one post between the two revisions."""

    old_id: str | None
    new_id: str | None
    title: str
    school: str
    changes: tuple[Change, ...]
    before: Record | None = None
    after: Record | None = None

    @property
    def status(self) -> str:
        if self.old_id is None:
            return "added"
        if self.new_id is None:
            return "removed"
        return "renamed" if self.old_id != self.new_id else "changed"

    @property
    def id(self) -> str:
        return self.new_id or self.old_id or ""


@dataclass
class TrustDiff:
    before: Revision
    after: Revision
    posts: list[PostDiff] = field(default_factory=list)
    unchanged: int = 0
    known: set[str] = field(default_factory=set)  # every post id at either revision


def _refused(revised: Revised, revision: Revision) -> InvalidTrust:
    """The revision's errors, the first naming the revision: a diff compares only trusts that build."""
    first, *rest = revised.errors
    return InvalidTrust([Problem(first.file, f"At {revision.label}: {first.message}", first.line, first.column,
                                 first.hint)] + [Problem(p.file, p.message, p.line, p.column, p.hint) for p in rest])


def _post_record(post: ResolvedPost, context: dict) -> Record:
    """A buildable post's Record, from the view its templates would read (worked out with its check)."""
    return _record(post.id, post.file, post.school.name, context["post"])


def checked_records(trust_dir: Path, before: Revision, after: Revision) -> tuple[dict[str, Record],
                                                                                dict[str, Record], set[str]]:
    """The Records of the posts that may differ at each revision, and the posts that cannot (built from the
    same files, with the same trust-wide inputs): both revisions are checked in full (InvalidTrust naming the
    revision if one has errors), reusing the results `jobpack check` keeps and composing only what changed."""
    with checked_out(trust_dir, before) as old_root:
        old = check_revision(old_root, _post_record, kept_for=trust_dir)
        if old.errors:
            raise _refused(old, before)
        with checked_out(trust_dir, after) as new_root:
            new = check_revision(new_root, _post_record, [old], kept_for=trust_dir)
            if new.errors:
                raise _refused(new, after)
            same = same_posts(old, new)
            return extras_of(old, set(old.built) - same), extras_of(new, set(new.built) - same), same


def _record(post_id: str, file: str, school: str, view) -> Record:  # noqa: ANN001 - a PostView
    facts = {"Documents": ", ".join(d.replace("-", " ").capitalize() for d in view.documents),
             "Post title": view.title, "Grade": view.grade + (f" ({view.grade_note})" if view.grade_note else ""),
             "Pay year": view.pay_year, "Salary": " / ".join(str(s) for s in view.salary), "Hours": view.hours,
             "Working pattern": " / ".join(f"{d.days} {d.start}-{d.end}, breaks {d.breaks}" for d in view.pattern),
             "Responsible to": view.responsible_to, "Line manages": view.line_manages}
    for clause in view.clauses:
        facts[f"Clause: {clause.title or clause.id}"] = str(clause.text)
    facts["Safeguarding statement"] = str(view.safeguarding)
    for line in view.recruitment:
        facts[f"Safer recruitment: {line.label}"] = line.value
    for signed in view.signatures:
        facts[f"Signatures ({signed.document.replace('-', ' ')})"] = ", ".join(signed.signatories)
    entries: list[Entry] = [Entry(JD, "Job summary", str(s)) for s in view.summary]
    for section in view.sections:
        for part in section.parts:
            lines = [f"{r.label}: {r.text}" for r in part.rows] if part.kind == "rows" else [str(t) for t in part.texts]
            entries += [Entry(JD, section.title, line) for line in lines]
    for area in view.duty_areas:
        entries += [Entry(JD, area.title, str(item.text)) for item in area["items"]]
    for category in view.criteria_categories:
        for item in category["items"]:
            how = ", ".join(m.name for m in item.assessed)
            level = f"; {item.level_label}" if view.levels else ""
            entries.append(Entry(PS, category.title, f"{item.text} ({item.need.capitalize()}; {how}{level})"))
    return Record(post_id, view.title, school, file,
                  {k: v for k, v in facts.items() if v}, tuple(entries))


def _content(record: Record) -> str:
    return " ".join(e.text for e in record.entries)


def compare(before: dict[str, Record], after: dict[str, Record],
            only: list[str] | None = None) -> tuple[list[PostDiff], int]:
    """The posts that changed (renames matched by content), and how many did not."""
    gone = [pid for pid in before if pid not in after]
    new = [pid for pid in after if pid not in before]
    pairs = [(pid, pid) for pid in before if pid in after]
    scored = sorted(((fuzz.token_sort_ratio(_content(before[o]), _content(after[n])), o, n) for o in gone for n in new),
                    reverse=True)
    for score, old, added in scored:
        if score >= RENAME_SIMILARITY and old in gone and added in new:
            pairs.append((old, added))
            gone.remove(old)
            new.remove(added)
    pairs += [(pid, None) for pid in gone] + [(None, pid) for pid in new]
    diffs, unchanged = [], 0
    for old, added in sorted(pairs, key=lambda p: (p[1] or p[0] or "")):
        if only and not ({old, added} & set(only)):
            continue
        a, b = before.get(old or ""), after.get(added or "")
        changes = _changes(a, b)
        if not changes and old == added:
            unchanged += 1
            continue
        shown = b or a
        assert shown is not None
        diffs.append(PostDiff(old, added, shown.title, shown.school, tuple(changes), a, b))
    return diffs, unchanged


def _changes(a: Record | None, b: Record | None) -> list[Change]:
    if a is None or b is None:
        return []
    changes = [Change("fact", "", label, a.facts.get(label, ""), b.facts.get(label, ""))
               for label in list(dict.fromkeys([*a.facts, *b.facts])) if a.facts.get(label) != b.facts.get(label)]
    for document in (JD, PS):
        changes += _entry_changes([e for e in a.entries if e.document == document],
                                  [e for e in b.entries if e.document == document], document)
    return changes


def _entry_changes(old: list[Entry], new: list[Entry], document: str) -> list[Change]:
    """Added, removed, reworded and moved items of one document."""
    left, right = list(old), list(new)
    changes: list[Change] = []
    for entry in list(left):  # the same words under the same heading: unchanged
        same = next((e for e in right if e.text == entry.text and e.heading == entry.heading), None)
        if same is not None:
            left.remove(entry)
            right.remove(same)
    for entry in list(left):  # the same words under another heading: moved
        moved = next((e for e in right if e.text == entry.text), None)
        if moved is not None:
            left.remove(entry)
            right.remove(moved)
            changes.append(Change("moved", document, moved.heading, entry.text, moved.text, entry.heading))
    candidates = sorted(((fuzz.token_sort_ratio(o.text, n.text), i, j) for i, o in enumerate(left)
                         for j, n in enumerate(right) if o.heading == n.heading), reverse=True)
    used_old: set[int] = set()
    used_new: set[int] = set()
    for score, i, j in candidates:  # the most alike pairs under one heading: reworded
        if score >= REWORD_SIMILARITY and i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            changes.append(Change("reworded", document, right[j].heading, left[i].text, right[j].text))
    changes += [Change("removed", document, e.heading, old=e.text) for i, e in enumerate(left) if i not in used_old]
    changes += [Change("added", document, e.heading, new=e.text) for j, e in enumerate(right) if j not in used_new]
    order = {e.heading: n for n, e in enumerate(new + old)}
    return sorted(changes, key=lambda c: (order.get(c.heading, 0), c.kind != "moved", c.old or c.new))


WORD = re.compile(r"£?\d[\d,.\-–]*\d%?\s*|£?\d%?\s*|\w+\s*|[^\w\s]\s*|\s+")
"""A word with the spaces after it; figures such as £26,409 and 2024-25 stay whole; punctuation stands alone,
so "interests" -> "interests, wellbeing" is one insertion, not a replaced word."""


def word_diff(old: str, new: str) -> Words:
    """`old` -> `new` word by word (spaces kept with the word before them)."""
    a, b = WORD.findall(old), WORD.findall(new)
    runs: list[tuple[str, str]] = []
    keys_a, keys_b = [t.strip() for t in a], [t.strip() for t in b]  # spacing alone is no change
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(("=", "".join(b[j1:j2])))
            continue
        if op in ("delete", "replace"):
            runs.append(("-", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            runs.append(("+", "".join(b[j1:j2])))
    return Words(tuple(runs))


def diff_trust(trust_dir: Path, before: Revision, after: Revision, only: list[str] | None = None) -> TrustDiff:
    """Every post whose documents differ between `before` and `after` (commits, or the working tree)."""
    old, new, same = checked_records(trust_dir, before, after)
    known = set(old) | set(new) | same
    unknown = [name for name in only or [] if name not in known]
    if unknown:
        raise InvalidTrust([Problem("(command line)", f"'{unknown[0]}' is neither a revision of this repository "
                                    "nor a post of the trust at either revision.",
                                    hint="Name revisions first (e.g. main HEAD), then posts as in 'jobpack list'.")])
    posts, unchanged = compare(dict(sorted(old.items())), dict(sorted(new.items())), only)
    unchanged += sum(1 for pid in same if not only or pid in only)  # what `compare` would find of them
    return TrustDiff(before, after, posts, unchanged, known)
