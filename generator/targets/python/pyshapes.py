"""The statement shapes generated code repeats most, laid out directly.

`layout.split` (black's line splitting, ported) costs a tokenizer pass and a few
dozen line objects per statement; most statements the templates write are one of a
handful of shapes whose black layout follows from a few lengths:

- `A = f(B)` (a validator's `validate_X = validator(_v_X)`, a raw-response wrapper);
- `A = f({"a", "b", ...})` (a frozenset of enum values);
- `A = "..."` (black re-quotes the string, or moves it into parentheses);
- an exploded display (`__all__ = [`, one atom or `"key": atom` per line with its
  trailing comma, `]`), which black leaves as it is even where an item is too long;
- a display on one line (`_T_X: dict[str, Choice] = {"a": ((_v_A,), ("A",), ()), ...}`)
  too long for it: black explodes it, one item per line (an item too long for its
  line is laid out on its own by `layout.split_item`);
- a call on its own (`e.append(bad((p, "x"), "type", "string", v))`): the arguments
  on a line of their own, or one per line, or a sole call argument laid out the same
  way one level in.

`lay_out` returns black's lines for a statement of one of these shapes, or None for
anything else (then `layout.split` decides). Atoms are plain: ASCII names, dotted
names and double-quoted strings without a backslash, so no token needs normalizing.
tests/test_layout.py checks each shape against `layout.split` over many lengths.
"""

from __future__ import annotations

import re
from typing import Callable

from . import layout
from .pyline import LINE_LENGTH
from .pystrings import normalize_string

_NAME = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*"
_STRING = r'"[^"\\\n]*"'
_ATOM = rf"(?:{_NAME}|{_STRING})"

_CALL = re.compile(rf"( *)({_NAME}) = ({_NAME})\(({_NAME})\)")
_SET_CALL = re.compile(rf"( *)({_NAME}) = ({_NAME})\(\{{({_ATOM}(?:, {_ATOM})*)\}}\)")
_STRING_ASSIGN = re.compile(rf"( *)({_NAME}) = ((?:'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"))")
_DISPLAY_HEAD = re.compile(r"( *)[A-Za-z_][\w.\[\], |:]* = [\[{]")
_ONE_LINE_DISPLAY = re.compile(r"( *)([A-Za-z_][\w.\[\], |:]* = )([\[{(])(.*)([\]})])")
_PIECE = re.compile(r'(")(?:[^"\\\n]|\\.)*"|([(\[{])|([)\]}])|(,)')
_PIPE_PIECE = re.compile(r'(")(?:[^"\\\n]|\\.)*"|([(\[{])|([)\]}])|( \| )')
# A one-element tuple, `(x,)`: its comma is no magic trailing comma.
_ONE_TUPLE = re.compile(rf"(?<![\w)\]}}\"])\({_ATOM},\)")
_MAGIC = re.compile(r",[)\]}]")
# What black would change or split at inside an item: a quote to normalize, a number
# it writes differently, a comment, `**`, `:=`, `;`, a call spaced from its callee.
_UNSURE = re.compile(r"[#'\\;]|\*\*|:=|[\w)\]}\"] \(|(?<![\w.])(?:\d[\w.]*[.A-Za-z]|\.\d)")
_CALL_STATEMENT = re.compile(rf"( *)({_NAME})\((.*)\)")
_PARAMETER = rf"[A-Za-z_][A-Za-z0-9_]*: {_NAME}"
_DEF = re.compile(rf"( *)def ([A-Za-z_][A-Za-z0-9_]*)\(((?:{_PARAMETER}, )*{_PARAMETER})\)"
                  rf"((?: -> {_NAME})?):")
_CALL_ITEM = re.compile(rf"({_NAME})\((.*)\)")
_RETURN_CALL = re.compile(rf"( *)return ({_NAME})\((.*)\)")
_ASSIGN_CALL = re.compile(rf"( *)({_NAME}(?:: {_NAME})? = {_NAME})([(\[])(.*)([)\]])")
_UNION = re.compile(rf"( *)({_NAME}(?:: {_NAME})? = )(.* \| .*)")
# An operand of a union: a name, or a name and one call or subscript (`Literal["a"]`).
_OPERAND = re.compile(rf"{_NAME}(?:\[.*\]|\(.*\))?")
_NAME_ONLY = re.compile(_NAME)
# An item split at its own display brackets: `"key": (...)`, `name={...}`, `[...]`.
_DISPLAY_ITEM = re.compile(rf"((?:{_STRING}: |{_NAME}=)?)([(\[{{])(.*)([)\]}}])")
_ITEM = re.compile(rf"(?:{_STRING}: )?{_ATOM},")

