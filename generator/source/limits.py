"""Limits on what respgen reads, so a hostile spec is refused with one clear line
instead of exhausting memory, time or the stack.

- `MAX_BYTES`: a spec file larger than this is refused before it is read
  (default 20 MiB, about 14x the largest real spec tried; `RESPGEN_MAX_SPEC_MB` raises it).
- `MAX_DEPTH`: data nested deeper than this is refused (real specs nest ~22
  levels; generated Python cannot nest more than 200 brackets).
- `MAX_NODES`: a YAML document whose aliases expand to more nodes than this is
  refused ("billion laughs"); checked on the composed node graph, before anything
  is expanded.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

from . import pointer as jp

MAX_DEPTH = 128
MAX_NODES = 5_000_000
_DEFAULT_MB = 20


def max_bytes() -> int:
    raw = os.environ.get("RESPGEN_MAX_SPEC_MB", "")
    try:
        mb = float(raw) if raw else _DEFAULT_MB
    except ValueError:
        mb = _DEFAULT_MB
    return int(mb * 1024 * 1024)


def too_deep(data: Any, limit: int = MAX_DEPTH) -> str | None:
    """The escaped pointer of the first node nested deeper than `limit`, or None."""
    level, deepest = [data], -1
    while level and deepest < limit:  # fast pass: depths only, a level at a time
        deepest += 1
        below: list[Any] = []
        for node in level:
            if isinstance(node, dict):
                below.extend(node.values())
            elif isinstance(node, list):
                below.extend(node)
        level = below
    if not level:
        return None
    paths: list[tuple[Any, str, int]] = [(data, "", 0)]
    while paths:
        node, ptr, depth = paths.pop()
        if depth > limit:
            return ptr
        if isinstance(node, dict):
            paths.extend((v, jp.join(ptr, k), depth + 1) for k, v in node.items())
        elif isinstance(node, list):
            paths.extend((v, jp.join(ptr, i), depth + 1) for i, v in enumerate(node))
    return None


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{},:]')


def deep_json_position(text: str, limit: int = MAX_DEPTH) -> tuple[str, int, int] | None:
    """(pointer, line, column) where JSON text first nests deeper than `limit`, found by a
    flat scan (for text too deep for the parser itself to return)."""
    path: list[str | int | None] = []
    last = ""
    for m in _JSON_TOKEN.finditer(text):
        tok = m.group()
        if tok[0] == '"':
            last = tok
        elif tok == ":" and path:
            try:
                path[-1] = str(json.loads(last))
            except ValueError:
                path[-1] = last.strip('"')
        elif tok == "," and path and isinstance(path[-1], int):
            path[-1] += 1
        elif tok in "[{":
            if len(path) > limit:
                line = text.count("\n", 0, m.start()) + 1
                column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
                return jp.join("", *(p for p in path if p is not None)), line, column
            path.append(0 if tok == "[" else None)
        elif tok in "]}" and path:
            path.pop()
    return None


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}|\\U0000[dD][89a-fA-F]")


def lone_surrogate(text: str, data: Any) -> str | None:
    """The escaped pointer of a string (or key) holding a lone surrogate (a `\\ud800`
    escape with no pair: not Unicode, so no target can write it), or None."""
    if not _SURROGATE_ESCAPE.search(text):
        return None  # the only way to spell one in JSON or YAML text
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        node, ptr = stack.pop()
        if isinstance(node, str) and _has_surrogate(node):
            return ptr
        if isinstance(node, dict):
            for k, v in node.items():
                if _has_surrogate(k):
                    return jp.join(ptr, k)
                stack.append((v, jp.join(ptr, k)))
        elif isinstance(node, list):
            stack.extend((v, jp.join(ptr, i)) for i, v in enumerate(node))
    return None


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


_LONE = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])"
                   r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}")


def lone_surrogate_position(text: str) -> tuple[int, int] | None:
    """1-based (line, column) of the first unpaired surrogate escape in the text."""
    m = _LONE.search(text)
    if m is None:
        return None
    line = text.count("\n", 0, m.start()) + 1
    return line, m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
