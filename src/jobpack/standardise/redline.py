"""Redlines of a changed post, for the people consulted on the change: a PDF with insertions and deletions
marked (a legend, both revisions named), and a Word file with real tracked changes (w:ins / w:del) that
Word and LibreOffice offer to accept or reject.

Both are made from a `Redline`: the post's documents in the order of the new revision, every line either
unchanged, inserted, deleted, or reworded word by word, so the two formats always show the same changes.
"""

from __future__ import annotations

import datetime
import html
import io
from dataclasses import dataclass

from jobpack.standardise.diff import JD, PS, Change, PostDiff, word_diff

Runs = tuple[tuple[str, str], ...]  # ("=", "-" or "+", text)


@dataclass(frozen=True)
class Line:
    runs: Runs
    note: str = ""  # e.g. "moved from Support for teachers"


@dataclass(frozen=True)
class Block:
    heading: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Redline:
    title: str
    post: str
    before: str  # revision labels
    after: str
    facts: tuple[tuple[str, Runs], ...]
    documents: tuple[tuple[str, tuple[Block, ...]], ...]  # (document title, its headings in order)


def build(post: PostDiff, before: str, after: str) -> Redline:
    """The redline of `post` (a changed or renamed post: both records are there)."""
    assert post.before is not None and post.after is not None
    old, new = post.before, post.after
    facts: list[tuple[str, Runs]] = []
    for label in dict.fromkeys([*new.facts, *old.facts]):
        facts.append((label, word_diff(old.facts.get(label, ""), new.facts.get(label, "")).runs))
    by_new = {(c.heading, c.new): c for c in post.changes if c.kind in ("reworded", "added", "moved")}
    documents = []
    for document in (JD, PS):
        entries = [e for e in new.entries if e.document == document]
        old_entries = [e for e in old.entries if e.document == document]
        if not entries and not old_entries:
            continue
        headings = list(dict.fromkeys([e.heading for e in entries] + [e.heading for e in old_entries]))
        blocks = []
        for heading in headings:
            lines: list[Line] = []
            for entry in (e for e in entries if e.heading == heading):
                change = by_new.get((heading, entry.text))
                if change is None:
                    lines.append(Line((("=", entry.text),)))
                elif change.kind == "added":
                    lines.append(Line((("+", entry.text),)))
                elif change.kind == "moved":
                    lines.append(Line((("+", entry.text),), f"moved here from {change.old_heading}"))
                else:
                    lines.append(Line(change.words().runs))
            for change in _gone(post.changes, document, heading):
                note = f"moved to {change.heading}" if change.kind == "moved" else ""
                lines.append(Line((("-", change.old),), note))
            blocks.append(Block(heading, tuple(lines)))
        documents.append((document, tuple(blocks)))
    return Redline(new.title, post.id, before, after, tuple(facts), tuple(documents))


def _gone(changes: tuple[Change, ...], document: str, heading: str) -> list[Change]:
    """Items removed from (or moved out of) `heading`: shown struck through where they were."""
    return [c for c in changes if c.document == document and (
        (c.kind == "removed" and c.heading == heading) or (c.kind == "moved" and c.old_heading == heading))]


# ---------------------------------------------------------------- PDF

CSS = """
@page { size: A4; margin: 18mm 18mm 20mm;
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 9pt "Liberation Sans", sans-serif;
                  color: #555; }
  @bottom-left { content: string(revisions); font: 9pt "Liberation Sans", sans-serif; color: #555; } }
body { font-family: "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.4; color: #111; }
h1 { font-size: 17pt; margin: 0 0 2mm; } h2 { font-size: 13pt; margin: 6mm 0 2mm; border-bottom: 1pt solid #999; }
h3 { font-size: 11pt; margin: 4mm 0 1mm; }
.revisions { string-set: revisions content(); color: #333; margin: 0 0 3mm; }
.legend { border: 0.75pt solid #999; padding: 2mm 3mm; margin: 0 0 4mm; font-size: 9.5pt; }
ins { color: #0b5d1e; text-decoration: underline; background: #e3f4e6; }
del { color: #a01414; text-decoration: line-through; background: #fbe4e4; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; } th, td { text-align: left; vertical-align: top;
  border: 0.5pt solid #bbb; padding: 1.2mm 2mm; overflow-wrap: anywhere; } th { width: 30%; background: #f2f2f2; }
li { margin: 0 0 1mm; } .note { color: #555; font-style: italic; font-size: 9.5pt; }
"""


