"""Numbers every target can hold: finite, and no larger than a double (about 1.8e308).

JSON `1e400` reads as infinity, YAML has `.inf` and `.nan`, and an integer may have
thousands of digits (past Python's int/str conversion limit, past what a float, a
TypeScript number or a JSON Schema validator can take). The parsers build a `Refused`
placeholder for such a number instead of the value; `first_refused` then finds where the
first one is, so the error names its pointer."""

from __future__ import annotations

import math
import sys
from typing import Any

from . import pointer as jp

_MAX = sys.float_info.max  # 1.8e308
_MAX_DIGITS = len(str(int(_MAX)))  # 309: a decimal integer longer than this is too large


class Refused:
    """A number in the text that respgen refuses, kept as its text."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text

    def message(self) -> str:
        text = self.text if len(self.text) <= 24 else f"{self.text[:12]}... ({len(self.text):,} characters)"
        if self.text.lstrip("+-.").lower() in ("nan", "inf", "infinity"):
            return f"{text} is not a JSON number: refused"
        return (f"the number {text} is out of range (beyond ±1.8e308, more than any target "
                "can hold): refused")


def from_float(text: str, value: float) -> float | Refused:
    return value if math.isfinite(value) else Refused(text)


def json_float(text: str) -> float | Refused:
    return from_float(text, float(text))


def integer(text: str) -> int | Refused:
    """A decimal, `0x` or `0o` integer (with an optional sign), or Refused if too large."""
    body = text.lstrip("+-")
    if body[:2] in ("0x", "0o"):
        digits = body[2:].lstrip("0")
        if len(digits) * (4 if body[1] == "x" else 3) > 1100:  # far past 2**1024
            return Refused(text)
        value = int(body[2:], 16 if body[1] == "x" else 8)
    else:
        if len(body.lstrip("0")) > _MAX_DIGITS:  # before int(): no conversion-limit error
            return Refused(text)
        value = int(body)
    if value > _MAX:
        return Refused(text)
    return -value if text.startswith("-") else value


def first_refused(data: Any) -> tuple[str, Refused] | None:
    """The escaped pointer and placeholder of the first refused number, in text order."""
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        node, ptr = stack.pop()
        if isinstance(node, Refused):
            return ptr, node
        if isinstance(node, dict):
            stack.extend((v, jp.join(ptr, k)) for k, v in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((node[i], jp.join(ptr, i)) for i in range(len(node) - 1, -1, -1))
    return None
