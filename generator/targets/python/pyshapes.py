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
  too long for it: black explodes it, one item per line;
- a call on its own or returned (`e.append(bad((p, "x"), "type", "string", v))`,
  `return _b.Types(...)`), or assigned (`A: TypeAlias = Annotated[...]`): the
  arguments on a line of their own, or one per line, or a sole call argument laid
  out the same way one level in;
- a union assigned (`A: TypeAlias = B | C | D`): in parentheses, on a line or one
  operand per line;
- a `def` line with plain parameters (`def _v_X(d: Any, p: Any, e: Errors) -> None:`).

An element of an exploded body that is still too long is split at its own brackets
(`pybodies`), or else by `layout.split_item`. `lay_out` returns black's lines for a
statement of one of these shapes, or None for anything else (then `layout.split`
decides). Atoms are plain: ASCII names, dotted names and double-quoted strings
without a backslash, so no token needs normalizing. tests/test_layout.py checks each
shape against `layout.split` over many lengths.
"""

from __future__ import annotations

import re
from typing import Callable

from . import layout
from .pybodies import ATOM, NAME, PAIRS, STRING, call_lines, cut, element, fits, operands, \
    union_lines
from .pyline import LINE_LENGTH
from .pystrings import normalize_string


_CALL = re.compile(rf"( *)({NAME}) = ({NAME})\(({NAME})\)")
_SET_CALL = re.compile(rf"( *)({NAME}) = ({NAME})\(\{{({ATOM}(?:, {ATOM})*)\}}\)")
_STRING_ASSIGN = re.compile(rf"( *)({NAME}) = ((?:'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"))")
_DISPLAY_HEAD = re.compile(r"( *)[A-Za-z_][\w.\[\], |:]* = [\[{]")
_ONE_LINE_DISPLAY = re.compile(r"( *)([A-Za-z_][\w.\[\], |:]* = )([\[{(])(.*)([\]})])")
# A one-element tuple, `(x,)`: its comma is no magic trailing comma.
_ONE_TUPLE = re.compile(rf"(?<![\w)\]}}\"])\({ATOM},\)")
_MAGIC = re.compile(r",[)\]}]")
# What black would change or split at inside an item: a quote to normalize, a number
# it writes differently, a comment, `**`, `:=`, `;`, a call spaced from its callee.
_UNSURE = re.compile(r"[#'\\;]|\*\*|:=|[\w)\]}\"] \(|(?<![\w.])(?:\d[\w.]*[.A-Za-z]|\.\d)")
_CALL_STATEMENT = re.compile(rf"( *)({NAME})\((.*)\)")
_PARAMETER = rf"[A-Za-z_][A-Za-z0-9_]*: {NAME}"
_DEF = re.compile(rf"( *)def ([A-Za-z_][A-Za-z0-9_]*)\(((?:{_PARAMETER}, )*{_PARAMETER})\)"
                  rf"((?: -> {NAME})?):")
_RETURN_CALL = re.compile(rf"( *)return ({NAME})\((.*)\)")
_ASSIGN_CALL = re.compile(rf"( *)({NAME}(?:: .+?)? = {NAME})([(\[])(.*)([)\]])")
_ASSIGN_ATOM = re.compile(rf"( *)({NAME}): (.+?) = ({ATOM})")
_SUBSCRIPT = re.compile(rf"({NAME})\[(.*)\]")
_UNION = re.compile(rf"( *)({NAME}(?:: {NAME})? = )(.* \| .*)")
_ITEM = re.compile(rf"(?:{STRING}: )?{ATOM},")
# `A: X[...] = f(` opening a call black keeps exploded (a magic trailing comma).
_EXPLODED_HEAD = re.compile(rf"( *)({NAME}): ({NAME})\[(.*)\] = ({NAME})\(")

_KEYWORDS = frozenset(  # the constants (None, True, False) are atoms too
    "and as assert async await break class continue def del elif else "
    "except finally for from global if import in is lambda nonlocal not or pass raise "
    "return try while with yield".split())
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def lay_out(statement: list[str]) -> list[str] | None:
    """black's lines for `statement` (its physical lines) if it has a shape this
    module knows, else None."""
    first = statement[0]
    if not first.isascii():
        return None
    if len(statement) > 1:
        return _display(statement) or _exploded_call(statement)
    for pattern, shape in _SHAPES:
        found = pattern.fullmatch(first)
        if found is not None:
            lines = shape(*found.groups())
            if lines is not None:
                return lines
    return None


def _plain(*names: str) -> bool:
    """No keyword where a name goes (the constants are atoms)."""
    return _KEYWORDS.isdisjoint(_WORD.findall(" ".join(names)))


def _call(indent: str, target: str, function: str, argument: str) -> list[str] | None:
    """`A = f(B)`: as is if it fits; else the argument on a line of its own; when even
    `A = f(` does not fit, the right-hand side in parentheses, if every line then fits."""
    if len(indent) % 4 or not _plain(target, function, argument):
        return None
    inner = indent + "    "
    line = f"{indent}{target} = {function}({argument})"
    if fits(line):
        return [line]
    first = [f"{indent}{target} = {function}(", inner + argument, indent + ")"]
    if fits(first[0]):
        return first
    call = inner + f"{function}({argument})"
    body = [call] if fits(call) else [inner + function + "(", inner + "    " + argument, inner + ")"]
    second = [f"{indent}{target} = (", *body, indent + ")"]
    return second if all(fits(part) for part in second) else first


def _set_call(indent: str, target: str, function: str, items: str) -> list[str] | None:
    """`A = f({a, b})` with a short `A = f(`: the set on a line of its own, or one item
    per line with a trailing comma when it does not fit."""
    if len(indent) % 4 or not _plain(target, function, _STRINGS.sub("", items)):
        return None
    inner = indent + "    "
    line = f"{indent}{target} = {function}({{{items}}})"
    head = f"{indent}{target} = {function}("
    if fits(line):
        return [line]
    if not fits(head):
        return None
    if fits(inner + "{" + items + "}"):
        return [head, inner + "{" + items + "}", indent + ")"]
    atoms = re.findall(ATOM, items)
    return [head, inner + "{", *(f"{inner}    {atom}," for atom in atoms), inner + "}",
            indent + ")"]


_STRINGS = re.compile(STRING)


def _string_assign(indent: str, target: str, string: str) -> list[str] | None:
    """`A = "..."`: the string as black quotes it; too long, in parentheses on a line
    of its own if it fits there, else left as it is (black cannot split a string)."""
    if len(indent) % 4 or not _plain(target):
        return None
    string = normalize_string(string)
    line = f"{indent}{target} = {string}"
    if fits(line) or not fits(f"{indent}    {string}"):
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
    if head is None or len(statement) < 3 or not fits(statement[0]):
        return None
    indent = head.group(1)
    closing = "]" if statement[0][-1] == "[" else "}"
    if len(indent) % 4 or statement[-1] != indent + closing:
        return None
    if not _balanced(statement[0][:-1]):
        return None
    body = "\n".join(statement[1:-1])  # every item line at once (`__all__` has thousands)
    items = re.compile(rf"{indent}    {_ITEM.pattern}(?:\n{indent}    {_ITEM.pattern})*")
    if items.fullmatch(body) is None or not _plain(_STRINGS.sub("", body)) or \
            not _plain(_STRINGS.sub("", statement[0])):
        return None
    return statement


def _exploded_call(statement: list[str]) -> list[str] | None:
    """`A: X[b, c] = f(` / one argument per line, each with its comma / `)`, the first
    line too long: black keeps the call exploded and, when `A: X[b, c] = (` fits, puts
    the call in the optional parentheses, one level in; else it splits the annotation's
    subscript (`A: X[` / `b, c` / `] = f(`) when those lines fit."""
    found = _EXPLODED_HEAD.fullmatch(statement[0])
    if found is None or fits(statement[0]):
        return None
    indent, target, subscript, arguments, function = found.groups()
    inner = indent + "    "
    if len(indent) % 4 or statement[-1] != indent + ")" or len(statement) < 3 or \
            not _sure(statement[0][:-1], ""):
        return None
    elements = []
    for line in statement[1:-1]:
        element_text = line[len(inner):-1]
        if not line.startswith(inner) or not line.endswith(",") or \
                not _sure("", element_text) or cut(element_text) != [element_text]:
            return None
        elements.append(element_text)
    assigned = f"{indent}{target}: {subscript}[{arguments}] = ("
    if fits(assigned):
        call = [f"{inner}{function}("]
        for each in elements:
            call.extend(element(each, inner + "    "))
        return [assigned, *call, inner + ")", indent + ")"]
    head = call_lines(indent, f"{target}: {subscript}", arguments, "[")
    tail = f"{indent}] = {function}("
    if head is None or not fits(tail):
        return None
    call = []
    for each in elements:
        call.extend(element(each, inner))
    return [*head[:-1], tail, *call, indent + ")"]


def _one_line_display(indent: str, head: str, opening: str, inner: str,
                      closing: str) -> list[str] | None:
    """`A = {a, b}` too long for one line, whose `A = {` and items (each with a comma)
    fit: black's right-hand split keeps `A = {` and puts each item on its own line.
    Anything that could change an item (a quote to normalize, a number, a magic comma
    inside, a keyword black splits at) leaves the statement to `layout.split`."""
    line = indent + head + opening
    if fits(line + inner + closing):
        return None  # on one line, unless a magic comma explodes it: layout.split knows
    if len(indent) % 4 or not fits(line) or PAIRS[opening] != closing or \
            not _sure(head, inner):  # a magic comma changes which brackets black splits
        return None
    items = cut(inner)
    if items is None or len(items) < 2 or not all(items):
        return None  # one item is no comma-delimited body: black keeps it whole
    inner_indent = indent + "    "
    out = [line]
    for item in items:
        out.extend(element(item, inner_indent))
    out.append(indent + closing)
    return out


def _call_statement(indent: str, function: str, arguments: str,
                    keyword: str = "") -> list[str] | None:
    """`f(a, b)` (or `return f(a, b)`) too long for its line, no magic comma in it,
    nothing black would rewrite: black's right-hand split at the call's own brackets
    (a `return`'s optional parentheses are left out: black prefers the call's own).
    """
    if len(indent) % 4 or fits(f"{indent}{keyword}{function}({arguments})") or \
            not _sure(function, arguments):
        return None
    return call_lines(indent, keyword + function, arguments)


def _return_call(indent: str, function: str, arguments: str) -> list[str] | None:
    return _call_statement(indent, function, arguments, "return ")


def _assign_call(indent: str, head: str, opening: str, arguments: str,
                 closing: str) -> list[str] | None:
    """`A: T = f(a, b)` or `A = X[a, b]` too long for its line: black leaves out the
    optional parentheses and splits at the call's or subscript's own brackets, when
    `A: T = f(` fits (else None: `layout.split` weighs the other ways)."""
    if len(indent) % 4 or PAIRS[opening] != closing or not _sure(head, arguments) or \
            fits(f"{indent}{head}{opening}{arguments}{closing}"):
        return None
    return call_lines(indent, head, arguments, opening)


def _assign_atom(indent: str, target: str, annotation: str, atom: str) -> list[str] | None:
    """`a: T = None` too long for its line: black's optional parentheses around `None`
    when `a: T = (` fits, else, for an annotation `X[b, c]`, its subscript split at its
    brackets (`a: X[` / its arguments / `] = None`)."""
    head = f"{indent}{target}: {annotation} = "
    if len(indent) % 4 or fits(head + atom) or not _sure(head, ""):
        return None
    if len(head) < LINE_LENGTH:  # black measures `a: T = ` (its optional paren empty)
        return [head + "(", f"{indent}    {atom}", indent + ")"]
    subscript = _SUBSCRIPT.fullmatch(annotation)
    lines = None if subscript is None else \
        call_lines(indent, f"{target}: {subscript.group(1)}", subscript.group(2), "[")
    tail = f"{indent}] = {atom}"
    if lines is None or not fits(tail):
        return None
    return [*lines[:-1], tail]


def _sure(head: str, arguments: str) -> bool:
    """Nothing in a statement's head or arguments black would rewrite or split
    otherwise (see `_UNSURE`), no magic comma, no keyword; the head's brackets pair up."""
    for text in (head, arguments):
        code = _STRINGS.sub('""', text)
        if _UNSURE.search(code) or _MAGIC.search(_ONE_TUPLE.sub("t", code)) or \
                not _plain(code):
            return False
    return not head or cut(_STRINGS.sub('""', head)) is not None


