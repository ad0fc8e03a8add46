"""Which private module each model lives in, when `models.py` is split.

A big package loads its models lazily: `models.py` only names them, and each lives in
a module of `_models/` loaded on first use (with the modules it imports). The
grouping is by use: the *entry points* are the definitions nothing else refers to (a
request body, a response, an event union), and two definitions share a module exactly
when the same entry points reach them. So loading an entry point loads its own
closure and nothing more, and the modules import one another without cycles (a
definition's dependencies are reached by every entry point that reaches it, and by
more when they sit in another module); a cycle of definitions is reached as a whole,
so it never straddles two modules (its quoted forward references resolve in its own
module).
"""

from __future__ import annotations

import keyword
from dataclasses import dataclass, field

from ...words import snake, unique

SPLIT_AT = 400
"""Definitions (enums, classes, aliases) above which `models.py` is split: below it the
whole module loads in a few tens of milliseconds, and one file is simpler to read."""

MAX_NAME = 40
"""Module names are cut to this length (the import lines naming them stay short)."""


@dataclass
class ModelModule:
    name: str  # the module's name in `_models/`
    members: list[str]  # its definitions, in the order they are written
    imports: list[str] = field(default_factory=list)  # the modules its definitions use


def split(order: list[str], deps: dict[str, list[str]]) -> list[ModelModule]:
    """`order`: every definition, each after those it refers to unquoted; `deps`: the
    definitions each one refers to."""
    reached: dict[str, set[str]] = {n: set() for n in order}
    referred = {d for n in order for d in deps[n] if d != n}
    entries = [n for n in order if n not in referred]
    for entry in entries:
        _reach(entry, deps, reached)
    for n in reversed(order):  # a cycle nothing outside it refers to: its last member
        if not reached[n]:
            _reach(n, deps, reached)
    groups: dict[frozenset[str], list[str]] = {}
    for n in order:
        groups.setdefault(frozenset(reached[n]), []).append(n)
    used = {"__init__"}
    modules = [ModelModule(_name(members, reached, used), members) for members in groups.values()]
    where = {n: m.name for m in modules for n in m.members}
    for m in modules:
        m.imports = sorted({where[d] for n in m.members for d in deps[n]} - {m.name})
    return modules


def _reach(entry: str, deps: dict[str, list[str]], reached: dict[str, set[str]]) -> None:
    stack = [entry]
    while stack:
        n = stack.pop()
        if entry in reached[n]:
            continue
        reached[n].add(entry)
        stack.extend(deps[n])


def _name(members: list[str], reached: dict[str, set[str]], used: set[str]) -> str:
    """Named after the entry point when it holds one (its own types), else after its
    last definition (the one that refers to the others)."""
    entries = [n for n in members if reached[n] == {n}]
    base = ""
    for word in snake(entries[0] if entries else members[-1]).split("_"):
        if base and len(base) + 1 + len(word) > MAX_NAME:
            break
        base = f"{base}_{word}" if base else word
    base = base[:MAX_NAME] or "models"
    return unique(base + "_" if keyword.iskeyword(base) else base, used)

