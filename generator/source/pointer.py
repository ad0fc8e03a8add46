"""JSON pointers (RFC 6901) as used in `$ref` fragments, with URI percent-encoding."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

_MISSING = object()


def escape(token: str) -> str:
    """Escape one reference token: `~` -> `~0`, `/` -> `~1`."""
    return token.replace("~", "~0").replace("/", "~1")


def join(pointer: str, *tokens: str | int) -> str:
    """Append tokens to a pointer: join('/a', 'b/c', 0) == '/a/b~1c/0'."""
    for token in tokens:
        text = token if type(token) is str else str(token)
        pointer += "/" + (escape(text) if "~" in text or "/" in text else text)
    return pointer


def split(fragment: str) -> list[str]:
    """Split a `$ref` fragment into unescaped tokens.

    Percent-encoding is decoded first (a fragment is part of a URI), then the
    JSON-pointer escapes `~1` and `~0`, in that order.
    """
    fragment = unquote(fragment)
    if fragment in ("", "/"):
        return [] if fragment == "" else [""]
    if not fragment.startswith("/"):
        raise ValueError(f"JSON pointer must start with '/': {fragment!r}")
    return [t.replace("~1", "/").replace("~0", "~") for t in fragment[1:].split("/")]


def walk(data: Any, tokens: list[str]) -> Any:
    """Follow tokens into data; returns the module's _MISSING sentinel when absent."""
    node = data
    for token in tokens:
        if isinstance(node, dict):
            node = node.get(token, _MISSING)
        elif isinstance(node, list) and token.isdigit():
            index = int(token)
            node = node[index] if index < len(node) else _MISSING
        else:
            return _MISSING
        if node is _MISSING:
            return _MISSING
    return node


def is_missing(value: Any) -> bool:
    return value is _MISSING
