"""The one place where spec text becomes Python source.

Every piece of text from a spec that lands in generated Python goes through
`py_str` (a string literal) or `py_doc` (docstring body), so no description,
name, enum value or default can end a string early or inject code.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, Callable

from ...misleading import MISLEADING


# Shown as \u escapes: characters that would make the source read differently from
# what it does (see generator/misleading.py).
_VISIBLE_ESCAPES = MISLEADING


def _py_char(ch: str) -> str:
    """How one character is written inside a double-quoted Python string literal."""
    code = ord(ch)
    if ch == "\\":
        return "\\\\"
    if ch == '"':
        return '\\"'
    if ch == "\n":
        return "\\n"
    if ch == "\r":
        return "\\r"
    if ch == "\t":
        return "\\t"
    if code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0:
        return f"\\x{code:02x}"
    if 0xD800 <= code <= 0xDFFF or code in _VISIBLE_ESCAPES:
        return f"\\u{code:04x}"
    return ch


# Every character `_py_char` changes, and how: one regex finds them (a str.translate
# with this table was ~0.5 us a character: its targets are not single characters).
_PY_TABLE = {code: _py_char(chr(code)) for code in
             [*range(0xA0), *range(0xD800, 0xE000), *_VISIBLE_ESCAPES]
             if _py_char(chr(code)) != chr(code)}


def _ranges(codes: list[int]) -> str:
    """A regex character class body for `codes` (sorted), as ranges of consecutive ones."""
    out: list[str] = []
    start = previous = codes[0]
    for code in [*codes[1:], -1]:
        if code != previous + 1:
            out.append(f"\\U{start:08x}" + (f"-\\U{previous:08x}" if previous > start else ""))
            start = code
        previous = code
    return "".join(out)


_ESCAPED = re.compile(f"[{_ranges(sorted(_PY_TABLE))}]")


def py_str(text: str) -> str:
    """A double-quoted Python string literal for any text (black's preferred quotes)."""
    if text.isascii() and text.isprintable():  # only `\\` and `"` to escape, if any
        if '"' not in text and "\\" not in text:
            return '"' + text + '"'  # nothing to escape (most names and keys)
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return '"' + _ESCAPED.sub(_escape, text) + '"'


def _escape(match: re.Match[str]) -> str:
    return _PY_TABLE[ord(match.group())]


def toml_str(text: str) -> str:
    """A TOML basic string: only TOML's escapes (no `\\x`), control and separator
    characters as `\\uXXXX`; lone surrogates (not representable in TOML) as U+FFFD."""
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch in '\\"':
            out.append("\\" + ch)
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\\ufffd")
        elif code < 0x20 or 0x7F <= code < 0xA0 or code in _VISIBLE_ESCAPES:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def py_doc(text: str) -> str:
    """Docstring body: every quote and backslash escaped, so nothing can close it."""
    if "\n" not in text and "\r" not in text:  # one line (most): nothing to dedent
        return py_str(text.rstrip())[1:-1].strip()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    escaped = [py_str(line.rstrip())[1:-1] for line in lines]
    return "\n".join(_dedent_continuation(escaped)).strip()


def _dedent_continuation(lines: list[str]) -> list[str]:
    """Lines after the first lose the indentation they all share, as black (PEP 257)
    re-indents a docstring: the output is then already what black would write."""
    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    rest = [line for line in lines[first + 1:] if line.strip()]
    if not rest:
        return lines
    common = min(len(line) - len(line.lstrip()) for line in rest)
    return lines[:first + 1] + [line[common:] if line.strip() else "" for line in lines[first + 1:]]


def py_value(value: Any) -> str:
    """A Python expression equal to a JSON value (for defaults and Literals)."""
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return f"float({py_str(str(value))})"
        return repr(value)
    if isinstance(value, str):
        return py_str(value)
    if isinstance(value, list):
        return "[" + ", ".join(py_value(v) for v in value) + "]"
    if isinstance(value, dict):
        items = ", ".join(f"{py_str(str(k))}: {py_value(v)}" for k, v in value.items())
        return "{" + items + "}"
    return py_str(json.dumps(value))


# The python target's template filters (its TARGET's, and `respgen diff`'s validators').
FILTERS: dict[str, Callable[..., object]] = {"pystr": py_str, "pydoc": py_doc, "tomlstr": toml_str}
