"""School logos, checked before anything is embedded or published.

A logo comes from a pull request like everything else, so it is read only from inside the trust
(`boundary`), and it must be what it claims: a raster image (PNG, JPEG, GIF, WebP) that Pillow can decode —
re-encoded to a plain PNG, which drops any metadata, text chunks or trailing bytes hidden in the file — or
an SVG with nothing active in it (no script, event attributes, external references, embedded HTML or
entities). Anything else is refused with a message saying what to do. The checked logo travels as bytes
and a `data:` URI, so the PDF renderer never fetches a file for it and the output does not depend on where
the trust is checked out.
"""

from __future__ import annotations

import base64
import functools
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from jobpack.load.boundary import OutsideTrust, inside_trust

MAX_LOGO_BYTES = 5_000_000
MAX_SIDE = 2000
"""Largest width or height kept; bigger logos are scaled down (a logo prints at about 18 mm)."""
RASTER = {".png", ".jpg", ".jpeg", ".gif", ".webp"}
_SAFE_DATA = re.compile(r"^data:image/(png|jpeg|gif);base64,", re.IGNORECASE)
_URL = re.compile(r"url\s*\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)


class LogoError(ValueError):
    """Why a logo cannot be used, in words for the person who added it."""


@dataclass(frozen=True)
class Logo:
    """A checked logo: the bytes jobpack embeds and publishes."""

    data: bytes
    media_type: str  # "image/png" or "image/svg+xml"
    suffix: str  # ".png" or ".svg"

    @functools.cached_property
    def data_uri(self) -> str:
        """The bytes as a data: URI, encoded once per checked logo (one logo object serves every post)."""
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"

    @property
    def raster(self) -> bool:
        return self.media_type == "image/png"


def load_logo(root: Path, written: str) -> Logo:
    """The logo `written` in trust.yaml (relative to the trust folder), checked; LogoError if unusable."""
    try:
        path = inside_trust(root, written)
    except OutsideTrust as exc:
        raise LogoError(f"The logo {exc}.") from exc
    if not path.is_file():
        raise LogoError(f"There is no logo file '{written}'.")
    stat = path.stat()
    if stat.st_size > MAX_LOGO_BYTES:
        raise LogoError(f"The logo '{written}' is {stat.st_size:,} bytes; logos can be at most {MAX_LOGO_BYTES:,} "
                        "bytes.")
    return _checked(path, written, stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=256)
def _checked(path: Path, written: str, size: int, mtime_ns: int) -> Logo:
    """The checked logo at `path`, worked out once per version of the file (`size`, `mtime_ns`) in a process:
    a picture many posts show is checked and re-encoded once, not once per post (LogoErrors are not kept)."""
    data = path.read_bytes()
    if path.suffix.lower() == ".svg":
        return Logo(check_svg(data, written), "image/svg+xml", ".svg")
    if path.suffix.lower() not in RASTER:
        raise LogoError(f"The logo '{written}' is not a PNG, JPEG, GIF, WebP or SVG image.")
    return Logo(reencode(data, written), "image/png", ".png")


def reencode(data: bytes, written: str = "logo") -> bytes:
    """The picture in `data` as a fresh PNG: pixels only, so nothing else hidden in the file is published."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.seek(0)
            if max(image.size) > 20 * MAX_SIDE:
                raise LogoError(f"The logo '{written}' is {image.size[0]}×{image.size[1]} pixels; use a smaller image.")
            picture = image.convert("RGBA" if "A" in image.getbands() or image.mode == "P" else "RGB")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        if isinstance(exc, LogoError):
            raise
        raise LogoError(f"The logo '{written}' is not a picture jobpack can read (it may be damaged, or "
                        "another kind of file renamed): save it again as PNG or JPEG.") from exc
    if max(picture.size) > MAX_SIDE:
        picture.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=False)
    return out.getvalue()


def check_svg(data: bytes, written: str = "logo") -> bytes:
    """`data` if it is an SVG with nothing active or external in it; LogoError naming what was found."""
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise LogoError(f"The SVG logo '{written}' declares a DOCTYPE or entities, which jobpack does not accept: "
                        "export it again as plain SVG.")
    try:
        tree = ET.fromstring(data)
    except ET.ParseError as exc:
        raise LogoError(f"The SVG logo '{written}' is not valid SVG: export it again, or use a PNG.") from exc
    if _local(tree.tag) != "svg":
        raise LogoError(f"The logo '{written}' is not an SVG image.")
    for element in tree.iter():
        found = _active(element)
        if found:
            raise LogoError(f"The SVG logo '{written}' contains {found}, which could run code or fetch files "
                            "when the logo is shown: export it again without it, or use a PNG.")
    return data


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _active(element: ET.Element) -> str:
    """What in `element` is not allowed in a published logo ("" if nothing)."""
    name = _local(element.tag)
    if name in ("script", "foreignobject", "iframe", "embed", "object", "handler", "listener"):
        return f"a <{name}> element"
    for attribute, value in element.attrib.items():
        key = _local(attribute)
        if key.startswith("on"):
            return f"an event attribute ({key})"
        if key in ("href", "src") and not (value.startswith("#") or _SAFE_DATA.match(value.strip())):
            return f"a link to '{value[:60]}'"
        if key == "style" and _external_url(value):
            return "a style that loads something from outside"
    if name == "style" and (_external_url(element.text or "") or "@import" in (element.text or "")):
        return "a style sheet that loads something from outside"
    return ""


def _external_url(css: str) -> bool:
    return any(not (u.startswith("#") or _SAFE_DATA.match(u)) for u in _URL.findall(css))
