"""libyaml's parser reads every file exactly as the pure-Python one does: same values, same places."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobpack.load import yamlfile
from jobpack.load.yamlfile import load_yaml

REPO = Path(__file__).resolve().parent.parent
FILES = sorted(p for folder in ("blocks", "posts", "tests/data", "src/jobpack/scaffold")
               for p in (REPO / folder).rglob("*.yaml")) + [REPO / "trust.yaml"]

pytestmark = pytest.mark.skipif(yamlfile.FAST_LOADER is None, reason="PyYAML was built without libyaml")


def _read(path: Path, monkeypatch: pytest.MonkeyPatch, fast: bool):
    monkeypatch.setattr(yamlfile, "FAST_LOADER", yamlfile.FAST_LOADER if fast else None)
    return load_yaml(path, path.name)


def test_the_example_files_read_the_same_with_both_parsers(monkeypatch: pytest.MonkeyPatch) -> None:
    fast_loader = yamlfile.FAST_LOADER
    assert len(FILES) > 20
    for path in FILES:
        fast, fast_problem = _read(path, monkeypatch, True)
        monkeypatch.setattr(yamlfile, "FAST_LOADER", fast_loader)
        slow, slow_problem = _read(path, monkeypatch, False)
        monkeypatch.setattr(yamlfile, "FAST_LOADER", fast_loader)
        assert fast_problem == slow_problem, path
        assert fast is not None and slow is not None, path
        assert fast.data == slow.data, path
        assert fast.positions == slow.positions, path
        assert fast.key_positions == slow.key_positions, path
        assert fast.sources == slow.sources, path


MISTAKES = [
    "title: Teaching Assistant\nschool: westminster\n  hours: 3\n",
    "duties:\n  - one\n  - two: three: four\n",
    "title: 'unclosed\nschool: x\n",
    "items: [a, b\nnext: 1\n",
    "a: 1\na: 2\n",
    "title: Caf\u00e9 \u00e9l\u00e8ve\nnote: \"\u00e9\u00e9\" # comment\nlist:\n  - \u2603 snow: x\n",
    "date: 2024-13-04\n",
    "tagged: !include other.yaml\n",
]


@pytest.mark.parametrize("text", MISTAKES)
def test_mistakes_are_reported_the_same_with_both_parsers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          text: str) -> None:
    path = tmp_path / "post.yaml"
    path.write_text(text, "utf-8")
    fast_loader = yamlfile.FAST_LOADER
    fast = _read(path, monkeypatch, True)
    monkeypatch.setattr(yamlfile, "FAST_LOADER", fast_loader)
    slow = _read(path, monkeypatch, False)
    assert (fast[1], fast[0] and fast[0].positions) == (slow[1], slow[0] and slow[0].positions)
