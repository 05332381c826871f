"""Load a trust folder: read every YAML file and check each one against its model.

Takes the trust folder (trust.yaml, blocks/, posts/, logos); gives `TrustFiles`: each file's model with
the line and column of every value, and the problems of the files that do not fit their model.

Nothing here stops at the first mistake: every file is read, and every problem is collected with its
file, line and column, so an HR officer fixes them all in one pass.
"""

from __future__ import annotations

import os
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from jobpack.errors import Problem, did_you_mean, display_path
from jobpack.load.boundary import OutsideTrust, inside_trust
from jobpack.load.models.blocks import Block
from jobpack.load.models.post import Post
from jobpack.load.models.trust import Trust
from jobpack.load.yamlfile import YamlDoc, load_yaml

M = TypeVar("M", bound=BaseModel)


@dataclass
class Loaded(Generic[M]):
    """A file's validated model together with where each of its values was written."""

    model: M
    doc: YamlDoc

    @property
    def file(self) -> str:
        return self.doc.display


@dataclass
class TrustFiles:
    """Everything read from one trust folder, before any cross-file checks."""

    root: Path
    trust: Loaded[Trust] | None
    blocks: dict[str, Loaded[Block]] = field(default_factory=dict)
    posts: dict[str, Loaded[Post]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Files that exist but could not be read or validated (their problems are already reported), so
    # references to them are not reported again as "no such block/post", and their outputs are kept.
    broken_blocks: dict[str, str] = field(default_factory=dict)
    broken_posts: dict[str, str] = field(default_factory=dict)


TYPE_WORDS = {
    "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
    "float_type": "a number", "float_parsing": "a number", "bool_type": "yes/no (true or false)",
    "bool_parsing": "true or false", "list_type": "a list (lines starting with '- ')",
    "dict_type": "a set of 'key: value' lines", "model_type": "a set of 'key: value' lines",
    "model_attributes_type": "a set of 'key: value' lines", "date_type": "a date such as 2024-11-04",
    "date_from_datetime_parsing": "a date such as 2024-11-04", "date_parsing": "a date such as 2024-11-04",
}


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed at `loc` inside `model`, for 'did you mean' on unknown keys."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else Any
        elif isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part) or next(
                (f for f in current.model_fields.values() if f.alias == part), None)
            if info is None:
                return []
            current = info.annotation
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _unwrap(tp: Any) -> Any:
    """Strip Optional/Annotated so we can see the model inside."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            inner = [a for a in typing.get_args(tp) if a is not type(None)]
            models = [a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)]
            tp = models[0] if models else inner[0]
        else:
            return tp


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Keep only the parts of a pydantic location that name real keys/indexes in the data."""
    path: list[Any] = []
    current = data
    for i, part in enumerate(loc):
        if isinstance(current, dict) and part in current:
            current = current[part]
            path.append(part)
        elif isinstance(current, dict) and part == "from_" and "from" in current:
            current = current["from"]
            path.append("from")
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
            path.append(part)
        elif i == len(loc) - 1 and isinstance(current, dict) and isinstance(part, str):
            path.append(part)  # a missing key: point at its parent
    return tuple(path)


def _describe(data: Any, typed: str | None = None) -> str:
    """What the user wrote: their own text where we have it (YAML turns 8:40 into 520, No into false)."""
    if isinstance(data, dict):
        return "a set of 'key: value' lines"
    if isinstance(data, list):
        return "a list"
    if typed is not None:
        return f"'{typed}'"
    if isinstance(data, bool):
        return f"'{str(data).lower()}'"
    return f"'{data}'"


