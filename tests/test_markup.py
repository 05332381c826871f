"""Inline emphasis: **bold**, *italic* and [links](https://...) become real formatting; everything else,
however odd, prints exactly as written, and nothing written in a post can become markup of another kind."""

from __future__ import annotations

import pytest
from markupsafe import escape

from jobpack.load.markup import Rich, spans, unsafe_links


@pytest.mark.parametrize(("written", "html"), [
    ("Personnel: **None**", "Personnel: <strong>None</strong>"),
    ("an *important* word", "an <em>important</em> word"),
    ("see [the guidance](https://www.gov.uk/x) now", 'see <a href="https://www.gov.uk/x">the guidance</a> now'),
    ("write to [HR](mailto:hr@example.org)", 'write to <a href="mailto:hr@example.org">HR</a>'),
    ("**bold** and *italic*", "<strong>bold</strong> and <em>italic</em>"),
])
def test_markup_becomes_tags(written: str, html: str) -> None:
    assert escape(Rich(written)) == html


@pytest.mark.parametrize("written", [
    "5*3*2 = 30",                       # arithmetic
    "file*name*s",                      # stars inside a word
    "un**balanced",                     # one pair of stars only
    "a lone * star",
    "** spaced **",                     # stars must hug the words
    "* not a list *",
    "snake_case and __dunder__",        # underscores are never emphasis
    "[no address]",                     # brackets without a link
    "[text](relative/path)",            # only https, http and mailto are links
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert)",
    "[x](data:text/html,hi)",
    "[x](file:///etc/passwd)",
    "#1 in the *",
])
def test_everything_else_prints_literally(written: str) -> None:
    rich = Rich(written)
    assert str(rich) == written
    assert str(escape(rich)) == str(escape(written))


def test_html_inside_markup_is_escaped() -> None:
    rich = Rich("**<script>alert(1)</script>** and [<b>x</b>](https://e.org/?a=1&b=\"2\")")
    html = str(escape(rich))
    assert "<script>" not in html and "<b>" not in html
    assert "<strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>" in html
    assert 'href="https://e.org/?a=1&amp;b=&quot;2&quot;"' in html


def test_plain_text_has_no_markers_for_titles_search_and_json() -> None:
    rich = Rich("Personnel: **None**, see [guidance](https://e.org)")
    assert str(rich) == "Personnel: None, see guidance"
    assert rich.source == "Personnel: **None**, see [guidance](https://e.org)"


def test_word_runs_close_and_reopen_the_template_run() -> None:
    xml = Rich("a **b** [c](https://e.org) <d>").docx_xml(lambda href: "rId99")
    assert xml.startswith("</w:t></w:r>") and xml.endswith('<w:r><w:t xml:space="preserve">')
    assert '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">b</w:t></w:r>' in xml
    assert '<w:hyperlink r:id="rId99">' in xml and "&lt;d&gt;" in xml
    assert Rich("plain & simple").docx_xml(lambda href: "x") == "plain &amp; simple"


def test_control_characters_in_a_link_are_refused() -> None:
    assert unsafe_links("[x](https://e.org/\u202eevil)") == ["https://e.org/\u202eevil"]
    assert unsafe_links("[x](https://e.org) and [y](ftp://e.org)") == ["ftp://e.org"]
    assert all(not s.href for s in spans("[x](https://e.org/\u202eevil)"))


def test_rich_text_survives_the_trip_to_a_render_worker() -> None:
    import pickle

    rich = pickle.loads(pickle.dumps(Rich("**a** b")))
    assert isinstance(rich, Rich) and str(escape(rich)) == "<strong>a</strong> b"
