"""JSON Schemas for trust.yaml, blocks and posts, generated from the models.

Editors such as VS Code (with the YAML extension) read the `# yaml-language-server: $schema=...` line at
the top of each file and then check and autocomplete as HR staff type. Because the schemas come from the
same models as `jobpack check`, the two cannot disagree about the shape of a file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from jobpack.load.models.blocks import Block
from jobpack.load.models.post import Post
from jobpack.load.models.trust import Trust

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "trust.schema.json": (Trust, "jobpack trust.yaml"),
    "block.schema.json": (Block, "jobpack block (blocks/*.yaml)"),
    "post.schema.json": (Post, "jobpack post (posts/**/*.yaml)"),
}


def _allow_plain_strings(node: Any) -> Any:
    """An entry may be written as a plain string (shorthand for an item with only text)."""
    if isinstance(node, dict):
        if node.get("$ref") == "#/$defs/Entry" and len(node) == 1:
            return {"anyOf": [{"type": "string", "minLength": 1}, node]}
        return {k: _allow_plain_strings(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_allow_plain_strings(v) for v in node]
    return node


def schema_for(model: type[BaseModel], title: str) -> dict[str, Any]:
    schema = _allow_plain_strings(model.model_json_schema(by_alias=True))
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **schema}


def schema_texts() -> dict[str, str]:
    """File name -> JSON text, stable (sorted keys) so the committed copies diff cleanly."""
    return {name: json.dumps(schema_for(model, title), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
            for name, (model, title) in SCHEMAS.items()}


def write_schemas(out_dir: Path) -> list[Path]:
    from jobpack.atomic import write_atomic

    written = []
    for name, text in schema_texts().items():
        path = out_dir / name
        write_atomic(path, text.encode("utf-8"))
        written.append(path)
    return written
