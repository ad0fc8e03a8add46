"""Generated Python in black's layout, without running black.

Templates write code the way black lays it out, one statement per line; a line black
would still change (over 88 columns, a backslash escape, an exponent, five quotes in
a row) is laid out by `pyshapes` when it has one of the shapes templates repeat most,
else by `layout.split`, a port of black's line splitting. Most lines need nothing:
a module's distinct line texts are classified at once, by searches over all of them
joined (`_classify`): a simple line (it fits, nothing flagged, no comment sign or
triple quote, its brackets outside strings pair up) is a statement black leaves as
it is, or a piece of the one around it that changes nothing, and the statement loop
copies runs of them without looking; the others' quotes and brackets are scanned
once per distinct text. Lines inside a docstring need nothing when black would
leave the string as it is. Anything the
port does not cover (a multi-line statement that needs work, a comment inside one,
an unusual string) makes the whole file go through black instead (`formatting`,
imported only then): the output is the same either way, black's; only the time
differs. tests/test_layout.py asserts a default `generate` never imports black.
"""

from __future__ import annotations

import re
from itertools import chain, compress, count
from operator import not_

from . import layout, pyshapes

_FLAG = re.compile(r'\\(?:["\'xuUN]|$)|\d[eE][+-]?\d|"""""')
# _FLAG's parts searched apart over a whole module: the two with a literal start are
# found fast, and the digit-led one alone scans quicker than within the alternation.
_FLAG_PARTS_UNICODE = (re.compile(r'\\(?:["\'xuUN]|$)', re.MULTILINE),
                       re.compile(r"\d[eE][+-]?\d"), re.compile('"""""'))
# ... and in ASCII text, where `\d` is [0-9] either way, the quicker ASCII-only search.
_FLAG_PARTS = (*_FLAG_PARTS_UNICODE[::2], re.compile(r"\d[eE][+-]?\d", re.ASCII))
_SCAN = re.compile(r'"""|\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#|[()\[\]{}]')
# A string on one line (unrolled: a third quicker than the alternation per character).
_STRINGS = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"|\'[^\'\\\n]*(?:\\.[^\'\\\n]*)*\'')
# ... its double-quoted half, for a text without a single quote: a search with one
# first character skips ahead where the alternation tries both (~2x faster).
_DOUBLE_STRINGS = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"')
# Everything but brackets and line breaks, removed to leave the bracket skeleton.
_NOT_BRACKET = re.compile(r"[^()\[\]{}\n]+")
_BRACKETS = {code: None for code in range(128) if chr(code) not in "()[]{}\n"}
_TYPE_IGNORE = re.compile(r"  # type: ignore\b[^#]*$")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
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
    simple, flagged = _classify(lines)
    last = len(lines) - 1
    out: list[str] = []
    triple: str | None = None  # the quotes of a string still open at a line's end
    depth = 0  # brackets still open at a line's end
    start = 0  # first line of the current statement
    comment = False  # a comment somewhere in the current statement
    blank = 0  # blank lines waiting before the next statement
    scanned: dict[str, tuple[str | None, int, bool]] = {}  # lines repeat: a third is new
    done = 0  # the lines before this one are handled
    # Most lines are simple: each a statement black leaves as it is, or a piece of the
    # statement or string around it that changes nothing. Only the others are visited.
    for index in chain(compress(count(), map(not_, map(simple.__contains__, lines))),
                       [len(lines)]):
        if index > done and triple is None and depth == 0:
            if blank:
                out.extend([""] * min(blank, 1 if lines[done].startswith(" ") else 2))
                blank = 0
            out.extend(lines[done:index])
        done = index + 1
        if index == len(lines):
            break
        line = lines[index]
        if triple is None:
            if depth == 0:
                if (not line or line.isspace()) and index < last:
                    blank += 1
                    continue
                start, comment = index, False
            known = scanned.get(line)
            if known is None:
                known = scanned[line] = _scan(line, None, 0)
            triple, has_comment = known[0], known[2]
            depth += known[1]
        else:
            triple, depth, has_comment = _scan(line, triple, depth)
        comment = comment or has_comment
        if triple is not None or depth > 0:
            continue  # the statement goes on
        if blank:  # black keeps at most two blank lines at the top level, one inside
            out.extend([""] * min(blank, 1 if line.startswith(" ") else 2))
            blank = 0
        if start == index:  # one line, most often as it stays
            if len(line) <= layout.LINE_LENGTH and line not in flagged:
                out.append(line)
                continue
            statement = [line]
        else:
            statement = lines[start:index + 1]
            if max(map(len, statement)) <= layout.LINE_LENGTH and flagged.isdisjoint(statement):
                out.extend(statement)
                continue
        first_in_block = not out or out[-1].endswith(":")
        if _is_string_statement(statement):
            out.extend(_string(statement, first_in_block))
        elif len(statement) == 1 and line.lstrip().startswith("# "):
            out.append(line.rstrip())  # black never splits a comment
        elif comment and len(statement) == 1 and _ends_in_type_ignore(line):
            out.append(line)
        elif comment:
            raise layout.Unsupported("a comment in a statement that needs work")
        else:
            out.extend(_one(statement))
    if triple is not None or depth > 0:
        raise layout.Unsupported("unterminated")
    return "\n".join(out)


