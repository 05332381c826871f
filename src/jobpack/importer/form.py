"""A council form's own sections, read as the fields they are: the background checks' ticked option is the
post's DBS check, a ticked box of the physical activities is one of its physical requirements (an unticked
one is not), a marked Yes or No answers politically restricted, safety critical or fluent English. What
is left is the form's guidance to whoever fills it in (its questions, definitions and notes), which no
document of the post prints: each such line is accounted for as "form guidance", with what the documents
print instead."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from jobpack.importer.criteria import CriteriaReading
from jobpack.importer.headings import heading_words
from jobpack.importer.match import normalise
from jobpack.importer.source import Cell
from jobpack.load.models.trust import Trust

FIELDS = {
    heading_words("background checks"): "dbs",
    heading_words("politically restricted post"): "politically_restricted",
    heading_words("safety critical posts"): "safety_critical",
    heading_words("language requirements"): "fluent_english",
}
"""A form section's heading words -> the field of `safer_recruitment` it asks for."""

PRINTED = {
    "dbs": "'DBS check: …'",
    "politically_restricted": "'Politically restricted: …'",
    "safety_critical": "'Safety critical: …'",
    "fluent_english": "'Fluent spoken English: …'",
}
"""How the post's documents print each field (view/wording.py's recruitment lines)."""

_TICK = re.compile(r"[☑☒✓✔]|^\W*(yes|x)\W*$", re.I)
_BOX = re.compile(r"^\W*(yes|no)?\W*$", re.I)  # once its box characters are taken out
_ANSWER = re.compile(r"^\s*(?P<pre>[☑☒✓✔xX]\s*)?(?P<answer>yes|no)\s*(?P<post>[☑☒✓✔])?\s*$", re.I)


def dbs_level(text: str) -> str | None:
    """The trust's DBS level an option of the form's background checks names ("c) Enhanced DBS with
    Children's Barring List Check" -> enhanced-children); None for one it has no level for (police vetting)."""
    low = text.lower()
    if re.search(r"no (dbs )?check required", low):
        return "none"
    if "basic" in low:
        return "basic"
    if "standard" in low:
        return "standard"
    if "enhanced" in low:
        children, adults = "child" in low, "adult" in low
        return ("enhanced-both" if children and adults else "enhanced-children" if children
                else "enhanced-adults" if adults else "enhanced")
    return None


def _is_box(text: str) -> bool:
    """A cell that is only a tick box, a mark or an answer: "☐", "☑", "Yes ☐", "Yes", "No", "✓"."""
    bare = text.replace("☐", "").replace("☑", "").replace("☒", "")
    return bool(text.strip()) and (bool(_BOX.match(bare)) or bare.strip() in ("✓", "✔", "x", "X"))


class FormReading(CriteriaReading):
    """The form-reading part of the recogniser (mixed into tables.TableReading)."""

    trust: Trust
    zone: str
    physical: dict[str, str]

    def form_field(self) -> str | None:
        """'dbs', 'physical', one of safer_recruitment's yes/no fields, or None (a form section with no field)."""
        words = heading_words(self.heading)
        if "physical" in words:
            return "physical"
        return FIELDS.get(words)

    def _printed(self, field: str) -> str:
        """What the documents print for `field`, and from what (true wherever in the section the line is)."""
        value = getattr(self.trust.safer_recruitment, field)
        shown = "not set" if value is None else str(value).lower()
        return (f"the documents print {PRINTED[field]} from the answer marked in the document, or where none is, "
                f"from the trust's safer_recruitment {field} ({shown})")

    def _answer(self, field: str, value: object, text: str, where: str) -> None:
        self.out.safer.setdefault(field, (value, where))
        same = getattr(self.trust.safer_recruitment, field) == value
        shown = str(value).lower() if isinstance(value, bool) else value
        self.mark(text, where, f"fact: the post's safer_recruitment {field}: {shown}"
                  + (" (the trust's own setting, so the draft need not repeat it)" if same else ""), "fact")

    def guidance(self, text: str, where: str, what: str) -> None:
        self.note_drop(text, where, f"form guidance: {what}", "boilerplate")

    def physical_label(self, text: str, floor: int = 80) -> str | None:
        """The trust's physical requirement a line names, by its label."""
        norm = normalise(text)
        best = max(self.physical, key=lambda label: fuzz.ratio(norm, label), default=None)
        return self.physical[best] if best is not None and fuzz.ratio(norm, best) >= floor else None

    def form_line(self, text: str, where: str, ticked: bool | None = None) -> bool:
        """A line in a form's section (a paragraph, or a cell with `ticked` saying whether the box beside it is
        ticked): claimed as a field, the trust's wording or the form's guidance. False: not the form's."""
        field = self.form_field()
        if field == "physical":
            ident = self.physical_label(text, 90 if ticked is None else 80)
            if ident and (ticked or ticked is None):
                self.out.physical.append((ident, where))
                self.mark(text, where, f"fact: physical_requirements: {ident}"
                          + (" (its box is ticked)" if ticked else ""), "fact")
            elif ident:
                self.mark(text, where, f"fact: not one of the post's physical_requirements ('{ident}' is not "
                          "ticked)", "fact")
            elif "reasonable adjustment" in text.lower():
                self.note_drop(text, where, "the trust's wording: the job description prints its own sentence on "
                               "reasonable adjustments under the post's physical requirements", "clause")
            else:
                self.guidance(text, where, f"the form's section '{self.heading}' (how to fill it in, or a row "
                              "left blank); the post's physical_requirements are its ticked activities")
            return True
        if field is None:
            return False
        printed = f"the documents print {PRINTED[field]}"
        if field == "dbs":
            level = dbs_level(text)
            if level is not None and ticked:
                self._answer("dbs", level, text, where)
            elif level is not None or re.search(r"(?i)\b(check|vetting)\b", text) and len(text.split()) <= 8:
                self.mark(text, where, "fact: an option of the form's background checks, not ticked (the post's "
                          f"DBS check is the ticked one, or the trust's); {printed}", "fact")
            elif re.search(r"(?i)subject to the following background check", text):
                self.mark(text, where, f"fact: the label of the form's background checks; {printed}", "fact")
            else:
                self.guidance(text, where, f"a note on filling in '{self.heading}'; {printed}")
            return True
        answer = _ANSWER.match(text)
        if answer and (answer.group("pre") or answer.group("post") or ticked):
            self._answer(field, answer.group("answer").lower() == "yes", text, where)
            return True
        if answer:
            self.guidance(text, where, f"an answer of '{self.heading}' that is not marked; {self._printed(field)}")
            return True
        what = "its question" if "?" in text else "its explanation"
        self.guidance(text, where, f"the form's section '{self.heading}', {what}; {self._printed(field)}")
        return True

    def form_row(self, cells: list[Cell]) -> None:
        """A row of a form section: each option or activity with the box beside it; the form's own notes."""
        for k, cell in enumerate(cells):
            text = cell.text
            if not text:
                continue
            if _is_box(text):
                ticked = bool(_TICK.search(text.replace("☐", "")))
                fate = "fact" if ticked else "boilerplate"
                self.mark(text, cell.where, f"{fate}: a {'ticked' if ticked else 'blank'} box of the form section "
                          f"'{self.heading}'", fate)
                continue
            beside = next((c.text for c in cells[k + 1:] if c.text), "")
            ticked = _is_box(beside) and bool(_TICK.search(beside.replace("☐", "")))
            if not self.form_line(text, cell.where, ticked):
                self.note_drop(text, cell.where, f"form section '{self.heading}'", "boilerplate")
