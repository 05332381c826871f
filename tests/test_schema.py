"""The JSON Schemas editors use agree with `jobpack check`, and the committed copies are current."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from jobpack.cli import main
from jobpack.load import load_file
from jobpack.load.models.blocks import Block
from jobpack.load.models.post import Post
from jobpack.load.models.trust import Trust
from jobpack.load.schema import schema_texts

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = {name: json.loads(text) for name, text in schema_texts().items()}
KINDS = {"trust.schema.json": Trust, "block.schema.json": Block, "post.schema.json": Post}


def example_files() -> list[tuple[Path, str]]:
    files = [(REPO / "trust.yaml", "trust.schema.json")]
    files += [(p, "block.schema.json") for p in sorted((REPO / "blocks").rglob("*.yaml"))]
    files += [(p, "post.schema.json") for p in sorted((REPO / "posts").rglob("*.yaml"))]
    return files


def schema_errors(data, schema_name: str) -> list[str]:
    validator = jsonschema.Draft202012Validator(SCHEMAS[schema_name])
    return [e.message for e in validator.iter_errors(json.loads(json.dumps(data, default=str)))]


def jobpack_errors(path: Path, schema_name: str) -> list[str]:
    _, problems = load_file(path, path.parent, KINDS[schema_name])
    return [p.message for p in problems]


def test_committed_schemas_are_current():
    for name, text in schema_texts().items():
        assert (REPO / "schemas" / name).read_text("utf-8") == text, f"run 'jobpack schema' to update {name}"


@pytest.mark.parametrize("path, schema_name", example_files(), ids=lambda v: getattr(v, "name", v))
def test_every_example_file_passes_schema_and_validator(path, schema_name):
    first = path.read_text("utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=") and first.endswith(schema_name)
    target = (path.parent / first.split("=", 1)[1]).resolve()
    assert target == (REPO / "schemas" / schema_name).resolve(), "the $schema line points to the wrong file"
    assert schema_errors(yaml.safe_load(path.read_text("utf-8")), schema_name) == []
    assert jobpack_errors(path, schema_name) == []


BAD = [
    ("post.schema.json", "school: oak\ntitel: TA\n"),  # unknown key
    ("post.schema.json", "school: Oak School\n"),  # not an id
    ("post.schema.json", "summary: one line\n"),  # wrong type
    ("post.schema.json", "duties:\n  pupils:\n    - text: x\n      need: vital\n"),  # bad enum
    ("post.schema.json", "hours: {per_week: 30, pattern: [{days: Mon, start: '8am', end: '15:00'}]}\n"),
    ("block.schema.json", "area: pupils\n"),  # missing items
    ("block.schema.json", "area: pupils\nitems: []\n"),  # empty items
    ("trust.schema.json", "name: T\nissue_date: 2024-11-04\nschools: []\n"),  # missing sections, no schools
    ("trust.schema.json", "name: T\nissue_date: soon\n"),
]


@pytest.mark.parametrize("schema_name, text", BAD)
def test_known_bad_files_fail_both(tmp_path, schema_name, text):
    path = tmp_path / "file.yaml"
    path.write_text(text)
    assert schema_errors(yaml.safe_load(text), schema_name), "the schema accepted it"
    assert jobpack_errors(path, schema_name), "jobpack check accepted it"


def test_schema_command_writes_files(tmp_path):
    result = CliRunner().invoke(main, ["schema", "-o", str(tmp_path)])
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(SCHEMAS)
