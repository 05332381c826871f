"""Generate jobpack's built-in Word templates: src/jobpack/templates/{job-description,person-specification}.docx.

Run `python tools/make_docx_templates.py` after changing this file and commit the regenerated files
(`python tools/make_docx_templates.py FOLDER` writes them into FOLDER instead).
tests/render/test_docx_templates_made.py regenerates them into a temporary folder and fails, naming the
part that differs, when the shipped .docx files are not what this script makes.
The templates are built from Word's own styles (Heading 1-3, List Bullet, a table style based on Table
Grid) so an HR officer can restyle them in Word, with docxtpl tags for the content; the names they use
are those of docs/templates.md, as in the HTML templates. Output is byte-reproducible.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from jobpack.render.docx import normalise_zip

OUT = Path(__file__).resolve().parent.parent / "src" / "jobpack" / "templates"
FONT = "Arial"  # Liberation Sans (the PDFs' font) is metric-compatible and replaces it where Arial is absent
ACCENT = "1F4E79"
DARK = "111111"
GREY = "555555"
HEAD_FILL = "EEF1F4"
LABEL_FILL = "F4F6F8"
BORDER = "C5CCD3"
TEXT_WIDTH = 174  # mm: A4 less 18 mm margins
FIXED_DATE = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)

Filler = Callable[[_Cell], None]

# Schema order of the property elements this script adds (Word rejects a file whose children are misordered).
ORDER = {
    qn("w:pPr"): (
        "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
        "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
        "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
        "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
        "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
    ),
    qn("w:tcPr"): (
        "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
        "textDirection", "tcFitText", "vAlign", "hideMark",
    ),
    qn("w:trPr"): (
        "cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight",
        "tblHeader", "tblCellSpacing", "jc", "hidden",
    ),
}


# --- styles -----------------------------------------------------------------------------------------

def _theme_fonts_only(style: OxmlElement) -> None:
    """No font of the style's own: every style takes the document's theme font (set in docDefaults), so
    changing Normal's font, or the theme's, in Word changes every heading, table and footer with it."""
    rpr = style.find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    if fonts is not None:
        rpr.remove(fonts)


def _child(parent: OxmlElement, tagname: str) -> OxmlElement:
    """The child `tagname` of `parent`, added in the place the schema requires (Word rejects misordered XML)."""
    found = parent.find(qn(tagname))
    if found is not None:
        return found
    element = OxmlElement(tagname)
    order = ORDER[parent.tag]
    local = tagname.split(":")[1]
    parent.insert_element_before(element, *(f"w:{name}" for name in order[order.index(local) + 1:]))
    return element


def _border(ppr: OxmlElement, side: str, size_eighths: int, colour: str, space: int = 4) -> None:
    edge = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", str(size_eighths)), ("space", str(space)), ("color", colour)):
        edge.set(qn(f"w:{key}"), value)
    _child(ppr, "w:pBdr").append(edge)


def _shade(ppr_or_tcpr: OxmlElement, fill: str) -> None:
    shading = _child(ppr_or_tcpr, "w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)


def _paragraph_style(doc: DocumentObject, name: str, size: float, *, bold: bool = False,
                     italic: bool = False, colour: str | None = None, before: float = 0, after: float = 4,
                     base: str = "Normal", keep_next: bool = False):
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if style.name != base and style.base_style is None:
        style.base_style = styles[base]
    style.quick_style = True
    font = style.font
    font.size, font.bold, font.italic = Pt(size), bold or None, italic or None
    if colour is not None or name == "Normal":
        font.color.rgb = RGBColor.from_string(colour or DARK)
    else:  # no colour of its own (not even Word's built-in one): it takes Normal's, so restyling Normal recolours it
        rpr = style.element.find(qn("w:rPr"))
        for found in (rpr.findall(qn("w:color")) if rpr is not None else []):
            rpr.remove(found)
    _theme_fonts_only(style.element)
    if colour == ACCENT:
        style.element.rPr.find(qn("w:color")).set(qn("w:themeColor"), "accent1")
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.keep_with_next = keep_next or None
    return style


def _language(doc: DocumentObject) -> None:
    """British English for spelling and hyphenation, and Arial 10 pt as the document default."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rpr.find(qn("w:lang")).set(qn("w:val"), "en-GB")
    fonts = rpr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr, theme in (("asciiTheme", "minorHAnsi"), ("hAnsiTheme", "minorHAnsi"), ("eastAsiaTheme", "minorHAnsi"),
                        ("cstheme", "minorBidi")):
        fonts.set(qn(f"w:{attr}"), theme)
    rpr.find(qn("w:sz")).set(qn("w:val"), "21")
    rpr.find(qn("w:szCs")).set(qn("w:val"), "21")


