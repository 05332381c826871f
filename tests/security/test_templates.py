"""Templates from a pull request cannot run code, fetch URLs, read files outside the trust or attach them.

Each attack is one a trust's templates/ folder could carry: a Jinja payload reaching Python internals, CSS
or HTML asking WeasyPrint for a URL or a file, a link (symlink) out of the folder, a file attachment, and
.docx files that are not Word documents. Every one must end in exit 1 with a message naming the template,
and leave no trace: no marker file, no request to the recording server, no secret in any output.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from jobpack.cli import main
from jobpack.render.lookup import BUILTIN_DIR

from .conftest import SECRET, leaked

POST_DIR = Path("output/oak/teaching-assistant")
BUILT = ["teaching-assistant-job-description.pdf", "teaching-assistant-job-description.docx",
         "teaching-assistant-person-specification.pdf", "teaching-assistant-person-specification.docx",
         "teaching-assistant-job-pack.pdf"]
NOT_ALLOWED = "tries to use something templates may not use"
NOT_FETCHED = "which jobpack does not fetch: templates may only use files in templates/ or assets/"


def run(root: Path, command: str = "build") -> tuple[int, str]:
    result = CliRunner().invoke(main, [command, "--trust", str(root), "-j", "1"])
    assert "Traceback" not in result.output and "bug in jobpack" not in result.output, result.output
    return result.exit_code, result.output


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def with_payload(builtin: str, after: str, payload: str) -> str:
    """A copy of a built-in template with `payload` on its own line after the first `after`."""
    text = (BUILTIN_DIR / builtin).read_text(encoding="utf-8")
    assert after in text
    return text.replace(after, f"{after}\n{payload}", 1)


def no_leak(root: Path) -> bool:
    """Whether SECRET is in no file jobpack wrote."""
    return not (root / "output").exists() or leaked(root / "output") == []


def pdfs(root: Path) -> list[Path]:
    return sorted((root / "output").rglob("*.pdf"))


# --- Jinja: templates run in the sandbox -------------------------------------------------------------


def payloads(marker: Path) -> list[str]:
    return [f"{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}",
            "{{ ''.__class__.__mro__[1].__subclasses__() }}"]


@pytest.mark.parametrize("which", [0, 1], ids=["os.system", "subclasses"])
@pytest.mark.parametrize("rel, builtin, after", [
    ("templates/extra.css", None, None),
    ("templates/job-description.html", "job-description.html", "{% block content %}"),
    ("templates/base.html", "base.html", "<body"),
], ids=["extra.css", "job-description.html", "base.html"])
def test_template_code_cannot_reach_python(make_trust, tmp_path, which, rel, builtin, after):
    marker = tmp_path / "MARKER"
    payload = payloads(marker)[which]
    root = make_trust()
    if builtin is None:
        write(root, rel, f"h2 {{ color: black; }}\n{payload}\n")
    else:
        after = after if after != "<body" else '<div class="running-header">'
        write(root, rel, with_payload(builtin, after, payload))
    code, out = run(root)
    assert code == 1
    assert rel in out and NOT_ALLOWED in out and "docs/templates.md" in out
    if builtin is None:
        assert f"{rel}:2" in out  # the line of the payload
    assert not marker.exists()
    assert not (root / "output").exists() or not pdfs(root)


def test_templates_cannot_fill_memory(make_trust):
    root = make_trust()
    write(root, "templates/extra.css", "h2 { color: black; }\n{{ 'x' * 10**10 }}\n")
    code, out = run(root)
    assert code == 1 and "templates/extra.css:2" in out and NOT_ALLOWED in out and "repeated too many times" in out


def test_a_template_that_is_not_utf8_is_named(make_trust):
    root = make_trust()
    (root / "templates").mkdir()
    (root / "templates/extra.css").write_bytes("h2 {}\n/* caf\u00e9 */\n".encode("cp1252"))
    code, out = run(root)
    assert code == 1 and "templates/extra.css:2" in out and "not UTF-8" in out


@pytest.mark.parametrize("page", ["post.html", "index.html"])
def test_site_template_code_cannot_reach_python(make_trust, tmp_path, page):
    marker = tmp_path / "MARKER"
    root = make_trust()
    write(root, f"templates/site/{page}", with_payload(f"site/{page}", "{% block content %}", payloads(marker)[0]))
    code, out = run(root, "site")
    assert code == 1
    assert f"templates/site/{page}" in out and NOT_ALLOWED in out
    assert not marker.exists()
    assert not (root / "output/site/index.html").exists()


def docx_with(text_of_document: Callable[[str], str]) -> bytes:
    """The built-in job description .docx with word/document.xml changed by `text_of_document`."""
    out = io.BytesIO()
    with zipfile.ZipFile(BUILTIN_DIR / "job-description.docx") as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "word/document.xml":
                data = text_of_document(data.decode("utf-8")).encode("utf-8")
            dst.writestr(name, data)
    return out.getvalue()


def test_word_template_code_cannot_reach_python(make_trust, tmp_path):
    marker = tmp_path / "MARKER"
    root = make_trust()
    payload = payloads(marker)[0]
    (root / "templates").mkdir()
    (root / "templates/job-description.docx").write_bytes(
        docx_with(lambda xml: xml.replace("{{ school.name }}", payload, 1)))
    code, out = run(root)
    assert code == 1
    assert "templates/job-description.docx" in out and NOT_ALLOWED in out and "word/document.xml" in out
    assert not marker.exists()


def test_include_cannot_climb_out_of_the_templates_folder(make_trust, secret_file):
    root = make_trust()
    rel = Path("..") / os.path.relpath(secret_file, root)
    write(root, "templates/extra.css", f'{{% include "{rel.as_posix()}" %}}\n')
    code, out = run(root)
    assert code == 1 and "templates/extra.css" in out
    assert SECRET not in out and no_leak(root)


# --- WeasyPrint: nothing from the network, no file outside templates/ and assets/ ---------------------


CSS_FETCHES = {  # name -> (the trust's file, its text); @import only counts at the top of the first style sheet
    "@import": ("templates/style.css", '@import url("{u}/import.css");\nbody {{ margin: 0; }}'),
    "background": ("templates/extra.css", "body {{ background: url('{u}/background.png'); }}"),
    "@font-face": ("templates/extra.css",
                   '@font-face {{ font-family: "Evil"; src: url("{u}/font.woff"); }} body {{ font-family: "Evil"; }}'),
}
HTML_FETCHES = {
    "img": '<img src="{u}/picture.png" alt="">',
    "link": '<link rel="stylesheet" href="{u}/sheet.css">',
}


@pytest.mark.parametrize("name", CSS_FETCHES)
def test_css_cannot_fetch_urls(make_trust, recorder, name):
    root = make_trust()
    rel, text = CSS_FETCHES[name]
    write(root, rel, text.format(u=recorder.url) + "\n")
    code, out = run(root)
    assert code == 1
    assert f"{rel}:1: " in out and NOT_FETCHED in out and recorder.url in out
    assert recorder.requests == []
    assert pdfs(root) == []


@pytest.mark.parametrize("name", HTML_FETCHES)
def test_html_cannot_fetch_urls(make_trust, recorder, name):
    root = make_trust()
    tag = HTML_FETCHES[name].format(u=recorder.url)
    write(root, "templates/job-description.html", with_payload("job-description.html", "{% block content %}", tag))
    code, out = run(root)
    assert code == 1
    assert "templates/job-description.html" in out and NOT_FETCHED in out and recorder.url in out
    assert recorder.requests == []


@pytest.mark.parametrize("how", ["img", "css", "relative"])
def test_templates_cannot_show_files_from_outside_templates_and_assets(make_trust, secret_file, how):
    root = make_trust()
    if how == "css":
        write(root, "templates/extra.css", f"body {{ background: url('{secret_file.as_uri()}'); }}\n")
    else:
        relative = "templates/../" + Path(os.path.relpath(secret_file, root)).as_posix()
        src = secret_file.as_uri() if how == "img" else relative
        write(root, "templates/job-description.html",
              with_payload("job-description.html", "{% block content %}", f'<img src="{src}" alt="">'))
    code, out = run(root)
    assert code == 1 and NOT_FETCHED in out
    assert ("templates/extra.css" if how == "css" else "templates/job-description.html") in out
    assert SECRET not in out
    assert no_leak(root)


@pytest.mark.parametrize("target", ["secret", "inside"])
@pytest.mark.parametrize("tag", ["a", "link"])
def test_no_file_is_ever_attached_to_a_pdf(make_trust, secret_file, target, tag):
    root = make_trust()
    allowed = write(root, "assets/notes.txt", "a file the trust ships\n")
    href = (secret_file if target == "secret" else allowed).as_uri()
    element = (f'<a rel="attachment" href="{href}">notes</a>' if tag == "a"
               else f'<link rel="attachment" href="{href}">')
    write(root, "templates/job-description.html", with_payload("job-description.html", "{% block content %}", element))
    code, out = run(root)
    assert code == 1
    assert "templates/job-description.html" in out and "attach" in out and 'remove rel="attachment"' in out
    assert SECRET not in out
    assert all(b"/EmbeddedFile" not in p.read_bytes() for p in pdfs(root))
    assert no_leak(root)


@pytest.mark.parametrize("target", ["secret", "inside"])
def test_pdf_written_from_an_attachment_link_embeds_nothing(tmp_path, secret_file, target):
    """The PDF WeasyPrint would write from such a template, after jobpack's stripping, has no embedded file;
    without the stripping it would have one (so this test can fail)."""
    from weasyprint import HTML

    from jobpack.render.fetcher import ClosedFetcher, strip_attachments

    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "notes.txt").write_text("notes\n")
    href = (secret_file if target == "secret" else assets / "notes.txt").as_uri()
    html = f'<p><a rel="attachment" href="{href}">notes</a></p><link rel="attachment" href="{href}">'
    roots = [assets, secret_file.parent]  # even a folder the fetcher may read from is never attached

    def written(strip: bool) -> bytes:
        fetcher = ClosedFetcher(roots)
        document = HTML(string=html, base_url=tmp_path.as_uri() + "/", url_fetcher=fetcher).render()
        if strip:
            strip_attachments(document, fetcher)
            assert len(fetcher.refused) == 2
        return document.write_pdf()

    assert b"/EmbeddedFile" in written(strip=False)
    assert b"/EmbeddedFile" not in written(strip=True)


# --- Links out of the templates folder -------------------------------------------------------------


@pytest.mark.parametrize("rel, command", [
    ("templates/extra.css", "build"),
    ("templates/job-description.html", "build"),
    ("templates/job-description.docx", "build"),
    ("templates/site/site.css", "site"),
])
def test_template_linked_to_a_file_outside_is_refused(make_trust, secret_file, rel, command):
    root = make_trust()
    link = root / rel
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(secret_file)
    code, out = run(root, command)
    assert code == 1
    assert rel in out and "link (symlink)" in out and "replace the link with a copy" in out
    assert SECRET not in out
    assert no_leak(root)


@pytest.mark.parametrize("rel, command", [("templates", "build"), ("templates/site", "site")])
def test_templates_folder_linked_outside_the_trust_is_refused(make_trust, tmp_path_factory, secret_file, rel,
                                                               command):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    for name in ("extra.css", "site.css"):
        shutil.copy(secret_file, elsewhere / name)
    root = make_trust()
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).symlink_to(elsewhere, target_is_directory=True)
    code, out = run(root, command)
    assert code == 1 and f"{rel}: This templates folder is a link" in out and "outside the trust" in out
    assert SECRET not in out and no_leak(root)


def test_word_template_cannot_read_files_through_xml_entities(make_trust, secret_file):
    root = make_trust()
    doctype = f'<!DOCTYPE w:document [<!ENTITY secret SYSTEM "{secret_file.as_uri()}">]>'

    def with_entity(xml: str) -> str:
        head, rest = xml.split("?>", 1)
        return f"{head}?>{doctype}{rest.replace('{{ school.name }}', '&secret;{{ school.name }}', 1)}"

    (root / "templates").mkdir()
    (root / "templates/job-description.docx").write_bytes(docx_with(with_entity))
    code, out = run(root)
    assert code == 0, out  # the entity is dropped, the template is used...
    assert (root / POST_DIR / BUILT[1]).is_file()
    assert no_leak(root)  # ...and the secret is in nothing written


# --- .docx files that are not Word documents ----------------------------------------------------------


BAD_DOCX = {
    "empty": (b"", "it is empty"),
    "lfs": (b"version https://git-lfs.github.com/spec/v1\noid sha256:4d7a2146c0ffee\nsize 38912\n",
            "it looks like a Git LFS pointer: run 'git lfs pull'"),
    "corrupt": (b"PK\x03\x04" + b"\x00garbage" * 50, "it is not a .docx file or it is damaged"),
    "not-word": (None, "it is a zip file but not a Word document"),
}


@pytest.mark.parametrize("case", BAD_DOCX)
def test_a_bad_word_template_is_named_and_keeps_earlier_documents(make_trust, case):
    root = make_trust()
    code, out = run(root)
    assert code == 0, out
    before = {name: (root / POST_DIR / name).read_bytes() for name in BUILT}
    data, why = BAD_DOCX[case]
    if data is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as zf:
            zf.writestr("hello.txt", "not a document")
        data = buffer.getvalue()
    (root / "templates").mkdir()
    (root / "templates/job-description.docx").write_bytes(data)
    code, out = run(root)
    assert code == 1
    assert "templates/job-description.docx" in out and "is not a Word document" in out and why in out
    assert "delete it to use jobpack's built-in template" in out
    assert {name: (root / POST_DIR / name).read_bytes() for name in BUILT} == before


# --- What a trust may use: its own fonts and pictures in assets/ -------------------------------------


def test_fonts_and_pictures_from_assets_still_work(make_trust):
    root = make_trust()
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
    if not font.is_file():
        pytest.skip("needs the DejaVu Sans Mono font file")
    (root / "assets/fonts").mkdir(parents=True)
    shutil.copy(font, root / "assets/fonts/trust.ttf")
    Image.new("RGB", (8, 4), "navy").save(root / "assets/stripe.png")
    write(root, "templates/extra.css", '@font-face { font-family: "Trust Face"; src: url("assets/fonts/trust.ttf"); }\n'
          'h1, h2, p { font-family: "Trust Face"; }\n'
          "body { background: url('assets/stripe.png') no-repeat; }\n")
    code, out = run(root)
    assert code == 0, out
    jd = root / POST_DIR / BUILT[0]
    fonts = subprocess.run(["pdffonts", str(jd)], capture_output=True, text=True, check=True).stdout
    images = subprocess.run(["pdfimages", "-list", str(jd)], capture_output=True, text=True, check=True).stdout
    assert "Trust-Face" in fonts  # the trust's font, embedded
    assert len(images.splitlines()) == 3 and " 8     4 " in images  # the trust's 8 x 4 picture (after 2 header lines)


def test_an_attachment_link_in_a_partial_is_named_at_that_file(make_trust, secret_file):
    """WeasyPrint keeps no address for a <link rel="attachment">: the message still names the trust's file
    that holds it, not the built-in template by its absolute path (issue 23)."""
    from jobpack.render.lookup import BUILTIN_DIR

    root = make_trust()
    partial = (BUILTIN_DIR / "_key-facts.html").read_text("utf-8")
    write(root, "templates/_key-facts.html", partial + f'\n<link rel="attachment" href="{secret_file.as_uri()}">\n')
    code, out = run(root)
    assert code == 1
    line = len(partial.splitlines()) + 2
    assert f"templates/_key-facts.html:{line}" in out, out
    assert str(BUILTIN_DIR) not in out and SECRET not in out
