"""Writing the draft post: YAML in the trust's own format, with a comment on every entry saying where in
the document it came from and, for a match, which block item and how close; what was left out is listed
at the end of the file.

The YAML is written as text (not dumped from a dict) so the comments sit where a reviewer needs them;
every value goes through the YAML emitter, so quotes, colons and '#' in a school's wording stay text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import yaml

from jobpack.importer.decide import Decision, school_variables
from jobpack.importer.facts import Terms
from jobpack.importer.match import Library
from jobpack.load.models.trust import Trust


def scalar(text: str) -> str:
    """`text` as one YAML scalar on one line."""
    out = yaml.safe_dump(text, allow_unicode=True, width=1_000_000, default_flow_style=True).rstrip("\n")
    if out.endswith("\n..."):
        out = out[:-4]
    return json.dumps(text, ensure_ascii=False) if "\n" in out else out


def section_title(heading: str) -> str:
    """A document's heading as a section title: no trailing colon, and not in capitals ("ORGANISATIONAL
    CHART:" -> "Organisational chart")."""
    title = heading.strip().rstrip(":").strip()
    return title[:1] + title[1:].lower() if title.isupper() else title


def comment(text: str) -> str:
    return "# " + " ".join(text.split())


def flow(items: list[str]) -> str:
    return "[" + ", ".join(scalar(i) for i in items) + "]"


@dataclass
class _Use:
    block: str
    decisions: list[Decision] = field(default_factory=list)


@dataclass
class Draft:
    """The draft's text and what it contains, for the report."""

    text: str
    documents: list[str]


