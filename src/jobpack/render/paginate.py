"""Page breaks a reader can follow: a table carried onto a new page says whose rows these are.

CSS does most of the pagination (`style.css`: headings stay with what follows, key-facts tables and short
boxes are kept whole, at least two rows of a table stay together at each end of a break, and the header row
repeats). What CSS cannot say is "Personal qualities (continued)" above the rows carried onto the next page:
WeasyPrint repeats a table's header row, but the section title sits outside the table.

So a table that may be carried names its title (`<table data-continued="Personal qualities">`), and when
the laid-out document shows it carried, the table is split at that row: the rows that fitted stay, and the
rest start the next page under "Personal qualities (continued)" and the repeated header row. The break is
where WeasyPrint put it, so the pages before it are unchanged; the pages after it are laid out again, and
the next carried table (if any) is split the same way, in page order.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from xml.etree import ElementTree

from weasyprint import HTML
from weasyprint.document import Document
from weasyprint.formatting_structure import boxes

ATTRIBUTE = "data-continued"
"""The attribute a template puts on a table that may be carried over a page; its value is the section title."""

MAX_SPLITS = 12
"""Layouts beyond the first that one document may take; past it, carried tables keep the repeated header row
but no "(continued)" title (a document with more than this many carried tables is not a job description)."""

Split = tuple[int, int]
"""(table number, row number) in the template's own order: the row that starts a new page."""


def lay_out(make: Callable[[], HTML], render: Callable[[HTML], Document]) -> Document:
    """Lay out the document, splitting each carried table under a "(continued)" title.

    `make` parses the HTML afresh (each layout needs an unlaid-out tree); `render` lays it out."""
    splits: list[Split] = []
    while True:
        html = make()
        tables = _number(html.etree_element)
        if not tables:
            return render(html)
        for table, row in splits:
            _split(html.etree_element, table, row)
        document = render(html)
        found = _first_carried(document, set(splits))
        if found is None or len(splits) >= MAX_SPLITS:
            return document
        splits.append(found)


def _number(root: ElementTree.Element) -> list[ElementTree.Element]:
    """Mark every table that may be carried, and each of its body rows, with its number in document order."""
    tables = [t for t in root.iter("table") if t.get(ATTRIBUTE)]
    for number, table in enumerate(tables):
        table.set("data-table", str(number))
        for index, row in enumerate(_body_rows(table)):
            row.set("data-table", str(number))
            row.set("data-row", str(index))
    return tables


def _body_rows(table: ElementTree.Element) -> list[ElementTree.Element]:
    return [row for body in table.findall("tbody") for row in body.findall("tr")]


def _first_carried(document: Document, done: set[Split]) -> Split | None:
    """The first (table, row) that starts a page without being the first row of its table or of a part of it."""
    for page in document.pages[1:]:
        for box in page._page_box.descendants():
            if not isinstance(box, boxes.TableRowBox) or box.element is None:
                continue
            table, row = box.element.get("data-table"), box.element.get("data-row")
            if table is None or row is None:
                continue  # a header row, or a table that is never carried
            found = (int(table), int(row))
            if int(row) > 0 and found not in done:
                return found
            break  # only the page's first body row matters
    return None


def _split(root: ElementTree.Element, table_number: int, row: int) -> None:
    """Move the table's body rows from `row` on into a new table under "<title> (continued)" that starts a page."""
    parents = {child: parent for parent in root.iter() for child in parent}
    first = next((tr for tr in root.iter("tr")
                  if tr.get("data-table") == str(table_number) and tr.get("data-row") == str(row)), None)
    if first is None:
        return
    old_body = parents[first]
    table = parents[old_body]
    holder = parents.get(table)
    rows = list(old_body)
    at = rows.index(first)
    if holder is None or at == 0:
        return
    carried = copy.deepcopy(table)
    for body in carried.findall("tbody"):
        carried.remove(body)
    body = ElementTree.SubElement(carried, "tbody")
    for moved in rows[at:]:
        old_body.remove(moved)
        body.append(moved)
    bodies = table.findall("tbody")
    for later in bodies[bodies.index(old_body) + 1:]:  # any further row groups go with the carried rows
        table.remove(later)
        carried.append(later)
    title = ElementTree.Element("h2", {"class": "continued", "style": "break-before: page; bookmark-level: none"})
    title.text = f"{table.get(ATTRIBUTE)} (continued)"
    position = list(holder).index(table)
    title.tail, carried.tail, table.tail = "\n", table.tail, "\n"
    holder.insert(position + 1, title)
    holder.insert(position + 2, carried)
