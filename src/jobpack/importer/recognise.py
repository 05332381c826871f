"""Recognising the parts of a job pack in a read document: key facts, summary, duty sections, person-spec
categories with essential/desirable and how assessed, the trust's clauses, signatures and form boilerplate.

Headings are recognised by their words, not their looks (a PDF or a text export has no styles): a short
line that means one of the trust's duty areas, categories or sections (by its title, its id, a built-in
synonym or one the trust lists under `import: headings:`) starts that part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from jobpack.importer import vocabulary as vocab
from jobpack.importer.match import normalise
from jobpack.importer.source import Cell, Element, Para, Row, Source
from jobpack.load.models.trust import Trust

HEADING_AT = 90
_NUMBERING = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*[.)]?|[a-z][.)]|[ivx]{1,4}[.)])\s+", re.I)
_HEADING_FILLER = {"support", "main", "key", "further", "area", "section"}
_MARK_CODES = re.compile(r"\(\s*([A-Z][A-Za-z0-9]{0,3}(?:\s*[,/&]\s*[A-Z][A-Za-z0-9]{0,3})*)\s*\)\s*\.?$")
_NEED_SUFFIX = re.compile(r"\s*\((E|D|essential|desirable)\)\s*\.?$", re.I)
_OR = re.compile(r"\s+(?:or|OR)\s+(?=[A-Z][a-z])")
_NEED_PREFIX = re.compile(r"^(essential|desirable)\s*[:\-–]\s*", re.I)


@dataclass
class Statement:
    """One duty, summary line, criterion or section line found in the document."""

    text: str
    where: str
    part: str  # "summary", "duties", "criteria" or "section"
    section: str | None = None  # the trust's area, category or section id; None where the heading was not known
    heading: str = ""  # the document's heading it was under
    need: str | None = None
    assessed: list[str] | None = None
    level: int | None = None
    one_of: list[str] = field(default_factory=list)  # alternatives ("... OR ..."), the text being the first
    label: str = ""  # a section's row label ("Internal", "Personnel")
    bullet: bool = False  # a list item (in a section: bullets, not paragraphs)


@dataclass
class Noted:
    """Something recognised and left out of the post's items, and why."""

    text: str
    where: str
    why: str


@dataclass
class Fact:
    value: str
    where: str


@dataclass
class Recognised:
    facts: dict[str, Fact] = field(default_factory=dict)
    title: Fact | None = None
    statements: list[Statement] = field(default_factory=list)
    clauses: list[Noted] = field(default_factory=list)
    signatures: list[Noted] = field(default_factory=list)
    dropped: list[Noted] = field(default_factory=list)
    headings: list[Noted] = field(default_factory=list)  # headings not recognised
    hours_text: list[Fact] = field(default_factory=list)
    physical: list[tuple[str, str]] = field(default_factory=list)  # (requirement id, where)


def heading_words(text: str) -> str:
    text = _NUMBERING.sub("", text).strip().rstrip(":").strip()
    return " ".join(w for w in normalise(text).split() if w not in _HEADING_FILLER)


