"""Logos and trust files are read only from inside the trust, and only what is safe is published.

Attacks a pull request could make: a logo that is a link to a credentials file, a logo path that climbs out
of the trust, an SVG logo with script or links, a PNG carrying hidden text, a post file that is a link.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image, PngImagePlugin

from jobpack.cli import main
from jobpack.load.logos import LogoError, check_svg, load_logo

from .conftest import SECRET, leaked


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--trust", str(root)])
    return result.exit_code, result.output


def with_logo(make_trust, logo_line: str) -> Path:
    root = make_trust()
    trust = (root / "trust.yaml").read_text("utf-8")
    named = trust.replace("    name: Oak School", f"    name: Oak School\n    logo: {logo_line}", 1)
    (root / "trust.yaml").write_text(named, "utf-8")
    return root


def png_bytes(text: str | None = None, size: tuple[int, int] = (40, 20)) -> bytes:
    info = PngImagePlugin.PngInfo()
    if text:
        info.add_text("Comment", text)
    out = io.BytesIO()
    Image.new("RGB", size, (31, 78, 121)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


@pytest.mark.parametrize("command", ["check", "build", "site"])
def test_a_logo_linked_to_a_secret_is_refused_and_never_published(make_trust, secret_file, command):
    root = with_logo(make_trust, "assets/logo.png")
    (root / "assets").mkdir()
    (root / "assets/logo.png").symlink_to(secret_file)
    code, out = run(root, command)
    assert code == 1, out
    assert "trust.yaml:6:" in out and "is a link (symlink) to a file outside the trust folder" in out
    assert SECRET not in out and str(secret_file) not in out
    assert not (root / "output").exists() or leaked(root / "output") == []


def test_a_logo_path_outside_the_trust_is_refused(make_trust, secret_file):
    root = with_logo(make_trust, "../" * 8 + str(secret_file).lstrip("/"))
    code, out = run(root, "build")
    assert code == 1, out
    assert "points outside the trust folder" in out and "assets/logos/school.png" in out
    assert not (root / "output").exists()


@pytest.mark.parametrize(("svg", "found"), [
    ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<script>"),
    ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="4" height="4"/></svg>', "onload"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
     '<image xlink:href="http://127.0.0.1:9/x.png" width="4" height="4"/></svg>', "a link to"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>', "a link to"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(http://127.0.0.1:9/a.css);</style></svg>',
     "style sheet"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>hi</p></foreignObject></svg>', "foreignobject"),
    ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
     '<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>', "DOCTYPE"),
])
def test_an_svg_logo_with_anything_active_is_refused(make_trust, svg, found):
    root = with_logo(make_trust, "assets/logo.svg")
    (root / "assets").mkdir()
    (root / "assets/logo.svg").write_text(svg, "utf-8")
    code, out = run(root, "check")
    assert code == 1, out
    assert "trust.yaml:6:" in out and found in out


def test_a_harmless_svg_logo_is_accepted():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><defs><linearGradient id="g"/></defs>' \
          b'<rect width="4" height="4" fill="url(#g)"/><use href="#g"/></svg>'
    assert check_svg(svg) == svg


def test_text_hidden_in_a_png_logo_is_not_published(make_trust):
    root = with_logo(make_trust, "assets/logo.png")
    (root / "assets").mkdir()
    (root / "assets/logo.png").write_bytes(png_bytes(SECRET) + b"trailing " + SECRET.encode())
    code, out = run(root, "site")
    assert code == 0, out
    assert leaked(root / "output") == []
    published = root / "output/site/assets/logos/oak.png"
    assert Image.open(published).size == (40, 20)
    with zipfile.ZipFile(next((root / "output").rglob("*job-description.docx"))) as docx:
        assert any(name.startswith("word/media/") for name in docx.namelist()), "the logo is still in the Word file"


def test_a_text_file_named_png_is_refused(make_trust):
    root = with_logo(make_trust, "assets/logo.png")
    (root / "assets").mkdir()
    (root / "assets/logo.png").write_text("not a picture", "utf-8")
    code, out = run(root, "check")
    assert code == 1 and "is not a picture jobpack can read" in out


def test_a_huge_logo_is_scaled_down(tmp_path):
    (tmp_path / "big.png").write_bytes(png_bytes(size=(4000, 1000)))
    logo = load_logo(tmp_path, "big.png")
    assert Image.open(io.BytesIO(logo.data)).size == (2000, 500)
    with pytest.raises(LogoError):
        load_logo(tmp_path, "missing.png")


def test_a_post_file_linked_outside_the_trust_is_refused(make_trust, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "post.yaml"
    outside.write_text(f"school: oak\ntitle: {SECRET}\n", "utf-8")
    root = make_trust()
    (root / "posts/oak/linked.yaml").symlink_to(outside)
    code, out = run(root, "build")
    assert code == 1
    assert "posts/oak/linked.yaml: This file is a link (symlink) to a file outside the trust folder" in out
    assert SECRET not in out and not (root / "output").exists()


def test_the_example_logos_still_reach_every_format(example_build):
    pdf = next(example_build.rglob("*-job-description.pdf")).read_bytes()
    assert b"/Subtype /Image" in pdf or b"/Subtype/Image" in pdf
    with zipfile.ZipFile(next(example_build.rglob("*-job-description.docx"))) as docx:
        assert any(name.startswith("word/media/") for name in docx.namelist())