def _name(path: tuple[Any, ...], data: Any = None) -> str:
    """How a place is called in a message: its key, 'item 3 under duties' for a list item, or '3 under
    2024-25' for a number used as a key (a spinal column point)."""
    if not path:
        return "this file"
    if isinstance(path[-1], int) and isinstance(_at(data, path[:-1]), dict):
        return f"{path[-1]} under {path[-2]}" if len(path) > 1 else str(path[-1])
    if isinstance(path[-1], int):
        parent = next((str(p) for p in reversed(path[:-1]) if not isinstance(p, int)), "the list")
        return f"item {path[-1] + 1} under {parent}"
    return str(path[-1])


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    """The value at `path` in the parsed file, or None when it is not there."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _retyped(doc: YamlDoc, path: tuple[Any, ...], value: Any) -> str:
    """A hint when YAML read the typed text as something else (a number, a yes/no, a date, nothing)."""
    typed = doc.sources.get(path)
    if typed is None or isinstance(value, str | dict | list):
        return ""
    kind = ("nothing" if value is None else "yes/no" if isinstance(value, bool)
            else "a number" if isinstance(value, int | float) else "a date")
    return f"YAML reads {typed or 'an empty value'} as {kind}: put it in quotes, e.g. \"{typed}\", to mean the text."


def problems_from_validation(exc: ValidationError, doc: YamlDoc, model: type[BaseModel]) -> list[Problem]:
    """Turn pydantic's errors into one plain-English problem per place."""
    seen: dict[tuple[Any, ...], Problem] = {}
    for err in exc.errors():
        loc = tuple(err["loc"])
        path = _data_path(doc.data, loc)
        if path in seen:
            continue
        kind = err["type"]
        name = _name(path, doc.data)
        typed = doc.sources.get(path)
        hint = ""
        key = False
        if kind == "extra_forbidden":
            key = True
            name = str(path[-1])
            message = f"'{name}' is not something jobpack knows here."
            allowed = _fields_at(model, path[:-1])
            hint = did_you_mean(name, allowed, "key") if allowed else ""
            parent = _at(doc.data, path[:-1])
            if isinstance(parent, dict) and len(parent) == 1 and isinstance(parent.get(name), str) \
                    and len(path) > 1 and isinstance(path[-2], int):
                message = f"This item reads as '{name}: ...', because its text contains ': '."
                hint = "Put the whole text of the item in quotes, e.g. - \"" + name + ": ...\""
        elif kind == "missing":
            message = f"'{name}' is missing."
            hint = f"Add a line '{name}: ...' here."
            path_for_pos = path[:-1]
            line, column = doc.where(path_for_pos)
            seen[path] = Problem(doc.display, message, line, column, hint)
            continue
        elif kind == "literal_error":
            expected = err.get("ctx", {}).get("expected", "")
            message = f"{_describe(err['input'], typed)} is not allowed for '{name}'."
            hint = f"Write one of: {expected.replace(' or ', ', ')}."
        elif kind == "string_pattern_mismatch":
            message = f"{_describe(err['input'], typed)} is not a valid value for '{name}'."
            pattern = err.get("ctx", {}).get("pattern", "")
            if "a-z0-9" in pattern:
                hint = "Use lower-case letters, digits and hyphens only, e.g. 'learning-support'."
            elif "\\d{4}-\\d{2}" in pattern:
                hint = "Write the pay year like 2024-25."
            elif "#[0-9a-fA-F]" in pattern:
                hint = "Write a colour as # and six hex digits, e.g. '#1f4e79' (in quotes)."
            elif "[01]?" in pattern:
                hint = "Write a time like \"08:40\" (in quotes)."
            else:
                hint = "Assessment codes are short, such as A, I or R."
        elif kind in TYPE_WORDS or kind.endswith("_type") or kind.endswith("_parsing"):
            wanted = TYPE_WORDS.get(kind, kind.replace("_", " "))
            if kind == "model_type" and path and isinstance(path[-1], int):
                wanted = "text, or a set of 'key: value' lines"
            message = f"'{name}' should be {wanted}, but it is {_describe(err['input'], typed)}."
            hint = _retyped(doc, path, err["input"])
        elif kind in ("too_short", "too_long"):
            message = f"'{name}' {err['msg'].lower().replace('list should', 'should')}."
            if kind == "too_short":
                message = f"'{name}' needs at least {err.get('ctx', {}).get('min_length', 1)} entries."
        elif kind.startswith("greater") or kind.startswith("less"):
            message = f"'{name}' {err['msg'].lower().replace('input ', '')}; it is {err['input']}."
        elif kind == "value_error":
            message = err["msg"].removeprefix("Value error, ")
            message = message[0].upper() + message[1:] + "."
        else:
            message = f"'{name}': {err['msg']}."
        line, column = doc.where(path, key=key)
        seen[path] = Problem(doc.display, message, line, column, hint)
    return list(seen.values())