class DraftWriter:
    def __init__(self, trust: Trust, library: Library, names: dict[str, str]) -> None:
        self.trust = trust
        self.library = library
        self.names = names
        self.lines: list[str] = []
        self.profile_items: dict[str, bool] = {}  # "duties"/"criteria" -> the role profile has some
        self.own_sections: dict[str, str] = {}  # a section of the post's own -> the document's heading
        self.signatories: list[str] = []  # who the document's signature lines are for
        self.signature_documents: list[str] = []
        self.safer: dict[str, object] = {}  # safer_recruitment fields the document's form answers
        self.positions: dict[str, str] = {}  # section id -> where it sat in the document (order.positions)

    def text(self, value: str) -> str:
        return school_variables(value, self.names)

    def add(self, line: str) -> None:
        self.lines.append(line)

    def write(
        self,
        source: str,
        terms: Terms,
        title: str,
        title_note: str,
        decisions: list[Decision],
        responsible_to: str | None,
        line_manages: str | None,
        physical: list[str],
        profile: str | None,
        profile_omits: list[str],
        left_out: list[str],
    ) -> Draft:
        add = self.add
        add(
            f"# Drafted by 'jobpack import' from {source}. Review every comment, then delete the ones you no "
            "longer need."
        )
        add("# Each entry's comment gives where it was in the document; 'closest block item' means the trust has")
        add(
            "# similar wording that the post could use instead (replace the text with '- use: BLOCK' and 'only: [ID]')."
        )
        if profile:
            add(f"extends: {scalar(profile)}")
        add(f"school: {scalar(terms.school or '')}" + (f"  {comment(terms.school_note)}" if terms.school_note else ""))
        add(f"title: {scalar(self.text(title)[:150])}" + (f"  {comment(title_note)}" if title_note else ""))
        if responsible_to:
            add(f"responsible_to: {scalar(responsible_to[:150])}")
        if line_manages:
            add(f"line_manages: {scalar(line_manages[:150])}")
        criteria = [d for d in decisions if d.kind == "criteria" and d.outcome in ("use", "near", "own")]
        duties = [d for d in decisions if d.kind == "duties" and d.outcome in ("use", "near", "own")]
        documents = ["job-description", "person-specification"]
        if not criteria and not (profile and self._profile_has("criteria")):
            documents = ["job-description"]
        elif not duties and not (profile and self._profile_has("duties")):
            documents = ["person-specification"]
        if len(documents) == 1:
            add(
                f"documents: {flow(documents)}  # the document has no "
                + ("person specification" if documents[0] == "job-description" else "duties")
            )
        self.pay(terms)
        self.hours(terms)
        if physical:
            add(f"physical_requirements: {flow(physical)}  # ticked in the document's physical activities")
        self.safer_recruitment()
        levels = sorted({d.statement.level for d in criteria if d.statement.level})
        if levels:
            add(f"levels: {flow([f'Level {n}' for n in range(1, max(levels) + 1)])}")
        advert = [d for d in decisions if d.outcome == "advert"]
        if advert:
            add(f"advert: {scalar((chr(10) * 2).join(self.text(d.statement.text) for d in advert))}  "
                f"{comment('the advert before the job description, ' + ', '.join(d.statement.where for d in advert))}")
        summary = [d for d in decisions if d.outcome == "summary"]
        if summary:
            add("")
            add("summary:")
            for d in summary:
                add(f"  {comment(d.statement.where)}")
                add(f"  - {scalar(self.text(d.statement.text))}")
        self.group("duties", [a.id for a in self.trust.duty_areas], duties)
        self.sections([d for d in decisions if d.outcome == "section"])
        self.clauses([d for d in decisions if d.outcome == "post-clause"])
        self.group("criteria", [c.id for c in self.trust.criteria_categories], criteria)
        self.signatures(documents)
        if profile_omits:
            add("")
            add("# Items of the role profile that the document does not have.")
            add(f"omit: {flow(profile_omits)}")
        if left_out:
            add("")
            add("# Left out of the post (the trust writes these once, or they are the form's own):")
            for line in left_out:
                add(comment(line))
        return Draft("\n".join(self.lines) + "\n", documents)

    def _profile_has(self, kind: str) -> bool:
        """Whether the role profile the draft extends has duties (or criteria) of its own to give."""
        return bool(self.profile_items.get(kind))

    def pay(self, terms: Terms) -> None:
        if terms.grade:
            self.add(f"pay:  {comment('grade from ' + terms.pay_note)}")
            self.add(f"  grade: {terms.grade}")
            if terms.pay_year:
                self.add(f'  year: "{terms.pay_year}"  # the pay year whose spine gives the stated salary')
            if terms.allowances:
                self.add(f"  allowances: {flow(terms.allowances)}")
        elif terms.pay_note:
            self.add(
                comment(f"pay: {terms.pay_note}. Add the grade to trust.yaml (pay: grades:), then write "
                        "pay: {grade: ID}.")
            )
        for note in terms.salary_notes:
            self.add(comment(f"salary: {note}"))

    def hours(self, terms: Terms) -> None:
        """The hours as the document writes them: per week (with its minutes), term time, INSET days, the
        daily pattern with its times and breaks, contingency time and notes."""
        if terms.per_week is None:
            return
        found = terms.hours
        per_week = int(terms.per_week) if terms.per_week == int(terms.per_week) else terms.per_week
        self.add(f"hours:  {comment(terms.hours_comment)}" if terms.hours_comment else "hours:")
        self.add(f"  per_week: {scalar(found.written) if found and found.written else per_week}")
        if terms.term_time:
            self.add("  term_time_only: true")
        if terms.inset_days is not None:
            self.add(f"  inset_days: {terms.inset_days}")
        if terms.weeks_paid is not None:
            self.add(
                f"  # weeks_paid: {terms.weeks_paid}   # reproduces the document's actual salary; "
                "uncomment to use it instead of the trust's term_time_weeks_paid"
            )
        if found and found.pattern:
            self.add("  pattern:")
            for row in found.pattern:
                self.add(f"    - days: {scalar(row.days)}")
                self.add(f'      start: "{row.start}"')
                self.add(f'      end: "{row.end}"')
                if len(row.breaks) == 1 and not row.breaks[0][1] and not row.breaks[0][2]:
                    self.add(f"      break_minutes: {row.breaks[0][0]}")
                elif row.breaks:
                    self.add("      breaks:")
                    for minutes, name, paid in row.breaks:
                        self.add(f"        - minutes: {minutes}" + (f"\n          name: {scalar(name)}" if name else "")
                                 + ("\n          paid: true" if paid else ""))
        if found and found.contingency_minutes:
            self.add(f"  contingency_minutes: {found.contingency_minutes}")
        if terms.hours_note:
            self.add(f"  note: {scalar(terms.hours_note[:1].upper() + terms.hours_note[1:] + '.')}")

    def sections(self, decisions: list[Decision]) -> None:
        if not decisions:
            return
        self.add("")
        self.add("sections:")
        trust_kinds = {k.id for k in self.trust.sections}
        order = [k.id for k in self.trust.sections] + [k for k in self.own_sections if k not in trust_kinds]
        for ident in order:
            mine = [d for d in decisions if d.section == ident]
            if not mine:
                continue
            self.add(f"  {ident}:")
            if ident not in trust_kinds:
                self.add(f"    {comment('a heading the trust does not know: the post has it as a section of its own')}")
                self.add(f"    title: {scalar(self.text(section_title(self.own_sections[ident]))[:150])}")
            kind = next((k for k in self.trust.sections if k.id == ident), None)
            where = self.positions.get(ident)
            if where and kind is None:
                self.add(f"    position: {where}  {comment('where the document had it')}")
            elif where and kind is not None and where != kind.position:
                self.add(f"    position: {where}  "
                         f"{comment(f'where the document had it (trust.yaml prints it {kind.position})')}")
            rows = [d for d in mine if d.statement.label]
            kinds = {"paragraphs": [d for d in mine if not d.statement.label and not d.statement.bullet],
                     "bullets": [d for d in mine if not d.statement.label and d.statement.bullet]}
            for kind in sorted(kinds, key=lambda k: mine.index(kinds[k][0]) if kinds[k] else len(mine)):
                if kinds[kind]:
                    self.add(f"    {kind}:")
                for d in kinds[kind]:
                    self.add(f"      {comment(d.statement.where)}")
                    self.add(f"      - {scalar(self.text(d.statement.text))}")
            if rows:
                self.add("    rows:")
                for d in rows:
                    self.add(f"      {comment(d.statement.where)}")
                    self.add(f"      - label: {scalar(self.text(d.statement.label))}")
                    self.add(f"        text: {scalar(self.text(d.statement.text))}")

    def safer_recruitment(self) -> None:
        """The form's answers (background checks, safety critical ...) that differ from the trust's settings."""
        differs = {k: v for k, v in self.safer.items() if getattr(self.trust.safer_recruitment, k) != v}
        if not differs:
            return
        self.add(f"safer_recruitment:  {comment('as the document' + chr(39) + 's form answers it')}")
        for key, value in differs.items():
            self.add(f"  {key}: {str(value).lower() if isinstance(value, bool) else scalar(str(value))}")

    def signatures(self, documents: list[str]) -> None:
        """The document's signature lines as the post's `signatures:` (who signs, on which document)."""
        if not self.signatories:
            return
        shown = [d for d in self.signature_documents if d in documents] or documents[:1]
        self.add("")
        self.add(f"signatures:  {comment('from the document' + chr(39) + 's signature lines')}")
        self.add(f"  documents: {flow(list(dict.fromkeys(shown)))}")
        self.add(f"  signatories: {flow(self.signatories)}")

    def clauses(self, decisions: list[Decision]) -> None:
        """The post's own wording of a trust clause, or a clause of its own (several paragraphs joined)."""
        if not decisions:
            return
        trust_ids = {c.id for c in self.trust.clauses}
        by_id: dict[str, list[Decision]] = {}
        for d in decisions:
            by_id.setdefault(d.section or "clause", []).append(d)
        self.add("")
        self.add("clauses:")
        for ident, mine in by_id.items():
            self.add(f"  {comment('; '.join(d.statement.where for d in mine) + ': ' + mine[0].note)}")
            self.add(f"  {ident}:")
            if ident not in trust_ids:
                self.add(f"    title: {scalar(mine[0].statement.heading)}")
            self.add(f"    text: {scalar(self.text(' '.join(d.statement.text for d in mine)))}")

    def group(self, key: str, order: list[str], decisions: list[Decision]) -> None:
        decisions = [d for d in decisions if d.section in order]  # one with no area or category is not drafted here
        if not decisions:  # no key at all: "criteria:" with nothing under it is not a valid post
            return
        self.add("")
        self.add(f"{key}:")
        for section in order:
            mine = [d for d in decisions if d.section == section]
            if not mine:
                continue
            self.add(f"  {section}:")
            entries: list[Decision | _Use] = []
            for d in mine:
                if d.outcome == "use":
                    last = entries[-1] if entries else None
                    if isinstance(last, _Use) and last.block == d.match.candidate.block:  # type: ignore[union-attr]
                        last.decisions.append(d)
                    else:
                        entries.append(_Use(d.match.candidate.block, [d]))  # type: ignore[union-attr]
                else:
                    entries.append(d)
            for entry in entries:
                if isinstance(entry, _Use):
                    self.use(entry, key == "criteria")
                else:
                    self.item(entry, key == "criteria")

    def use(self, entry: _Use, criteria: bool) -> None:
        ids = [d.match.candidate.item for d in entry.decisions if d.match]
        for d in entry.decisions:
            assert d.match is not None
            self.add(
                "    " + comment(f"{d.statement.where}: {d.match.candidate.item} ({d.match.score:g})"
                              + (f"; {d.note}" if d.note else ""))
            )
        self.add(f"    - use: {entry.block}")
        full = self.library.block_items.get(entry.block, [])
        if ids == full and entry.block not in self.library.nested:
            pass
        elif (
            entry.block not in self.library.nested
            and len(full) - len(ids) < len(ids)
            and ids == [i for i in full if i in ids]
        ):
            self.add(f"      omit: {flow([i for i in full if i not in ids])}")
        else:
            self.add(f"      only: {flow(ids)}")
        if criteria:
            overrides = []
            for d in entry.decisions:
                s = d.statement
                change = {}
                if s.need == "desirable":
                    change["need"] = "desirable"
                if s.assessed:
                    change["assessed"] = flow(s.assessed)
                if s.level:
                    change["level"] = str(s.level)
                if change:
                    overrides.append((d.match.candidate.item, change))  # type: ignore[union-attr]
            if overrides:
                self.add("      override:")
                for item, change in overrides:
                    inner = ", ".join(f"{k}: {v}" for k, v in change.items())
                    self.add(f"        {item}: {{{inner}}}")

    def item(self, d: Decision, criteria: bool) -> None:
        s = d.statement
        notes = [s.where]
        if d.outcome == "near" and d.match:
            notes.append(f"closest block item {d.match.candidate.block}: {d.match.candidate.item} ({d.match.score:g})")
        if d.note:
            notes.append(d.note)
        self.add(f"    {comment('; '.join(notes))}")
        extra = criteria and (s.need == "desirable" or s.assessed or s.level or s.one_of)
        if not extra:
            self.add(f"    - {scalar(self.text(s.text))}")
            return
        if s.one_of:
            self.add("    - one_of:")
            for alternative in s.one_of:
                self.add(f"        - {scalar(self.text(alternative))}")
        else:
            self.add(f"    - text: {scalar(self.text(s.text))}")
        if s.need == "desirable":
            self.add("      need: desirable")
        if s.assessed:
            self.add(f"      assessed: {flow(s.assessed)}")
        if s.level:
            self.add(f"      level: {s.level}")
