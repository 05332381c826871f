"""Every YAML example in README.md and docs/*.md is checked against the example trust, so the docs cannot
drift from what jobpack accepts.

An example says what it is on its first line:

* `# trust.yaml` — a trust.yaml, or keys of one: merged over the example trust's trust.yaml;
* `# blocks/<id>.yaml` or `# posts/<school>/<name>.yaml` — a whole file, written at that path;
* `# in a post` — keys of a post: merged into a small post of the example trust;
* `# in a block item` — keys of one item (e.g. `allow:`): put on an item of a small post.

Each example is put into a fresh copy of the example trust and `jobpack check` must find no error. A YAML
block without such a first line fails this test, so a new example is always checked.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from jobpack.build.orchestrate import check
from tests.conftest import REPO

DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```yaml[^\n]*\n(.*?)^```", re.M | re.S)
SMALL_POST = {"school": "westminster", "title": "Example Post", "duties": {"pupils": ["To help pupils."]},
              "criteria": {"experience": ["Experience of working with children."]},
              "pay": {"grade": "band-d"}}


def examples() -> list[tuple[str, str]]:
    found = []
    for doc in DOCS:
        text = doc.read_text("utf-8")
        for match in BLOCK.finditer(text):
            line = text[:match.start()].count("\n") + 1
            found.append((f"{doc.relative_to(REPO).as_posix()}:{line}", match.group(1)))
    return found


def kind_of(body: str) -> str:
    first = body.lstrip().splitlines()[0] if body.strip() else ""
    match = re.match(r"#\s*((?:blocks|posts)/[\w/-]+\.yaml|trust\.yaml|in a post|in a block item)\b", first)
    return match.group(1) if match else ""


def trust_copy(tmp_path: Path) -> Path:
    root = tmp_path / "trust"
    for name in ("trust.yaml", "blocks", "posts", "assets", "templates"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.is_file():
            root.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, root / name)
    return root


def dump(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")


def test_every_yaml_example_says_what_it_is() -> None:
    unmarked = [where for where, body in examples() if not kind_of(body)]
    assert unmarked == [], "start these examples with '# trust.yaml', '# blocks/ID.yaml', '# posts/...', " \
                           "'# in a post' or '# in a block item'"


@pytest.mark.parametrize(("where", "body"), examples(), ids=[w for w, _ in examples()])
def test_example_is_accepted_by_jobpack_check(where: str, body: str, tmp_path: Path) -> None:
    kind = kind_of(body)
    if not kind:
        pytest.skip("unmarked: reported by test_every_yaml_example_says_what_it_is")
    root = trust_copy(tmp_path)
    data = yaml.safe_load(body)
    if kind in ("in a post", "in a block item", "trust.yaml"):
        assert not (root / "posts/westminster/example-post.yaml").exists()
    assert isinstance(data, dict), f"{where}: an example is a mapping of keys"
    if kind == "trust.yaml":
        # Keys of trust.yaml replace the example trust's; its posts (written for the full trust) make way
        # for one small post that uses the result's first school, area, category and grade.
        trust = yaml.safe_load((root / "trust.yaml").read_text("utf-8"))
        trust = data if "name" in data and "schools" in data else {**trust, **data}
        shutil.rmtree(root / "posts")
        grades = (trust.get("pay") or {}).get("grades") or []
        dump(root / "posts/example.yaml", {
            "school": trust["schools"][0]["id"], "title": "Example Post",
            "duties": {trust["duty_areas"][0]["id"]: ["To help pupils."]},
            "criteria": {trust["criteria_categories"][0]["id"]: ["Experience of working with children."]},
            **({"pay": {"grade": grades[0]["id"]}} if grades else {})})
        if "duty_areas" in data:  # a whole trust: the example's blocks are for other areas
            shutil.rmtree(root / "blocks")
        dump(root / "trust.yaml", trust)
    elif kind == "in a post" or kind == "in a block item":
        dump(root / "posts/westminster/example-post.yaml", {**SMALL_POST, **data})
    else:
        (root / kind).parent.mkdir(parents=True, exist_ok=True)
        (root / kind).write_text(body, "utf-8")
    result = check(root)
    assert not result.errors, where + "\n" + "\n".join(p.format() for p in result.errors)