AS_WRITTEN: dict[str, tuple[tuple[str, ...], ...]] = {
    "Trust": (("version",),),
    "Post": (("vacancy", "reference"), ("vacancy", "start_date")),
}
"""Text fields where people type what YAML reads as a number (version 2024.10): kept exactly as typed."""


def _as_written(doc: YamlDoc, model: type[BaseModel]) -> Any:
    """`doc.data` with the numbers in text fields replaced by the text the user typed ("2024.10", not 2024.1)."""
    data = doc.data
    for path in AS_WRITTEN.get(model.__name__, ()):
        parent = data
        for key in path[:-1]:
            parent = parent.get(key) if isinstance(parent, dict) else None
        value = parent.get(path[-1]) if isinstance(parent, dict) else None
        typed = doc.sources.get(path)
        if isinstance(value, int | float) and not isinstance(value, bool) and typed:
            data = _replaced(data, path, typed)
    return data


def _replaced(data: dict[str, Any], path: tuple[str, ...], value: str) -> dict[str, Any]:
    """`data` with the value at `path` replaced, copying only the mappings on the way to it (the document's
    own data is left as read, and a whole post is not deep-copied for one field)."""
    out = dict(data)
    if len(path) == 1:
        out[path[0]] = value
    else:
        out[path[0]] = _replaced(data[path[0]], path[1:], value)
    return out


def _validate(doc: YamlDoc, model: type[M]) -> tuple[M | None, list[Problem]]:
    if not isinstance(doc.data, dict):
        return None, [Problem(doc.display, "This file should be a set of 'key: value' lines.", 1, 1)]
    try:
        return model.model_validate(_as_written(doc, model)), []
    except ValidationError as exc:
        return None, problems_from_validation(exc, doc, model)


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    # A link whose file is gone is listed too, so it is reported rather than its post silently disappearing.
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml")
                  and (p.is_file() or (p.is_symlink() and not p.exists())))


def load_file(path: Path, root: Path, model: type[M]) -> tuple[Loaded[M] | None, list[Problem]]:
    """Read and validate one file (never one that leads, through a link, outside the trust folder)."""
    if path.is_symlink() and not path.exists():
        return None, [Problem(display_path(path, root), f"This file is a link (symlink) to "
                              f"{os.readlink(path)[:200]}, which does not exist, so it cannot be read.", None, None,
                              "Restore the file it points to, or delete the link.")]
    try:
        inside_trust(root, path)
    except OutsideTrust:
        return None, [Problem(display_path(path, root), "This file is a link (symlink) to a file outside the trust "
                              "folder, and jobpack only reads files inside it.", None, None,
                              "Replace the link with a copy of the file itself.")]
    doc, problem = load_yaml(path, display_path(path, root))
    if problem:
        return None, [problem]
    assert doc is not None
    parsed, problems = _validate(doc, model)
    return (Loaded(parsed, doc) if parsed else None), problems