_KEYWORDS = frozenset(  # the constants (None, True, False) are atoms too
    "and as assert async await break class continue def del elif else "
    "except finally for from global if import in is lambda nonlocal not or pass raise "
    "return try while with yield".split())
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_WORD_CHAR = re.compile(r"\w")
_NAMED = re.compile(_ATOM)


def lay_out(statement: list[str]) -> list[str] | None:
    """black's lines for `statement` (its physical lines) if it has a shape this
    module knows, else None."""
    first = statement[0]
    if not first.isascii():
        return None
    if len(statement) > 1:
        return _display(statement)
    for pattern, shape in _SHAPES:
        found = pattern.fullmatch(first)
        if found is not None:
            lines = shape(*found.groups())
            if lines is not None:
                return lines
    return None


def _plain(*names: str) -> bool:
    """No keyword where a name goes (the constants are atoms)."""
    return not any(word in _KEYWORDS for name in names for word in _WORD.findall(name))


def _fits(line: str) -> bool:
    return len(line) <= LINE_LENGTH


def _call(indent: str, target: str, function: str, argument: str) -> list[str] | None:
    """`A = f(B)`: as is if it fits; else the argument on a line of its own; when even
    `A = f(` does not fit, the right-hand side in parentheses, if every line then fits."""
    if len(indent) % 4 or not _plain(target, function, argument):
        return None
    inner = indent + "    "
    line = f"{indent}{target} = {function}({argument})"
    if _fits(line):
        return [line]
    first = [f"{indent}{target} = {function}(", inner + argument, indent + ")"]
    if _fits(first[0]):
        return first
    call = inner + f"{function}({argument})"
    body = [call] if _fits(call) else [inner + function + "(", inner + "    " + argument, inner + ")"]
    second = [f"{indent}{target} = (", *body, indent + ")"]
    return second if all(_fits(part) for part in second) else first


def _set_call(indent: str, target: str, function: str, items: str) -> list[str] | None:
    """`A = f({a, b})` with a short `A = f(`: the set on a line of its own, or one item
    per line with a trailing comma when it does not fit."""
    if len(indent) % 4 or not _plain(target, function, _STRINGS.sub("", items)):
        return None
    inner = indent + "    "
    line = f"{indent}{target} = {function}({{{items}}})"
    head = f"{indent}{target} = {function}("
    if _fits(line):
        return [line]
    if not _fits(head):
        return None
    if _fits(inner + "{" + items + "}"):
        return [head, inner + "{" + items + "}", indent + ")"]
    atoms = re.findall(_ATOM, items)
    return [head, inner + "{", *(f"{inner}    {atom}," for atom in atoms), inner + "}",
            indent + ")"]


_STRINGS = re.compile(_STRING)


def _string_assign(indent: str, target: str, string: str) -> list[str] | None:
    """`A = "..."`: the string as black quotes it; too long, in parentheses on a line
    of its own if it fits there, else left as it is (black cannot split a string)."""
    if len(indent) % 4 or not _plain(target):
        return None
    string = normalize_string(string)
    line = f"{indent}{target} = {string}"
    if _fits(line) or not _fits(f"{indent}    {string}"):
        return [line]
    return [f"{indent}{target} = (", f"{indent}    {string}", indent + ")"]


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += (char == "[") - (char == "]")
        if depth < 0:
            return False
    return depth == 0


def _display(statement: list[str]) -> list[str] | None:
    """`A = [` / one atom per line, each with its comma / `]`: black keeps a display
    with a trailing comma exploded, and cannot split an atom, so nothing changes."""
    head = _DISPLAY_HEAD.fullmatch(statement[0])
    if head is None or len(statement) < 3 or not _fits(statement[0]):
        return None
    indent = head.group(1)
    closing = "]" if statement[0][-1] == "[" else "}"
    if len(indent) % 4 or statement[-1] != indent + closing:
        return None
    if not _balanced(statement[0][:-1]):
        return None
    inner = indent + "    "
    for line in statement[1:-1]:
        if not line.startswith(inner) or _ITEM.fullmatch(line, len(inner)) is None:
            return None
        if not _plain(_STRINGS.sub("", line)):
            return None
    if not _plain(_STRINGS.sub("", statement[0])):
        return None
    return statement


