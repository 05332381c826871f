"""HTML templates: accessible structure, literal text, levels and alternatives, errors with file and line."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from render_sample import sample_context

from jobpack.render import TemplateError
from jobpack.render.html import css_colour, render_html
from jobpack.render.lookup import BUILTIN_DIR, find_template, template_dirs


class Outline(HTMLParser):
    """Collects heading levels, header-cell scopes and the <html lang> of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.scopes: list[str | None] = []
        self.lang: str | None = None
        self.in_thead = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append(int(tag[1]))
        elif tag == "thead":
            self.in_thead = True
        elif tag == "th" and self.in_thead:
            self.scopes.append(dict(attrs).get("scope"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self.in_thead = False


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("kind", ["job-description", "person-specification"])
def test_structure_is_accessible(kind):
    html = render_html([BUILTIN_DIR], kind, sample_context(kind, levelled=True))
    page = outline(html)
    assert page.lang == "en-GB"
    assert "<title>Learning Support Practitioner: " in html
    assert page.headings.count(1) == 1 and page.headings[0] == 1
    assert all(b - a <= 1 for a, b in zip(page.headings, page.headings[1:], strict=False))  # no skipped level
    assert page.scopes and set(page.scopes) == {"col"}


def test_text_is_escaped_not_interpreted():
    html = render_html([BUILTIN_DIR], "job-description", sample_context())
    escaped = "Pupils &amp; staff &lt;say&gt; &#34;hello&#34; – it’s £5 at the café in Llanŵrtyd 😀 {{ not a var }}"
    assert escaped in html


def test_levels_alternatives_and_physical_checklist():
    ps = render_html([BUILTIN_DIR], "person-specification", sample_context("person-specification", levelled=True))
    assert "Each level includes the criteria of the levels below it." in ps
    assert '<th scope="col" class="c-level">Level</th>' in ps
    first = ps.index("NVQ 3 in Childcare, BTEC")
    assert ps.index("All levels", first) < ps.index("Level 1", first) < ps.index("Level 2", first)
    assert '<span class="or">or</span> Equivalent relevant experience' in ps
    plain = render_html([BUILTIN_DIR], "person-specification", sample_context("person-specification"))
    assert "c-level" not in plain.split("<main>")[1]
    jd = render_html([BUILTIN_DIR], "job-description", sample_context())
    assert '<tr class="yes">' in jd and '<span class="box"></span>Yes' in jd and '<span class="box"></span>No' in jd


def test_colour_is_only_ever_a_hex_colour():
    assert css_colour("#1f4e79") == "#1f4e79"
    assert css_colour("red; background: url(x)") == "#1f4e79"
    context = sample_context()
    context["school"]["colour"] = "#c00"
    assert 'style="--accent: #c00"' in render_html([BUILTIN_DIR], "job-description", context)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_syntax_error_names_file_and_line(tmp_path):
    broken = _write(tmp_path / "job-description.html", "<p>one</p>\n<p>two</p>\n{% if post.title %}\n")
    with pytest.raises(TemplateError) as caught:
        render_html([tmp_path, BUILTIN_DIR], "job-description", sample_context())
    assert (caught.value.file, caught.value.line) == (str(broken), 3)
    assert str(caught.value).startswith(f"{broken}:3: ")


def test_unknown_name_in_an_overridden_partial_names_that_partial(tmp_path):
    school = tmp_path / "templates" / "schools" / "westminster"
    partial = _write(school / "_key-facts.html", "<table>\n<tr><td>{{ post.salary_band }}</td></tr>\n</table>\n")
    dirs = template_dirs(tmp_path, "westminster")
    with pytest.raises(TemplateError) as caught:
        render_html(dirs, "job-description", sample_context())
    assert (caught.value.file, caught.value.line) == (str(partial), 2)
    assert "salary_band" in caught.value.message


def test_lookup_order_is_school_then_trust_then_built_in(tmp_path):
    trust = _write(tmp_path / "templates" / "style.css", "")
    school = _write(tmp_path / "templates" / "schools" / "oak" / "style.css", "")
    assert template_dirs(tmp_path, "oak") == [school.parent, trust.parent, BUILTIN_DIR]
    assert template_dirs(tmp_path, "elm") == [trust.parent, BUILTIN_DIR]
    assert find_template(template_dirs(tmp_path, "oak"), "style.css") == school
    assert find_template(template_dirs(tmp_path, "elm"), "style.css") == trust
    assert find_template(template_dirs(tmp_path, "elm"), "base.html") == BUILTIN_DIR / "base.html"
    with pytest.raises(TemplateError, match="not found"):
        find_template([BUILTIN_DIR], "missing.html")


def test_trust_extra_css_is_added_after_the_built_in_styles(tmp_path):
    _write(tmp_path / "templates" / "extra.css", "h2 { color: black; }")
    html = render_html(template_dirs(tmp_path, "oak"), "job-description", sample_context())
    assert html.index("@page") < html.index("h2 { color: black; }") < html.index("</style>")