def load_trust_files(root: Path, only: set[str] | None = None) -> TrustFiles:
    """Read trust.yaml, blocks/ and posts/ under `root`, collecting every problem. `only` (post ids) reads
    just those posts and the profiles they extend, for a build that knows the others have not changed."""
    root = root.resolve()
    trust_path = root / "trust.yaml"
    result = TrustFiles(root, None)
    if not trust_path.is_file():
        result.problems.append(Problem(
            "trust.yaml", f"There is no trust.yaml in {root}.", None, None,
            "Run jobpack in your trust's folder, pass --trust FOLDER, or create one with 'jobpack init FOLDER'."))
        return result
    result.trust, problems = load_file(trust_path, root, Trust)
    result.problems += problems

    first_file: dict[str, str] = {}
    for path in _yaml_files(root / "blocks"):
        loaded, problems = load_file(path, root, Block)
        result.problems += problems
        block_id = path.stem
        display = display_path(path, root)
        if block_id in first_file:
            result.problems.append(Problem(
                display, f"Another block is also called '{block_id}' ({first_file[block_id]}).", 1, 1,
                "Block names must be unique across blocks/: rename one of the files."))
            continue
        first_file[block_id] = display
        if loaded:
            result.blocks[block_id] = loaded
        else:
            result.broken_blocks[block_id] = display

    seen_posts: set[str] = set()
    paths = _yaml_files(root / "posts")
    if only is not None:
        paths = _wanted_posts(root, paths, only)
    for path in paths:
        loaded, problems = load_file(path, root, Post)
        result.problems += problems
        post_id = path.relative_to(root / "posts").with_suffix("").as_posix()
        if post_id in seen_posts:
            result.problems.append(Problem(
                display_path(path, root), f"Another file also defines post '{post_id}'.", 1, 1,
                "Keep one of posts/…/X.yaml and X.yml."))
            continue
        seen_posts.add(post_id)
        if loaded:
            result.posts[post_id] = loaded
        else:
            result.broken_posts[post_id] = display_path(path, root)
    if not (root / "posts").is_dir():
        result.problems.append(Problem("posts/", "There is no posts/ folder.", None, None,
                                       "Create posts/ and write one YAML file per post in it."))
    return result


def _wanted_posts(root: Path, paths: list[Path], only: set[str]) -> list[Path]:
    """The files of the posts in `only` and of the profiles (or posts) they extend, however deep, in the
    usual order. A file that cannot be read is kept: loading it reports its problem as a full read would."""
    by_id: dict[str, list[Path]] = {}
    for path in paths:
        by_id.setdefault(path.relative_to(root / "posts").with_suffix("").as_posix(), []).append(path)
    wanted, todo = set(), [pid for pid in only if pid in by_id]
    while todo:
        post_id = todo.pop()
        if post_id in wanted:
            continue
        wanted.add(post_id)
        for path in by_id[post_id]:
            try:
                inside_trust(root, path)
            except OutsideTrust:
                continue  # never read; load_file reports it
            doc, _ = load_yaml(path, path.name)
            parent = doc.data.get("extends") if doc is not None and isinstance(doc.data, dict) else None
            if isinstance(parent, str) and parent in by_id:
                todo.append(parent)
    return [p for p in paths if p.relative_to(root / "posts").with_suffix("").as_posix() in wanted]


def draws_on(files: TrustFiles) -> dict[str, list[str]]:
    """Each post's and block's file (as displayed) -> the files it draws on directly: the profile it
    extends and the blocks it uses, read from the files themselves (so it works when a post has errors).
    Plain data, so `jobpack check` can keep it in its cache."""
    graph: dict[str, list[str]] = {}
    for loaded in [*files.posts.values(), *files.blocks.values()]:
        model = loaded.model
        entries = list(getattr(model, "items", []))
        for section in [*getattr(model, "duties", {}).values(), *getattr(model, "criteria", {}).values()]:
            entries += section
        found = [files.blocks[e.use].file for e in entries if e.use and e.use in files.blocks]
        parent = getattr(model, "extends", None)
        if parent and parent in files.posts:
            found.append(files.posts[parent].file)
        graph[loaded.file] = list(dict.fromkeys(found))
    return graph


def reach(graph: dict[str, list[str]], start: set[str]) -> set[str]:
    """`start` and every file the files in it draw on, however deep (`graph` from `draws_on`)."""
    reached, todo = set(start), list(start)
    while todo:
        for name in graph.get(todo.pop(), ()):
            if name not in reached:
                reached.add(name)
                todo.append(name)
    return reached


def files_reached(files: TrustFiles, start: set[str]) -> set[str]:
    """The files (as displayed) that the files in `start` draw on: the profiles they extend and the blocks
    they use, nested ones included, read from the files themselves (so it works when a post has errors)."""
    return reach(draws_on(files), start)
