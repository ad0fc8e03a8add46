"""Which parts of a generated Python module black has to see.

black formats each logical line on its own (given its indentation depth), so a
statement black would change can be formatted alone, inside stand-in headers
(`class _:`, `def _():`, `if _:`) that put it at its real depth. A line needs
black if it is long (over 88 characters), holds a backslash, an exponent
(`1E5`) or five quotes in a row. Such a line inside a plain statement sends that
statement; inside the header of a compound statement (a `def` signature, a
`class` line), the whole compound statement. A line inside a triple-quoted
string statement (a docstring) needs nothing when black would leave the string
as it is: black never splits strings; it only pads a docstring that starts or
ends with a quote or a backslash, moves closing quotes that overflow the last
line of a multi-line docstring (a string first in its block), and lowercases hex
escapes. Anything else (a
comment line, an unusual string) sends the whole top-level piece, as before.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

LINE_LENGTH = 88
_FLAG = re.compile(r'\\|\d[eE][+-]?\d|"""""')
_SAFE_ESCAPE = re.compile(r'\\(?:[\\"\'tnr]|x[0-9a-f]{2}|u[0-9a-f]{4})')
_HEADERS = {ast.ClassDef: "class _:", ast.FunctionDef: "def _():",
            ast.AsyncFunctionDef: "async def _():"}


@dataclass(frozen=True)
class Unit:
    """Lines [begin, end) of the module (0-based), formatted inside `headers`."""

    begin: int
    end: int
    headers: tuple[str, ...]


def needs_black(line: str) -> bool:
    return len(line.rstrip("\r\n")) > LINE_LENGTH or _FLAG.search(line) is not None


def units(lines: list[str], piece: list[ast.stmt], begin: int, end: int) -> list[Unit] | None:
    """The statements of one top-level piece (its statements, lines [begin, end)) that
    black must see, or None when the whole piece must go through black."""
    found: list[Unit] = []
    for index in range(begin, end):
        if not needs_black(lines[index]):
            continue
        unit = _unit_for(lines, piece, index + 1)
        if unit is None:
            return None
        if unit is not _SAFE:
            found.append(unit)
    found.sort(key=lambda u: (u.begin, -u.end))
    kept: list[Unit] = []
    for unit in found:  # drop units inside another (a statement inside a whole `def`)
        if not kept or unit.begin >= kept[-1].end:
            kept.append(unit)
    return kept


_SAFE = Unit(-1, -1, ())


def _unit_for(lines: list[str], piece: list[ast.stmt], lineno: int) -> Unit | None:
    """The unit holding 1-based line `lineno`, _SAFE if none is needed, None: the piece."""
    chain: list[ast.stmt] = []
    node = next((s for s in piece if _start(s) <= lineno <= _end(s)), None)
    if node is None:
        return None  # a comment or blank line between statements
    while True:
        child = next((c for c in _children(node) if _start(c) <= lineno <= _end(c)), None)
        if child is None or lines[child.lineno - 1][:child.col_offset].strip():
            break  # in the header, or a body on the header's line (`def f(): ...`)
        chain.append(node)
        node = child
    if _is_string(node):  # a docstring if first in its block (black's rule)
        firsts = [block[0] for block in _blocks(chain[-1]) if block] if chain else piece[:1]
        return _SAFE if _string_ok(lines, node, docstring=node in firsts) else None
    if _exploded_strings(lines, node):
        return _SAFE
    headers = tuple("    " * depth + _HEADERS.get(type(parent), "if _:")
                    for depth, parent in enumerate(chain))
    if node.col_offset != 4 * len(chain):
        return None
    return Unit(_start(node) - 1, _end(node), headers)


_LIST_ITEM = re.compile(r' *"[^"\\]*",\n')


def _exploded_strings(lines: list[str], node: ast.stmt) -> bool:
    """`name = [` / one plain string and a comma per line / `]` (like `__all__`): black
    keeps it as it is (the trailing comma holds it open, a string is never split), only
    a long first or last line would change."""
    if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.List)
            and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
        return False
    if _end(node) - node.lineno < 2:
        return False
    first, *items, last = lines[node.lineno - 1:_end(node)]
    indent = " " * (node.col_offset + 4)
    return (first == " " * node.col_offset + f"{node.targets[0].id} = [\n"
            and not needs_black(first) and last == " " * node.col_offset + "]\n"
            and len(items) == len(node.value.elts) > 0
            and all(item.startswith(indent) and item[len(indent)] == '"'
                    and _LIST_ITEM.fullmatch(item) for item in items))


def _start(node: ast.stmt) -> int:
    decorators: list[ast.expr] = getattr(node, "decorator_list", [])
    return min([node.lineno, *(d.lineno for d in decorators)])


def _end(node: ast.stmt) -> int:
    return node.end_lineno or node.lineno


def _children(node: ast.stmt) -> list[ast.stmt]:
    return [child for block in _blocks(node) for child in block]


def _blocks(node: ast.stmt) -> list[list[ast.stmt]]:
    """The indented blocks of a compound statement (body, else, except, finally, cases)."""
    out: list[list[ast.stmt]] = []
    for name in ("body", "orelse", "finalbody", "handlers", "cases"):
        items = getattr(node, name, [])
        if name in ("handlers", "cases"):  # except handlers, match cases: their bodies
            out.extend(list(item.body) for item in items)
        else:
            out.append(list(items))
    return out


def _is_string(node: ast.stmt) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) \
        and isinstance(node.value.value, str)


def _string_ok(lines: list[str], node: ast.stmt, docstring: bool) -> bool:
    """True when black leaves this string statement exactly as it is."""
    source = "".join(lines[node.lineno - 1:_end(node)])
    stripped = source.strip()
    if not (source.startswith(" " * node.col_offset + '"""') and stripped.endswith('"""')
            and len(stripped) >= 6 and source.endswith("\n")):
        return False
    body = stripped[3:-3]
    if not body or body[0] in '"\\ \t' or body[-1] in '"\\ \t':
        return False
    if "\\" in _SAFE_ESCAPE.sub("", body):
        return False
    last = source.rstrip("\n").split("\n")[-1]
    return not docstring or node.lineno == _end(node) or len(last) <= LINE_LENGTH


def split_batch(text: str, headers: tuple[str, ...], count: int) -> list[str] | None:
    """black's output for `count` statements formatted together under `headers`, cut
    back into one text per statement (None if it does not have that shape)."""
    lines = text.splitlines(keepends=True)
    if [line.rstrip("\n") for line in lines[:len(headers)]] != list(headers):
        return None
    body = ast.parse(text).body
    for _ in headers:
        if len(body) != 1:
            return None
        body = _children(body[0])
    if len(body) != count:
        return None
    return ["".join(lines[_start(node) - 1:_end(node)]) for node in body]
