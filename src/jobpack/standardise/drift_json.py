"""`json.dumps(data, indent=2, ensure_ascii=False)`, byte for byte, for large reports (`jobpack drift --format
json` on a big trust prints hundreds of thousands of lines).

With an indent the standard library encodes in pure Python through nested generators, each piece of output
passing up through every level it sits in; here the pieces go straight into one list and strings are escaped
by the standard library's C function: two to three times faster. Anything but dicts with string keys, lists,
tuples, strings, ints, finite floats, booleans and None (exactly those types, not subclasses) is left to
`json.dumps` itself: the same answer, or the same error.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C escaping when it is available, as json.dumps uses
from typing import Any

_INF = float("inf")


class _Other(Exception):
    """A value this writer does not handle: json.dumps writes the whole of it instead."""


def _leaf(value: Any) -> str:
    """A scalar as json.dumps writes it (a float as its repr, NaN and the infinities left to json.dumps)."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is float and value == value and value not in (_INF, -_INF):
        return float.__repr__(value)
    raise _Other


def dumps(data: Any) -> str:
    """`data` as `json.dumps(data, indent=2, ensure_ascii=False)` writes it."""
    out: list[str] = []
    put = out.append
    keys: dict[str, str] = {}  # each key's escaped form with ": ", worked out once
    indents: list[str] = []

    def indent(depth: int) -> str:
        while len(indents) <= depth:
            indents.append("\n" + "  " * len(indents))
        return indents[depth]

    def write(value: Any, depth: int) -> None:
        kind = type(value)
        if kind is dict:
            if not value:
                put("{}")
                return
            inner = indent(depth + 1)
            before, between = "{" + inner, "," + inner
            for key, item in value.items():
                name = keys.get(key)
                if name is None:
                    if type(key) is not str:
                        raise _Other  # json.dumps turns other keys into strings: it writes those itself
                    name = keys[key] = encode_basestring(key) + ": "
                if type(item) in (dict, list, tuple):
                    put(before + name)
                    write(item, depth + 1)
                else:
                    put(before + name + _leaf(item))
                before = between
            put(indent(depth) + "}")
        elif kind is list or kind is tuple:
            if not value:
                put("[]")
                return
            inner = indent(depth + 1)
            before, between = "[" + inner, "," + inner
            for item in value:
                if type(item) in (dict, list, tuple):
                    put(before)
                    write(item, depth + 1)
                else:
                    put(before + _leaf(item))
                before = between
            put(indent(depth) + "]")
        else:
            put(_leaf(value))

    try:
        write(data, 0)
    except (_Other, RecursionError):
        return json.dumps(data, indent=2, ensure_ascii=False)
    return "".join(out)
