"""IR -> JSON Schema 2020-12: one keyword mapping for every IR construct.

Named types become `$defs` entries (referenced as `#/$defs/<escaped name>`);
nullability is `type: [T, "null"]` on primitives, else `anyOf [..., {type: null}]`;
unions are `oneOf` (exclusive) or `anyOf`; open (response-side) enums accept any
string or integer besides their values, a response-side tagged union an object
whose tag it does not know, and keys matching `patternProperties`
any value, as the generated models do (`also` is not emitted, likewise).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import quote

from ...source import pointer as jp
from ...ir import (
    IR, AliasType, AnyType, Array, Const, Constraints, EnumType, Map, ObjectType, Primitive,
    Ref, Type, TypeExpr, UnionType,
)
from ...ir.tags import dispatch
from ...ir.walk import reachable, refs

DIALECT = "https://json-schema.org/draft/2020-12/schema"

_BOUNDS = [("minimum", "minimum"), ("maximum", "maximum"), ("exclusive_minimum", "exclusiveMinimum"),
           ("exclusive_maximum", "exclusiveMaximum"), ("multiple_of", "multipleOf"),
           ("min_length", "minLength"), ("max_length", "maxLength"), ("pattern", "pattern"),
           ("min_items", "minItems"), ("max_items", "maxItems"),
           ("min_properties", "minProperties"), ("max_properties", "maxProperties")]


@lru_cache(maxsize=8192)  # a pure function of the name, asked at every use
def ref(name: str) -> str:
    """A `$ref` to a named type: a JSON pointer, percent-encoded as a URI fragment."""
    return "#" + quote(jp.join("/$defs", name), safe="/~$-_.!*'()")


def constraints(c: Constraints) -> dict[str, Any]:
    if c.is_empty():  # most uses: one comparison instead of 13 lookups
        return {}
    out: dict[str, Any] = {key: getattr(c, attr) for attr, key in _BOUNDS
                           if getattr(c, attr) is not None}
    if c.unique_items:
        out["uniqueItems"] = True
    return out


def expr(e: TypeExpr) -> dict[str, Any]:
    """The schema of one type use."""
    if isinstance(e, AnyType):
        return {}
    if isinstance(e, Primitive):
        out: dict[str, Any] = {"type": [e.type, "null"] if e.nullable else e.type}
        if e.format:
            out["format"] = e.format
        return out | constraints(e.constraints)
    if isinstance(e, Ref):
        core: dict[str, Any] = {"$ref": ref(e.name)}
    elif isinstance(e, Array):
        core = {"type": "array", "items": expr(e.items)} | constraints(e.constraints)
    elif isinstance(e, Map):
        values = {} if e.pattern_properties else expr(e.values)  # as the models read it
        core = {"type": "object", "additionalProperties": values} | constraints(e.constraints)
    elif isinstance(e, Const):
        core = {"const": e.value}
    else:
        raise TypeError(f"unknown type expression {e!r}")
    if e.nullable and not (isinstance(e, Const) and e.value is None):
        if "type" in core and "$ref" not in core:
            core["type"] = [core["type"], "null"]
            return core
        return {"anyOf": [core, {"type": "null"}]}
    return core


def _annotations(t: Type) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if t.description:
        out["description"] = t.description
    if t.deprecated:
        out["deprecated"] = True
    if t.examples:
        out["examples"] = t.examples
    return out


def named(ir: IR, t: Type) -> dict[str, Any]:
    """The `$defs` entry of a named type."""
    head: dict[str, Any] = {"title": t.name} | _annotations(t)
    if isinstance(t, ObjectType):
        props: dict[str, Any] = {}
        for f in t.fields:
            schema = expr(f.type)
            for key, value in (("description", f.description), ("deprecated", f.deprecated or None),
                               ("readOnly", f.read_only or None), ("writeOnly", f.write_only or None),
                               ("examples", f.examples or None)):
                if value is not None:
                    schema[key] = value
            if f.has_default:
                schema["default"] = f.default
            props[f.name] = schema
        body: dict[str, Any] = {"type": "object", "properties": props}
        required = [f.name for f in t.fields if f.required]
        if required:
            body["required"] = required
        if t.pattern_properties:
            pass  # keys matching a pattern are not extra: any value, as the models read it
        elif t.additional_properties is False:
            body["additionalProperties"] = False
        elif not isinstance(t.additional_properties, bool):
            body["additionalProperties"] = expr(t.additional_properties)
        return head | body | constraints(t.constraints)
    if isinstance(t, EnumType):
        closed: dict[str, Any] = {"enum": list(t.values)}
        if t.has_default:
            closed["default"] = t.default
        if t.open and t.base in ("string", "integer") and len(t.values) > 1:
            return head | {"anyOf": [closed, {"type": t.base}]}
        return head | closed
    if isinstance(t, UnionType):
        variants = [expr(v) for v in t.variants]
        d = dispatch(ir, t) if t.keeps_unknown else None
        if d is not None:  # response side: an object with a tag nobody knows is kept
            variants.append({"type": "object", "required": [d.property], "properties": {
                d.property: {"type": "string", "not": {"enum": list(d.groups)}}}})
        return head | {"oneOf" if t.exclusive else "anyOf": variants}
    if isinstance(t, AliasType):
        return head | expr(t.target)
    raise TypeError(f"unknown named type {t!r}")


def bundle(ir: IR, root: TypeExpr, title: str, defs_cache: dict[str, Any]) -> dict[str, Any]:
    """A self-contained schema: `root` plus the `$defs` of every type it reaches.
    `defs_cache` (name -> `$defs` entry) is kept by the caller across bundles."""
    return Bundler(ir, defs_cache).bundle(root, title)


class Bundler:
    """Bundles of one IR, sharing what they have in common: each named type's `$defs`
    entry (`defs`) and the types it uses, and each set of roots' `$defs` (a target's
    responses share many: the latest upstream spec's 582 bundles have 140)."""

    def __init__(self, ir: IR, defs: dict[str, Any] | None = None) -> None:
        self.ir = ir
        self.defs: dict[str, Any] = {} if defs is None else defs
        self._uses: dict[str, list[str]] = {}  # walk.reachable's
        self._closures: dict[tuple[str, ...], dict[str, Any]] = {}  # roots -> `$defs`

    def bundle(self, root: TypeExpr, title: str) -> dict[str, Any]:
        roots = tuple(refs(root, also=False))  # as the models read it
        found = self._closures.get(roots)
        if found is None:
            names = reachable(self.ir, list(roots), also=False, uses=self._uses)
            for name in names:
                if name not in self.defs:
                    self.defs[name] = named(self.ir, self.ir.types[name])
            found = self._closures[roots] = {name: self.defs[name] for name in sorted(names)}
        out: dict[str, Any] = {"$schema": DIALECT, "title": title} | expr(root)
        if found:
            out["$defs"] = found  # shared by the bundles of the same roots: read only
        return out
