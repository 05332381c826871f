"""Person-specification criteria as the recogniser reads them: '(D)', 'Desirable:' and '(A, I)' marks,
alternatives joined by OR, and how-assessed wording turned into the trust's codes."""

from __future__ import annotations

import re

from jobpack.importer import vocabulary as vocab
from jobpack.importer.recognised import Noted, Recognised, Statement

_MARK_CODES = re.compile(r"\(\s*([A-Z][A-Za-z0-9]{0,3}(?:\s*[,/&]\s*[A-Z][A-Za-z0-9]{0,3})*)\s*\)\s*\.?$")
_NEED_SUFFIX = re.compile(r"\s*\((E|D|essential|desirable)\)\s*\.?$", re.I)
_OR = re.compile(r"\s+(?:or|OR)\s+(?=[A-Z][a-z])")
_NEED_PREFIX = re.compile(r"^(essential|desirable)\s*[:\-–]\s*", re.I)


class CriteriaReading:
    """The criterion-reading half of the recogniser (mixed into recognise.Recogniser)."""

    out: Recognised
    heading: str
    alternative: bool
    methods: dict[str, str]

    def note_drop(self, text: str, where: str, why: str, fate: str = "left out") -> None:
        self.out.dropped.append(Noted(text, where, why, fate))

    def boilerplate(self, text: str) -> str | None:
        raise NotImplementedError  # Recogniser's

    def mark(self, text: str, where: str, why: str, fate: str = "heading") -> None:
        raise NotImplementedError  # Recogniser's

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
                self.mark(text, where, "a connecting word: the criteria either side are written as one_of", "statement")
                continue
            last = self.out.statements[-1] if self.out.statements else None
            if self.alternative and last is not None and last.part == "criteria":
                self.alternative = False
                last.one_of = [*(last.one_of or [last.text]), text]
                last.alternatives_at.append(where)
                self.mark(text, where, f"statement: the alternative (one_of) to the criterion at {last.where}",
                          "statement")
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
