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

from .pytokens import OPEN, Leaf, Unsupported, is_close, is_open, statement

__all__ = ["LINE_LENGTH", "Unsupported", "split"]

LINE_LENGTH = 88


class _CannotSplit(Exception):
    pass


COMPREHENSION, COMMA, TERNARY, LOGIC, STRING, COMPARATOR, DOT = 20, 18, 16, 14, 12, 10, 1


_MATH = {"|": 9, "^": 8, "&": 7, "<<": 6, ">>": 6, "+": 5, "-": 5, "*": 4, "/": 4,
         "//": 4, "%": 4, "@": 4, "~": 3, "**": 2}


_COMPARATORS = frozenset({"<", ">", "==", "!=", "<=", ">="})


class Line:
    def __init__(self, depth: int, leaves: list[Leaf] | None = None, *,
                 inside: bool = False, track: str = "all", is_def: bool = False) -> None:
        self.depth = depth
        self.leaves: list[Leaf] = leaves or []
        self.inside = inside
        self.is_def = is_def or _is_def(self.leaves)
        self.should_split_rhs = False
        self.magic: Leaf | None = None  # a closing bracket after a magic trailing comma
        self.delimiters: dict[int, int] = {}
        self.invisible: list[Leaf] = []
        self._track(track)

    def _track(self, track: str) -> None:
        """black's BracketTracker over the leaves it would mark: all of them, none (a
        tail), or only those inside matching brackets (a head)."""
        marked = self.leaves
        if track == "none":
            return
        if track == "inner":
            keep = _inside_matching(self.leaves)
            marked = [leaf for leaf in self.leaves if id(leaf) in keep]
        depth = 0
        previous: Leaf | None = None
        stack: list[Leaf] = []
        fors: list[int] = []
        for leaf in marked:
            if depth == 0 and is_close(leaf) and not stack:
                continue
            if fors and fors[-1] == depth and leaf.kind == "name" and leaf.value == "in":
                depth -= 1
                fors.pop()
            if is_close(leaf):
                depth -= 1
                stack.pop()
                if not leaf.value:
                    self.invisible.append(leaf)
                if previous is not None and previous.kind == "op" and previous.value == "," \
                        and _magic(leaf, marked):
                    self.magic = leaf
            leaf.depth = depth
            if depth == 0:
                before = _before(leaf, previous)
                if before and previous is not None:
                    self.delimiters[id(previous)] = before
                elif leaf.kind == "op" and leaf.value == ",":
                    self.delimiters[id(leaf)] = COMMA
            if is_open(leaf):
                stack.append(leaf)
                depth += 1
                if not leaf.value:
                    self.invisible.append(leaf)
            previous = leaf
            if leaf.kind == "name" and leaf.value == "for":
                depth += 1
                fors.append(depth)

    def __str__(self) -> str:
        if not self.leaves:
            return ""
        first = self.leaves[0]
        return first.prefix + "    " * self.depth + first.value + "".join(
            [leaf.prefix + leaf.value for leaf in self.leaves[1:]])

    def max_priority(self, exclude: Leaf | None = None) -> int:
        values = [p for k, p in self.delimiters.items() if exclude is None or k != id(exclude)]
        if not values:
            raise ValueError("no delimiters")
        return max(values)

    def count(self, priority: int) -> int:
        return sum(1 for p in self.delimiters.values() if p == priority)


def _is_def(leaves: list[Leaf]) -> bool:
    if not leaves or leaves[0].kind != "name":
        return False
    return leaves[0].value == "def" or (leaves[0].value == "async" and len(leaves) > 1
                                        and leaves[1].value == "def")


def _magic(closing: Leaf, leaves: list[Leaf]) -> bool:
    """black's has_magic_trailing_comma, for a closing bracket after a comma: not a
    one-tuple's comma `(a,)`, nor a one-element subscript's `x[a,]`."""
    if closing.kind == "}":
        return True
    opening = closing.opening
    assert opening is not None
    if closing.kind == "]":
        return not (closing.trailer and _one_sequence(opening, closing, leaves))
    return opening.trailer or not _one_sequence(opening, closing, leaves)


def _one_sequence(opening: Leaf, closing: Leaf, leaves: list[Leaf]) -> bool:
    """Fewer than two commas directly inside the pair (a call's or a def's comma counts
    twice: black's is_one_sequence_between, arglist and typedargslist)."""
    start = next((i for i, leaf in enumerate(leaves) if leaf is opening), None)
    if start is None:
        raise Unsupported("opening bracket not on the line")
    commas = 0
    depth = 0
    for leaf in leaves[start + 1:]:
        if leaf is closing:
            break
        if is_open(leaf):
            depth += 1
        elif is_close(leaf):
            depth -= 1
        elif depth == 0 and leaf.kind == "op" and leaf.value == ",":
            commas += 1
            if opening.trailer and opening.kind == "(":
                commas += 1
                break
    return commas < 2


def _inside_matching(leaves: list[Leaf]) -> set[int]:
    start = next((i for i, leaf in enumerate(leaves) if is_open(leaf)), None)
    if start is None:
        return set()
    ids: set[int] = set()
    stack: list[tuple[str, list[int]]] = []
    for leaf in leaves[start:]:
        if is_open(leaf):
            stack.append((OPEN[leaf.kind], [id(leaf)]))
        elif is_close(leaf):
            if stack and leaf.kind == stack[-1][0]:
                _, level = stack.pop()
                level.append(id(leaf))
                ids.update(level)
            else:
                break
        elif stack:
            stack[-1][1].append(id(leaf))
    return ids


