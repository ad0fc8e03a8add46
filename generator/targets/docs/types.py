"""IR type uses -> Markdown facts: type labels with links, bounds, enum values, examples.

Everything returned here is already-safe Markdown (built with `escaping`),
except `example_of`, which returns a plain JSON value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...ir import (
    IR, AliasType, AnyType, Array, Const, Constraints, EnumType, Map, ObjectType,
    Primitive, Ref, TypeExpr, UnionType,
)
from .escaping import md_code, md_inline, md_link

_BOUNDS = [
    ("minimum", "min"), ("maximum", "max"), ("exclusive_minimum", "exclusiveMin"),
    ("exclusive_maximum", "exclusiveMax"), ("multiple_of", "multipleOf"),
    ("min_length", "minLength"), ("max_length", "maxLength"), ("min_items", "minItems"),
    ("max_items", "maxItems"), ("min_properties", "minProperties"),
    ("max_properties", "maxProperties"),
]


def number(value: float | int) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def bounds(c: Constraints) -> list[str]:
    """['max: 2', 'maxLength: 128', 'pattern: `^a+$`', 'uniqueItems'] (safe Markdown)."""
    out = [f"{label}: {number(getattr(c, attr))}" for attr, label in _BOUNDS
           if getattr(c, attr) is not None]
    if c.pattern is not None:
        out.append(f"pattern: {md_code(c.pattern)}")
    if c.unique_items:
        out.append("uniqueItems")
    return out


@dataclass
class Labels:
    """Type labels for one page; `prefix` leads from that page to the types folder."""

    ir: IR
    pages: dict[str, str]  # IR type name -> page slug
    prefix: str  # "", "types/" or "../types/"

    def href(self, name: str) -> str:
        return f"{self.prefix}{self.pages[name]}.md"

    def ref(self, name: str) -> str:
        return md_link(md_inline(name), self.href(name))

    def label(self, e: TypeExpr, cell: bool = False) -> str:
        """'number', '[Foo](foo.md) (string enum)', 'array of string'..., no nullability.
        `cell`: for a table cell."""
        if isinstance(e, Ref):
            t = self.ir.types.get(e.name)
            if t is None:
                return md_inline(e.name)
            return f"{self.ref(e.name)} ({self.kind(e.name)})"
        if isinstance(e, Primitive):
            return e.type + (f" ({md_inline(e.format)})" if e.format else "")
        if isinstance(e, Array):
            return f"array of {self.label(e.items, cell)}"
        if isinstance(e, Map):
            return f"map of string to {self.label(e.values, cell)}"
        if isinstance(e, Const):
            return f"const {md_code(e.value, cell)}"
        if isinstance(e, AnyType) and e.excluded is not None:
            if isinstance(e.excluded, AnyType) and e.excluded.excluded is None:
                return "nothing (no value is valid)"
            return f"any JSON value except {self.label(e.excluded, cell)}"
        return "any JSON value"

    def kind(self, name: str) -> str:
        t = self.ir.types[name]
        if isinstance(t, EnumType):
            return f"{t.base} enum"
        if isinstance(t, UnionType):
            return "one of" if t.exclusive else "any of"
        if isinstance(t, AliasType):
            return "alias"
        return "object"

    def bounds_of(self, e: TypeExpr) -> list[str]:
        """Bounds of a use, its items (`items maxLength: 5`) and of an alias it names."""
        if isinstance(e, (Primitive, Map)):
            return bounds(e.constraints)
        if isinstance(e, Array):
            return bounds(e.constraints) + [f"items {b}" for b in self.bounds_of(e.items)]
        if isinstance(e, Ref):
            t = self.ir.types.get(e.name)
            if isinstance(t, AliasType):
                return self.bounds_of(t.target)
        return []

    def enum_of(self, e: TypeExpr) -> EnumType | None:
        """The enum a use takes its values from (directly, per item, or via an alias)."""
        if isinstance(e, Array):
            return self.enum_of(e.items)
        if isinstance(e, Ref):
            t = self.ir.types.get(e.name)
            if isinstance(t, EnumType):
                return t
            if isinstance(t, AliasType):
                return self.enum_of(t.target)
        return None

    def values(self, e: TypeExpr) -> str | None:
        """'`a`, `b`' for every value of the enum a use names, else None."""
        t = self.enum_of(e)
        if t is None:
            return None
        return ", ".join(md_code(v) for v in t.values) if t.values else "(none listed)"

    def variants(self, e: TypeExpr) -> list[str]:
        """For a use of a union: one line per variant (label, and enum values)."""
        if not isinstance(e, Ref):
            return []
        t = self.ir.types.get(e.name)
        if not isinstance(t, UnionType):
            return []
        out = []
        for v in t.variants:
            line = self.label(v) + (" · nullable" if v.nullable else "")
            values = self.values(v)
            if values:
                line += f" · possible values: {values}"
            out.append(line)
        return out


def example_of(ir: IR, e: TypeExpr, depth: int = 0, seen: frozenset[str] = frozenset()) -> Any:
    """An example value derived from a type (its own example when the spec has one)."""
    if isinstance(e, Ref):
        t = ir.types.get(e.name)
        if t is None:
            return None
        if t.examples:
            return t.examples[0]
        if e.name in seen or depth > 3:
            return {} if isinstance(t, ObjectType) else None
        seen = seen | {e.name}
        if isinstance(t, EnumType):
            return t.default if t.has_default else (t.values[0] if t.values else None)
        if isinstance(t, UnionType):
            first = next((v for v in t.variants if not isinstance(v, Const)), None)
            return example_of(ir, first, depth + 1, seen) if first else None
        if isinstance(t, AliasType):
            return example_of(ir, t.target, depth + 1, seen)
        fields = [f for f in t.fields if f.required][:8]
        return {f.name: (f.examples[0] if f.examples else
                         f.default if f.has_default else example_of(ir, f.type, depth + 1, seen))
                for f in fields}
    if isinstance(e, Primitive):
        return _primitive_example(e)
    if isinstance(e, Array):
        return [example_of(ir, e.items, depth + 1, seen)]
    if isinstance(e, Map):
        return {"key": example_of(ir, e.values, depth + 1, seen)}
    if isinstance(e, Const):
        return e.value
    assert isinstance(e, AnyType)
    return None


def _primitive_example(e: Primitive) -> Any:
    c = e.constraints
    if e.type == "boolean":
        return True
    if e.type in ("integer", "number"):
        low = c.minimum if c.minimum is not None else c.exclusive_minimum
        high = c.maximum if c.maximum is not None else c.exclusive_maximum
        value: float = 0 if low is None else low + (0 if c.minimum is not None else 1)
        if high is not None and value > high:
            value = high
        if c.minimum is None and low is None and high is not None and high < 0:
            value = high - (0 if c.maximum is not None else 1)
        return int(value) if e.type == "integer" or float(value).is_integer() else value
    formats = {"date-time": "2024-01-01T00:00:00Z", "date": "2024-01-01",
               "uri": "https://example.com", "email": "user@example.com",
               "uuid": "123e4567-e89b-12d3-a456-426614174000"}
    text = formats.get(e.format or "", "string")
    if c.max_length is not None and len(text) > c.max_length:
        text = text[: c.max_length]
    if c.min_length is not None and len(text) < c.min_length:
        text = text + "x" * (c.min_length - len(text))
    return text