def _html_runs(runs: Runs) -> str:
    out = []
    for op, text in runs:
        safe = html.escape(text)
        out.append(safe if op == "=" else f"<ins>{safe}</ins>" if op == "+" else f"<del>{safe}</del>")
    return "".join(out)


def _changed(runs: Runs) -> bool:
    return any(op != "=" for op, _ in runs)


def redline_html(redline: Redline) -> str:
    e = html.escape
    parts = [f"<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'><title>Changes: {e(redline.title)}"
             f"</title><style>{CSS}</style></head><body>",
             f"<h1>Changes to {e(redline.title)}</h1>",
             f"<p class='revisions'>{e(redline.post)}: {e(redline.before)} compared with {e(redline.after)}</p>",
             "<p class='legend'>Legend: <ins>inserted text</ins> · <del>deleted text</del> · unmarked text is "
             f"unchanged. Earlier version: <b>{e(redline.before)}</b>. New version: <b>{e(redline.after)}</b>.</p>",
             "<h2>Key details</h2><table><tbody>"]
    for label, runs in redline.facts:
        mark = " (changed)" if _changed(runs) else ""
        parts.append(f"<tr><th scope='row'>{e(label)}{mark}</th><td>{_html_runs(runs)}</td></tr>")
    parts.append("</tbody></table>")
    for document, blocks in redline.documents:
        parts.append(f"<h2>{e(document)}</h2>")
        for block in blocks:
            parts.append(f"<h3>{e(block.heading)}</h3><ul>")
            for line in block.lines:
                note = f" <span class='note'>({e(line.note)})</span>" if line.note else ""
                parts.append(f"<li>{_html_runs(line.runs)}{note}</li>")
            parts.append("</ul>")
    parts.append("</body></html>")
    return "".join(parts)


def _refuse(url: str) -> dict:
    raise ValueError(f"the redline fetches nothing ({url[:60]})")


def redline_pdf(redline: Redline) -> bytes:
    from weasyprint import HTML

    return HTML(string=redline_html(redline), url_fetcher=_refuse).write_pdf(pdf_identifier=True)


# ---------------------------------------------------------------- Word, with tracked changes

AUTHOR = "jobpack diff"


def redline_docx(redline: Redline, when: datetime.date | None = None) -> bytes:
    """A Word file of the new version whose differences from the old are tracked changes."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document()
    stamp = (when or datetime.date(2000, 1, 1)).isoformat() + "T00:00:00Z"
    counter = iter(range(1, 1_000_000))
    document.core_properties.title = f"Changes: {redline.title}"
    document.core_properties.author = AUTHOR

    def tracked(paragraph, runs: Runs) -> None:  # noqa: ANN001 - a python-docx Paragraph
        for op, text in runs:
            run = OxmlElement("w:r")
            t = OxmlElement("w:delText" if op == "-" else "w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = text
            run.append(t)
            if op == "=":
                paragraph._p.append(run)
                continue
            wrapper = OxmlElement("w:del" if op == "-" else "w:ins")
            wrapper.set(qn("w:id"), str(next(counter)))
            wrapper.set(qn("w:author"), AUTHOR)
            wrapper.set(qn("w:date"), stamp)
            wrapper.append(run)
            paragraph._p.append(wrapper)

    document.add_heading(f"Changes to {redline.title}", level=1)
    document.add_paragraph(f"{redline.post}: {redline.before} compared with {redline.after}. Each change is a "
                           "tracked change (Review > Track Changes): accept or reject them in Word or LibreOffice.")
    document.add_heading("Key details", level=2)
    table = document.add_table(rows=0, cols=2)
    table.style = document.styles["Table Grid"]
    for label, runs in redline.facts:
        row = table.add_row()
        row.cells[0].paragraphs[0].add_run(label).bold = True
        tracked(row.cells[1].paragraphs[0], runs)
    for title, blocks in redline.documents:
        document.add_heading(title, level=2)
        for block in blocks:
            document.add_heading(block.heading, level=3)
            for line in block.lines:
                paragraph = document.add_paragraph(style="List Bullet")
                tracked(paragraph, line.runs)
                if line.note:
                    paragraph.add_run(f" ({line.note})").italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    from jobpack.render.docx import normalise_zip

    return normalise_zip(buffer.getvalue())