def _before(leaf: Leaf, previous: Leaf | None) -> int:
    """black's is_split_before_delimiter, from the facts decided at tokenizing."""
    if leaf.kind == "op":
        value = leaf.value
        if value == "." and (previous is None or is_close(previous)):
            return DOT
        if value in _MATH and not leaf.unary:
            return _MATH[value]
        if value in _COMPARATORS:
            return COMPARATOR
        return 0
    if leaf.kind == "string":
        return STRING if previous is not None and previous.kind == "string" else 0
    if leaf.kind != "name":
        return 0
    role = leaf.role
    if role in ("comp_for", "comp_if"):
        return COMPREHENSION
    if role == "ternary":
        return TERNARY
    if leaf.value == "is" or role == "comparison":
        return COMPARATOR
    if leaf.value in ("and", "or"):
        return LOGIC
    return 0


def width(text: str) -> int:
    if text.isascii():
        return len(text)
    raise Unsupported("non-ASCII text")


def _short(line: Line) -> bool:
    return width(str(line)) <= LINE_LENGTH


def transform(line: Line, force: bool = False) -> list[Line]:
    """black's transform_line."""
    line_str = str(line)
    if not line.should_split_rhs and line.magic is None and _short(line):
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
            or any(b.value for b in optional) or _short(result[0])):
        return result
    copy = _copy(line)
    second = _run(copy, fn, line_str, True)
    if all(_short(part) for part in second):
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
        if is_open(leaf):
            stack.append(leaf.kind)
        elif is_close(leaf):
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
            if current is body and is_close(leaf) and leaf.opening is matching and matching:
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
        if current is tail and is_close(leaf) and id(leaf) not in omit:
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
                           if is_close(leaf) and id(leaf) not in omit), None)
            if target is not None and target.value and prefix_lengths.get(id(target), 0) > LINE_LENGTH:
                continue
        lines = list(_right_hand_split(line, force, omit))
        if first_lines is None and not omit:
            first_lines = lines
        if _short(lines[0]):
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
            elif not _can_be_split(rhs.body) and not _short(rhs.body):
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
    if not any(is_open(leaf) or is_close(leaf) for leaf in head[:-1]):
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
        if is_close(leaf):
            after_assign = True
            break
    return after_assign or (oop_equals > 0 and _short(oop.head))


def _can_be_split(line: Line) -> bool:
    leaves = line.leaves
    if len(leaves) < 2:
        return False
    if leaves[0].kind == "string" and leaves[1].value == ".":
        calls = dots = 0
        nxt = leaves[-1]
        for leaf in leaves[-2::-1]:
            if is_open(leaf):
                if not is_close(nxt):
                    return False
                calls += 1
            elif leaf.value == "." and leaf.kind == "op":
                dots += 1
            elif leaf.kind == "name":
                if not (nxt.value == "." or is_open(nxt)):
                    return False
            elif not is_close(leaf):
                return False
            if dots > 1 and calls > 1:
                return False
    return True


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
    if is_open(first) and not is_close(second):
        if _can_omit_opening(line, first):
            return True
    penultimate, last = line.leaves[-2], line.leaves[-1]
    if last.kind == ")" or last.kind == "}" or (last.kind == "]" and not last.trailer):
        if is_open(penultimate):
            return False
        if _can_omit_closing(line, last):
            return True
    return False


def _can_omit_opening(line: Line, first: Leaf) -> bool:
    remainder = False
    length = 4 * line.depth
    index = -1
    for index, leaf in enumerate(line.leaves):
        if is_close(leaf) and leaf.opening is first:
            remainder = True
        if remainder:
            length += len(leaf.prefix) + len(leaf.value)
            if length > LINE_LENGTH:
                break
            if is_open(leaf):
                remainder = False
    else:
        if len(line.leaves) == index + 1:
            return True
    return False


def _can_omit_closing(line: Line, last: Leaf) -> bool:
    length = 4 * line.depth
    seen_other = False
    for leaf in line.leaves:
        length += len(leaf.prefix) + len(leaf.value)
        if leaf is last.opening:
            if seen_other or length <= LINE_LENGTH:
                return True
        elif is_open(leaf):
            seen_other = True
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
            elif is_close(leaf):
                prev = leaves[index - 1] if index > 0 else None
                if prev is not None and prev.kind == "op" and prev.value == "," and \
                        leaf.opening is not None and not _one_sequence(leaf.opening, leaf, leaves):
                    break
                inner.add(id(leaf))
        elif is_close(leaf):
            prev = leaves[index - 1] if index > 0 else None
            if prev is not None and is_open(prev):
                inner.add(id(leaf))
                continue
            if closing:
                omit.add(id(closing))
                omit.update(inner)
                inner.clear()
                yield frozenset(omit)
            if prev is not None and prev.kind == "op" and prev.value == "," and \
                    leaf.opening is not None and not _one_sequence(leaf.opening, leaf, leaves):
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
    leaves[0].prefix = ""
    return Line(line.depth, leaves, inside=line.inside)


def split(parts: list[str], depth: int) -> list[str]:
    """One statement (its physical lines without indentation or newline) at
    indentation `depth`, as black lays it out: the lines, each without its newline."""
    leaves, is_def = statement(parts)
    lines = transform(Line(depth, leaves, is_def=is_def))
    return [str(line) for line in lines]
