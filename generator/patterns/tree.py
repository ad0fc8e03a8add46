"""A regular expression as a tree, and what the ReDoS check asks of its parts."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import charset as cs


@dataclass(eq=False)
class Node:
    kind: str  # char | assert | seq | alt | rep
    chars: cs.Intervals = cs.EMPTY  # char: the characters it matches
    items: list["Node"] = field(default_factory=list)
    low: int = 0  # rep: bounds
    high: int = 0
    tag: str = ""  # assert: "^" (start of input) or "" (any other)

    def loop(self, over: int) -> bool:
        """A repeat allowing more than `over` iterations."""
        return self.kind == "rep" and self.high > over


def anything() -> Node:
    """Any text or none (a back reference, as far as the check is concerned)."""
    return Node("rep", items=[Node("char", cs.EVERY)], low=0, high=1 << 31)


def nullable(n: Node) -> bool:
    if n.kind == "char":
        return False
    if n.kind == "assert":
        return True
    if n.kind == "seq":
        return all(nullable(i) for i in n.items)
    if n.kind == "alt":
        return any(nullable(i) for i in n.items)
    return n.low == 0 or nullable(n.items[0])


def first(n: Node) -> cs.Intervals:
    """The characters a non-empty match of `n` can start with."""
    if n.kind == "char":
        return n.chars
    if n.kind == "seq":
        return first_of(n.items)
    if n.kind == "alt":
        return cs.union(*(first(i) for i in n.items))
    if n.kind == "rep" and n.high > 0:
        return first(n.items[0])
    return cs.EMPTY


def first_of(items: list[Node]) -> cs.Intervals:
    found: list[cs.Intervals] = []
    for i in items:
        found.append(first(i))
        if not nullable(i):
            break
    return cs.union(*found)


def asserts(n: Node) -> bool:
    return n.kind == "assert" or any(asserts(i) for i in n.items)


def can_fail(items: list[Node]) -> bool:
    """Something in `items` can fail to match (a character, or an assertion)."""
    return any(not nullable(i) or asserts(i) for i in items)
