"""Drop `also` entries the type already implies; shrink null-only ones.

An allOf member the merge overrode is kept in `also` (see `allof.py`). Often
the override only narrowed it (a derived `output` whose items are a subset of
the base's union) or only added null: checking the member again would double
a validator's work on the largest payloads for nothing. `covers(ir, a, m)`
answers "does `a` accept every value `m` accepts?" conservatively (False when
unsure), so pruning never loosens what the validators check. A member that
covers everything but null becomes "any value but null".
"""

from __future__ import annotations

from dataclasses import replace

from ..ir import (
    IR, AliasType, AnyType, Array, Const, Constraints, EnumType, Map, ObjectType, Primitive,
    Ref, Type, TypeExpr, UnionType,
)
from ..ir.walk import all_exprs

def prune_also(ir: IR) -> dict[int, str]:
    """Prune every `also` in place; returns id(entry) -> "implied" or "null" for the
    entries dropped or shrunk to "not null" (others are kept as they are)."""
    fate: dict[int, str] = {}
    null_uses = {e.name for e in all_exprs(ir) if isinstance(e, Ref) and e.nullable}
    for name, t in ir.types.items():  # a type's `also` see the null its uses admit
        t.also = _pruned(ir, t.also, Ref(name=name, nullable=name in null_uses), fate)
    for e in list(all_exprs(ir)):
        if e.also:
            e.also = _pruned(ir, e.also, replace(e, also=[]), fate)
    return fate


def _pruned(ir: IR, also: list[TypeExpr], main: TypeExpr, fate: dict[int, str]) -> list[TypeExpr]:
    out: list[TypeExpr] = []
    for a in also:
        if covers(ir, a, main, set()):
            fate[id(a)] = "implied"
            continue
        if main.nullable and not a.nullable and covers(ir, a, replace(main, nullable=False), set()):
            fate[id(a)] = "null"
            a = AnyType(excluded=Const(value=None))  # only null was left to refuse
        if a not in out:
            out.append(a)
    return out


def covers(ir: IR, a: TypeExpr, m: TypeExpr, seen: set[tuple[str, str]]) -> bool:
    """Every value `m` accepts, `a` accepts too (conservative)."""
    if a.also:
        return False
    if isinstance(a, AnyType):
        return a.excluded is None or a.excluded == Const(value=None) and _refuses_null(ir, m, set())
    if m.nullable and not a.nullable:
        return False
    if isinstance(m, Ref) and isinstance(a, Ref):
        if a.name == m.name or (a.name, m.name) in seen:
            return True  # a cycle: assume it holds (the usual coinductive reading)
        seen = seen | {(a.name, m.name)}
    ta = ir.types.get(a.name) if isinstance(a, Ref) else None
    tm = ir.types.get(m.name) if isinstance(m, Ref) else None
    if isinstance(ta, AliasType):
        target = replace(ta.target, nullable=a.nullable or ta.target.nullable)
        return not ta.also and covers(ir, target, m, seen)
    if isinstance(tm, AliasType):
        return covers(ir, a, replace(tm.target, nullable=m.nullable or tm.target.nullable), seen)
    if isinstance(tm, UnionType):  # each variant of m, by a
        return all(covers(ir, a, v, seen) for v in tm.variants)
    if isinstance(ta, UnionType):  # m, by one variant of a
        return not ta.also and any(covers(ir, v, m, seen) for v in ta.variants)
    if isinstance(ta, EnumType) or isinstance(tm, EnumType):
        return _values_covered(ta, tm, m)
    if isinstance(ta, ObjectType) and isinstance(tm, ObjectType):
        return not ta.also and _object_covers(ir, ta, tm, seen)
    if ta is not None or tm is not None:
        return False
    return _inline_covers(ir, a, m, seen)


