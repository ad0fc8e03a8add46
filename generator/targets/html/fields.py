"""Field rows for the html pages: every fact of a field, and what expands in place.

A row holds a field's (or parameter's) facts as the seed reference shows them: the
type line (`number · max: 2 · nullable`), Required/Optional, deprecation, the
description, default, every enum value, example. When the field's type is an object
(or an array of one) its fields are nested rows; when it is a union, each variant is a
row of its own with its values and fields, both opened in place with `<details>`.
Nesting stops at `depth` levels and at a type already open above (a recursive type):
past that, the type's link leads to its page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...ir import IR, Array, Field, ObjectType, Parameter, Ref, TypeExpr, UnionType
from ..docs.naming import Anchors
from ..docs.types import Labels
from ..docs.view import field_facts


@dataclass
class VariantRow:
    label_html: str
    values_html: str | None
    fields: list["FieldRow"] = field(default_factory=list)
    fields_of_html: str = ""  # the link to the variant's type, when it has fields


@dataclass
class FieldRow:
    name: str  # raw wire name
    anchor: str  # the row's id on its page
    type_html: str  # label · bounds · nullable
    required: bool
    deprecated: bool
    description: str | None  # raw spec text (the template's `prose` filter writes it)
    facts_html: list[tuple[str, str]]  # (fact, safe HTML), bounds left out (in type_html)
    fields: list["FieldRow"] = field(default_factory=list)  # a nested object's fields
    fields_of_html: str = ""  # link to the nested object's type
    variants: list[VariantRow] = field(default_factory=list)


class Rows:
    """Builds the rows of one page (its anchors are allocated in page order)."""

    def __init__(self, ir: IR, labels: Labels, depth: int) -> None:
        self.ir, self.labels, self.depth = ir, labels, depth
        self.anchors = Anchors()

    def of_object(self, t: ObjectType, path: tuple[str, ...] = (),
                  open_types: frozenset[str] = frozenset()) -> list[FieldRow]:
        open_types = open_types | {t.name}
        return [self.row(f.name, f.type, f.required, f, path, open_types) for f in t.fields]

    def row(self, name: str, type_: TypeExpr, required: bool, source: Field | Parameter,
            path: tuple[str, ...] = (), open_types: frozenset[str] = frozenset()) -> FieldRow:
        path = path + (name,)
        anchor = "f-" + self.anchors.add(" ".join(path))
        named = self.ir.types.get(type_.name) if isinstance(type_, Ref) else None
        description = source.description
        if description is None and named is not None and named.inline:
            description = named.description
        deprecated = source.deprecated or (named is not None and named.deprecated)
        facts = field_facts(self.ir, self.labels, type_, source)
        bounds = [value for fact, value in facts if fact == "Bounds"]
        type_html = " · ".join([self.labels.label(type_), *bounds]
                               + (["nullable"] if type_.nullable else []))
        row = FieldRow(name, anchor, type_html, required, deprecated, description,
                       [(fact, value) for fact, value in facts if fact != "Bounds"])
        if len(path) > self.depth:
            return row
        target = self._object(type_)
        if target is not None and target.name not in open_types:
            row.fields = self.of_object(target, path, open_types)
            row.fields_of_html = self.labels.ref(target.name)
        union = self._union(type_)
        for i, v in enumerate(union.variants if union is not None else []):
            variant = VariantRow(self.labels.variant(v), self.labels.values(v))
            obj = self._object(v)
            if obj is not None and obj.name not in open_types:
                variant.fields = self.of_object(obj, path + (f"{i + 1}",), open_types)
                variant.fields_of_html = self.labels.ref(obj.name)
            row.variants.append(variant)
        return row

    def _union(self, e: TypeExpr) -> UnionType | None:
        """The union a use holds (directly or as array items), if any."""
        if isinstance(e, Array):
            return self._union(e.items)
        t = self.ir.types.get(e.name) if isinstance(e, Ref) else None
        return t if isinstance(t, UnionType) else None

    def _object(self, e: TypeExpr) -> ObjectType | None:
        """The object type a use holds (directly or as array items), if any."""
        if isinstance(e, Array):
            return self._object(e.items)
        t = self.ir.types.get(e.name) if isinstance(e, Ref) else None
        return t if isinstance(t, ObjectType) and t.fields else None
