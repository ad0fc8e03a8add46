"""Generated Python in black's layout, without running black.

Templates write code the way black lays it out, one statement per line; a line black
would still change (over 88 columns, a backslash escape, an exponent, five quotes in
a row) is laid out by `layout.split`, a port of black's line splitting. Lines inside
a docstring need nothing when black would leave the string as it is. Anything the
port does not cover (a multi-line statement that needs work, a comment inside one,
an unusual string) makes the whole file go through black instead (`formatting`,
imported only then): the output is the same either way, black's; only the time
differs. tests/test_layout.py asserts a default `generate` never imports black.
"""

from __future__ import annotations

import re

from . import layout

_FLAG = re.compile(r'\\|\d[eE][+-]?\d|"""""')
_SCAN = re.compile(r'"""|\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#|[()\[\]{}]')
_SAFE_ESCAPE = re.compile(r'\\(?:[\\"\'tnr]|x[0-9a-f]{2}|u[0-9a-f]{4})')


def needs_work(line: str) -> bool:
    return len(line) > layout.LINE_LENGTH or _FLAG.search(line) is not None


def lay_out(text: str) -> str | None:
    """`text` as black would format it, or None when it needs black itself."""
    try:
        return _lay_out(text)
    except layout.Unsupported:
        return None


def _lay_out(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    triple: str | None = None  # the quotes of a string still open at a line's end
    depth = 0  # brackets still open at a line's end
    start = 0  # first line of the current statement
    comment = False  # a comment somewhere in the current statement
    blank = 0  # blank lines waiting before the next statement
    for index, line in enumerate(lines):
        if triple is None and depth == 0:
            if not line.strip() and index < len(lines) - 1:
                blank += 1
                continue
            start, comment = index, False
        triple, depth, has_comment = _scan(line, triple, depth)
        comment = comment or has_comment
        if triple is not None or depth > 0:
            continue  # the statement goes on
        statement = lines[start:index + 1]
        if blank:  # black keeps at most two blank lines at the top level, one inside
            out.extend([""] * min(blank, 1 if line.startswith(" ") else 2))
            blank = 0
        if not any(needs_work(part) for part in statement):
            out.extend(statement)
        elif _is_string_statement(statement):
            out.extend(statement)
        elif len(statement) == 1 and line.lstrip().startswith("#"):
            out.append(line)  # black leaves a comment's text alone
        elif comment:
            raise layout.Unsupported("a comment in a statement that needs work")
        else:
            out.extend(_one(statement))
    if triple is not None or depth > 0:
        raise layout.Unsupported("unterminated")
    return "\n".join(out)


def _one(statement: list[str]) -> list[str]:
    line = statement[0]
    code = line.lstrip(" ")
    indent = len(line) - len(code)
    if indent % 4:
        raise layout.Unsupported("indentation")
    if code.startswith(('"""', "'''", "@")):
        raise layout.Unsupported("string statement or decorator")
    return layout.split([part.strip(" ") for part in statement], indent // 4)


def _scan(line: str, triple: str | None, depth: int) -> tuple[str | None, int, bool]:
    """The open triple quote and bracket depth after `line`, and whether it has a
    comment (outside strings)."""
    at = 0
    if triple is not None:
        end = _close(line, 0, triple)
        if end < 0:
            return triple, depth, False
        at = end
        triple = None
    rest = line[at:]
    if '"' not in rest and "'" not in rest and "#" not in rest:
        return None, depth + sum(map(rest.count, "([{")) - sum(map(rest.count, ")]}")), False
    comment = False
    while True:
        m = _SCAN.search(line, at)
        if m is None:
            break
        token = m.group()
        at = m.end()
        if token in ('"""', "'''"):
            end = _close(line, at, token)
            if end < 0:
                return token, depth, comment
            at = end
        elif token == "#":
            return None, depth, True
        elif token in "([{":
            depth += 1
        elif token in ")]}":
            depth -= 1
    return None, depth, comment


def _close(line: str, at: int, quote: str) -> int:
    """The index after the closing `quote` in `line` from `at` (escapes skipped), or -1."""
    while True:
        end = line.find(quote, at)
        if end < 0:
            return -1
        slashes = 0
        while end - slashes - 1 >= at and line[end - slashes - 1] == "\\":
            slashes += 1
        if slashes % 2 == 0:
            return end + len(quote)
        at = end + 1


def _is_string_statement(statement: list[str]) -> bool:
    """A bare triple-quoted string (a docstring) black leaves exactly as it is: it never
    splits strings; it pads a docstring that starts or ends with a quote or a
    backslash, lowercases hex escapes, and moves closing quotes that overflow the
    last line of a multi-line docstring."""
    source = "\n".join(statement)
    code = source.lstrip(" ")
    if not code.startswith('"""') or not code.endswith('"""') or len(code) < 6:
        return False
    if _close(code, 3, '"""') != len(code):
        return False  # more than one string
    body = code[3:-3]
    if not body or body[0] in '"\\ \t' or body[-1] in '"\\ \t':
        return False
    if "\\" in _SAFE_ESCAPE.sub("", body):
        return False
    return len(statement) == 1 or len(statement[-1]) <= layout.LINE_LENGTH