def _styles(doc: DocumentObject) -> None:
    _language(doc)
    normal = _paragraph_style(doc, "Normal", 10.5, after=4)
    normal.paragraph_format.line_spacing = 1.15
    _paragraph_style(doc, "Heading 1", 22, bold=True, after=8, keep_next=True)
    h2 = _paragraph_style(doc, "Heading 2", 13, bold=True, colour=ACCENT, before=14, after=6, keep_next=True)
    _border(h2.element.get_or_add_pPr(), "bottom", 6, ACCENT, 1)
    _paragraph_style(doc, "Heading 3", 10.5, bold=True, before=8, after=3, keep_next=True)
    _paragraph_style(doc, "List Bullet", 10.5, after=2)
    _paragraph_style(doc, "School Name", 15, bold=True, colour=ACCENT, after=0)
    details = _paragraph_style(doc, "School Details", 9, colour=GREY, after=14)
    _border(details.element.get_or_add_pPr(), "bottom", 24, ACCENT, 6)
    kind = _paragraph_style(doc, "Document Kind", 9, bold=True, colour=ACCENT, before=10, after=2, keep_next=True)
    kind.font.all_caps = True
    commitment = _paragraph_style(doc, "Commitment", 10.5, bold=True, before=2, after=8)
    _border(commitment.element.get_or_add_pPr(), "left", 24, ACCENT, 8)
    _shade(commitment.element.get_or_add_pPr(), LABEL_FILL)
    commitment.paragraph_format.left_indent = Mm(3)
    _paragraph_style(doc, "Table Heading", 9, bold=True, after=2, keep_next=True)
    _paragraph_style(doc, "Note", 9, italic=True, colour="444444", after=2)
    _paragraph_style(doc, "Small Caption", 9, colour=GREY, before=8, after=2, keep_next=True)
    for name in ("Running Header", "Running Footer"):
        style = _paragraph_style(doc, name, 9, colour=GREY, after=0)
        style.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT)
    _border(doc.styles["Running Header"].element.get_or_add_pPr(), "bottom", 8, ACCENT, 4)
    for name in ("Header School", "Strong Code"):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        style.font.bold = True
        if name == "Header School":
            style.font.color.rgb = RGBColor.from_string(ACCENT)
            style.element.rPr.find(qn("w:color")).set(qn("w:themeColor"), "accent1")
    _table_style(doc)
    _duty_numbering(doc)


def _duty_numbering(doc: DocumentObject) -> None:
    """"Duty Heading": Heading 3 numbered 1., 2., 3. by a Word list, not typed digits, so the numbers follow
    when an HR officer adds, removes or reorders a duty area in Word."""
    numbering = doc.part.numbering_part.element
    ids = [int(n.get(qn("w:abstractNumId"))) for n in numbering.findall(qn("w:abstractNum"))]
    abstract_id, num_id = max(ids, default=0) + 1, max(
        (int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))), default=0) + 1
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="singleLevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="DutyHeading"/>'
        f'<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="397" w:hanging="397"/></w:pPr>'
        f'<w:rPr><w:color w:val="{ACCENT}" w:themeColor="accent1"/></w:rPr></w:lvl></w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)  # every abstractNum comes before the nums, as the schema wants
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                               f'</w:num>'))
    style = _paragraph_style(doc, "Duty Heading", 10.5, bold=True, before=8, after=3, keep_next=True,
                             base="Heading 3")
    num_pr = _child(style.element.get_or_add_pPr(), "w:numPr")
    num_pr.append(parse_xml(f'<w:numId {nsdecls("w")} w:val="{num_id}"/>'))


