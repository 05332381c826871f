"""Recognising the parts of a job pack in a read document: key facts, summary, duty sections, person-spec
categories with essential/desirable and how assessed, the trust's clauses, signatures and form boilerplate.

Headings are recognised by their words, not their looks (a PDF or a text export has no styles): a short
line that means one of the trust's duty areas, categories or sections (by its title, its id, a built-in
synonym or one the trust lists under `import: headings:`) starts that part.
"""

from __future__ import annotations

import re

from jobpack.importer import vocabulary as vocab
from jobpack.importer.headings import Headings, fact_label, heading_words, split_label
from jobpack.importer.match import normalise
from jobpack.importer.recognised import Fact, Noted, Recognised, Statement
from jobpack.importer.source import Element, Para, Row, Source
from jobpack.importer.tables import TableReading
from jobpack.load.models.trust import Trust


class Recogniser(TableReading):
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


def recognise(source: Source, trust: Trust) -> Recognised:
    """The parts of the job pack in `source`, by the trust's vocabulary."""
    return Recogniser(trust).run(source)


__all__ = ["Element", "Fact", "Noted", "Recognised", "Statement", "recognise"]
