"""IR type uses -> facts: type labels with links, bounds, enum values, examples.

Everything returned here is already-safe text in the page's `Syntax` (Markdown, built
with `escaping`, unless a target passes its own: the html target does), except
`example_of` (from `examples`), which returns a plain JSON value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ...ir import (
    IR, AliasType, AnyType, Array, Const, Constraints, EnumType, Map, Primitive, Ref, TypeExpr,
    UnionType,
)
from .escaping import md_code, md_inline, md_link
from .examples import example_of

__all__ = ["Labels", "Syntax", "MARKDOWN", "example_of", "bounds", "number"]


@dataclass(frozen=True)
class Syntax:
    """How a page writes spec text, a value as code, and a link to one of our pages."""

    text: Callable[[Any], str]  # spec text on one line
    code: Callable[..., str]  # (value, cell=False) -> a code span
    link: Callable[[str, str], str]  # (already-safe text, our own href)
    ext: str  # page file extension


MARKDOWN = Syntax(md_inline, md_code, md_link, ".md")

_BOUNDS = [
    ("minimum", "min"), ("maximum", "max"), ("exclusive_minimum", "exclusiveMin"),
    ("exclusive_maximum", "exclusiveMax"), ("multiple_of", "multipleOf"),
    ("min_length", "minLength"), ("max_length", "maxLength"), ("min_items", "minItems"),
    ("max_items", "maxItems"), ("min_properties", "minProperties"),
    ("max_properties", "maxProperties"),
]


def number(value: float | int) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def bounds(c: Constraints, syntax: Syntax = MARKDOWN) -> list[str]:
    """['max: 2', 'maxLength: 128', 'pattern: `^a+$`', 'uniqueItems'] (safe Markdown)."""
    if c.is_empty():  # most uses: one comparison instead of 13 lookups
        return []
    out = [f"{label}: {number(getattr(c, attr))}" for attr, label in _BOUNDS
           if getattr(c, attr) is not None]
    if c.pattern is not None:
        out.append(f"pattern: {syntax.code(c.pattern)}")
    if c.unique_items:
        out.append("uniqueItems")
    return out


@dataclass
class Labels:
    """Type labels for the pages in one folder; `prefix` leads from there to the types
    folder. One per folder and run: a type's link is made once (`_refs`)."""

    ir: IR
    pages: dict[str, str]  # IR type name -> page slug
    prefix: str  # "", "types/" or "../types/"
    syntax: Syntax = MARKDOWN
    _refs: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    _labels: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    def href(self, name: str) -> str:
        return f"{self.prefix}{self.pages[name]}{self.syntax.ext}"

    def ref(self, name: str) -> str:
        found = self._refs.get(name)
        if found is None:
            found = self._refs[name] = self.syntax.link(self.syntax.text(name), self.href(name))
        return found

    def label(self, e: TypeExpr, cell: bool = False) -> str:
        """'number', '[Foo](foo.md) (string enum)', 'array of string'..., no nullability.
        `cell`: for a table cell."""
        if isinstance(e, Ref):
            found = self._labels.get(e.name)
            if found is None:
                found = self._labels[e.name] = (
                    f"{self.ref(e.name)} ({self.kind(e.name)})" if e.name in self.ir.types
                    else self.syntax.text(e.name))
            return found
        if isinstance(e, Primitive):
            return e.type + (f" ({self.syntax.text(e.format)})" if e.format else "")
        if isinstance(e, Array):
            return f"array of {self.label(e.items, cell)}"
        if isinstance(e, Map):
            keyed = "".join(f", keys matching {self.syntax.code(pp.pattern, cell)} to {self.label(pp.type, cell)}"
                            for pp in e.pattern_properties)
            return f"map of string to {self.label(e.values, cell)}{keyed}"
        if isinstance(e, Const):
            return f"const {self.syntax.code(e.value, cell)}"
        if isinstance(e, AnyType) and e.excluded is not None:
            if isinstance(e.excluded, AnyType) and e.excluded.excluded is None:
                return "nothing (no value is valid)"
            return f"any JSON value except {self.label(e.excluded, cell)}"
        return "any JSON value"

    def also(self, also: list[TypeExpr]) -> str | None:
        """What `also` asks on top of the type ("not null", or the member's label)."""
        if not also:  # most uses
            return None
        parts = ["not null" if a == AnyType(excluded=Const(value=None)) else
                 self.label(a) + (" or null" if a.nullable and not isinstance(a, AnyType) else "")
                 for a in also]
        return " and ".join(parts) or None

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
            return bounds(e.constraints, self.syntax)
        if isinstance(e, Array):
            return bounds(e.constraints, self.syntax) + [f"items {b}" for b in self.bounds_of(e.items)]
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
        return ", ".join(self.syntax.code(v) for v in t.values) if t.values else "(none listed)"

    def variant(self, v: TypeExpr) -> str:
        """One variant of a union: its label, "nullable", and the example the spec
        writes on that member (a named variant's own is on its page)."""
        line = self.label(v) + (" · nullable" if v.nullable else "")
        if v.examples:
            line += f" · example: {self.syntax.code(v.examples[0])}"
        return line

    def variants(self, e: TypeExpr) -> list[str]:
        """For a use of a union: one line per variant (label, example, and enum values)."""
        if not isinstance(e, Ref):
            return []
        t = self.ir.types.get(e.name)
        if not isinstance(t, UnionType):
            return []
        out = []
        for v in t.variants:
            line = self.variant(v)
            values = self.values(v)
            if values:
                line += f" · possible values: {values}"
            out.append(line)
        return out