def _table_style(doc: DocumentObject) -> None:
    """"Job Pack Table": Table Grid with light grey rules, so every table can be restyled in one place."""
    style = doc.styles.add_style("Job Pack Table", WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Table Grid"]
    tblpr = style.element.find(qn("w:tblPr"))
    if tblpr is None:
        tblpr = OxmlElement("w:tblPr")
        style.element.append(tblpr)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", BORDER)):
            edge.set(qn(f"w:{key}"), value)
        borders.append(edge)
    tblpr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for side, width in (("top", 40), ("left", 100), ("bottom", 40), ("right", 100)):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(width))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    tblpr.append(margins)
    # Shading and the header rule live here, not on cells: Word applies them to the header row ("Header Row"
    # in Table Design) and to the label column ("First Column"), so restyling the table style restyles them.
    style.element.append(parse_xml(
        f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr><w:b/></w:rPr><w:tcPr><w:tcBorders>'
        f'<w:bottom w:val="single" w:sz="12" w:space="0" w:color="{ACCENT}" w:themeColor="accent1"/></w:tcBorders>'
        f'<w:shd w:val="clear" w:color="auto" w:fill="{HEAD_FILL}"/></w:tcPr></w:tblStylePr>'))
    style.element.append(parse_xml(
        f'<w:tblStylePr {nsdecls("w")} w:type="firstCol"><w:tcPr>'
        f'<w:shd w:val="clear" w:color="auto" w:fill="{LABEL_FILL}"/></w:tcPr></w:tblStylePr>'))


def _look(table: Table, *, header_row: bool, label_column: bool) -> None:
    """Which of the table style's parts apply: the header row's shading and rule, the label column's shading."""
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        table._tbl.tblPr.append(look)
    for key in list(look.attrib):
        del look.attrib[key]
    values = {"firstRow": header_row, "lastRow": False, "firstColumn": label_column, "lastColumn": False,
              "noHBand": True, "noVBand": True}
    look.set(qn("w:val"), format(sum(bit for name, bit in (("firstRow", 0x20), ("lastRow", 0x40),
                                                             ("firstColumn", 0x80), ("lastColumn", 0x100),
                                                             ("noHBand", 0x200), ("noVBand", 0x400))
                                     if values[name]), "04X"))
    for name, on in values.items():
        look.set(qn(f"w:{name}"), "1" if on else "0")


# --- page furniture ---------------------------------------------------------------------------------

def _field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word updates when it lays out the pages."""
    def run_with(child: OxmlElement) -> None:
        run = paragraph.add_run()
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _page(doc: DocumentObject) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    section.header_distance = section.footer_distance = Mm(10)
    header = section.header.paragraphs[0]
    header.style = doc.styles["Running Header"]
    header.add_run("{{ school.name }}", style="Header School")
    header.add_run("\t{{ post.title }} · {{ document.title }}")
    # Page 1 has the masthead, so its header is empty (a different first page); every page has the footer.
    section.different_first_page_header_footer = True
    for footer_part in (section.footer, section.first_page_footer):
        footer = footer_part.paragraphs[0]
        footer.style = doc.styles["Running Footer"]
        footer.add_run("Issued {{ trust.issue_date }}{% if trust.version %} · Version {{ trust.version }}{% endif %}")
        footer.add_run("\tPage ")
        _field(footer, "PAGE", "1")
        footer.add_run(" of ")
        _field(footer, "NUMPAGES", "1")


def _masthead(doc: DocumentObject) -> None:
    """The logo beside the school's name and details, as in the PDF: a two-cell layout table without
    borders (marked as layout for screen readers), its rule under it as the PDF draws it."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    tblpr = table._tbl.tblPr
    for child in list(tblpr):
        if child.tag == qn("w:tblStyle"):
            tblpr.remove(child)
    caption = OxmlElement("w:tblDescription")
    caption.set(qn("w:val"), "Layout: the school's logo and name")
    tblpr.append(caption)
    logo, words = table.rows[0].cells
    for column, cell, width in zip(table.columns, (logo, words), (24.0, TEXT_WIDTH - 24.0), strict=True):
        column.width = Mm(width)
        cell.width = Mm(width)
        tcpr = cell._tc.get_or_add_tcPr()
        valign = OxmlElement("w:vAlign")
        valign.set(qn("w:val"), "center")
        tcpr.append(valign)
    _text(logo, "{% if logo_image %}{{ logo_image }}{% endif %}")
    _text(words, "{{ school.name }}", "School Name")
    _text(words, "{% if school.phase %}{{ school.phase }} · {% endif %}{{ trust.name }}"
                 "{% if school.address %}, {{ school.address }}{% endif %}", "School Details")
    doc.add_paragraph("{{ document.title }}", style="Document Kind")
    doc.add_paragraph("{{ post.title }}", style="Heading 1")


