"""One generated Python statement as the leaves black would build its line from.

Tokens come from a regex (statements are one line, or a few inside brackets); the
facts black reads off its syntax tree are decided from the neighbouring tokens: a
bracket that follows an operand is a call or subscript (a trailer), not a display; an
operator after an operator is unary; `for`/`if`/`in`/`not` get their role. Optional
(invisible) parentheses go where black's normalize_invisible_parens puts them: after
`=`, an annotation's `:`, `return`, `if`/`elif`/`while`, around a `def`'s return
annotation and around a parameter's union annotation. Anything else raises
`Unsupported`.
"""

from __future__ import annotations

import re

from .pystrings import Unsupported, normalize_number, normalize_string

__all__ = ["CLOSE", "OPEN", "Leaf", "Unsupported", "expression", "statement",
           "top_level"]


OPEN = {"(": ")", "[": "]", "{": "}"}


CLOSE = {")": "(", "]": "[", "}": "{"}


_KEYWORDS = frozenset(
    "False None True and as assert async await break class continue def del elif else "
    "except finally for from global if import in is lambda nonlocal not or pass raise "
    "return try while with yield".split())


_UNSUPPORTED_WORDS = frozenset(
    {"yield", "import", "with", "assert", "del",
     "global", "nonlocal", "except"})


# A token and the spaces before it (its prefix), in one match.
_TOKEN = re.compile(r"""
    ([ ]*)
  (?:
    (?P<string>(?:[rRbBuUfF]{1,2})?(?:'''|\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"))
  | (?P<number>(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+
        |(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?))
  | (?P<name>[^\W\d]\w*)
  | (?P<op>\*\*=|//=|>>=|<<=|->|\*\*|//|<<|>>|<=|>=|==|!=|:=|[-+*/%&|^@]=
        |[()\[\]{},:;.+\-*/%|&^~<>=@])
  )
""", re.VERBOSE)


_ASSIGN = frozenset({"=", "+=", "-=", "*=", "@=", "/=", "%=", "&=", "|=", "^=", "<<=",
                     ">>=", "**=", "//="})


class Leaf:
    """One token. `kind`: "name", "number", "string", "op" or a bracket character (the
    bracket's kind even when invisible: `value` ""). Facts black reads off its tree are
    decided once, from the tokens around: `trailer` (a call or subscript bracket, not
    a display), `unary`, and `role` for keywords whose meaning depends on context.
    `opens`/`closes`: an opening or closing bracket (asked a million times a run)."""

    __slots__ = ("kind", "value", "prefix", "opening", "trailer", "unary", "role", "depth",
                 "opens", "closes")

    def __init__(self, kind: str, value: str, prefix: str = "") -> None:
        self.kind = kind
        self.value = value
        self.prefix = prefix
        self.opens = kind in OPEN
        self.closes = kind in CLOSE
        self.opening: Leaf | None = None  # for a closing bracket
        self.trailer = False
        self.unary = False
        self.role = ""
        self.depth = 0

    def __str__(self) -> str:
        return self.prefix + self.value


def tokenize(parts: list[str]) -> list[Leaf]:
    """One statement (its physical lines, without indentation or newline) as leaves.
    Where a line goes on inside brackets, the next token's spacing is black's."""
    leaves: list[Leaf] = []
    for part in parts:
        if part.endswith("\\"):
            raise Unsupported("backslash continuation")
        first = len(leaves)
        leaves.extend(_tokenize_line(part))
        if first and first < len(leaves):
            leaf, before = leaves[first], leaves[first - 1]
            glued = before.opens or leaf.closes or leaf.value in (",", ":", ".")
            leaf.prefix = "" if glued else " "
    return leaves


def _tokenize_line(text: str) -> list[Leaf]:
    leaves: list[Leaf] = []
    at = 0
    end = len(text)
    match = _TOKEN.match
    while at < end:
        m = match(text, at)
        if m is None:
            if text[at:].strip(" "):
                raise Unsupported(f"cannot tokenize at {text[at:at + 10]!r}")
            break  # spaces at the end
        at = m.end()
        kind = m.lastgroup
        assert kind is not None and m.lastindex is not None
        value = m.group(m.lastindex)
        if kind == "name":
            if value in _UNSUPPORTED_WORDS:
                raise Unsupported(value)
        elif kind == "op":
            if value in OPEN or value in CLOSE:
                kind = value
            elif value == ":=":
                raise Unsupported(value)
        elif kind == "string":
            if value.endswith(("'''", '"""')) and len(value.lstrip("rRbBuUfF")) == 3:
                raise Unsupported("triple-quoted string")
            value = normalize_string(value)
        else:
            value = normalize_number(value)
        leaves.append(Leaf(kind, value, m.group(1)))
    return leaves


