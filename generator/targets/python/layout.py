"""Lay out one generated Python statement as black would, without black.

Templates write every statement on one line in black's spacing; what black still
changes on such a line is its length (over 88 columns: split at brackets and
delimiters), string quotes (`"a \\"b\\""` -> `'a "b"'`) and numeric literals
(`1E5` -> `1e5`). `split()` does exactly that for one statement, following black's
stable style (line length 88, Python 3.11 target): right-hand splits with optional
parentheses, delimiter splits by priority, left-hand splits of `def` lines, trailing
commas, exploded collection literals. It is a port of black's `linegen` for the
subset of Python that generated code uses; a statement outside that subset
(comments, `lambda`, `yield`, walrus, a trailing comma already written, multi-line
or non-ASCII-wide text, `import`, `with`...) raises `Unsupported`, and the caller
formats that file with black instead. `black --check` on every real spec's output
(tests/test_upstream_specs.py) and tests/test_layout.py keep the two identical.
"""

from __future__ import annotations

from typing import Iterator

from .pyline import (COMMA, DOT, LINE_LENGTH, Line, can_be_split, can_omit_closing,
                     can_omit_opening, one_sequence, short, touched, width)
from .pytokens import Leaf, Unsupported, expression, statement

__all__ = ["LINE_LENGTH", "Unsupported", "split", "split_item"]


class _CannotSplit(Exception):
    pass


def transform(line: Line, force: bool = False) -> list[Line]:
    """black's transform_line."""
    line_str = str(line)
    if not line.should_split_rhs and line.magic is None and short(line):
        return [line]
    if line.is_def:
        transformers = [_lhs]
    elif line.inside:
        transformers = [_delimiter_split, _rhs]
    else:
        transformers = [_rhs]
    for fn in transformers:
        try:
            return _run(line, fn, line_str, force)
        except _CannotSplit:
            continue
    return [line]


def _run(line: Line, fn: object, line_str: str, force: bool) -> list[Line]:
    optional = [b for b in line.invisible if b.depth == 0]
    result: list[Line] = []
    for part in fn(line, force):  # type: ignore[operator]
        if str(part) == line_str:
            raise _CannotSplit("unchanged")
        result.extend(transform(part, force))
    if (force or fn is not _rhs or not line.invisible
            or any(b.value for b in optional) or short(result[0])):
        return result
    copy = _copy(line)
    second = _run(copy, fn, line_str, True)
    if all(short(part) for part in second):
        return second
    return result


def _copy(line: Line) -> Line:
    """black's line.clone() + append_leaves: new leaves, same values and facts."""
    fresh: dict[int, Leaf] = {}
    leaves: list[Leaf] = []
    for leaf in line.leaves:
        new = Leaf(leaf.kind, leaf.value, leaf.prefix)
        new.trailer, new.unary, new.role = leaf.trailer, leaf.unary, leaf.role
        if leaf.opening is not None:
            new.opening = fresh.get(id(leaf.opening))
        fresh[id(leaf)] = new
        leaves.append(new)
    copy = Line(line.depth, leaves, inside=line.inside, is_def=line.is_def)
    copy.should_split_rhs = line.should_split_rhs
    return copy


def _build(leaves: list[Leaf], original: Line, opening: Leaf, component: str) -> Line:
    """black's bracket_split_build_line."""
    if component == "body":
        if original.is_def and opening.value == "(" and leaves and not any(
                leaf.value == "," for leaf in leaves):
            if any(leaf.kind in "([{" for leaf in leaves):
                _no_nested_commas(leaves)
            leaves = leaves + [Leaf("op", ",")]
        result = Line(original.depth + 1, leaves, inside=True)
        if opening.value in ("(", "[", "{", ""):
            trailing = bool(leaves) and leaves[-1].kind == "op" and leaves[-1].value == ","
            try:
                priority = result.max_priority(leaves[-1] if trailing else None)
            except ValueError:
                priority = 0
            if priority == COMMA and (trailing or not opening.trailer):
                result.should_split_rhs = True
        return result
    return Line(original.depth, leaves, track="inner" if component == "head" else "none")


def _no_nested_commas(leaves: list[Leaf]) -> None:
    """A `def` body whose only commas sit in annotations' subscripts gets a trailing
    comma; any other nested comma is a case this port does not decide."""
    stack: list[str] = []
    for leaf in leaves:
        if leaf.opens:
            stack.append(leaf.kind)
        elif leaf.closes:
            stack.pop()
        elif leaf.value == "," and stack and any(k != "[" for k in stack):
            raise Unsupported("comma in a default value")


