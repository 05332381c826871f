"""The built-in Word templates are what `tools/make_docx_templates.py` makes: the script is run as a
maintainer runs it, into a temporary folder, and every part of each .docx (document, styles, numbering,
settings, properties) must equal the shipped file's. After changing the script, regenerate the templates
with `python tools/make_docx_templates.py` and commit them; after restyling a shipped template in Word,
carry the change into the script."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

SHIPPED = REPO / "src" / "jobpack" / "templates"
SCRIPT = REPO / "tools" / "make_docx_templates.py"


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("made")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    run = subprocess.run([sys.executable, str(SCRIPT), str(folder)], capture_output=True, text=True, env=env,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    return folder


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as docx:
        return {name: docx.read(name) for name in docx.namelist()}


@pytest.mark.parametrize("name", ["job-description.docx", "person-specification.docx"])
def test_the_shipped_word_template_is_what_the_script_makes(made: Path, name: str) -> None:
    shipped, fresh = _parts(SHIPPED / name), _parts(made / name)
    assert sorted(fresh) == sorted(shipped), f"{name}: the parts differ"
    differ = [part for part in sorted(shipped) if shipped[part] != fresh[part]]
    assert differ == [], (f"{name}: {', '.join(differ)} differ from what tools/make_docx_templates.py makes; "
                          "run it and commit the templates, or carry a Word edit into the script")
    assert b"{{ post.title }}" in shipped["word/document.xml"]  # the template's tags are there to compare