# --- tables -----------------------------------------------------------------------------------------

def _table(doc: DocumentObject, widths: list[float], *, header_row: bool = True,
           label_column: bool = False) -> Table:
    table = doc.add_table(rows=0, cols=len(widths))
    table.style = doc.styles["Job Pack Table"]
    _look(table, header_row=header_row, label_column=label_column)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    return table


def _row(table: Table, widths: list[float], *, header: bool = False, min_height_mm: float = 0):
    row = table.add_row()
    trpr = row._tr.get_or_add_trPr()
    _child(trpr, "w:cantSplit")
    if min_height_mm:  # e.g. room to sign: at least this tall, taller if the text needs it
        height = _child(trpr, "w:trHeight")
        height.set(qn("w:val"), str(round(min_height_mm / 25.4 * 1440)))
        height.set(qn("w:hRule"), "atLeast")
    if header:
        _child(trpr, "w:tblHeader")  # repeated at the top of each page
    for cell, width in zip(row.cells, widths, strict=True):
        cell.width = Mm(width)
    return row


def _text(cell: _Cell, text: str, style: str | None = None) -> Paragraph:
    """Put `text` in the cell's first (empty) paragraph, or a new one after it."""
    paragraph = cell.paragraphs[-1]
    if paragraph.text or paragraph.runs:
        paragraph = cell.add_paragraph()
    if style:
        paragraph.style = cell.part.document.styles[style]
    paragraph.add_run(text)
    return paragraph


def _tag_row(table: Table, widths: list[float], tag: str) -> None:
    """A row holding only a `{%tr ... %}` tag: docxtpl replaces the whole row with the tag."""
    _text(_row(table, widths).cells[0], tag)


def _header_row(table: Table, widths: list[float], labels: list[str]) -> None:
    row = _row(table, widths, header=True)
    for cell, label in zip(row.cells, labels, strict=True):
        _text(cell, label, "Table Heading")


def _facts(doc: DocumentObject, rows: list[tuple[str, Filler, str | None]]) -> None:
    """Two-column key facts under a header row (Word's accessibility checker asks every table for one): a
    label, shaded by the table style's first column, and a value; a row with a condition is left out when
    false."""
    widths = [52.0, TEXT_WIDTH - 52.0]
    table = _table(doc, widths, label_column=True)
    _header_row(table, widths, ["About the post", "Details"])
    for label, fill, condition in rows:
        if condition:
            _tag_row(table, widths, f"{{%tr if {condition} %}}")
        row = _row(table, widths)
        _text(row.cells[0], label, "Table Heading")
        fill(row.cells[1])
        if condition:
            _tag_row(table, widths, "{%tr endif %}")


def _loop_table(doc: DocumentObject, widths: list[float], labels: list[str], loop: str,
                cells: list[Filler], min_height_mm: float = 0, keep_together: bool = False) -> None:
    """A table with a repeated header row and one row per item of `loop` ("item in items"); `keep_together`
    keeps its rows on one page with the heading before it (each paragraph keeps with the next)."""
    table = _table(doc, widths)
    _header_row(table, widths, labels)
    _tag_row(table, widths, f"{{%tr for {loop} %}}")
    row = _row(table, widths, min_height_mm=min_height_mm)
    for cell, fill in zip(row.cells, cells, strict=True):
        fill(cell)
    _tag_row(table, widths, "{%tr endfor %}")
    if keep_together:
        for tr in table.rows:
            for cell in tr.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


