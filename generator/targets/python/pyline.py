"""One line of a statement being laid out, as black's `Line` sees it.

A line is a list of leaves at an indentation depth. black's BracketTracker marks the
leaves of a line with their bracket depth and records the delimiters at depth 0 with
their priority (a comma splits after itself; an operator, `and`/`or`, a comparison,
a ternary or a comprehension `for`/`if` split before); `magic` is a closing bracket
after a trailing comma black keeps exploded. Which leaves are marked depends on how
black built the line: all of them, only those inside matching brackets (a head), or
none (a tail).
"""

from __future__ import annotations

from .pytokens import OPEN, Leaf, Unsupported

LINE_LENGTH = 88


COMPREHENSION, COMMA, TERNARY, LOGIC, STRING, COMPARATOR, DOT = 20, 18, 16, 14, 12, 10, 1


_MATH = {"|": 9, "^": 8, "&": 7, "<<": 6, ">>": 6, "+": 5, "-": 5, "*": 4, "/": 4,
         "//": 4, "%": 4, "@": 4, "~": 3, "**": 2}


_COMPARATORS = frozenset({"<", ">", "==", "!=", "<=", ">="})


_EPOCH = [0]  # bumped whenever a leaf already on a line changes its text


def touched() -> None:
    """A leaf's value or prefix changed: every line's text is to be built again."""
    _EPOCH[0] += 1


class Line:
    def __init__(self, depth: int, leaves: list[Leaf] | None = None, *,
                 inside: bool = False, track: str = "all", is_def: bool = False) -> None:
        self.depth = depth
        self._text = ""  # the text as of `_at`, the leaves' epoch it was built in
        self._at = -1
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
        fors: list[int] = []  # `for` ... `in` and `lambda` ... `:` are one level deeper
        lambdas: list[int] = []
        for leaf in marked:
            if depth == 0 and leaf.closes and not stack:
                continue
            if fors and fors[-1] == depth and leaf.kind == "name" and leaf.value == "in":
                depth -= 1
                fors.pop()
            if lambdas and lambdas[-1] == depth and leaf.kind == "op" and leaf.value == ":":
                depth -= 1
                lambdas.pop()
            if leaf.closes:
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
            if leaf.opens:
                stack.append(leaf)
                depth += 1
                if not leaf.value:
                    self.invisible.append(leaf)
            previous = leaf
            if leaf.kind == "name" and leaf.value in ("for", "lambda"):
                depth += 1
                (fors if leaf.value == "for" else lambdas).append(depth)

    def __str__(self) -> str:
        """The line's text (asked many times a line: built once while no leaf changes)."""
        if self._at == _EPOCH[0]:
            return self._text
        if not self.leaves:
            text = ""
        else:
            first = self.leaves[0]
            text = first.prefix + "    " * self.depth + first.value + "".join(
                [leaf.prefix + leaf.value for leaf in self.leaves[1:]])
        self._text, self._at = text, _EPOCH[0]
        return text

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
        return not (closing.trailer and one_sequence(opening, closing, leaves))
    return opening.trailer or not one_sequence(opening, closing, leaves)


def one_sequence(opening: Leaf, closing: Leaf, leaves: list[Leaf]) -> bool:
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
        if leaf.opens:
            depth += 1
        elif leaf.closes:
            depth -= 1
        elif depth == 0 and leaf.kind == "op" and leaf.value == ",":
            commas += 1
            if opening.trailer and opening.kind == "(":
                commas += 1
                break
    return commas < 2


def _inside_matching(leaves: list[Leaf]) -> set[int]:
    start = next((i for i, leaf in enumerate(leaves) if leaf.opens), None)
    if start is None:
        return set()
    ids: set[int] = set()
    stack: list[tuple[str, list[int]]] = []
    for leaf in leaves[start:]:
        if leaf.opens:
            stack.append((OPEN[leaf.kind], [id(leaf)]))
        elif leaf.closes:
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
        if value == "." and (previous is None or previous.closes):
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


def short(line: Line) -> bool:
    return width(str(line)) <= LINE_LENGTH


def can_be_split(line: Line) -> bool:
    leaves = line.leaves
    if len(leaves) < 2:
        return False
    if leaves[0].kind == "string" and leaves[1].value == ".":
        calls = dots = 0
        nxt = leaves[-1]
        for leaf in leaves[-2::-1]:
            if leaf.opens:
                if not nxt.closes:
                    return False
                calls += 1
            elif leaf.value == "." and leaf.kind == "op":
                dots += 1
            elif leaf.kind == "name":
                if not (nxt.value == "." or nxt.opens):
                    return False
            elif not leaf.closes:
                return False
            if dots > 1 and calls > 1:
                return False
    return True


def can_omit_opening(line: Line, first: Leaf) -> bool:
    remainder = False
    length = 4 * line.depth
    index = -1
    for index, leaf in enumerate(line.leaves):
        if leaf.closes and leaf.opening is first:
            remainder = True
        if remainder:
            length += len(leaf.prefix) + len(leaf.value)
            if length > LINE_LENGTH:
                break
            if leaf.opens:
                remainder = False
    else:
        if len(line.leaves) == index + 1:
            return True
    return False


def can_omit_closing(line: Line, last: Leaf) -> bool:
    length = 4 * line.depth
    seen_other = False
    for leaf in line.leaves:
        length += len(leaf.prefix) + len(leaf.value)
        if leaf is last.opening:
            if seen_other or length <= LINE_LENGTH:
                return True
        elif leaf.opens:
            seen_other = True
    return False
