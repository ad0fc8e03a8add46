"""`respgen diff`: what changed between two spec versions, and whom it breaks."""

from __future__ import annotations

from pathlib import Path

from ..output import cache
from ..ir import IR
from ..ir.walk import reachable, side_roots
from .change import BOTH, NONE, REQUEST, RESPONSE, Change, Context, Sides
from .checking import Version
from .load import Loaded, load_version, load_versions
from .names import name_changes
from .operations import compare_operations
from .renames import find_renames
from .twins import fold_twins
from .types import compare_type

__all__ = ["Change", "Loaded", "Version", "diff_irs", "diff_specs", "fold_twins", "load_ir",
           "load_version", "load_versions"]


def load_ir(path: Path, use_cache: bool = True, overlays: list[Path] | None = None) -> IR:
    """The IR of the spec at `path` (from the IR cache when it was built before)."""
    return load_version(path, use_cache, overlays).ir


def diff_specs(old: Path, new: Path, use_cache: bool = True,
               overlays: list[Path] | None = None) -> list[Change]:
    """Changes from `old` to `new`, each read with the same overlays applied."""
    a, b = load_versions([old, new], use_cache, overlays)
    return diff_irs(a.ir, b.ir, cache_dir=cache.default_dir() if use_cache else None)


def _sides(ir: IR) -> dict[str, set[str]]:
    roots = side_roots(ir)
    return {side: reachable(ir, names) for side, names in roots.items()}


def _version(v: IR | Version) -> Version:
    ir = v.ir if isinstance(v, Version) else v
    folded = fold_twins(ir)
    return v if isinstance(v, Version) and folded is ir else Version(folded)


def diff_irs(old_version: IR | Version, new_version: IR | Version, prove: bool = True,
             cache_dir: Path | None = None) -> list[Change]:
    """Every change from `old` to `new`: operations first, then types by name. With
    `prove`, each suspected break is kept only with a witness (witness.py), remembered
    under `cache_dir` when given (verdicts.py)."""
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
        from .verdicts import Verdicts
        from .witness import Prover

        used = {side: (old_sides[side], new_sides[side]) for side in ("request", "response")}
        prover = Prover(old_v, new_v, renames, used, Verdicts(cache_dir))
        prover.prepare(out)
        out = [prover.prove(c) for c in out]
        prover.verdicts.flush()
    return name_changes(out, old, new, renames)