def _put(text: str, style: str | None = None) -> Filler:
    def fill(cell: _Cell) -> None:
        _text(cell, text, style)
    return fill


def _put_styled(text: str, character_style: str) -> Filler:
    def fill(cell: _Cell) -> None:
        paragraph = cell.paragraphs[-1]
        paragraph.add_run(text, style=character_style)
    return fill


def _lines(loop: str, text: str) -> Filler:
    def fill(cell: _Cell) -> None:
        _text(cell, f"{{%p for {loop} %}}")
        _text(cell, text)
        _text(cell, "{%p endfor %}")
    return fill


def _key_facts(doc: DocumentObject, compact: bool) -> None:
    def hours(cell: _Cell) -> None:
        _text(cell, "{{ post.hours }}")
        _text(cell, "{%p if post.hours_note %}")
        _text(cell, "{{ post.hours_note }}", "Note")
        _text(cell, "{%p endif %}")

    rows: list[tuple[str, Filler, str | None]] = [
        ("School", _put("{{ school.name }}"), None),
        ("Post title", _put("{{ post.title }}"), None),
        ("Grade", _put("{{ post.grade }}{% if post.grade_note %} ({{ post.grade_note }}){% endif %}"), "post.grade"),
    ]
    if not compact:
        rows.append(("Salary", _lines("line in post.salary", "{{ line }}"), "post.salary"))
    rows += [
        ("Hours", hours, "post.hours"),
        ("Responsible to", _put("{{ post.responsible_to }}"), "post.responsible_to"),
        ("Line manages", _put("{{ post.line_manages }}"), "post.line_manages"),
    ]
    _facts(doc, rows)
    if not compact:
        doc.add_paragraph("{%p if post.pattern %}")
        doc.add_paragraph("Daily working pattern", style="Small Caption")
        _loop_table(
            doc, [42, 20, 20, TEXT_WIDTH - 82], ["Days", "Start", "Finish", "Break"], "day in post.pattern",
            [_put("{{ day.days }}"), _put("{{ day.start }}"), _put("{{ day.end }}"),
             _put("{{ day.breaks }}")],
        )
        doc.add_paragraph("{%p endif %}")


def _bullets(doc: DocumentObject, loop: str, text: str) -> None:
    doc.add_paragraph(f"{{%p for {loop} %}}")
    doc.add_paragraph(text, style="List Bullet")
    doc.add_paragraph("{%p endfor %}")


def _sections(doc: DocumentObject, where: str) -> None:
    """The post's sections that print at `where`: paragraphs, lists and label/text rows, in written order."""
    doc.add_paragraph(f"{{%p for section in post.sections if section.position == '{where}' %}}")
    doc.add_paragraph("{{ section.title }}", style="Heading 2")
    doc.add_paragraph("{%p for part in section.parts %}")
    doc.add_paragraph("{%p if part.kind == 'paragraphs' %}")
    doc.add_paragraph("{%p for text in part.texts %}")
    doc.add_paragraph("{{ text }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p elif part.kind == 'bullets' %}")
    _bullets(doc, "text in part.texts", "{{ text }}")
    doc.add_paragraph("{%p elif part.kind == 'numbered' %}")
    doc.add_paragraph("{%p for text in part.texts %}")
    doc.add_paragraph("{{ text }}", style="List Number")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p elif part.kind == 'rows' %}")
    widths = [52.0, TEXT_WIDTH - 52.0]
    table = _table(doc, widths, header_row=False, label_column=True)  # label/text lines under their heading
    _tag_row(table, widths, "{%tr for row in part.rows %}")
    row = _row(table, widths)
    _text(row.cells[0], "{{ row.label }}", "Table Heading")
    _text(row.cells[1], "{{ row.text }}")
    _tag_row(table, widths, "{%tr endfor %}")
    doc.add_paragraph("{%p elif part.kind == 'image' %}")
    doc.add_paragraph("{{ part.image }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endfor %}")