def _operand_end(leaf: Leaf | None) -> bool:
    if leaf is None:
        return False
    if leaf.kind in ("number", "string") or leaf.closes:
        return True
    return leaf.kind == "name" and (leaf.value not in _KEYWORDS
                                    or leaf.value in ("None", "True", "False"))


def _decide(leaves: list[Leaf]) -> None:
    """Link brackets and decide the tree facts black's delimiters depend on."""
    stack: list[Leaf] = []
    fors: list[tuple[int, bool]] = []  # (bracket depth, in a comprehension)
    comps: set[int] = set()  # bracket depths holding a comprehension `for`
    previous: Leaf | None = None
    for leaf in leaves:
        if leaf.opens:
            leaf.trailer = _operand_end(previous)
            stack.append(leaf)
        elif leaf.closes:
            if not stack or stack[-1].kind != CLOSE[leaf.kind]:
                raise Unsupported("unbalanced brackets")
            leaf.opening = stack.pop()
            leaf.trailer = leaf.opening.trailer
            comps.discard(len(stack) + 1)
        elif leaf.kind == "op":
            if leaf.value in ("*", "**", "-", "+", "~"):
                leaf.unary = not _operand_end(previous)
                if leaf.value == "**" and not leaf.unary:
                    raise Unsupported("power operator")
            if leaf.value == ";":
                raise Unsupported("two statements")
        elif leaf.kind == "name":
            value = leaf.value
            if value == "for":
                in_comp = bool(stack) and previous is not None
                fors.append((len(stack), in_comp))
                if in_comp:
                    leaf.role = "comp_for"
                    comps.add(len(stack))
            elif value == "in":
                if fors and fors[-1][0] == len(stack) and (previous is None or previous.value != "not"):
                    fors.pop()
                elif not (previous is not None and previous.value == "not"):
                    leaf.role = "comparison"
            elif value == "not":
                if previous is not None and previous.value == "is":
                    pass
                elif _next_is(leaves, leaf, "in"):
                    leaf.role = "comparison"
            elif value == "if" and previous is not None:
                leaf.role = "comp_if" if len(stack) in comps else "ternary"
            elif value == "else" and previous is not None:
                leaf.role = "ternary"
        previous = leaf
    if stack:
        raise Unsupported("unbalanced brackets")


def _next_is(leaves: list[Leaf], leaf: Leaf, value: str) -> bool:
    i = leaves.index(leaf)
    return i + 1 < len(leaves) and leaves[i + 1].value == value


def _parenthesized(child: list[Leaf]) -> bool:
    return len(child) > 1 and child[0].kind == "(" and child[-1].kind == ")" \
        and child[-1].opening is child[0] and bool(child[0].value)


def _invisible(leaves: list[Leaf], start: int, end: int) -> list[Leaf]:
    """`leaves[start:end]` wrapped in invisible parentheses (as black's
    normalize_invisible_parens does after `=`, `:`, `return`, `if`...)."""
    if start >= end:
        return leaves
    child = leaves[start:end]
    if _parenthesized(child):
        inner = child[1:-1]
        if not inner or any(inner[i].kind == "op" and inner[i].value == ","
                            for i in top_level(inner)):
            return leaves  # a tuple keeps its own parentheses
        if _parenthesized(inner):
            raise Unsupported("nested redundant parentheses")
        child[0].value = child[-1].value = ""  # redundant: made optional
        return leaves
    lpar, rpar = Leaf("(", "", child[0].prefix), Leaf(")", "")
    child[0].prefix = ""
    rpar.opening = lpar
    return leaves[:start] + [lpar] + child + [rpar] + leaves[end:]


