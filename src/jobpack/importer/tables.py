"""Tables as the recogniser reads them: key-facts rows (label | value), person-specification grids (their
header row says which column is essential, desirable, how assessed or a level), a section's label | text
rows, a form's physical-activities grid, and signature rows."""

from __future__ import annotations

import re

from jobpack.importer import vocabulary as vocab
from jobpack.importer.form import FormReading
from jobpack.importer.headings import Headings, _label, fact_label, is_mark, split_label
from jobpack.importer.hours import PATTERN, clock
from jobpack.importer.recognised import Fact, Statement
from jobpack.importer.source import Cell, Para, Row

_HOURS_WORDS = re.compile(r"(?i)\b(hours|term[ -]time|weeks|full[ -]time|part[ -]time|contingency)\b")


class TableReading(FormReading):
    """The table-reading half of the recogniser (mixed into recognise.Recogniser)."""

    headings: Headings
    part: str
    zone: str
    section: str | None
    columns: dict[int, str]
    physical: dict[str, str]

    def para(self, para: Para) -> None:
        raise NotImplementedError

    def enter(self, kind: str, ident: str | None, heading: str) -> None:
        raise NotImplementedError

    def fact(self, key: str, value: str, where: str) -> None:
        raise NotImplementedError

    def signature(self, text: str, where: str, why: str = "signature line") -> None:
        raise NotImplementedError

    def row(self, row: Row) -> None:
        cells = list(row.cells)
        if self.zone == "form":
            self.form_row(cells)
            return
        filled = [c for c in cells if c.text]
        if self.zone == "signatures" or filled and all(vocab.SIGNATURE.match(c.text) for c in filled):
            text = " | ".join(c.text for c in filled)
            self.signature(text, row.where, "signature block")
            return
        if self.facts_row(cells):
            return
        texts = [c.text for c in cells]
        roles = self.header_roles(texts)
        if roles:
            self.columns = roles
            self.part = "ps"
            for k, cell in enumerate(cells):
                if cell.text:
                    self.mark(cell.text, cell.where, f"heading of the person-specification grid's column ({roles[k]})")
            if self.zone not in ("category",):
                self.zone = "category" if self.section else self.zone
            return
        if self.part == "ps" or self.columns:
            self.criteria_row(cells)
            return
        filled = [c for c in cells if c.text]
        if self.heading_row(filled):
            return
        if self.zone in ("section", "own") and len(filled) == 2:  # a section's "label | text" row
            own = self.section or "" if self.zone == "own" else ""
            self.out.statements.append(Statement(filled[1].text, filled[1].where, "section",
                                                 None if own else self.section, self.heading,
                                                 label=filled[0].text, own_section=own))
            self.mark(filled[0].text, filled[0].where, f"row: the label of the row at {filled[1].where}", "row")
            return
        # a table in a job description: each cell is content of the current section
        for cell in cells:
            if not cell.text:
                continue
            meaning = self.headings.classify(cell.text) if len(cell.text.split()) <= 8 else None
            if meaning:
                self.enter(*meaning, cell.text)
                self.mark(cell.text, cell.where, f"heading: {meaning[0]} '{meaning[1]}'")
                continue
            for line in cell.lines:
                para = Para(line, cell.where)
                self.para(para)

    def heading_row(self, filled: list[Cell]) -> bool:
        """A job description laid out as a table, a heading in the left column and its text in the right
        ("Job purpose | To ...", "Special conditions | ..."): the left cell is read as a heading, known or
        the post's own section, and the right cell's lines as the text under it."""
        if self.part != "jd" or len(filled) != 2 or len(filled[0].lines) != 1:
            return False
        label = filled[0].text
        if (len(label.split()) > 6 or label.rstrip().endswith((".", "?")) or fact_label(label)
                or sum(c.isalpha() for c in label) < 3):  # "a)", "1": a numbering column, not a heading
            return False
        if self.headings.classify(label) is None and self.zone in ("section", "own"):
            return False  # "Internal | Pupils, teachers": a row of the section, read below
        self.para(Para(label, filled[0].where, heading=2))
        for line in filled[1].lines:
            self.para(Para(line, filled[1].where, bullet=bool(re.match(r"\d{1,2}[.)]\s", line))))
        return True

    def facts_row(self, cells: list[Cell]) -> bool:
        """Key facts written as label | value pairs (or 'Label: value' cells); True if the row was that."""
        filled = [c for c in cells if c.text]
        if not filled:
            return True
        if self.part == "jd" and len(filled) >= 3 and all(c.text.lower() in vocab.PATTERN_HEADERS for c in filled):
            for cell in filled:
                self.mark(cell.text, cell.where, "heading of the working-pattern table's column", "heading")
            return True
        if self.part == "jd" and len(filled) >= 3 and clock(filled[1].text) and clock(filled[2].text):
            days = filled[0].text  # a row of a working-pattern table: days | start | end | break
            if PATTERN.search(f"{days} {filled[1].text} to {filled[2].text}"):
                rest = " ".join(c.text for c in filled[3:])
                self.out.hours_text.append(Fact(f"{days} {filled[1].text} to {filled[2].text} {rest}".strip(),
                                                filled[0].where))
                for cell in filled[1:]:
                    self.mark(cell.text, cell.where, f"fact: the hours (the working pattern at {filled[0].where})",
                              "fact")
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
                    self.mark(cell.text, cell.where, f"label of the {key if key != 'form' else 'form field'} at "
                              f"{value_cell.where}", "fact" if key != "form" else "boilerplate")
                    self.fact_cell(key, value_cell)
                    k = cells.index(value_cell) + 1
                else:
                    self.mark(cell.text, cell.where, "a form field left empty" if key == "form" else
                              f"label of the {key}, with nothing beside it", "boilerplate" if key == "form" else
                              "left out")
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
                and _HOURS_WORDS.search(cell.text)
            ):
                self.out.hours_text.append(Fact(cell.text, cell.where))
                found = True
            k += 1
        return found

    def fact_cell(self, key: str, cell: Cell) -> None:
        """A key fact's value cell: its first line the value; later lines that say something else (a
        safeguarding sentence under the hours) are read as the document's own lines, not lost in the fact."""
        lines = list(cell.lines)
        if key == "hours" and len(lines) > 1:
            hours = [ln for ln in lines if _HOURS_WORDS.search(ln)] or lines[:1]
            self.fact(key, " ".join(hours), cell.where)
            for line in lines:
                if line not in hours:
                    self.para(Para(line, cell.where))
            return
        self.fact(key, cell.text, cell.where)

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
            for cell in cells:
                if cell.text:
                    self.note_drop(cell.text, cell.where, "the person specification's introduction")
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
                    self.mark(text, cell.where, f"fact: the row's criterion is {role}", "fact")
                else:
                    texts.append((list(cell.lines), role, cell.where, None))
            elif role == "need":
                need = "desirable" if text.strip().lower().startswith("d") else "essential"
                self.mark(text, cell.where, f"fact: the row's criterion is {need}", "fact")
            elif role == "level":
                digits = re.findall(r"\d", text)
                row_level = int(digits[0]) if digits else None
                self.mark(text, cell.where, f"fact: the row's criterion is at level {row_level}", "fact")
            elif role == "how":
                assessed = self.assessed_codes(text)
                codes = ", ".join(assessed or []) or "no code of the trust's"
                self.mark(text, cell.where, f"fact: how the row's criterion is assessed ({codes})", "fact")
            elif role == "ignore":
                self.mark(text, cell.where, "the form's N/A column (the trust has no such column)", "boilerplate")
                continue
            elif role and role.startswith("level"):
                if is_mark(text):
                    self.mark(text, cell.where, f"fact: the row's criterion is at level {role[-1]}", "fact")
                    continue
                texts.append((list(cell.lines), None, cell.where, int(role[-1])))
            elif role == "text":
                texts.append((list(cell.lines), None, cell.where, None))
            else:
                if k == 0 or not texts:
                    meaning = self.headings.classify(text) if len(text.split()) <= 8 else None
                    if meaning and meaning[0] == "category":
                        self.enter("category", meaning[1], text)
                        self.mark(text, cell.where, f"heading: person-specification category '{meaning[1]}'")
                        continue
                    if is_mark(text):
                        need = need or "essential"
                        self.mark(text, cell.where, "fact: the row's criterion is essential", "fact")
                        continue
                    why = self.boilerplate(text)
                    if why:
                        self.note_drop(text, cell.where, why, "boilerplate")
                        continue
                texts.append((list(cell.lines), None, cell.where, None))
        for lines, cell_need, where, level in texts:
            self.criterion_lines(lines, where, self.section, cell_need or need, assessed, level or row_level)
