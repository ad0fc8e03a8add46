"""JSON text as `json.dumps(value, indent=2, ensure_ascii=False)` writes it, faster.

Python's json module encodes in C only without `indent`; with it, it falls back to a
pure-Python encoder built on nested generators (one resume per value and level). The
JSON Schema bundles and the docs' examples are all indented JSON, so that encoder was
the largest single cost of the jsonschema target. `dumps_indented` writes the same text
with one plain recursive function, strings through json's own C string encoder: about
2.5x faster on the bundles. Values it does not know exactly (a subclass of int, float,
str, dict or list, a key that is not a str, a cycle, deep nesting) go to `json.dumps`
itself, so the text, and every error, stays json's (tests/test_jsontext.py).
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring as _string  # C: ensure_ascii=False's
from typing import Any, Callable

__all__ = ["dumps_indented", "dumps_one_line"]


class _Unknown(Exception):
    """A value `_encode` leaves to json.dumps."""


def dumps_indented(value: Any) -> str:
    """`json.dumps(value, indent=2, ensure_ascii=False)`, faster."""
    out: list[str] = []
    try:
        _encode(value, "\n", out)
    except (_Unknown, RecursionError):
        return json.dumps(value, indent=2, ensure_ascii=False)
    return "".join(out)


def dumps_one_line(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False)`, without the set-up of json's encoder
    (which costs more than encoding the small values the docs show as code)."""
    if type(value) is str:
        return _string(value)
    out: list[str] = []
    try:
        _encode_line(value, out)
    except (_Unknown, RecursionError):
        return json.dumps(value, ensure_ascii=False)
    return "".join(out)


def _encode_line(value: Any, out: list[str]) -> None:
    kind = type(value)
    if kind is str:
        out.append(_string(value))
    elif kind is dict:
        lead = "{"
        for key, item in value.items():
            if type(key) is not str:
                raise _Unknown
            out.append(lead + _string(key) + ": ")
            _encode_line(item, out)
            lead = ", "
        out.append("}" if value else "{}")
    elif kind is list or kind is tuple:
        lead = "["
        for item in value:
            out.append(lead)
            _encode_line(item, out)
            lead = ", "
        out.append("]" if value else "[]")
    else:
        out.append(_scalar(value))


_float: Callable[[float], str] = float.__repr__
_int: Callable[[int], str] = int.__repr__


def _scalar(value: Any) -> str:
    """A scalar as json writes it (None, bool, int, finite float); else _Unknown."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    kind = type(value)
    if kind is int:
        return _int(value)
    if kind is float and value == value and value not in (_INF, -_INF):
        return _float(value)
    raise _Unknown  # NaN and infinities too: json's spelling of them stays json's


_INF = float("inf")


def _encode(value: Any, newline: str, out: list[str]) -> None:
    kind = type(value)
    if kind is str:
        out.append(_string(value))
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        lead = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _Unknown
            if type(item) is str:
                out.append(lead + _string(key) + ": " + _string(item))
            else:
                out.append(lead + _string(key) + ": ")
                _encode(item, inner, out)
            lead = "," + inner
        out.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        lead = "[" + inner
        for item in value:
            if type(item) is str:
                out.append(lead + _string(item))
            else:
                out.append(lead)
                _encode(item, inner, out)
            lead = "," + inner
        out.append(newline + "]")
    else:
        out.append(_scalar(value))
