"""The advert: the short text a candidate reads first, on the website, the pack's cover and job boards.

One rule, here only, so every place that shows it agrees: the vacancy's own `advert:`, else the post's
`advert:` (which a role profile may give), else the post's job summary. The text keeps where it was written,
so a message about it (too long for a job board, say) can point at the line to change.
"""

from __future__ import annotations

from jobpack.compose.post import ResolvedPost


class AdvertText(str):
    """The advert's text, knowing the file and line it came from and which key supplied it."""

    file: str
    line: int | None
    source: str  # "vacancy.advert", "advert", "summary" or "" (the post has none of them)

    def __new__(cls, text: str, file: str = "", line: int | None = None, source: str = "") -> AdvertText:
        self = super().__new__(cls, text)
        self.file, self.line, self.source = file, line, source
        return self

    def __reduce__(self) -> tuple[type, tuple[str, str, int | None, str]]:
        return (AdvertText, (str(self), self.file, self.line, self.source))


def advert_text(post: ResolvedPost) -> AdvertText:
    """The advert of `post` (variables already filled in): the vacancy's, the post's, or its summary's
    paragraphs joined by blank lines; empty (with the post's file) when the post has none of them."""
    if post.vacancy is not None and post.vacancy.advert:
        origin = post.origins.get("vacancy.advert") or post.origin("vacancy")
        return AdvertText(post.vacancy.advert.strip(), origin.file, origin.line, "vacancy.advert")
    if post.advert:
        origin = post.origin("advert")
        return AdvertText(post.advert.strip(), origin.file, origin.line, "advert")
    if post.summary:
        first = post.summary[0]
        return AdvertText("\n\n".join(i.text.strip() for i in post.summary), first.file or post.file, first.line,
                          "summary")
    return AdvertText("", post.file, None, "")
