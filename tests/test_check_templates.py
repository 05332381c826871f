"""`jobpack check`, the pull-request gate, finds template mistakes that used to pass it and fail the build."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobpack.cli import main
from jobpack.render.lookup import BUILTIN_DIR

JD_WITH_TYPO = """\
{% extends "base.html" %}
{% block content %}
<p>{{ post.titel }}</p>
{% endblock %}
"""


def _check(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--trust", str(root)])
    return result.exit_code, result.output


def test_a_typo_in_an_html_template_fails_check_at_the_templates_line(make_trust):
    code, out = _check(make_trust({"templates/job-description.html": JD_WITH_TYPO}))
    assert code == 1, out
    assert "templates/job-description.html:3: " in out and "titel" in out
    assert out.count("titel") == 1, "reported once, not once per post"


def test_a_typo_in_the_vacancy_cover_fails_check_only_when_a_post_advertises(make_trust):
    """cover.html is rendered only for a post with a vacancy, so check tries it for those posts."""
    from tests.conftest import MINI_POST

    files = {"templates/cover.html": JD_WITH_TYPO}
    code, out = _check(make_trust(files))
    assert code == 0, out  # no vacancy: the cover is never printed
    vacancy = "    vacancy:\n      closing_date: 2030-01-31\n      apply_url: https://jobs.example.org/ta\n"
    code, out = _check(make_trust({**files, "posts/oak/teaching-assistant.yaml": MINI_POST.rstrip(" ") + vacancy}))
    assert code == 1 and "templates/cover.html:3: " in out and "titel" in out, out


def test_a_typo_in_one_schools_override_is_reported_for_that_template(make_trust):
    elm_post = "school: elm\ntitle: Cook\nduties:\n  pupils: [Cook lunches.]\ncriteria:\n  experience: [Cooking.]\n"
    root = make_trust({"templates/schools/elm/job-description.html": JD_WITH_TYPO,
                       "posts/elm/cook.yaml": elm_post})
    code, out = _check(root)
    assert code == 1 and "templates/schools/elm/job-description.html:3: " in out


def test_a_broken_tag_in_a_word_template_fails_check_naming_the_file(make_trust, tmp_path):
    source = BUILTIN_DIR / "person-specification.docx"
    out = io.BytesIO()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "word/document.xml":
                data = data.replace(b"{{ post.title }}", b"{{ post.titel }}", 1)
                assert b"post.titel" in data
            dst.writestr(name, data)
    root = make_trust()
    (root / "templates").mkdir()
    (root / "templates/person-specification.docx").write_bytes(out.getvalue())
    code, text = _check(root)
    assert code == 1, text
    assert "templates/person-specification.docx" in text and "titel" in text


def test_a_syntax_error_in_a_site_template_fails_check(make_trust):
    page = (BUILTIN_DIR / "site/post.html").read_text("utf-8").replace("{% endblock %}", "{% endblok %}", 1)
    code, out = _check(make_trust({"templates/site/post.html": page}))
    assert code == 1, out
    assert "templates/site/post.html:" in out


@pytest.mark.parametrize("name", ["site/consistency.html", "site/_drift.html", "site/drift-report.html"])
def test_a_syntax_error_in_a_consistency_page_template_fails_check(make_trust, name):
    """The consistency page is off by default, but a broken copy is found before a site build turns it on."""
    page = (BUILTIN_DIR / name).read_text("utf-8") + "\n{% if unfinished %}\n"
    code, out = _check(make_trust({f"templates/{name}": page}))
    assert code == 1, out
    assert f"templates/{name}:" in out and "'endif'" in out


def test_the_example_trust_templates_pass(repo_root):
    code, out = _check(repo_root)
    assert code == 0, out
