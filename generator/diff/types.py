"""Compare two versions of one named type: fields, enum values, variants."""

from __future__ import annotations

import json
from typing import Any

from ..ir import AliasType, EnumType, Field, ObjectType, Type, TypeExpr, UnionType
from .change import BOTH, NONE, REQUEST, RESPONSE, Context, show, value
from .exprs import _same, compare_bounds, compare_expr, join


def compare_type(ctx: Context, a: Type, b: Type) -> None:
    if a.kind != b.kind:
        ctx.add("", "type", "changed", a.kind, b.kind, BOTH, f"kind {a.kind} -> {b.kind}")
        return
    if a.deprecated != b.deprecated:
        ctx.add("", "deprecated", "added" if b.deprecated else "removed", a.deprecated,
                b.deprecated, NONE, "deprecated" if b.deprecated else "no longer deprecated")
    if isinstance(a, ObjectType) and isinstance(b, ObjectType):
        _objects(ctx, a, b)
    elif isinstance(a, EnumType) and isinstance(b, EnumType):
        _enums(ctx, a, b)
    elif isinstance(a, UnionType) and isinstance(b, UnionType):
        _unions(ctx, a, b)
    elif isinstance(a, AliasType) and isinstance(b, AliasType):
        compare_expr(ctx, "", a.target, b.target)


def _objects(ctx: Context, a: ObjectType, b: ObjectType) -> None:
    old = {f.name: f for f in a.fields}
    new = {f.name: f for f in b.fields}
    for name, f in old.items():
        if name not in new:
            ctx.add(name, "field", "removed", show(f.type), None, BOTH, f"field `{name}` removed")
    for name, f in new.items():
        if name not in old:
            rule = REQUEST if f.required else NONE
            kind = "required" if f.required else "optional"
            ctx.add(name, "field", "added", None, show(f.type), rule,
                    f"{kind} field `{name}` added ({show(f.type)})")
        else:
            _field(ctx, old[name], f)
    _additional(ctx, a.additional_properties, b.additional_properties)
    compare_bounds(ctx, "", a.constraints, b.constraints)


def _field(ctx: Context, a: Field, b: Field) -> None:
    name = a.name
    if a.required != b.required:
        if b.required:
            ctx.add(name, "required", "added", False, True, REQUEST, f"`{name}` becomes required")
        else:
            ctx.add(name, "required", "removed", True, False, RESPONSE, f"`{name}` becomes optional")
    compare_expr(ctx, name, a.type, b.type)
    if a.has_default != b.has_default or not _same(a.default, b.default):
        old = a.default if a.has_default else None
        new = b.default if b.has_default else None
        action = "added" if not a.has_default else "removed" if not b.has_default else "changed"
        ctx.add(join(name, "default"), "default", action, old, new, NONE,
                f"`{name}`: default {action} ({value(old)} -> {value(new)})")
    if a.deprecated != b.deprecated:
        ctx.add(name, "deprecated", "added" if b.deprecated else "removed", a.deprecated,
                b.deprecated, NONE, f"`{name}` " + ("deprecated" if b.deprecated else "no longer deprecated"))
    for attr in ("read_only", "write_only"):
        if getattr(a, attr) != getattr(b, attr):
            ctx.add(name, "field", "changed", getattr(a, attr), getattr(b, attr), NONE,
                    f"`{name}`: {attr.replace('_', '')} {getattr(a, attr)} -> {getattr(b, attr)}")


def _additional(ctx: Context, a: bool | TypeExpr, b: bool | TypeExpr) -> None:
    from ..ir import AnyType

    a = True if isinstance(a, AnyType) else a  # `additionalProperties: {}` allows anything too
    b = True if isinstance(b, AnyType) else b
    if isinstance(a, bool) or isinstance(b, bool):
        if a is b or (isinstance(a, bool) and isinstance(b, bool) and a == b):
            return
        show_a = a if isinstance(a, bool) else show(a)
        show_b = b if isinstance(b, bool) else show(b)
        narrowed = a is True or b is False
        ctx.add("additionalProperties", "field", "changed", show_a, show_b,
                REQUEST if narrowed else RESPONSE,
                f"additional properties {show_a} -> {show_b}")
        return
    compare_expr(ctx, "additionalProperties", a, b)


def _enums(ctx: Context, a: EnumType, b: EnumType) -> None:
    for v in a.values:
        if not any(_same(v, w) for w in b.values):
            ctx.add(value(v), "enum value", "removed", v, None, REQUEST, f"value {value(v)} removed")
    for v in b.values:
        if not any(_same(v, w) for w in a.values):
            rule = RESPONSE  # open: the witness shows it breaks strict clients only
            ctx.add(value(v), "enum value", "added", None, v, rule,
                    f"value {value(v)} added" + (" (open enum)" if b.open else ""))
    if a.has_default != b.has_default or not _same(a.default, b.default):
        old = a.default if a.has_default else None
        new = b.default if b.has_default else None
        ctx.add("default", "default", "changed", old, new, NONE,
                f"default {value(old)} -> {value(new)}")


def variant_key(e: TypeExpr, renames: dict[str, str]) -> str:
    from ..ir import Const, Ref

    if isinstance(e, Ref):
        return renames.get(e.name, e.name)
    if isinstance(e, Const):
        return "const " + json.dumps(e.value)
    return show(e, renames).replace(" | null", "")


def _keyed(variants: list[TypeExpr], renames: dict[str, str]) -> dict[str, TypeExpr]:
    out: dict[str, TypeExpr] = {}
    for v in variants:
        key = variant_key(v, renames)
        while key in out:
            key += "'"
        out[key] = v
    return out


def _unions(ctx: Context, a: UnionType, b: UnionType) -> None:
    old, new = _keyed(a.variants, ctx.renames), _keyed(b.variants, {})
    for key, v in old.items():
        if key not in new:
            ctx.add(f"[{key}]", "union variant", "removed", show(v), None, REQUEST, f"variant {key} removed")
    for key, v in new.items():
        if key not in old:
            ctx.add(f"[{key}]", "union variant", "added", None, show(v), RESPONSE, f"variant {key} added")
        else:
            compare_expr(ctx, f"[{key}]", old[key], v)
    da, db = a.discriminator, b.discriminator
    if (da is None) != (db is None) or (da and db and da.property != db.property):
        pa: Any = da.property if da else None
        pb: Any = db.property if db else None
        rule = BOTH if da and db else NONE
        ctx.add("discriminator", "union variant", "changed", pa, pb, rule,
                f"discriminator {value(pa)} -> {value(pb)}")
