"""The package tree is the pipeline (docs/architecture.md): data flows down the stages and no module imports
one that imports it back. Imports are read with `ast`, so imports inside functions and under TYPE_CHECKING
count too: a cycle hidden there still ties the modules together for the reader.

load < compose < check < view < render < build < publish; importer/, standardise/, `jobpack.init` and
`jobpack.doctor` sit beside the stages and may import any of them; cli/ may import anything; nothing
imports cli/; errors, faults and atomic (and the package's own `__version__`) may be imported by all.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "jobpack"
STAGES = ("load", "compose", "check", "view", "render", "build", "publish")
BESIDE = ("importer", "standardise", "init", "doctor")  # tools that use the pipeline (or the machine); not used by it
SHARED = {"jobpack", "jobpack.errors", "jobpack.faults", "jobpack.atomic"}

# The check run's orchestration: validation calls the lints and renders the templates (view.context,
# render.verify) instead of an orchestrator above them calling the three side by side. The `speed` branch
# moves this; `test_the_check_orchestration_is_not_inside_validation` flips (strict xfail) when it lands.
ORCHESTRATION = {
    ("jobpack.check.validate", "jobpack.check.lint"),
    ("jobpack.check.validate", "jobpack.view.context"),
    ("jobpack.check.validate", "jobpack.render.verify"),
}


def _modules() -> dict[str, Path]:
    out = {}
    for path in SRC.rglob("*.py"):
        parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """Every jobpack module `name` imports, anywhere in the file. `from pkg import sub` is an import of the
    submodule `pkg.sub`, not of `pkg`'s own names."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            subs = {f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in MODULES}
            found |= subs
            if len(subs) < len(node.names):
                found.add(module)
    resolved = set()
    for imported in found:
        if not imported.startswith("jobpack"):
            continue
        while imported not in MODULES:  # jobpack.x.y.Name -> jobpack.x.y
            imported = imported.rpartition(".")[0]
        if imported != name:
            resolved.add(imported)
    return resolved


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _place(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _upward(edges: dict[str, set[str]]) -> list[str]:
    """Imports that climb the stages, import a neighbour beside the stages, or import cli."""
    wrong = []
    for module, imported in sorted(edges.items()):
        here = _place(module)
        for target in sorted(imported):
            there = _place(target)
            if module in SHARED and target not in SHARED:
                wrong.append(f"{module} is importable by all, so it may import only errors, faults and atomic")
            elif target in SHARED or there == here or here == "cli":
                continue
            elif there == "cli":
                wrong.append(f"{module} imports {target}: nothing imports the command line")
            elif here in STAGES and (there not in STAGES or STAGES.index(there) > STAGES.index(here)):
                wrong.append(f"{module} ({here}) imports {target} ({there}), a later stage or a tool beside them")
            elif here in BESIDE and there in BESIDE:
                wrong.append(f"{module} imports {target}: the tools beside the stages do not use each other")
    return wrong


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(groups)


def _without(edges: set[tuple[str, str]]) -> dict[str, set[str]]:
    return {m: {t for t in targets if (m, t) not in edges} for m, targets in GRAPH.items()}


def test_the_reader_sees_hidden_imports() -> None:
    """The graph counts an import inside a function and one under TYPE_CHECKING (both exist in the tree)."""
    assert "jobpack.load.schema" in GRAPH["jobpack.init"]  # imported inside write_schemas' caller
    assert "jobpack.compose.post" in GRAPH["jobpack.view.post"]  # only under TYPE_CHECKING
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_import_goes_down_the_stages() -> None:
    assert _upward(_without(ORCHESTRATION)) == []


def test_no_import_cycles() -> None:
    assert _cycles(_without(ORCHESTRATION)) == []


def test_the_tree_holds_only_the_stages_and_the_tools_beside_them() -> None:
    top = {_place(m) for m in MODULES if m != "jobpack"}
    assert top <= {*STAGES, *BESIDE, "cli", "errors", "faults", "atomic"}, top
    assert len(list(SRC.glob("*.py"))) <= 6


def test_the_check_orchestration_is_not_inside_validation() -> None:
    """Validation no longer calls the lints or renders templates: build/orchestrate.py calls all three."""
    assert _upward(GRAPH) == [] and _cycles(GRAPH) == []


MAX_LINES = 450


def _long_modules() -> dict[str, int]:
    lines = {name: len(path.read_text("utf-8").splitlines()) for name, path in MODULES.items()}
    return {name: n for name, n in sorted(lines.items()) if n > MAX_LINES}


def test_no_module_is_over_450_lines() -> None:
    """Small modules with one job: a module that grows past this is split by what it holds."""
    assert _long_modules() == {}