def _succeeded(head: Line, body: Line, tail: Line) -> None:
    tail_len = len(str(tail).strip())
    if not body.leaves:
        if tail_len == 0:
            raise _CannotSplit("same line")
        if tail_len < 3:
            raise _CannotSplit("not worth it")


def _lhs(line: Line, force: bool) -> Iterator[Line]:
    """black's left_hand_split (for `def` lines)."""
    for kind in ("(", "["):
        head: list[Leaf] = []
        body: list[Leaf] = []
        tail: list[Leaf] = []
        current = head
        matching: Leaf | None = None
        for leaf in line.leaves:
            if current is body and leaf.closes and leaf.opening is matching and matching:
                _visible(leaf)
                _visible(matching)
                current = tail if body else head
            current.append(leaf)
            if current is head and leaf.kind == kind:
                matching = leaf
                current = body
        if matching and tail:
            break
    if not matching or not tail:
        raise _CannotSplit("no brackets")
    parts = [_build(head, line, matching, "head"), _build(body, line, matching, "body"),
             _build(tail, line, matching, "tail")]
    _succeeded(*parts)
    for part in parts:
        if part.leaves:
            yield part


def _visible(leaf: Leaf) -> None:
    if not leaf.value:
        leaf.value = leaf.kind
        touched()


class _RHS:
    def __init__(self, head: Line, body: Line, tail: Line, opening: Leaf, closing: Leaf) -> None:
        self.head, self.body, self.tail = head, body, tail
        self.opening, self.closing = opening, closing


def _first_rhs(line: Line, omit: frozenset[int] = frozenset()) -> _RHS:
    tail: list[Leaf] = []
    body: list[Leaf] = []
    head: list[Leaf] = []
    current = tail
    opening: Leaf | None = None
    closing: Leaf | None = None
    for leaf in reversed(line.leaves):
        if current is body and leaf is opening:
            current = head if body else tail
        current.append(leaf)
        if current is tail and leaf.closes and id(leaf) not in omit:
            opening, closing = leaf.opening, leaf
            current = body
    if not (opening and closing and head):
        raise _CannotSplit("no brackets")
    tail.reverse()
    body.reverse()
    head.reverse()
    parts = (_build(head, line, opening, "head"), _build(body, line, opening, "body"),
             _build(tail, line, opening, "tail"))
    _succeeded(*parts)
    return _RHS(*parts, opening, closing)


def _rhs(line: Line, force: bool) -> Iterator[Line]:
    """black's right_hand_split_with_omits."""
    first_lines: list[Line] | None = None
    prefix_lengths: dict[int, int] = {}
    length = 4 * line.depth
    for leaf in line.leaves:
        prefix_lengths[id(leaf)] = length
        length += len(leaf.prefix) + len(leaf.value)
    for omit in _trailers_to_omit(line):
        if omit:
            target = next((leaf.opening for leaf in reversed(line.leaves)
                           if leaf.closes and id(leaf) not in omit), None)
            if target is not None and target.value and prefix_lengths.get(id(target), 0) > LINE_LENGTH:
                continue
        lines = list(_right_hand_split(line, force, omit))
        if first_lines is None and not omit:
            first_lines = lines
        if short(lines[0]):
            yield from lines
            return
    if first_lines is not None:
        yield from first_lines
    else:
        yield from _right_hand_split(line, force, frozenset())


def _right_hand_split(line: Line, force: bool, omit: frozenset[int]) -> Iterator[Line]:
    yield from _maybe_omit_optional(_first_rhs(line, omit), line, force, omit)


def _maybe_omit_optional(rhs: _RHS, line: Line, force: bool, omit: frozenset[int]) -> Iterator[Line]:
    if (not force and rhs.opening.kind == "(" and not rhs.opening.value
            and rhs.closing.kind == ")" and not rhs.closing.value
            and _can_omit_invisible(rhs)):
        omit = omit | {id(rhs.closing)}
        try:
            oop = _first_rhs(line, omit)
            if _prefer_oop(oop, rhs):
                yield from _maybe_omit_optional(oop, line, force, omit)
                return
        except _CannotSplit:
            if sum(1 for leaf in line.leaves if leaf.value == "=" and leaf.kind == "op") > 1:
                pass
            elif not can_be_split(rhs.body) and not short(rhs.body):
                raise
    _visible(rhs.opening)
    _visible(rhs.closing)
    for part in (rhs.head, rhs.body, rhs.tail):
        if part.leaves:
            yield part


