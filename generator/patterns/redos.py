"""Does a regular expression backtrack super-linearly (ReDoS)? A pure-Python check
of the classic shapes, for targets whose engine backtracks (JavaScript's RegExp):

- exponential: inside a repeated group, a repeated part whose exit can be followed by
  a character it could have taken itself (`(a+)+`, `(\\w+\\s?)*`, `([a-z]+.)+`), or
  two alternatives that can start alike (`(a|a)*`, `(\\w|\\d)+`);
- polynomial: a repeated part, then (nothing or only optional parts between) another
  that can take the same characters (`\\d*\\d*$`, `a*a*$`); an unanchored pattern
  starts with an implicit `[\\s\\S]*?`, so `\\s*$` and `a+b` count.

Either needs something after it that can fail (else the first try matches). The
pattern is read as ECMA-262 (`ecma.py`); one JavaScript refuses is not judged here.
It is a heuristic: it can call a safe pattern super-linear (then the pattern is only
not checked in that target, with a warning) and can miss a shape it does not know
(docs/security.md says how to run the `recheck` tool on a spec's patterns by hand).
"""

from __future__ import annotations

from functools import lru_cache

from . import charset as cs
from .ecma import UNBOUNDED, PatternError, parse
from .tree import Node, can_fail, first, first_of, nullable

LOOP = 32  # a repeat allowing more iterations than this counts as a loop
AROUND = 8  # one whose body's choices multiply, past this many iterations
Outer = tuple[Node, list[Node], list[Node]]  # a loop around, what follows inside, after


@lru_cache(maxsize=4096)
def superlinear(pattern: str) -> str | None:
    """Why `pattern` backtracks super-linearly, or None (safe, or not JavaScript)."""
    try:
        tree = parse(pattern)
    except (PatternError, RecursionError):
        return None
    items = tree.items if tree.kind == "seq" else [tree]
    if not (items and items[0].kind == "assert" and items[0].tag == "^"):
        items = [Node("rep", items=[Node("char", cs.EVERY)], high=UNBOUNDED), *items]
    try:
        return _Finder().run(Node("seq", items=items))
    except RecursionError:
        return None


def _leading_loops(items: list[Node]) -> list[tuple[Node, list[Node]]]:
    """Loops that can be entered before any character of `items` is taken, each with
    what follows it (within `items`)."""
    out: list[tuple[Node, list[Node]]] = []
    for k, n in enumerate(items):
        rest = items[k + 1:]
        if n.loop(LOOP):
            out.append((n, rest))
        elif n.kind in ("seq", "alt") or (n.kind == "rep" and n.high > 0):
            for inner in (n.items if n.kind == "alt" else [Node("seq", items=n.items)]):
                out += [(m, after + rest) for m, after in _leading_loops(inner.items)]
        if not nullable(n):
            break
    return out


class _Finder:
    """Walks the tree with each node's continuation (what follows it to the end) and
    the loops around it (each with what follows the node inside that loop's body)."""

    def run(self, root: Node) -> str | None:
        try:
            self._walk(root, [], [])
        except _Found as found:
            return str(found)
        return None

    def _walk(self, n: Node, cont: list[Node], outers: list[Outer]) -> None:
        if n.kind == "seq":
            for k, child in enumerate(n.items):
                rest = n.items[k + 1:]
                self._walk(child, rest + cont,
                           [(loop, rest + inner, after) for loop, inner, after in outers])
        elif n.kind == "alt":
            self._check_choice(n, [first(a) for a in n.items if not nullable(a)]
                               + [first(a) for a in n.items if nullable(a)][:1], outers)
            for a in n.items:
                self._walk(a, cont, outers)
        elif n.kind == "rep":
            if n.high > n.low:
                self._check_choice(n, [first(n.items[0])], outers)
            if n.loop(LOOP):
                self._check_loops(n, cont)
            if n.loop(AROUND):
                outers = [*outers, (n, [], cont)]
            self._walk(n.items[0], cont, outers)

    def _check_choice(self, n: Node, options: list[cs.Intervals], outers: list[Outer]) -> None:
        """Inside a loop, a choice (alternatives, or one more iteration of a repeat)
        whose options, or an option and leaving the choice, can start alike: each
        iteration can be matched two ways (exponential)."""
        for loop, inner, after in outers:
            leave = first_of(inner)
            if all(nullable(i) for i in inner):
                leave = cs.union(leave, first(loop.items[0]))
            starts = [*options, leave] if nullable(n) or n.kind == "rep" else options
            if _any_overlap(starts) and can_fail(after):
                raise _Found("exponential: inside a repeated group, a choice whose options "
                             "can start alike")

    def _check_loops(self, m: Node, cont: list[Node]) -> None:
        mine = first(m.items[0])
        for other, rest in _leading_loops(cont):
            if cs.overlap(first(other.items[0]), mine) and can_fail(rest):
                raise _Found("polynomial: two repeated parts in a row can take the same "
                             "characters")


def _any_overlap(sets: list[cs.Intervals]) -> bool:
    return any(cs.overlap(a, b) for i, a in enumerate(sets) for b in sets[i + 1:])


class _Found(Exception):
    pass
