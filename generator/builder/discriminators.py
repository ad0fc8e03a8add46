"""Union discriminators: read the spec's, or infer them from single-value tags.

A spec's `discriminator.mapping` names variants by `$ref`; without a mapping,
each variant's tag is its single-value `enum`/`const` at the property (or,
as OpenAPI says, the schema's name). With no `discriminator` at all, a union of
objects that each pin one property to a distinct single value is given an
inferred discriminator on that property (`type` preferred).
"""

from __future__ import annotations

from typing import Any

from ..errors import SpecError
from ..ir import IR, AliasType, Const, Discriminator, EnumType, ObjectType, Ref, UnionType
from .schemas import SchemaBuilder

PREFERRED = ("type", "kind", "object", "event", "role")


def tag_value(ir: IR, obj: ObjectType, prop: str) -> tuple[bool, Any]:
    """(True, value) when `prop` of `obj` is pinned to one value."""
    for f in obj.fields:
        if f.name != prop:
            continue
        t = f.type
        if isinstance(t, Const):
            return True, t.value
        if isinstance(t, Ref):
            target = ir.types.get(t.name)
            if isinstance(target, EnumType) and len(target.values) == 1:
                return True, target.values[0]
    return False, None


def object_of(ir: IR, name: str) -> ObjectType | None:
    """Follow alias chains from a type name to an object type, if it is one."""
    seen = set()
    while name not in seen:
        seen.add(name)
        t = ir.types.get(name)
        if isinstance(t, ObjectType):
            return t
        if isinstance(t, AliasType) and isinstance(t.target, Ref):
            name = t.target.name
            continue
        return None
    return None


def finalize_discriminators(ir: IR, builder: SchemaBuilder) -> None:
    for name, t in ir.types.items():
        if not isinstance(t, UnionType):
            continue
        raw = builder.raw_discriminators.get(name)
        if raw is not None:
            t.discriminator = _declared(ir, builder, t, *raw)
        else:
            t.discriminator = _inferred(ir, t)


def _declared(ir: IR, builder: SchemaBuilder, union: UnionType, disc: dict[str, Any],
              doc: Any, ptr: str) -> Discriminator:
    prop = disc["propertyName"]
    mapping: dict[str, str] = {}
    raw_mapping = disc.get("mapping")
    if isinstance(raw_mapping, dict):
        for value, ref in raw_mapping.items():
            if not isinstance(ref, str):
                raise SpecError(doc.location(ptr), f"mapping for {value!r} must be a string")
            if "#" not in ref and "/" not in ref:
                ref = "#/components/schemas/" + ref
            target = builder.ws.resolve(ref, doc, ptr)
            name = builder.by_key.get(target.key) or builder.named_target(target)
            mapping[str(value)] = name
    else:
        for v in union.variants:
            if not isinstance(v, Ref):
                continue
            obj = object_of(ir, v.name)
            found, value = tag_value(ir, obj, prop) if obj else (False, None)
            mapping[str(value) if found else v.name] = v.name
    return Discriminator(property=prop, mapping=mapping)


def _inferred(ir: IR, union: UnionType) -> Discriminator | None:
    objects = []
    for v in union.variants:
        obj = object_of(ir, v.name) if isinstance(v, Ref) else None
        if obj is None or not isinstance(v, Ref):
            return None
        objects.append((v.name, obj))
    if len(objects) < 2:
        return None
    names = [f.name for f in objects[0][1].fields]
    candidates = sorted(names, key=lambda n: (PREFERRED.index(n) if n in PREFERRED else 99, n))
    for prop in candidates:
        mapping: dict[str, str] = {}
        for variant_name, obj in objects:
            found, value = tag_value(ir, obj, prop)
            if not found or not isinstance(value, str) or value in mapping:
                break
            mapping[value] = variant_name
        else:
            return Discriminator(property=prop, mapping=mapping, inferred=True)
    return None