def _classify(lines: list[str]) -> tuple[set[str], set[str]]:
    """The module's simple lines, each a statement black leaves as it is wherever it
    stands alone (not blank, fits, nothing `_FLAG` finds, no comment sign or triple
    quote, its brackets outside strings pair up), and its flagged lines (something
    black changes besides their length). Decided once per distinct text, by searches
    over all of them joined, not line by line."""
    distinct = list(dict.fromkeys(lines))
    text = "\n".join(distinct)
    code = (_STRINGS if "'" in text else _DOUBLE_STRINGS).sub("", text)
    brackets = code.translate(_BRACKETS) if code.isascii() else _NOT_BRACKET.sub("", code)
    while True:  # pairs inside a line, innermost first, until none is left
        size = len(brackets)
        brackets = brackets.replace("()", "").replace("[]", "").replace("{}", "")
        if len(brackets) == size:
            break
    simple = set(compress(distinct, map(not_, brackets.split("\n"))))
    simple.difference_update(compress(distinct, map(not_, map(str.strip, distinct))),
                             compress(distinct, map(layout.LINE_LENGTH.__lt__, map(len, distinct))))
    parts = _FLAG_PARTS if text.isascii() else _FLAG_PARTS_UNICODE
    flagged = {distinct[at] for at in _line_numbers(
        text, [match.start() for part in parts for match in part.finditer(text)])}
    marks: list[int] = []
    for mark in ("#", '"""', "'''"):
        at = text.find(mark)
        while at >= 0:
            marks.append(at)
            end = text.find("\n", at)
            at = text.find(mark, end + 1) if end >= 0 else -1
    simple.difference_update(flagged, [distinct[at] for at in _line_numbers(text, marks)])
    return simple, flagged


def _line_numbers(text: str, positions: list[int]) -> set[int]:
    """The lines (by index) `positions` in `text` fall on."""
    found: set[int] = set()
    line = at = 0
    for start in sorted(positions):
        line += text.count("\n", at, start)
        at = start
        found.add(line)
    return found


def _ends_in_type_ignore(line: str) -> bool:
    """A line a `# type: ignore` comment ends, and nothing but its length to change:
    black never splits it (it cannot tell which part the comment is about)."""
    found = _TYPE_IGNORE.search(line)
    return found is not None and not _FLAG.search(line[:found.start()])


def _one(statement: list[str]) -> list[str]:
    line = statement[0]
    code = line.lstrip(" ")
    indent = len(line) - len(code)
    if indent % 4:
        raise layout.Unsupported("indentation")
    if code.startswith(('"""', "'''", "@")):
        raise layout.Unsupported("string statement or decorator")
    known = pyshapes.lay_out(statement)
    if known is not None:
        return known
    return layout.split([part.strip(" ") for part in statement], indent // 4)


def _scan(line: str, triple: str | None, depth: int) -> tuple[str | None, int, bool]:
    """The open triple quote and bracket depth after `line`, and whether it has a
    comment (outside strings)."""
    if triple is None and "#" not in line:
        if '"' not in line and "'" not in line:
            return None, depth + _brackets(line), False
        if '"""' not in line and "'''" not in line:  # strings open and close here
            return None, depth + _brackets(_STRINGS.sub("", line)), False
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


def _brackets(code: str) -> int:
    return (code.count("(") + code.count("[") + code.count("{")
            - code.count(")") - code.count("]") - code.count("}"))


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
    """A bare triple-quoted string whose escapes black leaves alone."""
    source = "\n".join(statement)
    code = source.lstrip(" ")
    if not code.startswith('"""') or not code.endswith('"""') or len(code) < 6:
        return False
    if _close(code, 3, '"""') != len(code):
        return False  # more than one string
    return "\\" not in _SAFE_ESCAPE.sub("", code[3:-3])


def _string(statement: list[str], docstring: bool) -> list[str]:
    """A string statement as black leaves it: unchanged, unless it is a docstring (a
    string first in its block), which black re-indents, strips, pads and closes as
    below (black's `visit_default` docstring handling)."""
    if not docstring:
        return statement
    first = statement[0]
    indent = first[:len(first) - len(first.lstrip(" "))]
    code = "\n".join(statement)[len(indent):]
    if re.search(r"\\\s*\n", code):
        return statement  # black leaves a docstring with backslash-newline alone
    if "\t" in code:
        raise layout.Unsupported("tab in a docstring")
    content = code[3:-3]
    started_empty = not content
    if "\n" in code:
        content = _fix_indentation(content, indent)
    else:
        content = content.strip()
    trailing_backslash = False
    if content:
        if content[0] == '"':
            content = " " + content
        if content[-1] == '"':
            content += " "
        if content[-1] == "\\" and (len(content) - len(content.rstrip("\\"))) % 2:
            content += " "
            trailing_backslash = True
    elif not started_empty:
        content = " "
    lines = content.splitlines()
    last = len(lines[-1]) if content and not content.endswith("\n") else 0
    if len(lines) > 1 and last + 3 > layout.LINE_LENGTH and not trailing_backslash:
        if code[-4] == "\n":
            value = '"""' + content + '"""'
        else:  # closing quotes on a line of their own: black drops the quote's padding
            value = '"""' + content.rstrip(" ") + "\n" + indent + '"""'
    else:
        value = '"""' + content + '"""'
    return (indent + value).split("\n")


def _fix_indentation(docstring: str, prefix: str) -> str:
    """black's fix_multiline_docstring (PEP 257 indentation handling)."""
    lines = _LINE_BREAK.split(docstring)
    indent = min((len(line) - len(line.lstrip()) for line in lines[1:] if line.strip()),
                 default=None)
    trimmed = [lines[0].strip()]
    if indent is not None:
        last = len(lines) - 2
        for i, line in enumerate(lines[1:]):
            stripped = line[indent:].rstrip()
            trimmed.append(prefix + stripped if stripped or i == last else "")
    return "\n".join(trimmed)
