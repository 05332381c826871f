"""`jobpack build`: the files on disk, skipping unchanged posts, atomic and reproducible output."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from jobpack.cli import main

POST = "posts/oak/teaching-assistant.yaml"
DOCS = ["teaching-assistant-job-description.pdf", "teaching-assistant-job-description.docx",
        "teaching-assistant-person-specification.pdf", "teaching-assistant-person-specification.docx",
        "teaching-assistant-job-pack.pdf"]


def run(root: Path, *args: str):
    result = CliRunner().invoke(main, ["build", "--trust", str(root), "-j", "1", *args])
    assert "Traceback" not in result.output, result.output
    return result


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_writes_five_documents_and_skips_unchanged(make_trust):
    root = make_trust()
    first = run(root)
    assert first.exit_code == 0, first.output
    assert "1 built, 0 unchanged, 0 failed; 5 documents written" in first.output
    folder = root / "output" / "oak" / "teaching-assistant"
    assert sorted(p.name for p in folder.iterdir()) == sorted(DOCS)
    assert (folder / DOCS[0]).read_bytes().startswith(b"%PDF")
    assert (folder / DOCS[1]).read_bytes().startswith(b"PK")
    second = run(root)
    assert "0 built, 1 unchanged" in second.output
    (root / "blocks/quals.yaml").write_text((root / "blocks/quals.yaml").read_text().replace("GCSE", "GCSEs"))
    assert "1 built, 0 unchanged" in run(root).output


def test_invalid_input_writes_nothing_and_keeps_good_files(make_trust):
    root = make_trust()
    assert run(root).exit_code == 0
    before = snapshot(root / "output")
    (root / POST).write_text("school: oak\ntitle: TA\nduties:\n  pupils: [{use: nope}]\n")
    result = run(root, "--force")
    assert result.exit_code == 1
    assert "posts/oak/teaching-assistant.yaml:4" in result.output and "Nothing was written" in result.output
    assert snapshot(root / "output") == before


def test_keep_going_builds_valid_posts_and_exits_1(make_trust):
    root = make_trust({"posts/elm/broken.yaml": "school: elm\ntitle: Broken\nduties:\n  pupils: [{use: nope}]\n"})
    result = run(root, "--keep-going")
    assert result.exit_code == 1
    assert (root / "output/oak/teaching-assistant" / DOCS[0]).is_file()
    assert not (root / "output/elm").exists()
    assert "Not built: elm/broken" in result.output


def test_outputs_of_deleted_posts_are_removed_but_not_other_files(make_trust):
    root = make_trust({"posts/elm/second.yaml": "school: elm\ntitle: Second\nduties:\n  pupils: [x]\n"
                                                  "criteria:\n  experience: [y]\n"})
    assert run(root).exit_code == 0
    mine = root / "output" / "elm" / "notes.txt"
    mine.write_text("my own file")
    (root / "posts/elm/second.yaml").unlink()
    result = run(root)
    assert result.exit_code == 0, result.output
    assert "5 old files removed" in result.output
    assert not (root / "output/elm/second").exists()
    assert mine.read_text() == "my own file"


def test_unsafe_file_names_become_safe_slugs(make_trust):
    post = "school: oak\ntitle: T\nduties:\n  pupils: [x]\ncriteria:\n  experience: [y]\n"
    root = make_trust({"posts/oak/Teaching Assistant (Oak) & <Co>.yaml": post})
    result = run(root)
    assert result.exit_code == 0, result.output
    assert (root / "output/oak/teaching-assistant-oak-co/teaching-assistant-oak-co-job-pack.pdf").is_file()


def test_build_is_byte_reproducible_across_processes(make_trust, tmp_path):
    root = make_trust()
    env = {**os.environ}
    env.pop("SOURCE_DATE_EPOCH", None)
    outputs = []
    for n in range(2):
        out = tmp_path / f"run{n}"
        subprocess.run([sys.executable, "-m", "jobpack.cli", "build", "--trust", str(root), "-o", str(out)],
                       check=True, capture_output=True, env=env)
        outputs.append(snapshot(out))
        if n == 0:
            time.sleep(2.1)
    assert outputs[0].keys() == outputs[1].keys()
    different = [name for name in outputs[0] if outputs[0][name] != outputs[1][name]]
    assert not different, f"not byte-identical: {different}"


def test_unknown_post_on_command_line(make_trust):
    result = run(make_trust(), "teaching-asistant")
    assert result.exit_code == 1
    assert "There is no single post called 'teaching-asistant'" in result.output
    assert "oak/teaching-assistant" in result.output


def test_broken_trust_template_is_named_with_its_line_and_nothing_is_written(make_trust):
    root = make_trust({"templates/job-description.html": "{% extends 'base.html' %}\n{% block content %}\n"
                                                          "{{ post.title | nosuchfilter }}\n{% endblock %}\n"})
    result = run(root)
    assert result.exit_code == 1
    assert "templates/job-description.html" in result.output and "Traceback" not in result.output
    assert not list((root / "output").rglob("*.pdf"))


def test_debug_shows_the_traceback(make_trust):
    root = make_trust({POST: "school: oak\ntitel: TA\n"})
    result = CliRunner().invoke(main, ["--debug", "build", "--trust", str(root)])
    assert result.exit_code != 0
    assert result.exception is not None  # re-raised for the developer instead of summarised


def test_keep_going_keeps_the_documents_of_a_post_whose_file_is_broken(make_trust):
    root = make_trust()
    assert run(root).exit_code == 0
    before = snapshot(root / "output/oak")
    (root / POST).write_text((root / POST).read_text().replace("title:", "titel:"))
    result = run(root, "--keep-going")
    assert result.exit_code == 1
    assert "old files removed" not in result.output
    assert "Not built: oak/teaching-assistant" in result.output
    assert snapshot(root / "output/oak") == before


def test_changing_the_logo_image_rebuilds_the_post(make_trust):
    from PIL import Image

    root = make_trust()
    (root / "logo.png").parent.mkdir(exist_ok=True)
    Image.new("RGB", (40, 40), "navy").save(root / "logo.png")
    trust = root / "trust.yaml"
    trust.write_text(trust.read_text().replace("    name: Oak School\n", "    name: Oak School\n    logo: logo.png\n"))
    assert "1 built" in run(root).output
    assert "0 built, 1 unchanged" in run(root).output
    Image.new("RGB", (40, 40), "darkred").save(root / "logo.png")
    assert "1 built, 0 unchanged" in run(root).output


def test_changing_only_the_emphasis_of_a_text_rebuilds_the_post(make_trust):
    """Bold to italic leaves the plain text alone: the documents must still be built again."""
    import zipfile

    root = make_trust()
    block = root / "blocks/pupils-core.yaml"
    block.write_text(block.read_text().replace("personal hygiene", "**personal** hygiene"))
    assert "1 built" in run(root).output
    block.write_text(block.read_text().replace("**personal**", "*personal*"))
    assert "1 built, 0 unchanged" in run(root).output
    docx = root / "output/oak/teaching-assistant" / DOCS[1]
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode()
    at = xml.index(">personal<")
    assert "<w:i/>" in xml[xml.rindex("<w:r>", 0, at):at] and "<w:b/>" not in xml[xml.rindex("<w:r>", 0, at):at]
