"""PDF output: the job description, the person specification, and the two as one job pack.

Each document is laid out once; the pack reuses the laid-out pages (`Document.copy`), so it costs only
the PDF writing. Output is tagged PDF/UA-1 (headings become bookmarks and structure) and byte-for-byte
reproducible: the dates come from the trust's issue date and the file identifier from the content, so
rebuilding an unchanged trust changes no files.
"""

from __future__ import annotations

import copy
import datetime

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_identifier": True}
"""Tagged PDF/UA-1; `pdf_identifier=True` makes the file ID an MD5 of the content, not a random value."""

LANG = "en-GB"


def render_pdfs(
    jd_html: str, ps_html: str, base_url: str, title: str, issue_date: datetime.date
) -> dict[str, bytes]:
    """PDF bytes for "job-description", "person-specification" and "job-pack" (JD pages, then PS pages).

    `base_url` resolves relative links and images in the HTML (normally the trust folder); `title` is the
    pack's document title (the two documents take theirs from their HTML <title>).
    """
    fonts = FontConfiguration()
    jd = HTML(string=jd_html, base_url=base_url).render(font_config=fonts)
    ps = HTML(string=ps_html, base_url=base_url).render(font_config=fonts)
    pack = jd.copy([*jd.pages, *ps.pages])
    pack.metadata = copy.copy(jd.metadata)  # copy() shares the metadata object; the pack has its own title
    pack.metadata.title = title
    documents = {"job-description": jd, "person-specification": ps, "job-pack": pack}
    stamp = issue_date.isoformat()
    out: dict[str, bytes] = {}
    for name, document in documents.items():
        document.metadata.created = stamp
        document.metadata.modified = stamp
        document.metadata.lang = document.metadata.lang or LANG
        out[name] = document.write_pdf(**PDF_OPTIONS)
    return out

