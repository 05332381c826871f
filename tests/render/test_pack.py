"""The job pack is the two documents' PDFs joined: same pages, same text, one structure tree, both sets of
bookmarks pointing at the right pages, the pack's own title, and still tagged PDF/UA."""

from __future__ import annotations

import io
import subprocess

import pikepdf
import pytest
from render_sample import PACK_TITLE

from jobpack.render.pack import join_pack


def pdftotext(data: bytes) -> list[str]:
    """The text of each page, as poppler's pdftotext reads it."""
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout
    return text.decode("utf-8").split("\f")[:-1]


def open_pdf(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


def struct_elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every structure element, depth first, from the one root."""
    found, todo = [], [pdf.Root.StructTreeRoot.K]
    while todo:
        node = todo.pop()
        if isinstance(node, pikepdf.Array):
            todo.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            found.append(node)
            if "/K" in node:
                todo.append(node.K)
    return found


def outline(pdf: pikepdf.Pdf) -> list[tuple[str, int, int]]:
    """(title, depth, page index) of every bookmark."""
    rows = []
    with pdf.open_outline() as tree:
        def walk(items, depth):
            for item in items:
                rows.append((item.title, depth, pdf.pages.index(pikepdf.Page(item.destination[0]))))
                walk(item.children, depth + 1)
        walk(tree.root, 0)
    return rows


@pytest.fixture(scope="module")
def docs(pdfs: dict[str, bytes]) -> dict[str, pikepdf.Pdf]:
    return {name: open_pdf(data) for name, data in pdfs.items()}


def test_the_pack_has_both_documents_pages_and_text_in_order(pdfs):
    jd, ps, pack = (pdftotext(pdfs[k]) for k in ("job-description", "person-specification", "job-pack"))
    assert pack == jd + ps
    flat = ["".join(page.split()).lower() for page in pack]  # headings are letter-spaced
    assert "jobdescription" in flat[0] and "personspecification" in flat[len(jd)]
    assert f"page1of{len(jd)}" in flat[0] and f"page1of{len(ps)}" in flat[len(jd)]


def test_the_pack_has_one_structure_tree_holding_both_documents(docs):
    jd, ps, pack = docs["job-description"], docs["person-specification"], docs["job-pack"]
    tree = pack.Root.StructTreeRoot
    roots = tree.K if isinstance(tree.K, pikepdf.Array) else [tree.K]
    assert len(roots) == 1 and roots[0].S == "/Document"
    elements = struct_elements(pack)
    # the person specification's elements (all but its Document element) follow the job description's
    assert [str(e.S) for e in elements] == [str(e.S) for e in struct_elements(jd) + struct_elements(ps)[1:]]
    document = roots[0]
    for kid in document.K:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            assert kid.P.objgen == document.objgen  # every top element hangs from the one Document
    nums = tree.ParentTree.Nums
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    assert keys == sorted(set(keys))
    pages_keys = [int(p.obj.StructParents) for p in pack.pages]
    assert len(set(pages_keys)) == len(pack.pages) and set(pages_keys) <= set(keys)
    for page in pack.pages:  # each page's marked content leads to elements on that page
        entry = nums[keys.index(int(page.obj.StructParents)) * 2 + 1]
        for element in entry:
            if isinstance(element, pikepdf.Dictionary) and "/Pg" in element:
                assert element.Pg.objgen == page.obj.objgen


def test_the_pack_is_tagged_titled_and_bookmarked(docs):
    jd, ps, pack = docs["job-description"], docs["person-specification"], docs["job-pack"]
    assert pack.Root.Lang == "en-GB" and pack.Root.MarkInfo.Marked
    assert pack.docinfo.Title == PACK_TITLE
    with pack.open_metadata(set_pikepdf_as_editor=False) as xmp:
        assert xmp["dc:title"] == PACK_TITLE
        assert xmp.get("pdfuaid:part") == "1"
    assert str(pack.docinfo.CreationDate) == str(jd.docinfo.CreationDate) == "D:20241104"
    expected = outline(jd) + [(t, d, p + len(jd.pages)) for t, d, p in outline(ps)]
    assert outline(pack) == expected
    assert [t for t, d, _ in expected if d == 0] == ["Job description: Learning Support Practitioner",
                                                      "Person specification: Learning Support Practitioner"]


def test_the_documents_themselves_stay_tagged_and_bookmarked(docs):
    for name in ("job-description", "person-specification"):
        pdf = docs[name]
        assert pdf.Root.Lang == "en-GB" and pdf.Root.MarkInfo.Marked
        assert len(struct_elements(pdf)) > 10 and outline(pdf)[0][2] == 0


def test_joining_is_reproducible(pdfs):
    again = join_pack(pdfs["job-description"], pdfs["person-specification"], title=PACK_TITLE,
                      labels=["Job description", "Person specification"])
    assert again == pdfs["job-pack"]
