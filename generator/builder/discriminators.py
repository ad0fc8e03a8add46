"""Union discriminators: read the spec's, or infer them from single-value tags.

A spec's `discriminator.mapping` names variants by `$ref`; without a mapping,
each variant's tag is its single-value `enum`/`const` at the property (or,
as OpenAPI says, the schema's name). With no `discriminator` at all, a union of
objects that each pin one property to distinct values (a const, or an enum of
one or more strings) is given an inferred discriminator on that property
(`type` preferred).
"""

from __future__ import annotations

from typing import Any

from ..errors import SpecError
from ..ir import IR, AliasType, Discriminator, ObjectType, Ref, UnionType
from ..ir.tags import tag_pins
from .schemas import SchemaBuilder

PREFERRED = ("type", "kind", "object", "event", "role")


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
        for v in union.variants:  # a value two variants share maps to the first (see ir.tags)
            if not isinstance(v, Ref):
                continue
            values, _ = tag_pins(ir, Ref(name=v.name), prop)
            if not values and v.name in builder.hints:
                continue  # an inline schema has no name to be its tag value (OpenAPI's default)
            for value in sorted(values) if values else [v.name]:
                mapping.setdefault(value, v.name)
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
            values, _ = tag_pins(ir, Ref(name=variant_name), prop)
            if not values or any(value in mapping for value in values):
                break
            mapping.update((value, variant_name) for value in sorted(values))
        else:
            return Discriminator(property=prop, mapping=mapping, inferred=True)
    return None
