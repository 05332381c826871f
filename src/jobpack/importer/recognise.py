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
from jobpack.importer.hours import COLUMNS, PATTERN
from jobpack.importer.match import normalise
from jobpack.importer.recognised import Fact, Noted, Recognised, Statement
from jobpack.importer.source import Element, Para, Row, Source
from jobpack.importer.tables import TableReading
from jobpack.load.models.base import slugify
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
        self.row_label: tuple[str, str] | None = None  # a section's "Internal:" whose lines follow (label, where)
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

    def mark(self, text: str, where: str, why: str, fate: str = "heading") -> None:
        """A line that is part of the document's structure (a heading, a label, a column header, a tick)."""
        self.out.marks.append(Noted(text, where, why, fate))

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
        if self.part == "jd":
            self.advert()
        self.zone, self.section, self.heading, self.columns = "start", None, "", {}
        title = re.sub(r"(?i)\b(job description|person(nel)? specification|and|&)\b", " ", text)
        title = re.sub(r"\s[-–:]\s*\w{0,4}\s*$", "", title)
        title = " ".join(title.replace(":", " ").split()).strip(" -–:")
        if title and self.out.title is None and len(title.split()) <= 10:
            self.out.title = Fact(title, self.where)
        part = "the job description" if self.part == "jd" else "the person specification"
        self.mark(text, self.where, f"heading: the start of {part}" + (f" (title '{title}')" if title else ""))
        return True

    def para(self, para: Para) -> None:
        text = para.text.strip()
        if not text:
            return
        if para.where.startswith(("header ", "footer ")) or " header " in para.where or " footer " in para.where:
            self.note_drop(text, para.where, "the page header or footer", "boilerplate")
            return
        if self.pending_label:
            key, label, where = self.pending_label
            self.pending_label = None
            if len(text.split()) <= 12 and not fact_label(text) and not self.headings.classify(text):
                self.fact(key, text, para.where)
                return
        self.where = para.where
        if para.heading and self.out.first_heading is None and len(text.split()) <= 12:
            self.out.first_heading = Fact(text, para.where)
        if heading_words(text) not in self.headings.clauses and self.switch_part(text):
            return
        if vocab.SIGNATURE.match(text) and (":" in text or "_" in text or len(text.split()) <= 6):
            self.signature(text, para.where)
            return
        labelled = split_label(text)
        if labelled and self.zone not in ("duties", "area", "category", "section", "own"):
            key, label, value = labelled
            if value:
                self.fact(key, value, para.where, label)
                return
        if fact_label(text) and len(text.split()) <= 4 and self.zone in ("start", "facts"):
            key = fact_label(text)
            self.pending_label = (key or "form", text, para.where)
            self.mark(text, para.where, f"label of the {key or 'form field'} on the next line")
            return
        if self.list_row(para, text):
            return
        if self.section_row(text, para.where):
            return
        if self.heading_para(para, text):
            return
        if self.zone == "form" and self.form_line(text, para.where):
            return
        if vocab.PS_INTRO.search(text) and self.trust.person_specification.reasonable_adjustments:
            self.note_drop(text, para.where, "the trust's wording: the person specification's introduction, which "
                           "the documents print as trust.yaml's person_specification words it", "clause")
            return
        why = self.boilerplate(text)
        if why:
            self.note_drop(text, para.where, why, "boilerplate")
            return
        self.content(text, para.where, para.bullet)

    def signature(self, text: str, where: str, why: str = "signature line") -> None:
        self.out.signatures.append(Noted(text, where, why, "signature"))
        low = text.lower()
        document = "job-description" if self.part == "jd" else "person-specification"
        if document not in self.out.signature_documents:
            self.out.signature_documents.append(document)
        named = [who for words, who in vocab.SIGNATORIES if re.search(words, low)]
        if not named and re.match(r"(signed|signature)\b", low):
            named = ["post-holder"]  # "Signed: ____ Date: ____": the post holder signs
        for who in named:
            if who not in self.out.signatories:
                self.out.signatories.append(who)

    def section_row(self, text: str, where: str) -> bool:
        """'Label: value' under a section ('Internal: Pupils, teachers'), or a line naming one of the trust's
        sections by its label ('Responsibility for finance: None'): a row of that section."""
        match = _ROW.match(text)
        if not match or self.part != "jd":
            return False
        label, value = match.group(1).strip(), match.group(2).strip()
        target = self.row_section(label)
        if target is None and self.zone in ("section", "own"):
            target = self.section
        if not target or not value or fact_label(label):
            return False
        own = target if target in self.out.own_sections else ""
        self.out.statements.append(Statement(value, where, "section", None if own else target, self.heading,
                                             label=label, own_section=own))
        return True

    def list_row(self, para: Para, text: str) -> bool:
        """In a section, 'Internal:' alone starts a row whose text is the short lines under it ('Teachers',
        'Pupils', ...), so a contact named like a duty area is not read as a heading."""
        if self.part != "jd" or self.zone not in ("section", "own"):
            self.row_label = None
            return False
        match = re.fullmatch(r"([A-Za-z][^:]{0,40}?)\s*:", text)
        heading_like = para.heading or para.bold or match is not None and match.group(1).isupper()
        if match and not heading_like and len(text.split()) <= 4 and not fact_label(match.group(1)):
            self.row_label = (match.group(1).strip(), para.where)
            self.mark(text, para.where, "row: the label of the lines under it", "row")
            return True
        if self.row_label is None or para.heading or ":" in text or len(text.split()) > 8:
            return False
        if self.headings.classify(text) and (len(text.split()) >= 2 or text.isupper()):
            self.row_label = None  # "CONTROL OF RESOURCES": the next heading, not a contact
            return False
        label, where = self.row_label
        last = self.out.statements[-1] if self.out.statements else None
        if last is not None and last.label == label and last.part == "section" and last.heading == self.heading:
            last.text = f"{last.text}, {text}"
            self.mark(text, para.where, f"row: part of the row '{label}' at {last.where}", "row")
            return True
        own = self.section if self.zone == "own" else ""
        self.out.statements.append(Statement(text, para.where, "section", None if own else self.section,
                                             self.heading, label=label, own_section=own or ""))
        return True

    def row_section(self, label: str) -> str | None:
        low = label.lower()
        for pattern, words in vocab.SECTION_LABELS:
            if re.match(pattern, low):
                for section in self.trust.sections:
                    if any(w in f"{section.id} {section.title}".lower() for w in words):
                        return section.id
        return None

    def heading_para(self, para: Para, text: str) -> bool:
        words = len(text.split())
        capitals = text.isupper() and 2 <= words <= 8 and sum(c.isalpha() for c in text) >= 6  # a text export's
        looks = para.heading > 0 or ((para.bold or capitals) and words <= 10 and not text.endswith("."))
        if words > 10 or (text.endswith(".") and not para.heading and words > 8):
            return False
        meaning = self.headings.classify(text)
        if text.endswith(".") and not para.heading and (meaning is None or meaning[0] != "form"):
            return False
        if meaning and meaning[1].startswith("~") and self.zone in ("clauses", "clause"):
            meaning = None  # "Secondary duties" among the general clauses: a clause of the post's own
        if meaning is None:
            if looks and not para.bullet and self.zone in ("clauses", "clause") and self.part == "jd":
                self.enter("clause", None, text)  # a clause of the post's own
                self.mark(text, para.where, "heading of a clause of the school's own")
                return True
            first = self.out.first_heading
            untitled = self.out.title is None and "title" not in self.out.facts
            if self.zone == "start" and (first is not None and first.where == para.where
                                         or untitled and looks and not self.out.statements):
                self.out.first_heading = first if first is not None and first.where == para.where else Fact(
                    text, para.where)
                self.mark(text, para.where, "heading: the document's title")
                return True
            if looks and not para.bullet and self.part == "jd":
                ident = self.own_section(text)
                self.mark(text, para.where, f"heading the trust does not know: kept as the post's own section "
                          f"'{ident}'")
                return True
            if looks and not para.bullet and self.zone != "start":
                self.enter("unknown", None, text)
                self.out.headings.append(Noted(text, para.where, "heading not recognised"))
                self.mark(text, para.where, "heading not recognised: its items placed by their closest block item")
                return True
            return False
        kind, ident = meaning
        if self.zone in ("section", "own") and kind in ("area", "category") and not looks and words < 2:
            return False  # "Pupils" in a list of contacts is a contact, not a heading
        clause = self.headings.clauses.get(heading_words(text))
        if clause and self.part == "jd" and self.zone != "start":
            self.enter("clause", clause, text)  # a clause's own heading among the general responsibilities
            self.mark(text, para.where, f"heading of the clause '{clause}'")
            return True
        if kind == "category" and self.part == "jd" and self.zone != "start" and not looks:
            return False  # a category's word inside a job description ("Equality") is content
        if kind == "area" and self.part == "ps" and not looks:
            return False
        self.enter(kind, ident, text)
        self.mark(text, para.where, f"heading: {_MEANING.get(kind, kind)}" + (f" '{ident}'" if kind in _NAMED else ""))
        return True

    def own_section(self, heading: str) -> str:
        """A section of the post's own for a heading the trust does not know: its text is kept there."""
        ident = slugify(re.sub(r"\s*\([^)]*\)", "", heading).strip(" :"))[:40] or "section"
        base, n = ident, 2
        while ident in self.out.own_sections and self.out.own_sections[ident] != heading:
            ident, n = f"{base}-{n}", n + 1
        self.out.own_sections[ident] = heading
        self.part = "jd"
        self.zone, self.section, self.heading = "own", ident, heading
        return ident

    def enter(self, kind: str, ident: str | None, heading: str) -> None:
        if kind == "category":
            self.part = "ps"
        elif kind in ("area", "summary", "duties"):
            self.part = "jd" if self.part == "jd" or kind != "area" else self.part
        self.zone = kind
        self.section = ident if kind in ("area", "category", "section", "clause") else None
        self.heading = heading

    def fact(self, key: str, value: str, where: str, label: str = "") -> None:
        vacancy = _VACANCY.match(label.lower()) or key == "hours" and label.lower().startswith("contract") and not (
            re.search(r"\d|hour|week|term", value, re.I))
        if vacancy:
            self.note_drop(value, where, f"the advert's {label.lower()}: a past vacancy's, not the post's (give the "
                           "post a 'vacancy:' with its dates and contract when it is advertised)")
            return
        if key == "form":
            self.note_drop(value, where, "a form field", "boilerplate")
            return
        if key not in self.out.facts:
            self.out.facts[key] = Fact(value, where)
        elif key == "hours":
            self.out.hours_text.append(Fact(value, where))
        else:
            self.mark(value, where, f"fact: {key} (the document gives it again; the first is used)", "fact")

    # ------------------------------------------------------------------ content

    def content(self, text: str, where: str, bullet: bool = False) -> None:
        zone = self.zone
        if zone == "form":
            self.note_drop(text, where, f"form section '{self.heading}'", "boilerplate")
            return
        if zone == "signatures":
            self.signature(text, where, "signature block")
            return
        if self.part == "ps" and zone != "category":
            self.note_drop(text, where, "not under one of the person specification's categories")
            return
        if zone in ("start", "facts") and self.part == "jd":
            if (re.search(r"(?i)\b(hours|term[ -]time|weeks|full[ -]time|part[ -]time|contingency)\b", text)
                    and len(text) < 120) or PATTERN.search(text) or COLUMNS.search(text):
                self.out.hours_text.append(Fact(text, where))
                return
            letterhead = self.letterhead(text)
            if letterhead and (zone == "facts" or not bullet):
                if "title" in letterhead:
                    self.mark(text, where, letterhead)  # a heading: the document's (or the post's) title
                else:
                    self.note_drop(text, where, letterhead, "boilerplate")
                return
            if zone == "facts" or not bullet:  # before any heading: the trust's clause, or the post's introduction
                self.out.statements.append(Statement(text, where, "duties", None, "", bullet=bullet,
                                                     own_section=self.intro()))
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
        if zone == "own":
            self.out.statements.append(Statement(text, where, "duties", None, self.heading, bullet=bullet,
                                                 own_section=self.section or ""))
            return
        part = "section" if zone == "section" else "duties"
        section = self.section if zone in ("area", "section") else None
        self.out.statements.append(Statement(text, where, part, section, self.heading, bullet=bullet))

    def letterhead(self, text: str) -> str | None:
        """Why a line before the first heading is letterhead, not content: a school's or the trust's name,
        an address, or a short label ("Details"); None for a sentence of content."""
        low = text.lower()
        names = [self.trust.name, *(s.name for s in self.trust.schools)]
        title = self.out.facts.get("title") or self.out.title
        if title and " ".join(title.value.lower().split()) == " ".join(low.split()):
            return "the post's title again (before the first heading)"
        if any(n and n.lower() in low for n in names) and len(text.split()) <= 25:
            return "letterhead before the first heading (the school's or trust's name)"
        if _POSTCODE.search(text) and len(text.split()) <= 25:
            return "letterhead before the first heading (an address)"
        if (title is None and self.out.first_heading is None and not self.out.statements and len(text.split()) <= 10
                and not text.rstrip().endswith((".", "!", "?", ":"))):
            self.out.first_heading = Fact(text, self.where)  # the first short line: the document's title
            return "the document's title (its first line)"
        if len(text.split()) < 5 and not text.rstrip().endswith((".", "!", "?")):
            return "a short label before the first heading"
        return None

    def advert(self) -> None:
        """The text before a JOB DESCRIPTION heading, when the document starts with it: an advert, so its
        paragraphs are the post's `advert:` (what the website, the pack's cover and job boards show) when they
        fit one (1,200 characters), rather than a section printed in the job description."""
        intro = [s for s in self.out.statements if s.own_section == "introduction"]
        if intro and len("\n\n".join(s.text for s in intro)) <= 1200 and not any(s.bullet for s in intro):
            for statement in intro:
                statement.part, statement.own_section = "advert", ""

    def intro(self) -> str:
        """The post's own section for text before the first heading (an introduction the trust has no name for)."""
        self.out.own_sections.setdefault("introduction", "Introduction")
        return "introduction"


_VACANCY = re.compile(r"(closing|start|commencement|interview|shortlisting)( date)?s?$")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_ROW = re.compile(r"^([A-Za-z][^:.;]{0,50}?)\s*:\s*(\S.*)$")
_MEANING = {"area": "duty area", "category": "person-specification category", "section": "section",
            "summary": "the summary", "duties": "general duties (each placed by its closest block item)",
            "clauses": "the trust's clauses", "facts": "key facts", "form": "a form's own section",
            "signatures": "signatures", "unknown": "not recognised"}
_NAMED = {"area", "category", "section"}


def recognise(source: Source, trust: Trust) -> Recognised:
    """The parts of the job pack in `source`, by the trust's vocabulary."""
    return Recogniser(trust).run(source)


__all__ = ["Element", "Fact", "Noted", "Recognised", "Statement", "recognise"]
