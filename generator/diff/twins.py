"""Fold respgen's strict request twins back into the spec's types (see `EnumType`)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..ir import IR, Ref
from ..ir.codec import holding_ir


def fold_twins(ir: IR) -> IR:
    """The IR with every request side's strict twin folded back into the spec's type
    (a twin is respgen's, not the spec's: a change is reported once, on both sides).

    `ir` is left as it is; what the fold does not change is shared with it."""
    twins = {n: t.twin_of for n, t in ir.types.items() if t.twin_of}
    if not twins:
        return ir
    return replace(ir, types={n: _renamed(t, twins) for n, t in ir.types.items() if n not in twins},
                   operations=[_renamed(o, twins) for o in ir.operations])


def _renamed(value: Any, names: dict[str, str]) -> Any:
    """`value` with every `Ref` to a key of `names` renamed: a copy of what changes,
    `value` itself when nothing in it does."""
    if type(value) is list:
        items = [_renamed(v, names) for v in value]
        return value if all(a is b for a, b in zip(items, value)) else items
    if value is None or type(value) is bool:
        return value
    changed = {}
    kind: type = type(value)
    for name in holding_ir(kind):
        item = getattr(value, name)
        new = _renamed(item, names)
        if new is not item:
            changed[name] = new
    if type(value) is Ref and value.name in names:
        changed["name"] = names[value.name]
    return replace(value, **changed) if changed else value
