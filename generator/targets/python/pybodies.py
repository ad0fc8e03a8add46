"""The bodies black explodes inside brackets, laid out directly (for `pyshapes`).

When a statement is too long, black splits it at a pair of brackets and puts what
is inside on lines of their own: on one line if it fits, else one comma-delimited
element per line, each with its comma. An element still too long is split again at
its own brackets: a display (`"key": (a, b)`, `name={...}`) always explodes one
element per line; a call keeps its arguments on one line when they fit; a union
(`A | B`) goes one operand per line, each after its `|`. Anything else goes to
`layout.split_item`, black's splitting ported. Elements are plain text cut at the
commas outside brackets and strings (`cut`): callers check first that nothing in
the statement is text black would rewrite (`pyshapes`).
"""

from __future__ import annotations

import re

from . import layout
from .pyline import LINE_LENGTH

NAME = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*"
STRING = r'"[^"\\\n]*"'
ATOM = rf"(?:{NAME}|{STRING})"
PAIRS = {"(": ")", "[": "]", "{": "}"}

_PIECE = re.compile(r'(")(?:[^"\\\n]|\\.)*"|([(\[{])|([)\]}])|(,)')
_PIPE_PIECE = re.compile(r'(")(?:[^"\\\n]|\\.)*"|([(\[{])|([)\]}])|( \| )')
_WORD_CHAR = re.compile(r"\w")
_NAMED = re.compile(ATOM)
_CALL = re.compile(rf"( *)({NAME})\((.*)\)")
_CALL_ITEM = re.compile(rf"((?:\| )?{NAME})([(\[])(.*)([)\]])")
# An item split at its own display brackets: `"key": (...)`, `name={...}`, `[...]`.
_DISPLAY_ITEM = re.compile(rf"((?:{STRING}: |{NAME}=)?)([(\[{{])(.*)([)\]}}])")
# An operand of a union: a name, or a name and one call or subscript (`Literal["a"]`).
_OPERAND = re.compile(rf"{NAME}(?:\[.*\]|\(.*\))?")
_NAME_ONLY = re.compile(NAME)


def fits(line: str) -> bool:
    return len(line) <= LINE_LENGTH


def cut(inner: str, separator: str = ",") -> list[str] | None:
    """`inner` cut at the commas (or ` | `s) outside brackets and strings (None if its
    brackets do not pair up, or a separator ends it: a magic trailing comma)."""
    parts: list[str] = []
    stack: list[str] = []
    start = 0
    for match in (_PIECE if separator == "," else _PIPE_PIECE).finditer(inner):
        kind = match.lastindex  # 1: a string, 2: an opening bracket, 3: a closing one
        if kind == 1:
            if match.start() and _WORD_CHAR.match(inner, match.start() - 1):
                return None  # a prefixed string (`b"..."`), which black may rewrite
        elif kind == 2:
            stack.append(PAIRS[match.group(2)])
        elif kind == 3:
            if not stack or stack.pop() != match.group(3):
                return None
        elif not stack:
            parts.append(inner[start:match.start()].strip(" "))
            start = match.end()
    if stack:
        return None
    last = inner[start:].strip(" ")
    if not last:
        return None
    return [*parts, last]


def element(text: str, indent: str) -> list[str]:
    """`text,` as a line of an exploded body at `indent`: as it is if it fits, else
    split at its own brackets (a display, a union, a call), else as
    `layout.split_item` lays it out."""
    line = f"{indent}{text},"
    if fits(line):
        return [line]
    return _display(text, indent) or _union(text, indent) or _call(text, indent) or \
        layout.split_item(text + ",", len(indent) // 4)


def _display(text: str, indent: str) -> list[str] | None:
    """`"key": (a, b)`, `name={a: b, c: d}` or `[a, b]` too long for its line: black's
    right-hand split at the display's brackets, whose comma-delimited body it then
    explodes, one element per line with its comma (one level in)."""
    found = _DISPLAY_ITEM.fullmatch(text)
    if found is None:
        return None
    prefix, opening, inner, closing = found.groups()
    head = f"{indent}{prefix}{opening}"
    elements = cut(inner)
    if PAIRS[opening] != closing or not fits(head) or elements is None or \
            len(elements) < 2 or not all(elements):
        return None
    inner_indent = indent + "    "
    out = [head]
    for each in elements:
        out.extend(element(each, inner_indent))
    out.append(f"{indent}{closing},")
    return out


def _call(text: str, indent: str, comma: str = ",") -> list[str] | None:
    """`f(a, b),` or `X[a, b],` (or a union's `| X[a, b]`) too long for its line:
    split at the call's or subscript's brackets, as a statement."""
    call = _CALL_ITEM.fullmatch(text)
    if call is None or PAIRS[call.group(2)] != call.group(4):
        return None
    lines = call_lines(indent, call.group(1), call.group(3), call.group(2))
    if lines is not None:
        lines[-1] += comma
    return lines


def _union(text: str, indent: str) -> list[str] | None:
    """`A | B,` too long for its line: black's delimiter split at the `|`s (the comma
    stays on the last operand)."""
    found = operands(text)
    return None if found is None else union_lines(found, indent, ",")


def call_lines(indent: str, function: str, arguments: str,
               opening: str = "(") -> list[str] | None:
    """`function(arguments)` split at its brackets (`opening` and its pair): the
    arguments on one line if they fit, else one per line, each with its comma; a
    sole argument that is a call is split the same way, one level in."""
    head = f"{indent}{function}{opening}"
    inner = indent + "    "
    parts = cut(arguments)
    if not fits(head) or parts is None or not all(parts):
        return None
    if fits(inner + arguments):
        body = [inner + arguments]
    elif len(parts) > 1:  # one per line, each with its comma
        body = []
        for part in parts:
            body.extend(element(part, inner))
    else:  # one argument: a name stays whole, a call is split the same way
        if _NAMED.fullmatch(arguments):
            body = [inner + arguments]
        else:
            call = _CALL.fullmatch(inner + arguments)
            if call is None or cut(call.group(3)) is None:
                return None
            found = call_lines(*call.groups())
            if found is None:
                return None
            body = found
    return [head, *body, indent + PAIRS[opening]]


def operands(union: str) -> list[str] | None:
    """The operands of `A | B[x] | C(y)`, each a name or a name and one call or
    subscript, or None."""
    found = cut(union, "|") if " | " in union else None
    if found is None or len(found) < 2 or \
            not all(_OPERAND.fullmatch(op) and _one_group(op) for op in found):
        return None
    return found


def union_lines(found: list[str], indent: str, comma: str) -> list[str]:
    """One operand per line, each after its `|` (one too long for its line split at
    its own brackets); `comma` after the last."""
    out: list[str] = []
    for at, operand in enumerate(found):
        piece = ("| " if at else "") + operand
        end = comma if at == len(found) - 1 else ""
        text = indent + piece + end
        out.extend([text] if fits(text) else _call(piece, indent, end) or
                   layout.split_item(piece + end, len(indent) // 4))
    return out


def _one_group(operand: str) -> bool:
    """A name, or a name and one bracket pair that ends the operand."""
    name = _NAME_ONLY.match(operand)
    assert name is not None
    return name.end() == len(operand) or cut(operand[name.end() + 1:-1]) is not None
