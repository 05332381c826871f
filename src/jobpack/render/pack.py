"""The job pack: an advertised vacancy's cover page, then the job description's PDF and the person
specification's, joined without painting a single page again.

Each document is tagged PDF/UA-1. Joining them keeps that true: each later document's structure elements
move under the first one's `Document` element (one structure tree), its pages' and links' keys into the
parent tree are shifted past those before it, its bookmarks follow theirs, and the pack gets its own title
(document information and XMP alike) while /Lang, the dates and everything else stay the first document's.
pikepdf (qpdf) copies objects between files and writes a file identifier made from the content, so the
same documents always make the same pack.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf


def _keys(tree: Dictionary) -> list[tuple[int, pikepdf.Object]]:
    """The (key, value) pairs of a flat number tree, as WeasyPrint writes the parent tree."""
    if "/Kids" in tree:
        raise ValueError("nested parent trees are not supported")
    nums = tree.Nums
    return [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2)]


def _shift_keys(pdf: Pdf, offset: int) -> None:
    """Shift every /StructParents and /StructParent (pages and annotations) of `pdf` by `offset`."""
    for page in pdf.pages:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annot in page.obj.get("/Annots", Array()):
            if "/StructParent" in annot:
                annot.StructParent = int(annot.StructParent) + offset


def _title_xmp(xmp: bytes, old: str, new: str) -> bytes:
    """The XMP packet with the document's title (dc:title) replaced."""
    before, after = escape(old).encode(), escape(new).encode()
    if before not in xmp:
        raise ValueError("the title is not in the XMP metadata")
    return xmp.replace(before, after)


def _outline_items(outlines: Dictionary | None) -> list[Dictionary]:
    items, item = [], outlines.get("/First") if outlines is not None else None
    while item is not None:
        items.append(item)
        item = item.get("/Next")
    return items


def _copy(pack: Pdf, other: Pdf, obj: object) -> object:
    """`obj` of `other` copied into `pack` (objects it refers to that were copied already are shared)."""
    if not isinstance(obj, Dictionary | Array):
        return obj  # a number (a marked-content id) or a name: nothing to copy
    return pack.copy_foreign(obj if obj.is_indirect else other.make_indirect(obj))


def join_pack(*documents: bytes, title: str, labels: Sequence[str] = ()) -> bytes:
    """One tagged PDF of each document's pages in turn, titled `title` (one document: that one, retitled).

    `labels` names each document's part: its pages are labelled "<part> 1", "<part> 2"... in a PDF reader's
    page box (a one-page "Cover" just "Cover"), so page numbers in the pack always say which part they are."""
    pack = Pdf.open(io.BytesIO(documents[0]))
    starts = [0]
    for document in documents[1:]:
        starts.append(len(pack.pages))
        _append(pack, Pdf.open(io.BytesIO(document)))
    if labels:
        _label(pack, starts, labels)
    return _saved(pack, title)


def _label(pack: Pdf, starts: list[int], labels: Sequence[str]) -> None:
    """PDF page labels: each part's pages numbered from 1 after its name; a part of one page just its name."""
    nums = Array()
    ends = [*starts[1:], len(pack.pages)]
    for start, end, label in zip(starts, ends, labels, strict=True):
        style = Dictionary(P=pikepdf.String(label)) if end - start == 1 else Dictionary(
            S=Name.D, P=pikepdf.String(f"{label} "), St=1)
        nums.extend([start, style])
    pack.Root.PageLabels = pack.make_indirect(Dictionary(Nums=nums))


def _append(pack: Pdf, other: Pdf) -> None:
    """`other`'s pages, structure elements and bookmarks added after `pack`'s."""
    tree, other_tree = pack.Root.StructTreeRoot, other.Root.StructTreeRoot
    entries = _keys(tree.ParentTree)
    offset = max((key for key, _ in entries), default=-1) + 1
    _shift_keys(other, offset)
    pack.pages.extend(other.pages)

    root = tree.K[0] if isinstance(tree.K, Array) else tree.K
    other_root = other_tree.K[0] if isinstance(other_tree.K, Array) else other_tree.K
    kids = root.K if isinstance(root.K, Array) else Array([root.K])
    for kid in other_root.K if isinstance(other_root.K, Array) else [other_root.K]:
        copied = _copy(pack, other, kid)
        if isinstance(copied, Dictionary) and "/S" in copied:
            copied.P = root
        kids.append(copied)
    root.K = kids
    nums = Array()
    for key, value in sorted(entries + [(k + offset, _copy(pack, other, v)) for k, v in _keys(other_tree.ParentTree)],
                             key=lambda kv: kv[0]):
        nums.extend([key, value])
    tree.ParentTree.Nums = nums
    if "/ParentTreeNextKey" in tree or "/ParentTreeNextKey" in other_tree:
        tree.ParentTreeNextKey = max(key for key, _ in _keys(tree.ParentTree)) + 1
    if "/RoleMap" in other_tree:
        role_map = tree.get("/RoleMap", Dictionary())
        for key, value in other_tree.RoleMap.items():
            role_map[key] = _copy(pack, other, value)
        tree.RoleMap = role_map

    outlines = pack.Root.get("/Outlines")
    items = _outline_items(outlines)
    added = [_copy(pack, other, item) for item in _outline_items(other.Root.get("/Outlines"))]
    if added:
        if outlines is None:
            outlines = pack.Root.Outlines = pack.make_indirect(Dictionary(Type=Name.Outlines, Count=0))
        for before, item in zip([*items[-1:], *added], added, strict=False):
            item.Parent = outlines
            item.Prev = before
            before.Next = item
        if not items:
            del added[0].Prev
            outlines.First = added[0]
        outlines.Last = added[-1]
        outlines.Count = int(outlines.get("/Count", 0)) + int(other.Root.Outlines.get("/Count", len(added)))


def _saved(pack: Pdf, title: str) -> bytes:
    """`pack` titled `title` (document information and XMP alike), saved with a content-made identifier."""
    old_title = str(pack.docinfo.get("/Title", ""))
    pack.docinfo.Title = title
    if "/Metadata" in pack.Root and old_title:
        pack.Root.Metadata.write(_title_xmp(pack.Root.Metadata.read_bytes(), old_title, title))
    out = io.BytesIO()
    pack.save(out, deterministic_id=True, compress_streams=True,
              object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()
