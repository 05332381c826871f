"""The advert as the HTML Teaching Vacancies accepts: paragraphs, line breaks, lists, bold, italic, links.

The advert is the trust's text (markup: **bold**, *italic*, [text](https://...)); every other character is
escaped, so text from a pull request can never become a tag the service would strip or a script.
"""

from __future__ import annotations

import re

from jobpack.load.markup import rich

_BULLET = re.compile(r"^\s*[-*•]\s+")


def advert_html(text: str) -> str:
    """`text` as <p> paragraphs (split at blank lines), <br> at single line breaks, and a <ul> for a
    paragraph whose every line starts with "- " (or "* ")."""
    out = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if all(_BULLET.match(line) for line in lines):
            out.append("<ul>" + "".join(f"<li>{rich(_BULLET.sub('', line)).__html__()}</li>" for line in lines)
                       + "</ul>")
        else:
            out.append("<p>" + "<br>".join(rich(line).__html__() for line in lines) + "</p>")
    return "".join(out)