def statement(parts: list[str]) -> tuple[list[Leaf], bool]:
    """The leaves black builds a line from for one statement, optional parentheses
    included, and whether it is a `def`."""
    leaves = tokenize(parts)
    if not leaves:
        raise Unsupported("empty")
    _decide(leaves)
    first = leaves[0].value
    if first == "async" and len(leaves) > 1 and leaves[1].value == "def":
        first = "def"
    elif any(leaf.kind == "name" and leaf.value in ("async", "from") for leaf in leaves) \
            and first != "raise":
        raise Unsupported("async or from")
    is_def = first == "def"
    top = top_level(leaves)
    if is_def:
        arrow = next((i for i in top if leaves[i].value == "->"), None)
        if arrow is not None and leaves[-1].value == ":":
            leaves = _invisible(leaves, arrow + 1, len(leaves) - 1)
        if len(leaves) > 2 and leaves[2].kind == "[":
            raise Unsupported("type parameters")
        leaves = _wrap_parameter_unions(leaves)
    elif first in ("return", "if", "elif", "while"):
        end = len(leaves) - 1 if first != "return" and leaves[-1].value == ":" else len(leaves)
        if first != "return" and end == len(leaves):
            raise Unsupported("one-line block")
        leaves = _invisible(leaves, 1, end)
    elif first == "for":  # optional parentheses around the targets and the iterable
        inside = next((i for i in top if leaves[i].kind == "name" and leaves[i].value == "in"),
                      None)
        if inside is None or leaves[-1].value != ":" or leaves[1].opens:
            raise Unsupported("for statement")
        leaves = _invisible(leaves, inside + 1, len(leaves) - 1)
        leaves = _invisible(leaves, 1, inside)
    elif first in ("class", "else", "try", "finally", "pass", "break", "continue", "raise"):
        if first != "class" and first != "raise" and leaves[-1].value != ":" and len(leaves) > 1:
            raise Unsupported(first)
    else:
        marks = [i for i in top if leaves[i].kind == "op" and leaves[i].value in _ASSIGN]
        colon = next((i for i in top if leaves[i].value == ":"), None)
        if colon is not None and (marks and colon > marks[0]):
            raise Unsupported("colon after assignment")
        cuts = ([colon] if colon is not None else []) + marks
        for cut in reversed(cuts):
            following = [i for i in cuts if i > cut]
            end = following[0] if following else len(leaves)
            leaves = _invisible(leaves, cut + 1, end)
            top = top_level(leaves)
    return leaves, is_def


def expression(text: str) -> list[Leaf]:
    """The leaves of one expression on one line (an item of a display, say): no
    optional parentheses, which black adds only around a statement's parts."""
    leaves = tokenize([text])
    if not leaves:
        raise Unsupported("empty")
    _decide(leaves)
    return leaves


def _wrap_parameter_unions(leaves: list[Leaf]) -> list[Leaf]:
    """black's visit_tname: a parameter's annotation that is a `|` union (or a display)
    gets optional parentheses."""
    opening = next((i for i, leaf in enumerate(leaves) if leaf.kind == "("), None)
    if opening is None:
        return leaves
    closing = next(i for i, leaf in enumerate(leaves) if leaf.opening is leaves[opening])
    spans: list[tuple[int, int]] = []
    depth = 0
    start: int | None = None
    for i in range(opening + 1, closing + 1):
        leaf = leaves[i]
        if depth == 0 and (i == closing or leaf.value in (",", "=")) and leaf.kind != "string":
            if start is not None:
                spans.append((start, i))
                start = None
        elif depth == 0 and leaf.kind == "op" and leaf.value == ":":
            start = i + 1
        if leaf.opens:
            depth += 1
        elif leaf.closes:
            depth -= 1
    for begin, end in reversed(spans):
        annotation = leaves[begin:end]
        if _parenthesized(annotation):
            leaves = _invisible(leaves, begin, end)
            continue
        union = any(annotation[i].kind == "op" and annotation[i].value == "|"
                    for i in top_level(annotation))
        display = annotation[0].opens and annotation[-1].opening is annotation[0]
        if union or display:
            leaves = _invisible(leaves, begin, end)
    return leaves


def top_level(leaves: list[Leaf]) -> list[int]:
    out: list[int] = []
    depth = 0
    for i, leaf in enumerate(leaves):
        if leaf.closes:
            depth -= 1
        if depth == 0:
            out.append(i)
        if leaf.opens:
            depth += 1
    return out