def _signatures(doc: DocumentObject) -> None:
    """Name, signature and date for each signatory: a real table, so it can be filled in Word."""
    doc.add_paragraph("{%p if document.signatories %}")
    doc.add_paragraph("Signatures", style="Heading 2")
    widths = [40.0, (TEXT_WIDTH - 40.0) * 0.45, (TEXT_WIDTH - 40.0) * 0.35, (TEXT_WIDTH - 40.0) * 0.20]
    _loop_table(doc, widths, ["", "Name", "Signed", "Date"], "who in document.signatories",
                [_put("{{ who }}", "Table Heading"), _put(""), _put(""), _put("")],
                min_height_mm=13, keep_together=True)  # room to sign by hand (issue 25: at least 1.2 cm)
    doc.add_paragraph("{%p endif %}")


# --- the two documents ------------------------------------------------------------------------------

def job_description(doc: DocumentObject) -> None:
    _key_facts(doc, compact=False)
    _sections(doc, "before-summary")
    doc.add_paragraph("{%p if post.summary %}")
    doc.add_paragraph("Job summary", style="Heading 2")
    _bullets(doc, "line in post.summary", "{{ line }}")
    doc.add_paragraph("{%p endif %}")
    _sections(doc, "after-summary")

    doc.add_paragraph("{%p if post.duty_areas %}")
    doc.add_paragraph("Duties and responsibilities", style="Heading 2")
    doc.add_paragraph("{%p for area in post.duty_areas %}")
    doc.add_paragraph("{{ area.title }}", style="Duty Heading")  # numbered by Word (see _duty_numbering)
    _bullets(doc, "item in area['items']", "{{ item.text }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")
    _sections(doc, "after-duties")
    _sections(doc, "before-general")

    doc.add_paragraph("{%p if post.clauses %}")
    doc.add_paragraph("General responsibilities", style="Heading 2")
    doc.add_paragraph("{%p for clause in post.clauses %}")
    doc.add_paragraph("{{ clause.title }}", style="Heading 3")
    doc.add_paragraph("{{ clause.text }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")

    doc.add_paragraph("Safeguarding and safer recruitment", style="Heading 2")
    doc.add_paragraph("{%p if post.safeguarding %}")
    doc.add_paragraph("{{ post.safeguarding }}", style="Commitment")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if post.recruitment %}")
    widths = [62.0, TEXT_WIDTH - 62.0]
    table = _table(doc, widths, label_column=True)
    _header_row(table, widths, ["Check", "For this post"])
    _tag_row(table, widths, "{%tr for line in post.recruitment %}")
    row = _row(table, widths)
    _text(row.cells[0], "{{ line.label }}", "Table Heading")
    _text(row.cells[1], "{{ line.value }}")
    _tag_row(table, widths, "{%tr endfor %}")
    doc.add_paragraph("{%p endif %}")

    doc.add_paragraph("{%p if post.physical %}")
    doc.add_paragraph("Physical requirements", style="Heading 3")
    doc.add_paragraph("{%p if post.physical | rejectattr('applies') | list %}")
    doc.add_paragraph("“Yes” marks the activities this post involves.", style="Note")

    def applies(cell: _Cell) -> None:
        paragraph = _text(cell, "{% if need.applies %}")
        paragraph.add_run("☒ Yes", style="Strong Code")
        paragraph.add_run("{% else %}☐ No{% endif %}")

    _loop_table(doc, [TEXT_WIDTH - 44, 44], ["Activity", "Part of this post"], "need in post.physical",
                [_put("{{ need.label }}"), applies])
    doc.add_paragraph("{%p else %}")
    doc.add_paragraph("This post involves:")
    _bullets(doc, "need in post.physical", "{{ need.label }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{{ school.name }} will make the reasonable adjustments a successful candidate needs to "
                      "undertake any of these activities.")
    doc.add_paragraph("{%p endif %}")
    _sections(doc, "end")
    _signatures(doc)
    doc.add_paragraph("")


LEVELLED_ROWS = (
    "item in (category['items'] | selectattr('level', 'none') | list)"
    " + (category['items'] | rejectattr('level', 'none') | sort(attribute='level') | list)"
)
"""Criteria without a level first, then level by level (a stable sort, so trust order holds within a level)."""


