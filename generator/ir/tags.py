"""How a tagged union dispatches: which variants each tag value selects.

Shared by every target that dispatches on a tag (the models, zod, the JSON
Schema bundles) and by the builder's direction pass, so they cannot disagree.
A variant may allow several tag values (a multi-value enum), and several
variants may share one value (`type: message` in two item kinds of one real spec):
that value then selects all of them, and their structure decides.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import IR, AliasType, Const, EnumType, ObjectType, Ref, TypeExpr, UnionType


def object_behind(ir: IR, expr: TypeExpr) -> ObjectType | None:
    """The object type a non-nullable use names (through aliases), if any."""
    seen: set[str] = set()
    while isinstance(expr, Ref) and not expr.nullable and expr.name not in seen:
        seen.add(expr.name)
        t = ir.types.get(expr.name)
        if isinstance(t, ObjectType):
            return t
        if not isinstance(t, AliasType):
            return None
        expr = t.target
    return None


def tag_pins(ir: IR, expr: TypeExpr, prop: str) -> tuple[frozenset[str] | None, bool]:
    """(string values the variant allows for `prop` or None if not pinned, required)."""
    obj = object_behind(ir, expr)
    if obj is None:
        return None, False
    for f in obj.fields:
        if f.name != prop:
            continue
        t = f.type
        if isinstance(t, Const) and isinstance(t.value, str) and not t.nullable:
            return frozenset({t.value}), f.required
        if isinstance(t, Ref) and not t.nullable:
            target = ir.types.get(t.name)
            if isinstance(target, EnumType) and all(isinstance(v, str) for v in target.values):
                return frozenset(target.values), f.required
        return None, f.required
    if obj.additional_properties is False:
        return frozenset(), False  # the property cannot be there at all
    return None, False


@dataclass
class Dispatch:
    """`property`'s value -> the indices (in `UnionType.variants`) it selects."""

    property: str
    groups: dict[str, list[int]]


def dispatch(ir: IR, union: UnionType) -> Dispatch | None:
    """The union's dispatch table, when its discriminator decides: every variant an
    object (non-null use) that requires the tag and pins it to string values."""
    d = union.discriminator
    if d is None or not union.variants:
        return None
    groups: dict[str, list[int]] = {}
    for i, v in enumerate(union.variants):
        values, required = tag_pins(ir, v, d.property)
        if not values or not required or object_behind(ir, v) is None:
            return None
        for value in sorted(values):
            groups.setdefault(value, []).append(i)
    return Dispatch(d.property, dict(sorted(groups.items())))


def tag_enums(ir: IR) -> set[str]:
    """Enums that type a tag some union dispatches on: never open (a tag decides the
    variant; a value nobody knows is the union's business, not the enum's)."""
    out: set[str] = set()
    for t in ir.types.values():
        if not isinstance(t, UnionType) or t.discriminator is None:
            continue
        for v in t.variants:
            obj = object_behind(ir, v)
            for f in obj.fields if obj else []:
                if f.name == t.discriminator.property and isinstance(f.type, Ref):
                    out.add(f.type.name)
    return out


def tag_values(ir: IR, expr: TypeExpr, prop: str, seen: frozenset[str] = frozenset()
               ) -> frozenset[str]:
    """Every string value an object behind `expr` pins `prop` to, through aliases and
    nested unions (a variant that pins nothing adds nothing)."""
    if isinstance(expr, Ref) and expr.name not in seen:
        t = ir.types.get(expr.name)
        if isinstance(t, UnionType):
            inner = seen | {expr.name}
            return frozenset().union(*(tag_values(ir, v, prop, inner) for v in t.variants))
        if isinstance(t, AliasType):
            return tag_values(ir, t.target, prop, seen | {expr.name})
        expr = Ref(name=expr.name)  # a nullable use pins the tag as the type does
    values, _ = tag_pins(ir, expr, prop)
    return values or frozenset()


def shared_tag(ir: IR, union: UnionType) -> tuple[int, int, str] | None:
    """(i, j, value): the first two variants that both allow one tag value (the
    discriminator's property, else `type`), or None when the tags keep them apart."""
    prop = union.discriminator.property if union.discriminator else "type"
    seen: dict[str, int] = {}
    for j, v in enumerate(union.variants):
        values = tag_values(ir, v, prop)
        for value in sorted(values):
            if value in seen:
                return seen[value], j, value
        for value in values:
            seen.setdefault(value, j)
    return None
