"""What the validators know about a type before looking at data.

`buckets(ir, expr)`: the Python-side JSON kinds a type use can accept
(object, array, string, boolean, number, null), an over-approximation used to
send a value to the only union variants that can match it. `tag_pins(ir, expr,
prop)`: how an object variant pins a tag property (the values it allows, and
whether the tag is required), for dispatching a union on that tag.
"""

from __future__ import annotations

from typing import Any

from ...ir import (
    IR, AliasType, AnyType, Array, EnumType, Map, ObjectType, Primitive, Ref, TypeExpr,
    UnionType,
)
from ...ir.tags import object_behind, tag_pins

__all__ = ["buckets", "decisive_fields", "object_behind", "tag_pins", "value_bucket"]

ALL = frozenset({"object", "array", "string", "boolean", "number", "null"})
_PRIMITIVE = {"string": "string", "integer": "number", "number": "number", "boolean": "boolean"}


def value_bucket(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def buckets(ir: IR, expr: TypeExpr, seen: frozenset[str] = frozenset()) -> frozenset[str]:
    """Every kind of JSON value `expr` might accept."""
    out: frozenset[str]
    if isinstance(expr, AnyType) or getattr(expr, "implicit", False):
        return ALL
    if isinstance(expr, Ref):
        out = _named(ir, expr.name, seen)
    elif isinstance(expr, Primitive):
        out = frozenset({_PRIMITIVE.get(expr.type, "string")})
    elif isinstance(expr, Array):
        out = frozenset({"array"})
    elif isinstance(expr, Map):
        out = frozenset({"object"})
    else:
        out = frozenset({value_bucket(expr.value)})
    return out | {"null"} if expr.nullable else out


def _named(ir: IR, name: str, seen: frozenset[str]) -> frozenset[str]:
    if name in seen:
        return ALL
    seen = seen | {name}
    t = ir.types.get(name)
    if isinstance(t, ObjectType):
        return ALL if t.implicit else frozenset({"object"})
    if isinstance(t, EnumType):
        return frozenset(value_bucket(v) for v in t.values)
    if isinstance(t, UnionType):
        out: frozenset[str] = frozenset()
        for v in t.variants:
            out |= buckets(ir, v, seen)
        return out
    if isinstance(t, AliasType):
        return buckets(ir, t.target, seen)
    return ALL


def decisive_fields(ir: IR, t: UnionType, cands: list[int]) -> list[tuple[str, int]]:
    """(property, position in `cands`) for each property that one candidate object
    variant requires and no other declares: when no variant matches, a value holding
    it is reported against that variant (sorted, for stable output). None unless
    every candidate is an object type (a nested union's fields are not known)."""
    objects = [object_behind(ir, t.variants[i]) for i in cands]
    if any(obj is None for obj in objects):
        return []
    declared = [{f.name for f in obj.fields} for obj in objects if obj]
    out: list[tuple[str, int]] = []
    for pos, obj in enumerate(objects):
        for f in obj.fields if obj else []:
            if f.required and sum(f.name in names for names in declared) == 1:
                out.append((f.name, pos))
    return sorted(out)
