"""Small pure pieces of the site: colour contrast, the stylesheet's palette, postal addresses."""

from __future__ import annotations

import re

import pytest

from jobpack.publish.site.colour import BACKGROUNDS, accessible_accent, contrast_ratio
from jobpack.publish.site.data import postal_address
from jobpack.render.lookup import BUILTIN_DIR


def test_contrast_ratio_matches_wcag_examples():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("colour", ["#1f4e79", "#1d5e3a", "#5b2a86", "#8a1c3b"])
def test_dark_school_colours_are_kept(colour):
    assert accessible_accent(colour) == colour


@pytest.mark.parametrize("colour", ["#ffcc00", "#FFFFFF", "#7fb3d5", "#e4003b"])
def test_light_school_colours_are_darkened_to_4_5(colour):
    accent = accessible_accent(colour)
    assert accent != colour.lower()
    assert all(contrast_ratio(accent, bg) >= 4.5 for bg in BACKGROUNDS)


def test_bad_colour_falls_back():
    assert accessible_accent("red") == "#1f4e79"


def _palette() -> dict[str, str]:
    css = (BUILTIN_DIR / "site" / "site.css").read_text("utf-8")
    return dict(re.findall(r"--([a-z0-9-]+):\s*(#[0-9a-fA-F]{6})", css))


@pytest.mark.parametrize("text, background, minimum", [
    ("ink", "#ffffff", 4.5), ("muted", "#ffffff", 4.5), ("muted", "panel", 4.5), ("link", "#ffffff", 4.5),
    ("#ffffff", "brand", 4.5), ("#ffffff", "brand-2", 4.5), ("open-ink", "open-bg", 4.5), ("ink", "open-bg", 4.5),
    ("focus-ink", "focus", 4.5), ("border", "#ffffff", 3), ("border", "panel", 3), ("#d3dce8", "brand-2", 4.5),
])
def test_stylesheet_colours_have_enough_contrast(text, background, minimum):
    palette = _palette()

    def colour(name: str) -> str:
        return name if name.startswith("#") else palette[name]

    assert contrast_ratio(colour(text), colour(background)) >= minimum


def test_postal_address():
    assert postal_address("Harrow Road, London W9 3RS") == {
        "@type": "PostalAddress", "streetAddress": "Harrow Road", "addressLocality": "London",
        "postalCode": "W9 3RS", "addressCountry": "GB"}
    assert postal_address("1 High Street, Leeds, LS1 4AB") == {
        "@type": "PostalAddress", "streetAddress": "1 High Street", "addressLocality": "Leeds",
        "postalCode": "LS1 4AB", "addressCountry": "GB"}
    assert postal_address("") == {"@type": "PostalAddress", "addressCountry": "GB"}
