"""IR type uses -> Python annotations (pydantic v2), strict JSON semantics.

Strings, integers, numbers and booleans map to pydantic's Strict* types, so a
string "5" is not silently accepted for an integer. Bounds ride along in
`Field(...)` inside `Annotated`. Single-value enums become `Literal[...]`
(they are tags). Nullability adds `| None`.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ...ir import (
    IR, AliasType, AnyType, Array, Const, Constraints, EnumType, Map, ObjectType,
    Primitive, Ref, TypeExpr, UnionType,
)
from .escaping import py_str, py_value

SCALARS = {"string": "StrictStr", "integer": "StrictInt", "number": "StrictFloat",
           "boolean": "StrictBool"}


@dataclass
class TypeMapper:
    """Maps TypeExprs to annotation strings, given the class-name table."""

    ir: IR
    names: dict[str, str]  # IR type name -> Python name

    def literal_of(self, name: str) -> str | None:
        """`Literal[...]` for a single-value enum (a tag), else None."""
        t = self.ir.types.get(name)
        if isinstance(t, EnumType) and len(t.values) == 1 and _literal_ok(t.values[0]):
            return f"Literal[{py_value(t.values[0])}]"
        return None

    def field_names(self, t: ObjectType) -> dict[str, str]:
        """Wire name -> Python attribute name for the fields of `t` (never a type's name)."""
        from .naming import field_names

        return field_names([f.name for f in t.fields], self._type_names)

    @functools.cached_property
    def _type_names(self) -> frozenset[str]:
        return frozenset(self.names.values())

    def is_emitted(self, name: str) -> bool:
        return self.literal_of(name) is None

    def annotation(self, e: TypeExpr, nullable: bool | None = None) -> str:
        core = self.core(e)
        nullable = e.nullable if nullable is None else nullable
        if nullable and core not in ("JsonValue", "None"):
            return f"{core} | None"
        return core

    def core(self, e: TypeExpr) -> str:
        if isinstance(e, Ref):
            lit = self.literal_of(e.name)
            if lit is not None:
                return lit
            t = self.ir.types.get(e.name)
            if isinstance(t, EnumType) and t.base not in ("string", "integer"):
                return self._enum_literals(t)
            return self.names[e.name]
        if isinstance(e, Primitive):
            return _constrained(SCALARS[e.type], _field_args(e.constraints, e.type))
        if isinstance(e, Array):
            inner = f"list[{self.annotation(e.items)}]"
            args = _field_args(e.constraints, "array")
            extra = ["unique_items"] if e.constraints.unique_items else []
            return _constrained(inner, args, extra)
        if isinstance(e, Map):  # values under pattern keys: any (the validators check them)
            values = "JsonValue" if e.pattern_properties else self.annotation(e.values)
            return _constrained(f"dict[str, {values}]",
                                _field_args(e.constraints, "object"))
        if isinstance(e, Const):
            if e.value is None:
                return "None"
            if _literal_ok(e.value):
                return f"Literal[{py_value(e.value)}]"
            return "JsonValue"
        if isinstance(e, AnyType):
            return "JsonValue"
        raise TypeError(f"unknown type expression {e!r}")

    def _enum_literals(self, t: EnumType) -> str:
        values = [py_value(v) for v in t.values if _literal_ok(v)]
        return f"Literal[{', '.join(values)}]" if values else "JsonValue"

    def discriminator(self, u: UnionType) -> str | None:
        """The tag property when pydantic can dispatch on it, else None (smart union)."""
        d = u.discriminator
        if d is None or u.keeps_unknown:
            return None
        seen: set[str] = set()
        for v in u.variants:
            if not isinstance(v, Ref) or v.nullable:
                return None
            obj = self.ir.types.get(v.name)
            if not isinstance(obj, ObjectType):
                return None
            field = next((f for f in obj.fields if f.name == d.property), None)
            if field is None or not field.required or field.type.nullable:
                return None
            literal = self.core(field.type)
            if not literal.startswith("Literal[") or "," in literal or literal in seen:
                return None
            seen.add(literal)
        first = self.ir.types[u.variants[0].name]  # type: ignore[union-attr]
        assert isinstance(first, ObjectType)
        return self.field_names(first)[d.property]

    def default_expr(self, e: TypeExpr, value: Any) -> str:
        """A Python expression for a field default, typed as the field is: a value an
        emitted enum holds is that enum's member (through arrays, aliases and unions)."""
        if isinstance(e, Array) and isinstance(value, list):
            return "[" + ", ".join(self.default_expr(e.items, v) for v in value) + "]"
        if isinstance(e, Ref) and value is not None:
            member = self._member(e.name, value, set())
            if member is not None:
                return member
        return py_value(value)

    def _member(self, name: str, value: Any, seen: set[str]) -> str | None:
        if name in seen:
            return None
        seen.add(name)
        t = self.ir.types.get(name)
        if isinstance(t, EnumType) and self.is_emitted(name) and t.base in ("string", "integer"):
            for index, known in enumerate(t.values):
                if type(known) is type(value) and known == value:
                    from .naming import member_names

                    return f"{self.names[name]}.{member_names(t.values)[index]}"
            return None
        if isinstance(t, AliasType):
            targets = [t.target]
        elif isinstance(t, UnionType):
            targets = t.variants
        else:
            return None
        for target in targets:
            if isinstance(target, Ref):
                member = self._member(target.name, value, seen)
                if member is not None:
                    return member
        return None


def _literal_ok(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, bool)) and not isinstance(value, float)


def _field_args(c: Constraints, kind: str) -> list[str]:
    if c.is_empty():  # most uses: nothing to pass
        return []
    args = []
    pairs = [
        ("ge", c.minimum), ("le", c.maximum), ("gt", c.exclusive_minimum),
        ("lt", c.exclusive_maximum), ("multiple_of", c.multiple_of),
    ]
    if kind in ("array",):
        pairs += [("min_length", c.min_items), ("max_length", c.max_items)]
    elif kind == "object":
        pairs += [("min_length", c.min_properties), ("max_length", c.max_properties)]
    else:
        pairs += [("min_length", c.min_length), ("max_length", c.max_length)]
    for key, value in pairs:
        if value is None:
            continue
        if key.endswith("_length"):  # pydantic takes sizes up to 2**63 - 1; none is longer
            value = min(value, _MAX_SIZE)
        elif kind == "integer":
            value = _whole(key, value)
        args.append(f"{key}={py_value(value)}")
    if c.pattern is not None and kind == "string":
        args.append(f"pattern={py_str(c.pattern)}")
    return args


_MAX_SIZE = 2**63 - 1  # a length or count bound past this means the same as this


def _whole(key: str, bound: float) -> int:
    """An integer's bound as the integer pydantic needs (`le=1.5` is a SchemaError):
    n <= 1.5 is n <= 1, n >= 1.5 is n >= 2, n < 1.5 is n < 2, n > 1.5 is n > 1; a multiple
    of p/q (lowest terms) is an integer multiple of p."""
    exact = Fraction(repr(bound)) if isinstance(bound, float) else Fraction(bound)
    if key == "multiple_of":
        return exact.numerator
    return math.ceil(exact) if key in ("ge", "lt") else math.floor(exact)


def _constrained(inner: str, args: list[str], extra: list[str] | None = None) -> str:
    meta = ([f"Field({', '.join(args)})"] if args else []) + (extra or [])
    if not meta:
        return inner
    return f"Annotated[{inner}, {', '.join(meta)}]"
