"""The one place where spec text becomes TypeScript source.

Every piece of spec text that lands in generated TypeScript goes through one of
these functions: `ts_str` (a double-quoted string literal, also a string-literal
type), `ts_doc` (a JSDoc comment body), `ts_key` (a property key in a type or
an object literal) or `ts_value` (a JSON value as a TS expression). None of
them can produce text that ends a string or comment early or opens a template
substitution: quotes, backslashes, line terminators (also U+2028/U+2029),
backticks, `${`, lone surrogates and misleading characters (bidi controls, C1
controls: `generator/misleading.py`) are escaped; `*/` never reaches a comment.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from typing import Any

from ...misleading import MISLEADING

_IDENT = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")
# Keys that would mean something else in an object literal.
_SPECIAL_KEYS = frozenset({"__proto__"})


_MISLEADING = "".join(map(chr, sorted(MISLEADING)))
# What `ts_str` escapes (`$` only before `{`); most text has none, and is quoted as it is.
_STR_ESCAPED = re.compile("[\\\\\"`\x00-\x1f\x7f-\x9f\ud800-\udfff" + _MISLEADING + "]|\\${")
# What `ts_doc` drops: controls other than tab and newline, misleading characters and
# lone surrogates.
_DOC_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\u0085]")
_DOC_DROPPED = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff" + _MISLEADING + "]")


def ts_str(text: str) -> str:
    """A double-quoted TypeScript string literal for any text."""
    if not _STR_ESCAPED.search(text):
        return f'"{text}"'
    out = ['"']
    for index, ch in enumerate(text):
        code = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "`":
            out.append("\\u0060")
        elif ch == "$" and text[index + 1:index + 2] == "{":
            out.append("\\u0024")
        elif code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0:
            out.append(f"\\x{code:02x}")
        elif 0xD800 <= code <= 0xDFFF or code in MISLEADING:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


@lru_cache(maxsize=8192)  # a pure function of its text; a third of descriptions repeat
def ts_doc(text: str) -> str:
    """A JSDoc body (without the `/**` and `*/`): lines to be prefixed with ` * `.

    `*/` is broken as `*\\/`, every line terminator (CR, LF, U+2028, U+2029, NEL)
    becomes a line break, control characters and lone surrogates are dropped, and
    a line starting with `@` is escaped so spec text cannot add a JSDoc tag. Control,
    bidi and other misleading characters (`generator/misleading.py`) are dropped."""
    text = _DOC_BREAKS.sub("\n", text)
    text = _DOC_DROPPED.sub("", text)
    text = text.replace("*/", "*\\/")
    lines = [line.rstrip() for line in text.split("\n")]
    lines = ["\\" + line if line.lstrip().startswith("@") else line for line in lines]
    return "\n".join(lines).strip("\n")


def ts_comment(text: str, indent: str = "") -> str:
    """A whole `/** ... */` block for a JSDoc body made by `ts_doc`. `*/` is broken here
    too, so the filter is safe on any text (ts_doc also removes control characters
    and escapes `@` at a line start)."""
    text = text.replace("*/", "*\\/")
    body = "\n".join(f"{indent} * {line}".rstrip() for line in text.split("\n"))
    return f"{indent}/**\n{body}\n{indent} */"


def is_ident(name: str) -> bool:
    return bool(_IDENT.match(name))


def ts_key(name: str, *, literal: bool = False) -> str:
    """A property key: bare when it is an identifier, else a string literal.
    In an object literal (`literal=True`) `__proto__` is a computed key, so it
    stays a property instead of setting the prototype."""
    if literal and name in _SPECIAL_KEYS:
        return f"[{ts_str(name)}]"
    return name if is_ident(name) and name not in _SPECIAL_KEYS else ts_str(name)


def ts_number(value: int | float) -> str:
    """A JSON number as a TypeScript literal; anything else (text in a bound) is refused."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{value!r:.60} is not a number")
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise ValueError(f"{value!r} is not a JSON number")
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return repr(value)
    return str(value)


def ts_value(value: Any) -> str:
    """A TypeScript expression equal to a JSON value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return ts_number(value)
    if isinstance(value, str):
        return ts_str(value)
    if isinstance(value, list):
        return "[" + ", ".join(ts_value(v) for v in value) + "]"
    if isinstance(value, dict):
        items = ", ".join(f"{ts_key(str(k), literal=True)}: {ts_value(v)}"
                          for k, v in value.items())
        return "{" + items + "}" if items else "{}"
    return ts_str(json.dumps(value))


def ts_literal_type(value: Any) -> str:
    """A literal type for a scalar JSON value (`"x"`, `3`, `-1`, `true`, `null`)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return ts_number(value)
    return ts_value(value)
