"""JSON Schema (OpenAPI flavour) -> IR types.

`SchemaBuilder.expr()` turns the schema of a *use* (a property, an item, a
body) into a TypeExpr; objects, enums and unions met inline are hoisted to
named types under a provisional name derived from their path (the
`inline_names` pass gives them their final, readable names). `$ref` targets
become named types once, memoised by (file, pointer), so cycles terminate.
"""

from __future__ import annotations

from typing import Any, Callable

from ..source import pointer as jp
from ..errors import Diagnostics, Location, SpecError
from ..ir import (
    AliasType, AnyType, Array, Const, Field, Map,
    NamedType, ObjectType, PatternProperty, Primitive, Ref, Type, TypeExpr, UnionType,
)
from ..source.loader import Document, Target, Workspace
from ..ir.walk import refs
from ..words import pascal
from .allof import Origins, merge_allof, unwrap_single
from .also import AlsoParts, Note
from .keywords import allof_variant_hint, check_keywords, enum_type, pointer_hint
from .keywords import annotate as _annotate
from .keywords import constraints as _constraints
from .keywords import examples as _examples
from .keywords import implied_kind as _implied_kind
from .keywords import text as _text
from .nulls import is_annotation, strip_null

PRIMITIVES = ("string", "integer", "number", "boolean")


def _beside_union(key: str) -> bool:
    """Keywords beside anyOf/oneOf that do not constrain the value by themselves."""
    return is_annotation(key) or key in ("$defs", "definitions", "nullable")


