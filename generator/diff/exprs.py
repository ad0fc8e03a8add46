"""Compare two uses of a type (TypeExpr): nullability, kind, bounds.

Request side: a change that makes the schema accept less breaks (narrowed
type, bound tightened or added, pattern added, nullable removed, an enum where
there was none). Response side: a change that lets the server send more
breaks (widened type, nullable added).
"""

from __future__ import annotations

from typing import Any

from ..ir import AliasType, AnyType, Array, Const, Constraints, EnumType, Map, Primitive, Ref, TypeExpr
from .change import BOTH, NONE, REQUEST, RESPONSE, Context, Sides, show, value

LOWER = {"minimum": "minimum", "exclusive_minimum": "exclusiveMinimum", "min_length": "minLength",
         "min_items": "minItems", "min_properties": "minProperties"}
UPPER = {"maximum": "maximum", "exclusive_maximum": "exclusiveMaximum", "max_length": "maxLength",
         "max_items": "maxItems", "max_properties": "maxProperties"}
# a value of the inner type is also a value of the outer one
SUBTYPES = {("integer", "number")}


def join(path: str, part: str) -> str:
    return f"{path}.{part}" if path and not part.startswith("[") else path + part


def compare_expr(ctx: Context, path: str, a: TypeExpr, b: TypeExpr) -> None:
    if a.nullable != b.nullable and not isinstance(a, AnyType) and not isinstance(b, AnyType):
        if a.nullable:
            ctx.add(path, "nullable", "removed", True, False, REQUEST, f"{path or 'value'}: no longer nullable")
        else:
            ctx.add(path, "nullable", "added", False, True, RESPONSE, f"{path or 'value'}: now nullable")
    if isinstance(a, Ref) and isinstance(b, Ref):
        if ctx.renames.get(a.name, a.name) != b.name and not _through(ctx, path, a.name, b.name):
            ctx.add(path, "type", "changed", a.name, b.name, _ref_rule(ctx, a.name, b.name),
                    f"{path or 'value'}: type {a.name} -> {b.name}")
        return
    if type(a) is not type(b):
        ctx.add(path, "type", "changed", show(a), show(b), kind_rule(ctx, a, b),
                f"{path or 'value'}: type {show(a)} -> {show(b)}")
        return
    if isinstance(a, Primitive) and isinstance(b, Primitive):
        if a.type != b.type:
            rule = REQUEST if (b.type, a.type) in SUBTYPES else RESPONSE if (a.type, b.type) in SUBTYPES else BOTH
            ctx.add(path, "type", "changed", a.type, b.type, rule, f"{path or 'value'}: type {a.type} -> {b.type}")
        if a.format != b.format:
            ctx.add(path, "type", "changed", a.format, b.format, NONE,
                    f"{path or 'value'}: format {a.format} -> {b.format}")
        compare_bounds(ctx, path, a.constraints, b.constraints)
    elif isinstance(a, Array) and isinstance(b, Array):
        compare_bounds(ctx, path, a.constraints, b.constraints)
        compare_expr(ctx, join(path, "[]"), a.items, b.items)
    elif isinstance(a, Map) and isinstance(b, Map):
        compare_bounds(ctx, path, a.constraints, b.constraints)
        compare_expr(ctx, join(path, "{}"), a.values, b.values)
    elif isinstance(a, Const) and isinstance(b, Const) and not _same(a.value, b.value):
        ctx.add(path, "type", "changed", a.value, b.value, BOTH,
                f"{path or 'value'}: const {value(a.value)} -> {value(b.value)}")


def _through(ctx: Context, path: str, old: str, new: str) -> bool:
    """A use now names another type of the same kind: compare the two types
    (each pair once), reporting their differences at this use. False when they
    cannot be compared that way."""
    a, b = ctx.old_types.get(old), ctx.new_types.get(new)
    if a is None or b is None or a.kind != b.kind:
        return False
    if (old, new) in ctx.seen:
        return True
    ctx.seen.add((old, new))
    from .types import compare_type

    compare_type(ctx.under(join(ctx.prefix, path) if ctx.prefix else path), a, b)
    return True