def _one_line_display(indent: str, head: str, opening: str, inner: str,
                      closing: str) -> list[str] | None:
    """`A = {a, b}` too long for one line, whose `A = {` and items (each with a comma)
    fit: black's right-hand split keeps `A = {` and puts each item on its own line.
    Anything that could change an item (a quote to normalize, a number, a magic comma
    inside, a keyword black splits at) leaves the statement to `layout.split`."""
    line = indent + head + opening
    if _fits(line + inner + closing):
        return None  # on one line, unless a magic comma explodes it: layout.split knows
    code = _STRINGS.sub('""', inner)
    if len(indent) % 4 or not _fits(line) or not _balanced(head) or \
            _PAIRS[opening] != closing or _UNSURE.search(code) or \
            not _plain(_STRINGS.sub("", head), code):
        return None
    items = _items(inner)
    if items is None or len(items) < 2 or not all(items):
        return None  # one item is no comma-delimited body: black keeps it whole
    if _MAGIC.search(_ONE_TUPLE.sub("t", code)):
        return None  # a magic trailing comma changes which brackets black splits first
    inner_indent = indent + "    "
    out = [line]
    for item in items:
        out.extend(_item(item, inner_indent))
    out.append(indent + closing)
    return out


def _item(item: str, indent: str) -> list[str]:
    """`item,` as a line of an exploded body at `indent`: as it is if it fits, else
    split at its own display brackets if it has them, else as `layout.split_item`
    lays it out."""
    text = f"{indent}{item},"
    if _fits(text):
        return [text]
    return _display_item(item, indent) or _union_item(item, indent) or \
        _call_item(item, indent) or layout.split_item(item + ",", len(indent) // 4)


def _call_item(item: str, indent: str) -> list[str] | None:
    """`f(a, b),` too long for its line: split at the call's brackets, as a statement."""
    call = _CALL_ITEM.fullmatch(item)
    lines = None if call is None else _call_lines(indent, *call.groups())
    if lines is not None:
        lines[-1] += ","
    return lines


def _display_item(item: str, indent: str) -> list[str] | None:
    """`"key": (a, b)`, `name={a: b, c: d}` or `[a, b]` too long for its line: black's
    right-hand split at the display's brackets, whose comma-delimited body it then
    explodes, one element per line with its comma (`_item`, one level in)."""
    found = _DISPLAY_ITEM.fullmatch(item)
    if found is None:
        return None
    prefix, opening, inner, closing = found.groups()
    head = f"{indent}{prefix}{opening}"
    elements = _items(inner)
    if _PAIRS[opening] != closing or not _fits(head) or elements is None or \
            len(elements) < 2 or not all(elements):
        return None
    inner_indent = indent + "    "
    out = [head]
    for element in elements:
        out.extend(_item(element, inner_indent))
    out.append(f"{indent}{closing},")
    return out


def _call_statement(indent: str, function: str, arguments: str,
                    keyword: str = "") -> list[str] | None:
    """`f(a, b)` (or `return f(a, b)`) too long for its line, no magic comma in it,
    nothing black would rewrite: black's right-hand split at the call's own brackets
    (a `return`'s optional parentheses are left out: black prefers the call's own).
    """
    code = _STRINGS.sub('""', arguments)
    if len(indent) % 4 or _fits(f"{indent}{keyword}{function}({arguments})") or \
            _UNSURE.search(code) or _MAGIC.search(_ONE_TUPLE.sub("t", code)) or \
            not _plain(function, code):
        return None
    return _call_lines(indent, keyword + function, arguments)


def _return_call(indent: str, function: str, arguments: str) -> list[str] | None:
    return _call_statement(indent, function, arguments, "return ")


def _assign_call(indent: str, head: str, opening: str, arguments: str,
                 closing: str) -> list[str] | None:
    """`A: T = f(a, b)` or `A = X[a, b]` too long for its line: black leaves out the
    optional parentheses and splits at the call's or subscript's own brackets, when
    `A = f(` fits (else None: `layout.split` weighs the other ways)."""
    code = _STRINGS.sub('""', arguments)
    if len(indent) % 4 or _PAIRS[opening] != closing or \
            _fits(f"{indent}{head}{opening}{arguments}{closing}") or \
            _UNSURE.search(code) or _MAGIC.search(_ONE_TUPLE.sub("t", code)) or \
            not _plain(head, code):
        return None
    return _call_lines(indent, head, arguments, opening)


def _call_lines(indent: str, function: str, arguments: str,
                opening: str = "(") -> list[str] | None:
    head = f"{indent}{function}{opening}"
    inner = indent + "    "
    items = _items(arguments)
    if not _fits(head) or items is None or not all(items):
        return None
    if _fits(inner + arguments):
        body = [inner + arguments]
    elif len(items) > 1:  # one per line, each with its comma
        body = []
        for item in items:
            body.extend(_item(item, inner))
    else:  # one argument: a name stays whole, a call is split the same way
        if _NAMED.fullmatch(arguments):
            body = [inner + arguments]
        else:
            call = _CALL_STATEMENT.fullmatch(inner + arguments)
            if call is None or _items(call.group(3)) is None:
                return None
            found = _call_lines(*call.groups())
            if found is None:
                return None
            body = found
    return [head, *body, indent + _PAIRS[opening]]


def _union(indent: str, head: str, union: str) -> list[str] | None:
    """`A: T = B | C | D` too long for its line: black's right-hand split at the
    optional parentheses around the union (two `|` or more: black cannot leave them
    out), the union on a line of its own if it fits, else one operand per line, each
    after its `|` (an operand too long for its line laid out by `layout.split_item`).
    """
    code = _STRINGS.sub('""', union)
    line = f"{indent}{head}("
    if len(indent) % 4 or _fits(indent + head + union) or not _fits(line) or \
            _UNSURE.search(code) or _MAGIC.search(_ONE_TUPLE.sub("t", code)) or \
            not _plain(head, code):
        return None
    operands = _operands(union)
    if operands is None or len(operands) < 3:
        return None
    inner = indent + "    "
    if _fits(inner + union):
        return [line, inner + union, indent + ")"]
    return [line, *_union_lines(operands, inner, ""), indent + ")"]


def _def(indent: str, name: str, parameters: str, returns: str) -> list[str] | None:
    """`def f(a: A, b: B) -> R:` too long for its line: black's left-hand split at the
    parameters' brackets, on a line of their own if they fit (a sole one with a
    trailing comma), else one per line, each with its comma."""
    head = f"{indent}def {name}("
    tail = f"{indent}){returns}:"
    inner = indent + "    "
    if len(indent) % 4 or _fits(f"{head}{parameters}{tail[len(indent):]}") or \
            not _fits(head) or not _fits(tail) or not _plain(name, parameters, returns):
        return None
    each = parameters.split(", ")
    if len(each) == 1:
        body = [f"{inner}{parameters},"]
    elif _fits(inner + parameters):
        body = [inner + parameters]
    else:
        body = [f"{inner}{parameter}," for parameter in each]
    return None if not all(_fits(line) for line in body) else [head, *body, tail]


def _union_item(item: str, indent: str) -> list[str] | None:
    """`A | B,` too long for its line in an exploded body: black's delimiter split at
    the `|`s (the comma stays on the last operand)."""
    operands = _operands(item)
    return None if operands is None else _union_lines(operands, indent, ",")


def _operands(union: str) -> list[str] | None:
    """The operands of `A | B[x] | C(y)`, each a name or a name and one call or
    subscript, or None."""
    operands = _items(union, "|")
    if operands is None or len(operands) < 2 or \
            not all(_OPERAND.fullmatch(op) and _one_group(op) for op in operands):
        return None
    return operands


def _union_lines(operands: list[str], indent: str, comma: str) -> list[str]:
    """One operand per line, each after its `|` (one too long for its line laid out
    by `layout.split_item`)."""
    out: list[str] = []
    for at, operand in enumerate(operands):
        piece = ("| " if at else "") + operand + (comma if at == len(operands) - 1 else "")
        text = indent + piece
        out.extend([text] if _fits(text) else layout.split_item(piece, len(indent) // 4))
    return out


def _one_group(operand: str) -> bool:
    """A name, or a name and one bracket pair that ends the operand."""
    name = _NAME_ONLY.match(operand)
    assert name is not None
    return name.end() == len(operand) or _items(operand[name.end() + 1:-1]) is not None


def _items(inner: str, separator: str = ",") -> list[str] | None:
    """`inner` cut at the commas (or ` | `) outside brackets and strings (None if its
    brackets do not pair up, or a separator ends it: a magic trailing comma)."""
    items: list[str] = []
    stack: list[str] = []
    start = 0
    for match in (_PIECE if separator == "," else _PIPE_PIECE).finditer(inner):
        quote, opens, closes, comma = match.groups()
        if quote and match.start() and _WORD_CHAR.match(inner, match.start() - 1):
            return None  # a prefixed string (`b"..."`), which black may rewrite
        if opens:
            stack.append(_PAIRS[opens])
        elif closes:
            if not stack or stack.pop() != closes:
                return None
        elif comma and not stack:
            items.append(inner[start:match.start()].strip(" "))
            start = match.end()
    if stack:
        return None
    last = inner[start:].strip(" ")
    if not last:
        return None
    return [*items, last]


_PAIRS = {"(": ")", "[": "]", "{": "}"}


# One-line shapes, each with its pattern (tried in order; the first that lays the
# statement out decides).
_SHAPES: tuple[tuple[re.Pattern[str], Callable[..., list[str] | None]], ...] = (
    (_CALL, _call), (_SET_CALL, _set_call), (_STRING_ASSIGN, _string_assign),
    (_ONE_LINE_DISPLAY, _one_line_display), (_CALL_STATEMENT, _call_statement),
    (_RETURN_CALL, _return_call), (_ASSIGN_CALL, _assign_call), (_UNION, _union),
    (_DEF, _def))