def _union(indent: str, head: str, union: str) -> list[str] | None:
    """`A: T = B | C | D` too long for its line: black's right-hand split at the
    optional parentheses around the union (which it cannot leave out: two `|` or more,
    or one not before a call), the union on a line of its own if it fits, else one
    operand per line, each after its `|` (one too long split at its own brackets).
    """
    line = f"{indent}{head}("
    if len(indent) % 4 or fits(indent + head + union) or not fits(line) or \
            not _sure(head, union):
        return None
    found = operands(union)
    if found is None or len(found) == 2 and found[-1].endswith(")"):
        return None  # one `|` before a call: black may leave the parentheses out
    inner = indent + "    "
    if fits(inner + union):
        return [line, inner + union, indent + ")"]
    return [line, *union_lines(found, inner, ""), indent + ")"]


def _def(indent: str, name: str, parameters: str, returns: str) -> list[str] | None:
    """`def f(a: A, b: B) -> R:` too long for its line: black's left-hand split at the
    parameters' brackets, on a line of their own if they fit (a sole one with a
    trailing comma), else one per line, each with its comma."""
    head = f"{indent}def {name}("
    tail = f"{indent}){returns}:"
    inner = indent + "    "
    if len(indent) % 4 or fits(f"{head}{parameters}{tail[len(indent):]}") or \
            not fits(head) or not fits(tail) or not _plain(name, parameters, returns):
        return None
    each = parameters.split(", ")
    if len(each) == 1:
        body = [f"{inner}{parameters},"]
    elif fits(inner + parameters):
        body = [inner + parameters]
    else:
        body = [f"{inner}{parameter}," for parameter in each]
    return None if not all(fits(line) for line in body) else [head, *body, tail]



# One-line shapes, each with its pattern (tried in order; the first that lays the
# statement out decides).
_SHAPES: tuple[tuple[re.Pattern[str], Callable[..., list[str] | None]], ...] = (
    (_CALL, _call), (_SET_CALL, _set_call), (_STRING_ASSIGN, _string_assign),
    (_ONE_LINE_DISPLAY, _one_line_display), (_CALL_STATEMENT, _call_statement),
    (_RETURN_CALL, _return_call), (_ASSIGN_CALL, _assign_call), (_UNION, _union),
    (_DEF, _def), (_ASSIGN_ATOM, _assign_atom))
