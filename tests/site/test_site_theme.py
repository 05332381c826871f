"""A school's template overrides reach its web page as they reach its PDF; the site links the files the
build says it wrote."""

from __future__ import annotations

from pathlib import Path

from sitecheck import TODAY

from jobpack.publish.site import build_site
from jobpack.render.theme import Theme

ELM_POST = """\
    school: elm
    title: Site Manager
    duties:
      teachers:
        - Keep the site safe.
    criteria:
      experience:
        - Experience of site work.
    """


def _page(root: Path, rel: str) -> str:
    return (root / "site" / rel).read_text("utf-8")


def test_a_schools_site_template_changes_its_pages_only(site_trust):
    override = (Path(__file__).resolve().parents[2] / "src/jobpack/templates/site/post.html").read_text("utf-8")
    marker = "<p class=\"oak-only\">Oak School's own page</p>"
    root = site_trust(files={
        "posts/elm/site-manager.yaml": ELM_POST,
        "templates/schools/oak/site/post.html": override.replace("{% block content %}",
                                                                 "{% block content %}" + marker, 1),
    })
    report = build_site(root, root / "site", root / "docs", jobs=1, today=TODAY)
    assert sorted(report.posts) == ["elm/site-manager", "oak/teaching-assistant"]
    assert marker in _page(root, "oak/teaching-assistant/index.html")
    assert marker not in _page(root, "elm/site-manager/index.html")
    assert marker not in _page(root, "index.html")
    # The site's downloads are exactly the files the build reports for each post.
    for post_id, outputs in report.documents.outputs.items():
        for output in outputs.files:
            assert (root / "site" / output.path).read_bytes() == (root / "docs" / output.path).read_bytes()
            assert f'href="{output.name}"' in _page(root, f"{outputs.folder}/index.html"), (post_id, output.name)


def test_theme_lookup_order_is_school_then_trust_then_builtin(tmp_path):
    (tmp_path / "templates/schools/oak/site").mkdir(parents=True)
    (tmp_path / "templates/site").mkdir(parents=True)
    theme = Theme.for_school(tmp_path, "oak")
    names = [d.relative_to(tmp_path).as_posix() if d.is_relative_to(tmp_path) else "builtin/" + d.name
             for d in theme.site_dirs]
    assert names == ["templates/schools/oak/site", "templates/site", "builtin/site", "templates/schools/oak",
                     "templates", "builtin/templates"]
    assert Theme.for_school(tmp_path, "elm").document_dirs[0] == tmp_path / "templates"