def _refuses_null(ir: IR, m: TypeExpr, seen: set[str]) -> bool:
    """`m` never accepts null (conservative: False when unsure)."""
    if m.nullable or isinstance(m, AnyType) or getattr(m, "implicit", False):
        return False
    if isinstance(m, Const):
        return m.value is not None
    if not isinstance(m, Ref):
        return True
    if m.name in seen:
        return True
    seen = seen | {m.name}
    t = ir.types.get(m.name)
    if isinstance(t, ObjectType):
        return not t.implicit
    if isinstance(t, EnumType):
        return None not in t.values
    if isinstance(t, UnionType):
        return all(_refuses_null(ir, v, seen) for v in t.variants)
    if isinstance(t, AliasType):
        return _refuses_null(ir, t.target, seen)
    return False


def _values_covered(ta: Type | None, tm: Type | None, m: TypeExpr) -> bool:
    if not isinstance(ta, EnumType) or ta.also:
        return False
    if isinstance(tm, EnumType):
        values = tm.values
    elif isinstance(m, Const):
        values = [m.value]
    else:
        return False
    return all(any(type(v) is type(w) and v == w for w in ta.values) for v in values)


def _inline_covers(ir: IR, a: TypeExpr, m: TypeExpr, seen: set[tuple[str, str]]) -> bool:
    if isinstance(a, Primitive) and isinstance(m, Primitive):
        same = a.type == m.type or (a.type == "number" and m.type == "integer")
        return same and a.implicit >= m.implicit and _bounds_covered(a.constraints, m.constraints)
    if isinstance(a, Array) and isinstance(m, Array):
        return (not a.prefix_items and a.implicit >= m.implicit
                and _bounds_covered(a.constraints, m.constraints)
                and all(covers(ir, a.items, p, seen) for p in m.prefix_items)
                and covers(ir, a.items, m.items, seen))
    if isinstance(a, Map) and isinstance(m, Map):
        return (a.implicit >= m.implicit and _bounds_covered(a.constraints, m.constraints)
                and covers(ir, a.values, m.values, seen))
    if isinstance(a, Const) and isinstance(m, Const):
        return type(a.value) is type(m.value) and a.value == m.value
    return False


def _bounds_covered(a: Constraints, m: Constraints) -> bool:
    """`a` sets no bound, or exactly `m`'s."""
    return a.is_empty() or a == m


def _object_covers(ir: IR, a: ObjectType, m: ObjectType, seen: set[tuple[str, str]]) -> bool:
    if m.implicit and not a.implicit or not _bounds_covered(a.constraints, m.constraints):
        return False
    fields_m = {f.name: f for f in m.fields}
    fields_a = {f.name: f for f in a.fields}
    for name, fa in fields_a.items():
        fm = fields_m.get(name)
        if fm is None:
            if fa.required or not _extra_covered(ir, fa.type, m.additional_properties, seen):
                return False
        elif fa.required and not fm.required or not covers(ir, fa.type, fm.type, seen):
            return False
    for name, fm in fields_m.items():
        if name not in fields_a and not _extra_allows(ir, a.additional_properties, fm.type, seen):
            return False
    extra_m = m.additional_properties
    if extra_m is False:
        return True
    if extra_m is True:
        return a.additional_properties is True
    return _extra_allows(ir, a.additional_properties, extra_m, seen)


def _extra_allows(ir: IR, extra_a: bool | TypeExpr, value: TypeExpr,
                  seen: set[tuple[str, str]]) -> bool:
    """`a`'s additionalProperties accepts every value of type `value`."""
    if isinstance(extra_a, bool):
        return extra_a
    return covers(ir, extra_a, value, seen)


def _extra_covered(ir: IR, fa: TypeExpr, extra_m: bool | TypeExpr,
                   seen: set[tuple[str, str]]) -> bool:
    """A key `a` declares and `m` does not: whatever `m` lets through there, `fa` takes."""
    if extra_m is False:
        return True
    if extra_m is True:
        return isinstance(fa, AnyType) and fa.excluded is None
    return covers(ir, fa, extra_m, seen)
