"""`jobpack templates copy` and `list`: a school's template override starts with one command."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from click.testing import CliRunner

from jobpack.cli import main
from tests.conftest import MINI_POST


def run(root: Path, *args: str):
    return CliRunner().invoke(main, [*args, "--trust", str(root)])


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_copy_a_template_for_one_school_and_its_documents_change(make_trust, tmp_path: Path) -> None:
    root = make_trust(files={"posts/elm/teaching-assistant.yaml": MINI_POST.replace("school: oak", "school: elm")})
    result = run(root, "templates", "copy", "job-description.html", "--school", "oak")
    assert result.exit_code == 0, result.output
    copied = root / "templates/schools/oak/job-description.html"
    assert "Copied job-description.html to templates/schools/oak/job-description.html" in result.output
    copied.write_text(copied.read_text("utf-8").replace("Duties and responsibilities", "Main duties"), "utf-8")
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", "--trust", str(root), "-o", str(out)]).exit_code == 0
    oak = pdf_text(out / "oak/teaching-assistant/teaching-assistant-job-description.pdf")
    elm = pdf_text(out / "elm/teaching-assistant/teaching-assistant-job-description.pdf")
    assert "Main duties" in oak and "Duties and responsibilities" not in oak
    assert "Duties and responsibilities" in elm and "Main duties" not in elm

    listed = json.loads(run(root, "templates", "list", "--format", "json").output)
    assert listed["oak"]["job-description.html"] == "templates/schools/oak/job-description.html"
    assert listed["elm"]["job-description.html"] == "built in"
    assert listed["oak"]["job-description.docx"] == "built in"


def test_copy_never_overwrites_without_force_and_names_what_to_do(make_trust) -> None:
    root = make_trust()
    assert run(root, "templates", "copy", "style.css").exit_code == 0
    mine = root / "templates/style.css"
    mine.write_text("/* ours */", "utf-8")
    result = run(root, "templates", "copy", "style.css")
    assert result.exit_code == 1
    assert "templates/style.css: This template is already in the trust" in result.output
    assert "--force" in result.output and mine.read_text("utf-8") == "/* ours */"
    assert run(root, "templates", "copy", "style.css", "--force").exit_code == 0
    assert mine.read_text("utf-8") != "/* ours */"


def test_copy_suggests_names_and_schools(make_trust) -> None:
    root = make_trust()
    result = run(root, "templates", "copy", "styles.css")
    assert result.exit_code == 1 and "Did you mean 'style.css'" in result.output
    result = run(root, "templates", "copy", "style.css", "--school", "oka")
    assert result.exit_code == 1 and "Did you mean 'oak'" in result.output
    assert not (root / "templates").exists()


def test_a_word_template_copies_byte_for_byte(make_trust) -> None:
    from jobpack.render.lookup import BUILTIN_DIR

    root = make_trust()
    assert run(root, "templates", "copy", "person-specification.docx", "--school", "elm").exit_code == 0
    copied = root / "templates/schools/elm/person-specification.docx"
    assert copied.read_bytes() == (BUILTIN_DIR / "person-specification.docx").read_bytes()