class SchemaBuilder(AlsoParts):
    """Builds named types into `self.types`; see the module docstring."""

    def __init__(self, ws: Workspace, diags: Diagnostics) -> None:
        self.ws = ws
        self.diags = diags
        self.pattern_sites: dict[str, Location] = {}  # pattern -> where first seen
        self.types: dict[str, Type] = {}
        self.by_key: dict[tuple[str, str], str] = {}
        self.def_nullable: dict[str, bool] = {}
        self.origins: Origins = {}
        self.hints: dict[str, str] = {}  # provisional inline name -> readable hint
        self.raw_discriminators: dict[str, tuple[dict[str, Any], Document, str]] = {}
        self.inline_nullable: dict[tuple[str, str], bool] = {}
        self.null_types: set[int] = set()  # ids of named types that admit null
        self.deferred: list[tuple[Type | TypeExpr, Callable[[], TypeExpr], Note | None]] = []
        self.also_notes: list[tuple[TypeExpr, Note]] = []  # said once `also` is pruned
        self._counter = 0

    # ------------------------------------------------------------ entry points

    def build_components(self) -> None:
        root = self.ws.root
        components = root.data.get("components")
        schemas = components.get("schemas") if isinstance(components, dict) else None
        if not isinstance(schemas, dict):
            return
        for name, node in schemas.items():
            ptr = jp.join("/components/schemas", name)
            if (str(root.path), ptr) not in self.by_key:
                self.named(root, ptr, node, name)

    def expr(self, node: Any, doc: Document, ptr: str, hint: str) -> TypeExpr:
        """The TypeExpr for a schema used at (doc, ptr); inline types named from `hint`."""
        origin = self.origins.get(id(node))
        if origin is not None and origin[0] is node:
            doc, ptr = origin[1], origin[2]
        key = (str(doc.path), ptr)
        if key in self.by_key:
            return Ref(name=self.by_key[key], nullable=self.inline_nullable.get(key, False))
        if isinstance(node, bool):
            return AnyType() if node else AnyType(excluded=AnyType())
        if not isinstance(node, dict):
            raise SpecError(doc.location(ptr), "a schema must be a mapping or a boolean")
        schema, nullable = strip_null(node)
        provisional = self._provisional(hint)
        self.by_key[key] = provisional
        result = self.body(schema, doc, ptr, provisional, hint, nullable)
        if isinstance(result, NamedType):
            self._hoist(result, doc, ptr, provisional, hint)
            self.inline_nullable[key] = nullable or id(result) in self.null_types
            return Ref(name=provisional, nullable=self.inline_nullable[key])
        del self.by_key[key]
        if provisional in refs(result):  # `x: {$ref: <x itself>}`, or `items` of it
            raise SpecError(doc.location(ptr), "$ref cycle through a schema that is not a "
                            "named type: refused (define it under components/schemas)")
        result.nullable = result.nullable or nullable
        result.examples = result.examples or _examples(schema)  # an inline use's own
        return result

    def named(self, doc: Document, ptr: str, node: Any, name: str) -> str:
        """Build the named type defined at (doc, ptr); returns its name."""
        key = (str(doc.path), ptr)
        if name in self.types or name in self.def_nullable:
            name = self._disambiguate(name, doc)
        self.by_key[key] = name
        self.def_nullable[name] = False
        if isinstance(node, bool):
            schema: dict[str, Any] = {} if node else {"not": {}}
            nullable = False
        elif isinstance(node, dict):
            schema, nullable = strip_null(node)
        else:
            raise SpecError(doc.location(ptr), "a schema must be a mapping or a boolean")
        result = self.body(schema, doc, ptr, name, name, nullable)
        if not isinstance(result, NamedType):
            # `{}` admits null; `not: X` decides for itself (its checker sees the null)
            nullable = nullable or result.nullable and not (
                isinstance(result, AnyType) and result.excluded is not None)
            result.nullable = False
            result = AliasType(name=name, target=result)
            _annotate(result, schema)
        result.origin = f"{doc.display}#{ptr}"
        self.def_nullable[name] = nullable or id(result) in self.null_types
        self.types[name] = result
        return name

    def ref(self, schema: dict[str, Any], doc: Document, ptr: str) -> Ref:
        target = self.ws.resolve(schema["$ref"], doc, ptr)
        name = self.by_key.get(target.key)
        if name is None:
            name = self.named_target(target)
        return Ref(name=name)

    def named_target(self, target: Target) -> str:
        tokens = jp.split(target.pointer)
        if len(tokens) == 3 and tokens[:2] == ["components", "schemas"]:
            name = tokens[2]
        elif tokens and target.doc is not self.ws.root and len(tokens) == 1:
            name = tokens[0]
        elif not tokens:
            name = pascal(target.doc.path.stem)
        else:
            hint = pointer_hint(tokens)
            result = self.expr(target.node, target.doc, target.pointer, hint or "Schema")
            if isinstance(result, Ref):
                return result.name
            return self.named(target.doc, target.pointer, target.node, hint or "Schema")
        return self.named(target.doc, target.pointer, target.node, name)

    def deref(self, node: Any, doc: Document, ptr: str) -> tuple[Any, Document, str]:
        """Follow `$ref`s to the schema they name (for allOf merging)."""
        origin = self.origins.get(id(node))
        if origin is not None and origin[0] is node:
            doc, ptr = origin[1], origin[2]  # a merged sub-schema from another file
        return self.ws.follow(node, doc, ptr)

    # ------------------------------------------------------------------- body

    def body(self, s: dict[str, Any], doc: Document, ptr: str, name: str,
             hint: str, null: bool = False) -> Type | TypeExpr:
        """A null-free schema -> a named type (object/enum/union) or an inline TypeExpr.
        `null`: the schema around it admitted null (so an allOf member's null is moot)."""
        check_keywords(s, doc, ptr, self.diags, self.pattern_sites)
        if "$ref" in s:
            extra = {k: v for k, v in s.items() if k != "$ref" and not is_annotation(k)}
            if not extra:
                return self.ref(s, doc, ptr)
            notes = {k: v for k, v in s.items() if is_annotation(k)}
            s = {**notes, "allOf": [{"$ref": s["$ref"]}, extra]}
        if "allOf" in s:
            single = unwrap_single(s)
            if single is not None:
                inner, nullable = strip_null(single)
                return self._with_null(self.body(inner, doc, jp.join(ptr, "allOf", 0), name, hint,
                                                  null or nullable), nullable)
            merge = merge_allof(s, doc, ptr, self.deref, self.origins, null)
            result = self._with_null(self.body(merge.schema, doc, ptr, name, hint, null),
                                     merge.nullable)
            return self._with_also(result, merge, doc, ptr, hint, null)
        for key in ("oneOf", "anyOf"):
            members = s.get(key)
            if isinstance(members, list) and members:
                if len(members) == 1 and isinstance(members[0], dict):
                    rest = {k: v for k, v in s.items() if k != key}
                    inner, nullable = strip_null({**rest, "allOf": [members[0]]})
                    return self._with_null(self.body(inner, doc, ptr, name, hint, null or nullable),
                                           nullable)
                rest = {k: v for k, v in s.items() if k != key and not _beside_union(k)}
                if rest:  # `type: string, minLength: 2, anyOf: [...]`: all of them apply
                    union = self._union({k: v for k, v in s.items() if k not in rest},
                                        key, doc, ptr, name, hint)
                    self._later(union, lambda: self._sibling(rest, doc, ptr, hint + "Base", null))
                    return union
                return self._union(s, key, doc, ptr, name, hint)
        if "not" in s:
            excluded = AnyType(excluded=self.expr(s["not"], doc, jp.join(ptr, "not"), hint + "Not"))
            if all(k == "not" or is_annotation(k) for k in s):
                return excluded
            result = self.body({k: v for k, v in s.items() if k != "not"}, doc, ptr, name, hint, null)
            result.also.append(excluded)  # `type: string, not: {enum: [...]}`
            return result
        if "const" in s:
            return Const(value=s["const"])
        if "enum" in s:
            return enum_type(s, doc, ptr, name)
        kind = s.get("type")
        if isinstance(kind, list):
            return self._type_list(s, kind, doc, ptr, name, hint)
        if kind == "null":
            return Const(value=None)
        if kind is None:
            kind = _implied_kind(s)
            implicit = kind is not None
        else:
            implicit = False
        if kind == "object":
            result = self._object(s, doc, ptr, name, hint)
        elif kind == "array":
            items = s.get("items", True)
            prefix: list[Any] = s["prefixItems"] if isinstance(s.get("prefixItems"), list) else []
            result = Array(
                items=self.expr(items, doc, jp.join(ptr, "items"), hint + "Item"),
                constraints=_constraints(s),
                prefix_items=[self.expr(p, doc, jp.join(ptr, "prefixItems", i), f"{hint}Item{i}")
                              for i, p in enumerate(prefix)],
            )
        elif kind in PRIMITIVES:
            fmt = s.get("format")
            result = Primitive(type=kind, format=fmt if isinstance(fmt, str) else None,
                               constraints=_constraints(s))
        elif kind is not None:
            raise SpecError(doc.location(jp.join(ptr, "type")), f"unknown type {kind!r}")
        else:
            return AnyType()
        if implicit and isinstance(result, (ObjectType, Array, Map, Primitive)):
            result.implicit = True
        return result

    def _object(self, s: dict[str, Any], doc: Document, ptr: str, name: str,
                hint: str) -> Type | TypeExpr:
        props = s.get("properties") or {}
        extra = s.get("additionalProperties", True)
        required: list[Any] = s["required"] if isinstance(s.get("required"), list) else []
        patterns = self._patterns(s, doc, ptr, hint)
        if not props and extra is not False and not required:
            values = AnyType() if extra is True else self.expr(
                extra, doc, jp.join(ptr, "additionalProperties"), hint + "Value")
            return Map(values=values, constraints=_constraints(s), pattern_properties=patterns)
        if not isinstance(props, dict):
            raise SpecError(doc.location(jp.join(ptr, "properties")), "properties must be a mapping")
        fields = []
        for wire, sub in props.items():
            fptr = jp.join(ptr, "properties", wire)
            fields.append(self._field(wire, sub, wire in required, doc, fptr, hint))
        for wire in required:  # required but not described: any value, but it must be there
            if isinstance(wire, str) and wire not in props:
                fields.append(Field(name=wire, type=AnyType(), required=True))
        if isinstance(extra, dict):
            extra = self.expr(extra, doc, jp.join(ptr, "additionalProperties"), hint + "Value")
        obj = ObjectType(name=name, fields=fields, additional_properties=extra,
                         constraints=_constraints(s), pattern_properties=patterns)
        _annotate(obj, s)
        return obj

    def _patterns(self, s: dict[str, Any], doc: Document, ptr: str,
                  hint: str) -> list[PatternProperty]:
        found = s.get("patternProperties")
        if not isinstance(found, dict):
            return []
        return [PatternProperty(pattern=str(p), type=self.expr(
                    sub, doc, jp.join(ptr, "patternProperties", p), hint + "Pattern"))
                for p, sub in found.items()]

    def _field(self, wire: str, sub: Any, required: bool, doc: Document, ptr: str,
               owner: str) -> Field:
        type_ = self.expr(sub, doc, ptr, owner + pascal(wire))
        f = Field(name=wire, type=type_, required=required)
        if isinstance(sub, dict):
            if "default" in sub:
                f.has_default, f.default = True, sub["default"]
            f.deprecated = sub.get("deprecated") is True
            f.read_only = sub.get("readOnly") is True
            f.write_only = sub.get("writeOnly") is True
            f.description = _text(sub.get("description"))
            f.examples = _field_examples(sub)
        return f

    def _union(self, s: dict[str, Any], key: str, doc: Document, ptr: str, name: str,
               hint: str) -> Type:
        variants = []
        for index, member in enumerate(s[key]):
            mptr = jp.join(ptr, key, index)
            tag = allof_variant_hint(member, doc, mptr, self.deref)
            variants.append(self.expr(member, doc, mptr, hint + tag))
        union = UnionType(name=name, variants=variants, exclusive=key == "oneOf")
        disc = s.get("discriminator")
        if isinstance(disc, dict) and isinstance(disc.get("propertyName"), str):
            self.raw_discriminators[name] = (disc, doc, jp.join(ptr, "discriminator"))
        _annotate(union, s)
        return union

    def _type_list(self, s: dict[str, Any], kinds: list[Any], doc: Document, ptr: str,
                   name: str, hint: str) -> Type:
        variants = [self.body({**s, "type": k}, doc, ptr, hint + pascal(str(k)),
                              hint + pascal(str(k))) for k in kinds]
        exprs: list[TypeExpr] = []
        for v in variants:
            if isinstance(v, NamedType):
                provisional = self._provisional(v.name)
                v.name, v.inline = provisional, True
                self.types[provisional] = v
                self.hints[provisional] = hint + pascal(v.kind)
                exprs.append(Ref(name=provisional))
            else:
                exprs.append(v)
        union = UnionType(name=name, variants=exprs)
        _annotate(union, s)
        return union

    # ---------------------------------------------------------------- helpers

    def _with_null(self, result: Type | TypeExpr, nullable: bool) -> Type | TypeExpr:
        """Mark a result nullable; for a named type, remember it for its uses."""
        if nullable:
            if isinstance(result, NamedType):
                self.null_types.add(id(result))
            else:
                result.nullable = True
        return result

    def _provisional(self, hint: str) -> str:
        self._counter += 1
        return f"{hint}#{self._counter}"

    def _disambiguate(self, name: str, doc: Document) -> str:
        candidate = name + pascal(doc.path.stem)
        while candidate in self.types or candidate in self.def_nullable:
            candidate += "_"
        self.diags.note(Location(doc.display), f"schema name {name!r} is taken; using {candidate!r}")
        return candidate


def _field_examples(sub: dict[str, Any]) -> list[Any]:
    """A property's examples, also where a spec puts them on the one non-null member
    of `anyOf [X, null]` (they describe the property) or, for an array, on its
    `items` (an example array of that one item)."""
    found = _examples(sub) or _examples(strip_null(sub)[0])
    items = strip_null(sub)[0].get("items")
    if not found and isinstance(items, dict):
        found = [[value] for value in _examples(strip_null(items)[0])]
    return found