def _prefer_oop(oop: _RHS, rhs: _RHS) -> bool:
    head = rhs.head.leaves
    if not (len(head) >= 2 and head[-2].kind == "op" and head[-2].value == "="):
        return True
    if not any(leaf.opens or leaf.closes for leaf in head[:-1]):
        return True
    if width(str(rhs.head)) > LINE_LENGTH - 1:
        return True
    if rhs.head.magic is not None:
        return True
    equals = sum(1 for leaf in head if leaf.kind == "op" and leaf.value == "=")
    oop_equals = sum(1 for leaf in oop.head.leaves if leaf.kind == "op" and leaf.value == "=")
    if equals > 1 and equals > oop_equals:
        return False
    after_assign = False
    for leaf in reversed(oop.head.leaves):
        if leaf.kind == "op" and leaf.value == "=":
            break
        if leaf.closes:
            after_assign = True
            break
    return after_assign or (oop_equals > 0 and short(oop.head))


def _can_omit_invisible(rhs: _RHS) -> bool:
    line = rhs.body
    if not line.delimiters:
        return True
    top = line.max_priority()
    if line.count(top) > 1:
        return False
    if top == DOT:
        return True
    first, second = line.leaves[0], line.leaves[1]
    if first.opens and not second.closes:
        if can_omit_opening(line, first):
            return True
    penultimate, last = line.leaves[-2], line.leaves[-1]
    if last.kind == ")" or last.kind == "}" or (last.kind == "]" and not last.trailer):
        if penultimate.opens:
            return False
        if can_omit_closing(line, last):
            return True
    return False


def _trailers_to_omit(line: Line) -> Iterator[frozenset[int]]:
    omit: set[int] = set()
    if line.magic is None:
        yield frozenset(omit)
    length = 4 * line.depth
    opening: Leaf | None = None
    closing: Leaf | None = None
    inner: set[int] = set()
    leaves = line.leaves
    for index in range(len(leaves) - 1, -1, -1):
        leaf = leaves[index]
        length += len(leaf.prefix) + len(leaf.value)
        if length > LINE_LENGTH:
            break
        if opening:
            if leaf is opening:
                opening = None
            elif leaf.closes:
                prev = leaves[index - 1] if index > 0 else None
                if prev is not None and prev.kind == "op" and prev.value == "," and \
                        leaf.opening is not None and not one_sequence(leaf.opening, leaf, leaves):
                    break
                inner.add(id(leaf))
        elif leaf.closes:
            prev = leaves[index - 1] if index > 0 else None
            if prev is not None and prev.opens:
                inner.add(id(leaf))
                continue
            if closing:
                omit.add(id(closing))
                omit.update(inner)
                inner.clear()
                yield frozenset(omit)
            if prev is not None and prev.kind == "op" and prev.value == "," and \
                    leaf.opening is not None and not one_sequence(leaf.opening, leaf, leaves):
                break
            if leaf.value:
                opening = leaf.opening
                closing = leaf


def _delimiter_split(line: Line, force: bool) -> Iterator[Line]:
    if not line.leaves:
        raise _CannotSplit("empty")
    last = line.leaves[-1]
    try:
        priority = line.max_priority(exclude=last)
    except ValueError:
        raise _CannotSplit("no delimiters") from None
    if priority == DOT and line.count(DOT) == 1:
        raise _CannotSplit("single attribute")
    current: list[Leaf] = []
    for leaf in line.leaves:
        current.append(leaf)
        if line.delimiters.get(id(leaf)) == priority:
            yield _piece(current, line)
            current = []
    if current:
        if priority == COMMA and current[-1].value != ",":
            current.append(Leaf("op", ","))
        yield _piece(current, line)


def _piece(leaves: list[Leaf], line: Line) -> Line:
    if leaves[0].prefix:
        leaves[0].prefix = ""
        touched()
    return Line(line.depth, leaves, inside=line.inside)


def split(parts: list[str], depth: int) -> list[str]:
    """One statement (its physical lines without indentation or newline) at
    indentation `depth`, as black lays it out: the lines, each without its newline."""
    leaves, is_def = statement(parts)
    lines = transform(Line(depth, leaves, is_def=is_def))
    return [str(line) for line in lines]


def split_item(item: str, depth: int) -> list[str]:
    """One item of an exploded display, its comma included, as black lays it out at
    indentation `depth` inside the brackets (a piece of `_delimiter_split`)."""
    return [str(line) for line in transform(Line(depth, expression(item), inside=True))]
