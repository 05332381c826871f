"""School colours made safe for the website: WCAG 2.2 contrast, not just good intentions.

A school's branding colour is used as an accent on the site: white text on it (the post page banner) and
as text or borders on white and on the pale panel background. A colour that is too light for 4.5:1 would
fail WCAG 1.4.3, so it is darkened step by step (mixed with black) until it passes; the hue stays
recognisable and a colour that already passes is used exactly as the trust chose it.
"""

from __future__ import annotations

import re

HEX = re.compile(r"^#([0-9a-fA-F]{6})$")
MIN_CONTRAST = 4.5
BACKGROUNDS = ("#ffffff", "#f4f6f8")  # page and panel backgrounds the accent must stand out against
FALLBACK = "#1f4e79"


def _channels(colour: str) -> tuple[int, int, int]:
    match = HEX.match(colour)
    if not match:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    value = match.group(1)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def luminance(colour: str) -> float:
    """Relative luminance as defined by WCAG 2.x."""

    def linear(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours, from 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _darken(colour: str, amount: float) -> str:
    return "#" + "".join(f"{round(c * (1 - amount)):02x}" for c in _channels(colour))


def accessible_accent(colour: str, backgrounds: tuple[str, ...] = BACKGROUNDS) -> str:
    """`colour` (lower-cased), darkened just enough to reach 4.5:1 against every background."""
    if not HEX.match(colour or ""):
        colour = FALLBACK
    colour = colour.lower()
    for step in range(0, 101):
        candidate = _darken(colour, step / 100)
        if all(contrast_ratio(candidate, bg) >= MIN_CONTRAST for bg in backgrounds):
            return candidate
    return "#000000"
