"""`respgen diff`: what changed between two spec versions, and whom it breaks."""

from __future__ import annotations

import copy
from pathlib import Path

from ..output import cache
from ..builder import build_ir
from ..builder.usage import side_roots
from ..errors import Diagnostics
from ..ir import IR, Ref
from ..ir.walk import all_exprs, reachable
from ..source.loader import open_spec
from ..source.overlay import apply_overlays
from .change import BOTH, NONE, REQUEST, RESPONSE, Change, Context, Sides
from .checking import Version
from .names import name_changes
from .operations import compare_operations
from .renames import find_renames
from .types import compare_type

__all__ = ["Change", "Version", "diff_irs", "diff_specs", "load_ir"]


def load_ir(path: Path, use_cache: bool = True, overlays: list[Path] | None = None) -> IR:
    ws = open_spec(path, cache.default_dir() if use_cache else None, str(path))
    apply_overlays(ws, overlays or [], Diagnostics())
    return build_ir(ws, Diagnostics())


def diff_specs(old: Path, new: Path, use_cache: bool = True,
               overlays: list[Path] | None = None) -> list[Change]:
    """Changes from `old` to `new`, each read with the same overlays applied."""
    return diff_irs(load_ir(old, use_cache, overlays), load_ir(new, use_cache, overlays))


def _sides(ir: IR) -> dict[str, set[str]]:
    roots = side_roots(ir)
    return {side: reachable(ir, names) for side, names in roots.items()}


def fold_twins(ir: IR) -> IR:
    """The IR with every request side's strict twin folded back into the spec's type
    (a twin is respgen's, not the spec's: a change is reported once, on both sides)."""
    if not any(t.twin_of for t in ir.types.values()):
        return ir
    ir = copy.deepcopy(ir)
    twins = {n: t.twin_of for n, t in ir.types.items() if t.twin_of}
    for n in twins:
        del ir.types[n]
    for e in all_exprs(ir):
        if isinstance(e, Ref) and e.name in twins:
            e.name = twins[e.name]
    return ir


def _version(v: IR | Version) -> Version:
    ir = v.ir if isinstance(v, Version) else v
    folded = fold_twins(ir)
    return v if isinstance(v, Version) and folded is ir else Version(folded)


def diff_irs(old_version: IR | Version, new_version: IR | Version, prove: bool = True) -> list[Change]:
    """Every change from `old` to `new`: operations first, then types by name. With
    `prove`, each suspected break is kept only with a witness (witness.py)."""
    old_v, new_v = _version(old_version), _version(new_version)
    old, new = old_v.ir, new_v.ir
    renames = find_renames(old, new)
    back = {b: a for a, b in renames.items()}
    old_sides, new_sides = _sides(old), _sides(new)

    def sides_of(old_name: str | None, new_name: str | None) -> Sides:
        found: Sides = NONE
        for side, rule in (("request", REQUEST), ("response", RESPONSE)):
            if (old_name and old_name in old_sides[side]) or (new_name and new_name in new_sides[side]):
                found = found | rule
        return found

    out: list[Change] = []
    base = Context("operation", "", BOTH, renames, new.types, old.types, out)
    compare_operations(base, old.operations, new.operations)
    for name in sorted(set(new.types) | {n for n in old.types if n not in renames}):
        old_name = back.get(name, name)
        a, b = old.types.get(old_name), new.types.get(name)
        ctx = Context("type", name, sides_of(old_name if a else None, name if b else None),
                      renames, new.types, old.types, out)
        if a is None:
            ctx.add("", "type", "added", None, name, NONE, "type added")
        elif b is None:
            ctx.add("", "type", "removed", name, None, NONE, "type removed")
        else:
            if old_name != name:
                ctx.add("", "type", "renamed", old_name, name, NONE, f"renamed from {old_name}")
            if a != b:
                compare_type(ctx, a, b)
    if prove:
        from .witness import Prover

        used = {side: (old_sides[side], new_sides[side]) for side in ("request", "response")}
        prover = Prover(old_v, new_v, renames, used)
        prover.prepare(out)
        out = [prover.prove(c) for c in out]
    return name_changes(out, old, new, renames)