def _criterion(cell: _Cell) -> None:
    """The criterion's text, or its alternatives one per line joined by a bold "or"."""
    paragraph = _text(cell, "{% if item.alternatives %}{% for option in item.alternatives %}{% if not loop.first %}")
    run = paragraph.add_run(style="Strong Code")
    run.add_break()
    run.add_text("or ")
    paragraph.add_run("{% endif %}{{ option }}{% endfor %}{% else %}{{ item.text }}{% endif %}")


def person_specification(doc: DocumentObject) -> None:
    _key_facts(doc, compact=True)
    # Every criterion essential: said once, and the tables leave out a column of "Essential" (as the PDF does).
    doc.add_paragraph("{%p if post.all_essential %}")
    folded = doc.add_paragraph()
    folded.paragraph_format.space_before = Pt(10)
    folded.add_run("Every criterion below is ")
    folded.add_run("essential", style="Strong Code")
    folded.add_run(": a successful candidate must meet them all.")
    doc.add_paragraph("{%p else %}")
    intro = doc.add_paragraph()
    intro.paragraph_format.space_before = Pt(10)
    intro.add_run("Essential", style="Strong Code")
    intro.add_run(" criteria are those every successful candidate must meet; ")
    intro.add_run("desirable", style="Strong Code")
    intro.add_run(" criteria would be an advantage.")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if post.reasonable_adjustments %}")
    doc.add_paragraph("{{ post.reasonable_adjustments }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if post.levels %}")
    levels = doc.add_paragraph(
        "This post is offered at {{ post.levels | length }} levels: {{ post.levels | join(', ') }}. "
        "Each level includes the criteria of the levels below it."
    )
    levels.runs[0].style = doc.styles["Strong Code"]
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if methods %}")
    key = doc.add_paragraph("How criteria are assessed: ", style="Note")
    key.add_run("{% for method in methods %}")
    key.add_run("{{ method.code }}", style="Strong Code")
    key.add_run(" {{ method.name }}{% if not loop.last %}  ·  {% endif %}{% endfor %}")
    doc.add_paragraph("{%p endif %}")

    doc.add_paragraph("{%p for category in post.criteria_categories %}")
    doc.add_paragraph("{{ category.title }}", style="Heading 2")
    need = _put("{{ item.need | capitalize }}")
    how = _put_styled("{{ item.assessed | map(attribute='code') | join(', ') }}", "Strong Code")
    level = _put("{{ item.level_name or ('All levels' if item.level is none else 'Level ' ~ item.level) }}")
    doc.add_paragraph("{%p if post.levels and post.all_essential %}")
    _loop_table(doc, [TEXT_WIDTH - 48, 24, 24], ["Criterion", "Level", "How assessed"], LEVELLED_ROWS,
                [_criterion, level, how])
    doc.add_paragraph("{%p elif post.levels %}")
    _loop_table(doc, [TEXT_WIDTH - 82, 24, 34, 24], ["Criterion", "Level", "Essential or desirable",
                                                     "How assessed"], LEVELLED_ROWS, [_criterion, level, need, how])
    doc.add_paragraph("{%p elif post.all_essential %}")
    _loop_table(doc, [TEXT_WIDTH - 26, 26], ["Criterion", "How assessed"], "item in category['items']",
                [_criterion, how])
    doc.add_paragraph("{%p else %}")
    _loop_table(doc, [TEXT_WIDTH - 60, 34, 26], ["Criterion", "Essential or desirable", "How assessed"],
                "item in category['items']", [_criterion, need, how])
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")

    doc.add_paragraph("{%p if post.safeguarding %}")
    doc.add_paragraph("Safeguarding", style="Heading 2")
    doc.add_paragraph("{{ post.safeguarding }}", style="Commitment")
    doc.add_paragraph("{%p endif %}")
    _signatures(doc)
    doc.add_paragraph("")