class Headings:
    """What a heading means, for one trust: ('area'|'category'|'section'|'summary'|'duties'|'clauses'|
    'facts'|'form', id)."""

    def __init__(self, trust: Trust) -> None:
        self.table: list[tuple[str, str, str]] = []  # (normalised phrase, kind, id)
        self.clauses = {heading_words(c.title): c.id for c in trust.clauses if c.title}
        own = trust.import_.headings
        groups = [("area", trust.duty_areas), ("category", trust.criteria_categories), ("section", trust.sections)]
        titles: dict[str, tuple[str, str]] = {}
        for kind, sections in groups:
            for section in sections:
                for phrase in (section.title, section.id.replace("-", " "), *own.get(section.id, [])):
                    self._add(phrase, kind, section.id)
                titles[heading_words(section.title)] = (kind, section.id)
        for phrase, target in vocab.SYNONYMS.items():
            hit = titles.get(heading_words(target))
            if hit:
                self._add(phrase, *hit)
        for clause in trust.clauses:  # a clause's own heading (jobpack's documents print them)
            if clause.title:
                self._add(clause.title, "clauses", clause.id)
        for kind, phrases in (
            ("summary", vocab.SUMMARY),
            ("duties", vocab.GENERIC_DUTIES),
            ("signatures", vocab.SIGNATURE_ZONES),
            ("clauses", vocab.CLAUSE_ZONES),
            ("facts", vocab.FACT_ZONES),
            ("form", vocab.FORM_ZONES),
        ):
            for phrase in phrases:
                self._add(phrase, kind, heading_words(phrase))

    def _add(self, phrase: str, kind: str, ident: str) -> None:
        norm = heading_words(phrase)
        if norm and all(norm != p for p, _, _ in self.table):  # the first meaning of a phrase wins
            self.table.append((norm, kind, ident))

    def classify(self, text: str) -> tuple[str, str] | None:
        norm = heading_words(text)
        if not norm:
            return None
        best, score = None, 0.0
        for phrase, kind, ident in self.table:
            s = fuzz.ratio(norm, phrase)
            if s > score:
                best, score = (kind, ident), s
        return best if score >= HEADING_AT else None


def _label(text: str) -> str:
    return " ".join(re.sub(r"[:/&]", " ", text.lower()).split()).strip(" .-")


_FACT_BY_LABEL = {label: key for key, labels in vocab.FACT_LABELS.items() for label in labels}
_FORM_LABELS = set(vocab.FORM_LABELS)


def fact_label(text: str) -> str | None:
    """'title', 'grade', ...: the key fact a label names; 'form' for a form's own fields; None otherwise."""
    label = _label(text)
    if label in _FACT_BY_LABEL:
        return _FACT_BY_LABEL[label]
    if label in _FORM_LABELS:
        return "form"
    return None


def split_label(text: str) -> tuple[str, str, str] | None:
    """'Hours: 35' -> ('hours', 'Hours', '35') when the text before the first colon is a known label."""
    if ":" not in text:
        return None
    label, value = text.split(":", 1)
    if len(label) > 40:
        return None
    key = fact_label(label)
    return (key, label.strip(), value.strip()) if key else None


def is_mark(text: str) -> bool:
    return text.strip() in vocab.MARKS


