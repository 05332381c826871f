"""The names a post's templates receive: its typed view (`jobpack.view.post`) with the school's logo and
section pictures checked and embedded, read as template names (documented in docs/templates.md).

Everything a template prints is decided in the view, once, for both the HTML/PDF and the DOCX templates,
so the two formats cannot drift; the wording of terms lives in `jobpack.view.wording`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from jobpack.compose.post import ResolvedPost
from jobpack.load.logos import Logo, LogoError, load_logo
from jobpack.load.models.trust import Trust
from jobpack.view.pack import pack_view
from jobpack.view.post import build_view, document_names


def build_context(post: ResolvedPost, trust: Trust, trust_root: Path,
                  logos: Mapping[str, Logo] | None = None, pictures: dict[str, str] | None = None) -> dict[str, Any]:
    """The names every template of this post receives (without `document`, added per document): the
    typed view of `jobpack.view`, as template names. `logos` are the checked logos (school id -> Logo);
    without them the school's logo is checked here. `pictures`, when given, keeps the checked pictures
    (file as written -> data: URI, "" when unusable) for the length of one check or build, so the pack's
    photographs are not looked up again for each of a school's posts."""
    if logos is None:
        logos = _logo_of(post, trust_root)
    logo = logos.get(post.school.id)
    names = build_view(post, trust, logo.data_uri if logo else "", section_pictures(post, trust_root, pictures)
                       ).names()
    names["post"] = dataclasses.replace(names["post"], pack=pack_view(post, trust, pack_pictures(
        post, trust, trust_root, pictures)))
    return names


def pack_pictures(post: ResolvedPost, trust: Trust, trust_root: Path,
                  pictures: dict[str, str] | None = None) -> dict[str, str]:
    """The pack's signature and photographs (trust's and school's), checked like logos, as data: URIs."""
    paths = []
    for content in (trust.pack, post.school.pack):
        for part in (getattr(content, name, None) for name in ("welcome", "about_school", "about_trust")):
            if part:
                paths.append(getattr(part, "signature", None) or getattr(part, "photo", None))
    return _checked_pictures(filter(None, paths), trust_root, pictures)


def section_pictures(post: ResolvedPost, trust_root: Path, pictures: dict[str, str] | None = None) -> dict[str, str]:
    """The post's section images, checked like logos, as data: URIs (an unusable one is reported by check)."""
    images = [p.image for s in post.sections for p in s.parts if p.kind == "image"]
    return _checked_pictures(images, trust_root, pictures)


def _checked_pictures(paths: Iterable[str], trust_root: Path, pictures: dict[str, str] | None) -> dict[str, str]:
    """Each usable picture as a data: URI (file as written -> URI), looked up in `pictures` first and kept
    there ("" for an unusable one); checked and encoded once per version of a file (load_logo caches it)."""
    known = {} if pictures is None else pictures
    out = {}
    for path in paths:
        if path not in known:
            try:
                known[path] = load_logo(trust_root, path).data_uri
            except LogoError:
                known[path] = ""
        if known[path]:
            out[path] = known[path]
    return out


def _logo_of(post: ResolvedPost, trust_root: Path) -> dict[str, Logo]:
    """The school's logo, checked (an unusable logo is reported by `jobpack check`; here it is left out)."""
    if not post.school.logo:
        return {}
    try:
        return {post.school.id: load_logo(trust_root, post.school.logo)}
    except LogoError:
        return {}


def document_context(context: dict[str, Any], kind: str, in_pack: bool = False) -> dict[str, Any]:
    """The names one document's templates receive: the post's view plus `document` (`in_pack`: the copy
    inside the job pack)."""
    return document_names(context, kind, in_pack)
