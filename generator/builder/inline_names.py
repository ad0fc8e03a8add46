"""Final names for inline types: readable, from their path, deduplicated.

Inline objects, enums and unions were registered under provisional names
(`hint#n`). Here types with the same structure (descriptions and examples
aside) are merged into one, and each survivor is named by the shortest of its
paths' hints (`ResponsesRequestReasoning`), so the choice does not depend on
document order. A hint already taken gets the type's kind appended; numbers
are the very last resort.

The request side's strict twins of shared types (builder/usage.py) are named here
too (`twin_names`).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ..ir import IR, Ref, UnionType
from ..ir import to_data
from ..ir.walk import all_exprs
from ..words import words
from .clashes import name_key

_NOISE = {"description", "examples", "origin", "inline"}


def assign_inline_names(ir: IR, hints: dict[str, str]) -> None:
    inline = [n for n, t in ir.types.items() if t.inline]
    inline_set = set(inline)
    memo: dict[str, str] = {}

    def key(name: str, stack: frozenset[str]) -> str:
        if name in memo:
            return memo[name]
        if name in stack:
            return "cycle:" + name
        own = {k: v for k, v in to_data(ir.types[name]).items() if k != "name"}
        data = _strip(own, lambda ref: key(ref, stack | {name}) if ref in inline_set else ref)
        text = json.dumps(data, sort_keys=True, separators=(",", ":"))
        memo[name] = hashlib.sha256(text.encode()).hexdigest()
        return memo[name]

    groups: dict[str, list[str]] = {}
    for name in inline:
        groups.setdefault(key(name, frozenset()), []).append(name)
    taken = {n for n in ir.types if n not in inline_set}
    rename: dict[str, str] = {}
    canon = sorted(
        ((min(members, key=lambda m: (len(hints[m]), hints[m])), k, members)
         for k, members in groups.items()),
        key=lambda item: (hints[item[0]], item[1]),
    )
    for head, _, members in canon:
        final = _free_name(hints[head], ir.types[head].kind, taken)
        taken.add(final)
        for m in members:
            rename[m] = final
    for m, final in rename.items():
        t = ir.types.pop(m)
        if final not in ir.types:
            t.name = final
            ir.types[final] = t
    for e in all_exprs(ir):
        if isinstance(e, Ref) and e.name in rename:
            e.name = rename[e.name]
    for t in ir.types.values():
        if isinstance(t, UnionType) and t.discriminator:
            t.discriminator.mapping = {
                k: rename.get(v, v) for k, v in t.discriminator.mapping.items()
            }


def _free_name(hint: str, kind: str, taken: set[str]) -> str:
    hint = hint or "Inline"
    for candidate in (hint, hint + kind.capitalize(), hint + "Inline"):
        if candidate not in taken:
            return candidate
    n = 2
    while f"{hint}{n}" in taken:
        n += 1
    return f"{hint}{n}"


def _strip(data: Any, ref_key: Any) -> Any:
    if isinstance(data, dict):
        if data.get("kind") == "ref":
            return {"kind": "ref", "name": ref_key(data["name"]), "nullable": data["nullable"]}
        out = {k: _strip(v, ref_key) for k, v in data.items() if k not in _NOISE}
        if "mapping" in out and isinstance(out["mapping"], dict):
            out["mapping"] = {k: ref_key(v) for k, v in out["mapping"].items()}
        return out
    if isinstance(data, list):
        return [_strip(v, ref_key) for v in data]
    return data


TWIN_SUFFIXES = ("Param", "Request")


def twin_names(ir: IR, names: set[str]) -> dict[str, str]:
    """Name each strict twin: `<Name>Param`, `<Name>Request` when the name already ends in
    Param(s) or `<Name>Param` is taken, then `<Name>Param2`, 3... (the first suffix the
    name does not end in). A suffix is never doubled (no `ToolChoiceParamParam`) and a
    twin never meets another type's name, in any case or punctuation."""
    taken = {name_key(n) for n in ir.types}
    out: dict[str, str] = {}
    for name in sorted(names):
        last = (words(name) or [""])[-1].lower()
        suffixes = [s for s in TWIN_SUFFIXES if last not in (s.lower(), s.lower() + "s")]
        candidates = [name + s for s in suffixes]
        n = 2
        while all(name_key(c) in taken for c in candidates):
            candidates = [f"{name}{suffixes[0]}{n}"]
            n += 1
        twin = next(c for c in candidates if name_key(c) not in taken)
        taken.add(name_key(twin))
        out[name] = twin
    return out