class Recogniser:
    """Walks a read document once, keeping track of which part (job description or person specification)
    and which section it is in."""

    def __init__(self, trust: Trust) -> None:
        self.trust = trust
        self.headings = Headings(trust)
        self.drop = [p.lower() for p in trust.import_.drop]
        self.out = Recognised()
        self.part = "jd"  # "jd" or "ps"
        self.zone = "start"  # start, facts, summary, area, duties, clauses, category, section, form, unknown
        self.section: str | None = None
        self.heading = ""
        self.columns: dict[int, str] = {}  # person-spec grid column -> role
        self.pending_label: tuple[str, str, str] | None = None  # (key, label, where)
        self.where = ""
        self.alternative = False  # the last criterion line was "OR": the next one is its alternative
        self.methods = {m.code: m.name.lower() for m in trust.assessment_methods}
        self.physical = {normalise(r.label): r.id for r in trust.physical_requirements}

    # ------------------------------------------------------------------ elements

    def run(self, source: Source) -> Recognised:
        for element in source.elements:
            if isinstance(element, Row):
                filled = element.filled
                if len(filled) == 1 and len(filled[0].lines) <= 1:
                    self.para(Para(filled[0].text, filled[0].where))
                else:
                    self.row(element)
            else:
                self.para(element)
        return self.out

    def note_drop(self, text: str, where: str, why: str) -> None:
        self.out.dropped.append(Noted(text, where, why))

    def boilerplate(self, text: str) -> str | None:
        low = text.lower()
        if any(phrase in low for phrase in self.drop):
            return "a phrase listed under import: drop: in trust.yaml"
        if any(p.search(text) for p in vocab.BOILERPLATE):
            return "form guidance"
        if self.part == "ps" and text.rstrip().endswith("?"):
            return "form guidance (a question)"
        return None

    def switch_part(self, text: str) -> bool:
        low = text.lower()
        words = len(text.split())
        ps = "person specification" in low or "personnel specification" in low
        jd = "job description" in low
        if not (ps or jd) or words > 14:
            return False
        self.part = "jd" if jd and (not ps or low.index("job description") < low.index("specification")) else "ps"
        self.zone, self.section, self.heading, self.columns = "start", None, "", {}
        title = re.sub(r"(?i)\b(job description|person(nel)? specification|and|&)\b", " ", text)
        title = re.sub(r"\s[-–:]\s*\w{0,4}\s*$", "", title)
        title = " ".join(title.replace(":", " ").split()).strip(" -–:")
        if title and self.out.title is None and len(title.split()) <= 10:
            self.out.title = Fact(title, self.where)
        return True

    def para(self, para: Para) -> None:
        text = para.text.strip()
        if not text:
            return
        if para.where.startswith(("header ", "footer ")) or " header " in para.where or " footer " in para.where:
            self.note_drop(text, para.where, "the page header or footer")
            return
        if self.pending_label:
            key, label, where = self.pending_label
            self.pending_label = None
            if len(text.split()) <= 12 and not fact_label(text) and not self.headings.classify(text):
                self.fact(key, text, para.where)
                return
        self.where = para.where
        if heading_words(text) not in self.headings.clauses and self.switch_part(text):
            return
        if vocab.SIGNATURE.match(text) and (":" in text or "_" in text or len(text.split()) <= 6):
            self.out.signatures.append(Noted(text, para.where, "signature line"))
            return
        labelled = split_label(text)
        if labelled and self.zone not in ("duties", "area", "category"):
            key, label, value = labelled
            if value:
                self.fact(key, value, para.where)
                return
        if fact_label(text) and len(text.split()) <= 4 and self.zone in ("start", "facts"):
            key = fact_label(text)
            self.pending_label = (key or "form", text, para.where)
            return
        if self.heading_para(para, text):
            return
        why = self.boilerplate(text)
        if why:
            self.note_drop(text, para.where, why)
            return
        self.content(text, para.where, para.bullet)

    def heading_para(self, para: Para, text: str) -> bool:
        words = len(text.split())
        looks = para.heading > 0 or (para.bold and words <= 10 and not text.endswith("."))
        if words > 10 or (text.endswith(".") and not para.heading and words > 8):
            return False
        meaning = self.headings.classify(text)
        if text.endswith(".") and not para.heading and (meaning is None or meaning[0] != "form"):
            return False
        if meaning is None:
            if looks and not para.bullet and self.zone in ("clauses", "clause") and self.part == "jd":
                self.enter("clause", None, text)  # a clause of the post's own
                return True
            if looks and not para.bullet and self.zone != "start":
                self.enter("unknown", None, text)
                self.out.headings.append(Noted(text, para.where, "heading not recognised"))
                return True
            return False
        kind, ident = meaning
        clause = self.headings.clauses.get(heading_words(text))
        if clause and self.part == "jd" and self.zone != "start":
            self.enter("clause", clause, text)  # a clause's own heading among the general responsibilities
            return True
        if kind == "category" and self.part == "jd" and self.zone != "start" and not looks:
            return False  # a category's word inside a job description ("Equality") is content
        if kind == "area" and self.part == "ps" and not looks:
            return False
        self.enter(kind, ident, text)
        return True

    def enter(self, kind: str, ident: str | None, heading: str) -> None:
        if kind == "category":
            self.part = "ps"
        elif kind in ("area", "summary", "duties"):
            self.part = "jd" if self.part == "jd" or kind != "area" else self.part
        self.zone = kind
        self.section = ident if kind in ("area", "category", "section", "clause") else None
        self.heading = heading

    def fact(self, key: str, value: str, where: str) -> None:
        if key == "form":
            self.note_drop(value, where, "a form field")
            return
        if key not in self.out.facts:
            self.out.facts[key] = Fact(value, where)
        elif key == "hours":
            self.out.hours_text.append(Fact(value, where))

    # ------------------------------------------------------------------ content

    def content(self, text: str, where: str, bullet: bool = False) -> None:
        zone = self.zone
        if zone == "form":
            if "physical" in self.heading.lower() and self.physical_requirement(text, where):
                return
            self.note_drop(text, where, f"form section '{self.heading}'")
            return
        if zone == "signatures":
            self.out.signatures.append(Noted(text, where, "signature block"))
            return
        if self.part == "ps" and zone != "category":
            self.note_drop(text, where, "not under one of the person specification's categories")
            return
        if zone in ("start", "facts") and self.part == "jd":
            if re.search(r"(?i)\b(hours|term[ -]time|weeks|full[ -]time|part[ -]time)\b", text) and len(text) < 120:
                self.out.hours_text.append(Fact(text, where))
                return
            if zone == "facts" or not bullet:
                self.note_drop(text, where, "text before the first heading")
                return
        if self.part == "ps":
            self.criterion_lines([text], where, self.section, None, None)
            return
        if zone == "summary":
            self.out.statements.append(Statement(text, where, "summary", heading=self.heading))
            return
        if zone == "clause":
            self.out.statements.append(Statement(text, where, "clause", self.section, self.heading))
            return
        part = "section" if zone == "section" else "duties"
        section = self.section if zone in ("area", "section") else None
        self.out.statements.append(Statement(text, where, part, section, self.heading, bullet=bullet))

    def criterion_lines(
        self,
        lines: list[str],
        where: str,
        category: str | None,
        need: str | None,
        assessed: list[str] | None,
        level: int | None = None,
    ) -> None:
        for line in lines:
            text, line_need, line_assessed = self.criterion_marks(line)
            if not text:
                continue
            if text.upper() in ("OR", "AND", "AND/OR"):
                self.alternative = text.upper() == "OR"
                self.note_drop(text, where, "a connecting word (the alternatives are written with one_of)")
                continue
            last = self.out.statements[-1] if self.out.statements else None
            if self.alternative and last is not None and last.part == "criteria":
                self.alternative = False
                last.one_of = [*(last.one_of or [last.text]), text]
                continue
            parts = _OR.split(text)
            one_of = [p.strip() for p in parts] if len(parts) > 1 and all(len(p.split()) >= 4 for p in parts) else []
            why = self.boilerplate(text)
            if why:
                self.note_drop(text, where, why)
                continue
            self.out.statements.append(
                Statement(
                    text, where, "criteria", category, self.heading, line_need or need,
                    line_assessed or assessed, level, one_of,
                )
            )

    def criterion_marks(self, line: str) -> tuple[str, str | None, list[str] | None]:
        """A criterion's text without its '(D)' or 'Desirable:' marker or '(A, I)' codes, and what they say."""
        need = assessed = None
        text = line.strip()
        match = _NEED_PREFIX.match(text)
        if match:
            need = "desirable" if match.group(1).lower().startswith("d") else "essential"
            text = text[match.end() :]
        match = _NEED_SUFFIX.search(text)
        if match:
            need = "desirable" if match.group(1).lower().startswith("d") else "essential"
            text = text[: match.start()].rstrip() + ("." if text[: match.start()].rstrip()[-1:].isalnum() else "")
        match = _MARK_CODES.search(text)
        if match:
            codes = [c.strip() for c in re.split(r"[,/&]", match.group(1))]
            if all(c in self.methods for c in codes):
                assessed = codes
                text = text[: match.start()].rstrip()
        return text.strip(), need, assessed

    def assessed_codes(self, text: str) -> list[str] | None:
        """The trust's assessment codes a how-assessed cell names ('Interview, references' -> [I, R])."""
        low = text.lower()
        codes: list[str] = []
        tokens = [t.strip() for t in re.split(r"[,/&\s]+", text) if t.strip()]
        if tokens and all(t in self.methods for t in tokens):
            return tokens
        for code, name in self.methods.items():
            if name in low and code not in codes:
                codes.append(code)
        for phrase, word in vocab.ASSESSED_WORDS.items():
            if phrase in low:
                for code, name in self.methods.items():
                    if word in name and code not in codes:
                        codes.append(code)
        order = list(self.methods)
        return sorted(codes, key=order.index) or None

    # ------------------------------------------------------------------ tables

    def row(self, row: Row) -> None:
        cells = list(row.cells)
        if self.zone == "form":
            self.form_row(cells)
            return
        filled = [c for c in cells if c.text]
        if self.zone == "signatures" or filled and all(vocab.SIGNATURE.match(c.text) for c in filled):
            text = " | ".join(c.text for c in filled)
            self.out.signatures.append(Noted(text, row.where, "signature block"))
            return
        if self.facts_row(cells):
            return
        texts = [c.text for c in cells]
        roles = self.header_roles(texts)
        if roles:
            self.columns = roles
            self.part = "ps"
            if self.zone not in ("category",):
                self.zone = "category" if self.section else self.zone
            return
        if self.part == "ps" or self.columns:
            self.criteria_row(cells)
            return
        filled = [c for c in cells if c.text]
        if self.zone == "section" and len(filled) == 2:  # a section's "label | text" row
            self.out.statements.append(Statement(filled[1].text, filled[1].where, "section", self.section,
                                                 self.heading, label=filled[0].text))
            return
        # a table in a job description: each cell is content of the current section
        for cell in cells:
            if not cell.text:
                continue
            meaning = self.headings.classify(cell.text) if len(cell.text.split()) <= 8 else None
            if meaning:
                self.enter(*meaning, cell.text)
                continue
            for line in cell.lines:
                para = Para(line, cell.where)
                self.para(para)

    def facts_row(self, cells: list[Cell]) -> bool:
        """Key facts written as label | value pairs (or 'Label: value' cells); True if the row was that."""
        filled = [c for c in cells if c.text]
        if not filled:
            return True
        found = False
        k = 0
        while k < len(cells):
            cell = cells[k]
            key = fact_label(cell.text) if cell.text else None
            if key:
                rest = [c for c in cells[k + 1 :] if c.text]
                value_cell = rest[0] if rest and not fact_label(rest[0].text) else None
                if value_cell is not None:
                    self.fact(key, value_cell.text, value_cell.where)
                    k = cells.index(value_cell) + 1
                else:
                    k += 1
                found = True
                continue
            labelled = split_label(cell.text) if cell.text else None
            if labelled and labelled[2]:
                self.fact(labelled[0], labelled[2], cell.where)
                found = True
            elif (
                cell.text
                and (found or self.zone in ("start", "facts"))
                and self.part == "jd"
                and re.search(r"(?i)\b(hours|term[ -]time|weeks|full[ -]time|part[ -]time)\b", cell.text)
            ):
                self.out.hours_text.append(Fact(cell.text, cell.where))
                found = True
            k += 1
        return found

    def header_roles(self, texts: list[str]) -> dict[int, str]:
        roles: dict[int, str] = {}
        if any(len(t.split()) > 5 for t in texts):
            return roles
        for k, text in enumerate(texts):
            low = _label(text)
            if low in ("essential", "essential criteria"):
                roles[k] = "essential"
            elif low in ("desirable", "desirable criteria"):
                roles[k] = "desirable"
            elif low.startswith(
                (
                    "how identified",
                    "how assessed",
                    "assessed by",
                    "method of assessment",
                    "assessment",
                    "evidence",
                    "how evidenced",
                    "identified by",
                )
            ):
                roles[k] = "how"
            elif low in ("criteria", "criterion", "requirements", "requirement", "attributes", "specification",
                         "category", "area", "attribute", "qualities", "person specification"):
                roles[k] = "text"
            elif low == "level":
                roles[k] = "level"
            elif low in ("n a", "na", "e d", "essential desirable", "essential or desirable"):
                roles[k] = "ignore" if low in ("n a", "na") else "need"
            elif re.fullmatch(r"level \d", low):
                roles[k] = f"level{low[-1]}"
        if not {"essential", "desirable", "how", "need"} & set(roles.values()) and not any(
            r.startswith("level") for r in roles.values()
        ):
            return {}
        if any(text.strip() and k not in roles for k, text in enumerate(texts)):
            return {}  # a row with criterion text in it is not a header
        return roles

    def criteria_row(self, cells: list[Cell]) -> None:
        if self.zone not in ("category", "unknown"):
            self.note_drop(" | ".join(c.text for c in cells if c.text), cells[0].where if cells else "",
                           "the person specification's introduction")
            return
        roles = self.columns
        need: str | None = None
        assessed: list[str] | None = None
        row_level: int | None = None
        texts: list[tuple[list[str], str | None, str, int | None]] = []  # lines, need, where, level
        for k, cell in enumerate(cells):
            text = cell.text
            if not text:
                continue
            role = roles.get(k)
            if role in ("essential", "desirable"):
                if is_mark(text):
                    need = role
                else:
                    texts.append((list(cell.lines), role, cell.where, None))
            elif role == "need":
                need = "desirable" if text.strip().lower().startswith("d") else "essential"
            elif role == "level":
                digits = re.findall(r"\d", text)
                row_level = int(digits[0]) if digits else None
            elif role == "how":
                assessed = self.assessed_codes(text)
            elif role == "ignore":
                continue
            elif role and role.startswith("level"):
                if is_mark(text):
                    continue
                texts.append((list(cell.lines), None, cell.where, int(role[-1])))
            elif role == "text":
                texts.append((list(cell.lines), None, cell.where, None))
            else:
                if k == 0 or not texts:
                    meaning = self.headings.classify(text) if len(text.split()) <= 8 else None
                    if meaning and meaning[0] == "category":
                        self.enter("category", meaning[1], text)
                        continue
                    if is_mark(text):
                        need = need or "essential"
                        continue
                    why = self.boilerplate(text)
                    if why:
                        self.note_drop(text, cell.where, why)
                        continue
                texts.append((list(cell.lines), None, cell.where, None))
        for lines, cell_need, where, level in texts:
            self.criterion_lines(lines, where, self.section, cell_need or need, assessed, level or row_level)

    def physical_requirement(self, text: str, where: str) -> bool:
        """A line naming one of the trust's physical requirements (as jobpack's documents list them)."""
        norm = normalise(text)
        best = max(self.physical, key=lambda label: fuzz.ratio(norm, label), default=None)
        if best is None or fuzz.ratio(norm, best) < 90:
            return False
        self.out.physical.append((self.physical[best], where))
        return True

    def form_row(self, cells: list[Cell]) -> None:
        """A row of a form section: ticked physical activities become the post's requirements; the rest is
        the form's own and is dropped."""
        previous = ""
        for cell in cells:
            text = cell.text
            ticked = any(mark in text for mark in "☑☒✓✔") or bool(re.fullmatch(r"\W*yes\W*", text, re.I))
            if "physical" in self.heading.lower() and ticked and previous and not re.search(r"(?i)\bno\b", text):
                best = max(self.physical, key=lambda label: fuzz.ratio(normalise(previous), label), default=None)
                if best and fuzz.ratio(normalise(previous), best) >= 80:
                    self.out.physical.append((self.physical[best], cell.where))
            if text and text.strip("☐☑ "):
                self.note_drop(text, cell.where, f"form section '{self.heading}'")
            previous = text


def recognise(source: Source, trust: Trust) -> Recognised:
    """The parts of the job pack in `source`, by the trust's vocabulary."""
    return Recogniser(trust).run(source)


__all__ = ["Element", "Fact", "Noted", "Recognised", "Statement", "recognise"]