def compare_bounds(ctx: Context, path: str, a: Constraints, b: Constraints) -> None:
    for attr, spelling in (LOWER | UPPER).items():
        old, new = getattr(a, attr), getattr(b, attr)
        if _same(old, new):
            continue
        lower = attr in LOWER
        tighter = old is None or (new is not None and (new > old if lower else new < old))
        _bound(ctx, path, spelling, old, new, tighter)
    if not _same(a.multiple_of, b.multiple_of):
        old, new = a.multiple_of, b.multiple_of
        tighter = new is not None and (old is None or (new % old) != 0)
        _bound(ctx, path, "multipleOf", old, new, tighter)
    if a.pattern != b.pattern:
        _bound(ctx, path, "pattern", a.pattern, b.pattern, b.pattern is not None)
    if a.unique_items != b.unique_items:
        _bound(ctx, path, "uniqueItems", a.unique_items, b.unique_items, b.unique_items)


def _bound(ctx: Context, path: str, spelling: str, old: Any, new: Any, tighter: bool) -> None:
    action = ("added" if old is None or old is False else "tightened") if tighter else \
        ("removed" if new is None or new is False else "loosened")
    where = f"{path}: " if path else ""
    ctx.add(join(path, spelling), "bound", action, old, new, REQUEST if tighter else NONE,
            f"{where}{spelling} {action} ({value(old)} -> {value(new)})")


def kind_rule(ctx: Context, a: TypeExpr, b: TypeExpr) -> Sides:
    """Rule for a use whose kind changed: narrowed, widened, or just different."""
    if isinstance(b, AnyType):
        return RESPONSE
    if isinstance(a, AnyType):
        return REQUEST
    old_vals, new_vals = _values(a, ctx.old_types), _values(b, ctx.new_types)
    old_base, new_base = _base(a, ctx.old_types), _base(b, ctx.new_types)
    if new_vals is not None and old_vals is None and old_base is not None \
            and all(_fits(v, old_base) for v in new_vals):
        return REQUEST  # an enum/const where there was none
    if old_vals is not None and new_vals is None and new_base is not None \
            and all(_fits(v, new_base) for v in old_vals):
        return RESPONSE  # an enum/const became its plain type
    if old_vals is not None and new_vals is not None:
        removed = [v for v in old_vals if not any(_same(v, w) for w in new_vals)]
        added = [v for v in new_vals if not any(_same(v, w) for w in old_vals)]
        return (REQUEST if removed else NONE) | (RESPONSE if added else NONE)
    return BOTH


def _ref_rule(ctx: Context, old: str, new: str) -> Sides:
    return kind_rule(ctx, Ref(name=old), Ref(name=new))


def _resolve(e: TypeExpr, types: dict[str, Any]) -> Any:
    seen = 0
    while isinstance(e, Ref) and seen < 20:
        t = types.get(e.name)
        if isinstance(t, AliasType):
            e = t.target
            seen += 1
        else:
            return t
    return e


def _values(e: TypeExpr, types: dict[str, Any]) -> list[Any] | None:
    r = _resolve(e, types)
    if isinstance(r, Const):
        return [r.value]
    if isinstance(r, EnumType):
        return list(r.values)
    return None


def _base(e: TypeExpr, types: dict[str, Any]) -> str | None:
    r = _resolve(e, types)
    return r.type if isinstance(r, Primitive) else None


def _fits(v: Any, base: str) -> bool:
    if base == "string":
        return isinstance(v, str)
    if base == "boolean":
        return isinstance(v, bool)
    if base == "integer":
        return isinstance(v, int) and not isinstance(v, bool)
    if base == "number":
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    return False


def _same(a: Any, b: Any) -> bool:
    return bool(a == b and (type(a) is type(b) or (
        isinstance(a, (int, float)) and isinstance(b, (int, float))
        and not isinstance(a, bool) and not isinstance(b, bool))))
