"""An example value for any IR type, valid against it whenever the schema is satisfiable
by a simple value: the spec's own example when it has one, else one derived from the
type and its bounds (length, range, multipleOf, pattern, item and property counts).
Tests: tests/test_fuzz.py round-trips these through the generated models."""

from __future__ import annotations

import math
from typing import Any

from ...ir import (
    IR, AliasType, AnyType, Array, Const, Constraints, EnumType, Map, ObjectType,
    Primitive, Ref, TypeExpr, UnionType,
)
from ...patterns.linear import compile_linear

_FORMATS = {"date-time": "2024-01-01T00:00:00Z", "date": "2024-01-01",
            "uri": "https://example.com", "email": "user@example.com",
            "uuid": "123e4567-e89b-12d3-a456-426614174000"}
# Tried in order against a pattern; the first that matches (and fits the length) wins.
_CANDIDATES = ["string", "", "a", "x", "0", "abc", "A", "a1", "test", "example", "1",
               "a-b", "a_b", "a.b", "user@example.com", "https://example.com", "2024-01-01"]


def given_examples(ir: IR, e: TypeExpr, seen: frozenset[str] = frozenset()) -> list[Any]:
    """The spec's own examples for a use: written on it (a union member, `items`, a
    `$ref` with an example beside it), on its items (an array of one such item), or on
    the named type it refers to (for a union, on the variant `example_of` shows); [] when
    the spec gives none."""
    if e.examples:
        return e.examples
    if isinstance(e, Array) and not e.prefix_items and e.constraints.min_items in (None, 0, 1):
        return [[value] for value in given_examples(ir, e.items, seen)]
    if not isinstance(e, Ref):
        return []
    t = ir.types.get(e.name)
    if isinstance(t, UnionType) and not t.examples and t.variants:
        return [] if e.name in seen else given_examples(ir, _first(t), seen | {e.name})
    return t.examples if t is not None else []


def _first(t: UnionType) -> TypeExpr:
    """The variant an example of the union shows (the first that is not a constant)."""
    return next((v for v in t.variants if not isinstance(v, Const)), t.variants[0])


def example_of(ir: IR, e: TypeExpr, depth: int = 0, seen: frozenset[str] = frozenset()) -> Any:
    """An example value derived from a type (its own example when the spec has one)."""
    if e.examples:
        return e.examples[0]
    if isinstance(e, Ref):
        t = ir.types.get(e.name)
        if t is None:
            return None
        if t.examples:
            return t.examples[0]
        if e.name in seen or depth > 6:  # a recursive type, or deep enough for a page
            return {} if isinstance(t, ObjectType) else None
        seen = seen | {e.name}
        if isinstance(t, EnumType):
            return t.default if t.has_default else (t.values[0] if t.values else None)
        if isinstance(t, UnionType):  # no nesting added
            return example_of(ir, _first(t), depth, seen) if t.variants else None
        if isinstance(t, AliasType):
            return example_of(ir, t.target, depth, seen)
        return {f.name: (f.examples[0] if f.examples else
                         f.default if f.has_default else example_of(ir, f.type, depth + 1, seen))
                for f in t.fields if f.required}
    if isinstance(e, Primitive):
        return primitive_example(e.type, e.format, e.constraints)
    if isinstance(e, Array):
        return _items(ir, e, depth, seen)
    if isinstance(e, Map):
        c = e.constraints
        count = 0 if c.max_properties == 0 else max(1, c.min_properties or 0)
        value = example_of(ir, e.values, depth + 1, seen)
        return {("key" if i == 0 else f"key{i + 1}"): value for i in range(count)}
    if isinstance(e, Const):
        return e.value
    assert isinstance(e, AnyType)
    return None


def _items(ir: IR, e: Array, depth: int, seen: frozenset[str]) -> list[Any]:
    c = e.constraints
    count = 0 if c.max_items == 0 else max(1, c.min_items or 0)
    first = example_of(ir, e.items, depth + 1, seen)
    if not c.unique_items or count < 2 or not isinstance(e.items, Primitive):
        return [first] * count
    items = e.items  # distinct primitive items: vary the value within its bounds
    out = [first]
    for i in range(1, count * 4):
        if len(out) == count:
            break
        value = primitive_example(items.type, items.format, items.constraints, i)
        if value not in out:
            out.append(value)
    return out


def primitive_example(kind: str, fmt: str | None, c: Constraints, variant: int = 0) -> Any:
    """A value of a primitive type within its bounds (`variant` > 0: another one)."""
    if kind == "boolean":
        return variant % 2 == 0
    if kind in ("integer", "number"):
        return _number(kind, c, variant)
    text = _FORMATS[fmt] if fmt in _FORMATS and not variant else (
        "string" if not variant else f"string{variant}")
    if c.pattern and (variant or not _search(c.pattern, text)):
        found = _matching(c.pattern, c, variant)
        text = text if found is None else found
    if c.max_length is not None and len(text) > c.max_length:
        text = text[: c.max_length]
    if c.min_length is not None and len(text) < c.min_length:
        text = text + "x" * (c.min_length - len(text))
    return text


def _number(kind: str, c: Constraints, variant: int) -> int | float:
    step = c.multiple_of or 1
    low = c.minimum if c.minimum is not None else (
        c.exclusive_minimum + (step if kind == "integer" or c.multiple_of else 1)
        if c.exclusive_minimum is not None else None)
    high = c.maximum if c.maximum is not None else (
        c.exclusive_maximum - (step if kind == "integer" or c.multiple_of else 1)
        if c.exclusive_maximum is not None else None)
    value: float = 0
    if low is not None and value < low:
        value = low
    if high is not None and value > high:
        value = high
    value += variant * step
    if c.multiple_of:
        value = math.ceil(value / c.multiple_of) * c.multiple_of
    if kind == "integer" or float(value).is_integer():
        return int(value)
    return value


def _search(pattern: str, text: str) -> bool:
    """Does the spec's own text match? In linear time (RE2): a spec's example and
    pattern can never make generation slow."""
    regex = compile_linear(pattern)
    if regex is None:
        return True  # not a pattern we can read: leave the text alone
    try:
        return regex.search(text) is not None
    except UnicodeError:
        return True


def _matching(pattern: str, c: Constraints, variant: int) -> str | None:
    regex = compile_linear(pattern)
    if regex is None:
        return None
    fits = [s for s in _CANDIDATES if regex.search(s)
            and (c.min_length is None or len(s) >= c.min_length)
            and (c.max_length is None or len(s) <= c.max_length)]
    return fits[variant % len(fits)] if fits else None