def build(body: Callable[[DocumentObject], None], title: str) -> bytes:
    doc = Document()
    _styles(doc)
    _page(doc)
    _masthead(doc)
    body(doc)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, "jobpack", "jobpack"
    props.language, props.revision = "en-GB", 1
    props.created = props.modified = props.last_printed = FIXED_DATE
    package_rels = doc.part.package.rels  # python-docx's stock thumbnail would preview the wrong page
    for rid in [rid for rid, rel in package_rels.items() if rel.reltype == RT.THUMBNAIL]:
        package_rels.pop(rid)
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalise_zip(_tidy(buffer.getvalue()))


def _theme(blob: bytes) -> bytes:
    """The theme's fonts are Arial (headings and body) and its first accent is the template's accent, so
    Design > Fonts or Colours in Word restyles the whole document."""
    import re

    blob = re.sub(rb'(<a:(?:major|minor)Font>\s*<a:latin typeface=")[^"]*"', rb'\g<1>' + FONT.encode() + rb'"', blob)
    return re.sub(rb'(<a:accent1>\s*<a:srgbClr val=")[0-9A-Fa-f]{6}"', rb'\g<1>' + ACCENT.encode() + rb'"', blob)


APP_XML = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
           b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           b"<Application>jobpack</Application><DocSecurity>0</DocSecurity></Properties>")
KEPT_STYLES = {b"Normal", b"Heading1", b"Heading2", b"Heading3", b"DutyHeading", b"ListBullet", b"ListNumber",
               b"TableNormal", b"TableGrid", b"JobPackTable", b"DefaultParagraphFont", b"NoList"}
"""Styles kept although the template may not use them: the ones an HR officer restyles, and Word's defaults."""


def _used_styles_only(styles: bytes, parts: bytes) -> bytes:
    """styles.xml without the styles nothing uses (python-docx's template brings ~100 Word never shows)."""
    import re

    blocks = {m.group(1): m.group(0) for m in re.finditer(rb'<w:style [^>]*w:styleId="([^"]+)".*?</w:style>', styles,
                                                          flags=re.S)}
    keep = set(KEPT_STYLES) | set(re.findall(rb'w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', parts))
    keep |= {i for i, b in blocks.items() if b'w:default="1"' in b}
    todo = list(keep)
    while todo:  # the styles they are based on, linked to or followed by
        block = blocks.get(todo.pop(), b"")
        for ref in re.findall(rb'<w:(?:basedOn|link|next) w:val="([^"]+)"', block):
            if ref not in keep:
                keep.add(ref)
                todo.append(ref)
    return re.sub(rb'<w:style [^>]*w:styleId="([^"]+)".*?</w:style>',
                  lambda m: m.group(0) if m.group(1) in keep else b"", styles, flags=re.S)


def _tidy(data: bytes) -> bytes:
    """What python-docx's stock template leaves that Word users notice: Compatibility Mode (14 -> 15), an
    app.xml claiming "Microsoft Macintosh Word" with 0 words, and ~100 built-in styles nobody uses."""
    import re
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        used = b"".join(src.read(n) for n in src.namelist()
                        if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n))
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "word/stylesWithEffects.xml":
                continue  # Word 2010's copy of the styles: restyling would have to change it too; Word needs none
            if info.filename in ("word/_rels/document.xml.rels", "[Content_Types].xml"):
                blob = re.sub(rb"<(Relationship|Override)[^>]*stylesWithEffects[^>]*/>", b"", blob)
            if info.filename == "word/theme/theme1.xml":
                blob = _theme(blob)
            if info.filename == "word/settings.xml":
                blob = re.sub(rb'(w:name="compatibilityMode" w:uri="[^"]+" w:val=")\d+"', rb'\g<1>15"', blob)
            elif info.filename == "docProps/app.xml":
                blob = APP_XML
            elif info.filename == "word/styles.xml":
                blob = _used_styles_only(blob, used)
            dst.writestr(info, blob)
    return out.getvalue()


TEMPLATES = (
    ("job-description.docx", job_description, "Job description template"),
    ("person-specification.docx", person_specification, "Person specification template"),
)


def main(argv: list[str]) -> None:
    folder = Path(argv[0]) if argv else OUT
    for name, body, title in TEMPLATES:
        (folder / name).write_bytes(build(body, title))
        print(f"wrote {folder / name}")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
