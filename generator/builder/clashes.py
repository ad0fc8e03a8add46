"""Names that differ only in case or punctuation (`foo-bar`, `Foo_Bar`, `FooBar`).

Every target turns names into identifiers or file names by their words, so such
names would meet. Each target's naming pass keeps them apart deterministically
(sorted order; the first keeps the plain name, later ones get a suffix); this
pass says so with a note, so the suffix is never a surprise.
"""

from __future__ import annotations

from collections import defaultdict

from ..errors import Diagnostics
from ..ir import IR, ObjectType
from ..source.loader import Workspace
from ..words import words


def name_key(name: str) -> str:
    """What two names that a target would name alike have in common."""
    return "".join(w.lower() for w in words(name))


def _groups(names: list[str]) -> list[list[str]]:
    by_key: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_key[name_key(name)].append(name)
    return [sorted(g) for g in by_key.values() if len(g) > 1]


def note_name_clashes(ir: IR, ws: Workspace, diags: Diagnostics) -> None:
    for group in _groups(list(ir.types)):
        first = ir.types[group[0]]
        diags.note(ws.origin_location(first.origin),
                   f"schema names {', '.join(map(repr, group))} differ only in case or "
                   f"punctuation; where a target would name them alike, {group[0]!r} keeps the "
                   "name and the others get a numbered suffix, in this order")
    for name, t in sorted(ir.types.items()):
        if not isinstance(t, ObjectType):
            continue
        for group in _groups([f.name for f in t.fields]):
            diags.note(ws.origin_location(t.origin, "properties", group[0]),
                       f"properties {', '.join(map(repr, group))} of {name!r} differ only in "
                       f"case or punctuation; where a target would name them alike, {group[0]!r} "
                       "keeps the name and the others get a suffix (wire names are kept)")
