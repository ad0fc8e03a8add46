"""IR type uses -> TypeScript types and zod v4 schema expressions.

Both come from one walk, so they cannot disagree: `ts(e)` is the TypeScript
type of a use and `zod(e)` the schema that checks it. A reference to a named
type is the type's name in TypeScript and its annotated schema `<Name>Schema`
in zod; a reference to a schema defined further down the module (a cycle) is
wrapped in `z.lazy` (inside an object shape the caller makes it a getter
instead). Response-side string/integer enums are open (`"a" | "b" | (string &
{})`), as in the Python target; single-value enums are tags (a literal).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ...ir import (
    IR, AnyType, Array, Const, Constraints, EnumType, Map, Primitive, Ref, TypeExpr,
)
from ...patterns.redos import superlinear
from .escaping import ts_literal_type, ts_number, ts_str, ts_value
from .naming import schema_name

TS_SCALARS = {"string": "string", "integer": "number", "number": "number", "boolean": "boolean"}
ZOD_SCALARS = {"string": "z.string()", "integer": "z.number().int()", "number": "z.number()",
               "boolean": "z.boolean()"}


def scalar_literal(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


@dataclass
class TypeMapper:
    """Maps TypeExprs to TS types and zod expressions, given the name table.

    prefix_type / prefix_value: put before type and schema names (a test file
    importing the modules as namespaces uses "T." and "S.").
    defined: the names whose schemas are already defined at the point of use;
    None means all of them (use from another module)."""

    ir: IR
    names: dict[str, str]
    prefix_type: str = ""
    prefix_value: str = ""
    defined: Callable[[str], bool] | None = None
    late: list[str] = field(default_factory=list)  # refs made lazy by the last zod() call

    # ------------------------------------------------------------------ enums

    def enum_tag(self, name: str) -> tuple[Any] | None:
        """The value of a single-value enum (a tag), or None."""
        t = self.ir.types.get(name)
        if isinstance(t, EnumType) and len(t.values) == 1 and scalar_literal(t.values[0]):
            return (t.values[0],)
        return None

    def is_open(self, t: EnumType) -> bool:
        return t.open and t.base in ("string", "integer") and len(t.values) > 1

    def enum_ts(self, t: EnumType) -> str:
        parts = [ts_literal_type(v) for v in t.values if scalar_literal(v)]
        if not parts:
            return "unknown"
        if self.is_open(t):
            parts.append("(string & {})" if t.base == "string" else "(number & {})")
        return " | ".join(dict.fromkeys(parts))

    def enum_zod(self, t: EnumType) -> str:
        values = [v for v in t.values if scalar_literal(v)]
        if not values:
            return "z.unknown()"
        listed = "[" + ", ".join(ts_value(v) for v in values) + "]"
        if self.is_open(t):
            return f"openEnum({listed})" if t.base == "string" else f"openIntEnum({listed})"
        if t.base == "string" and all(isinstance(v, str) for v in values):
            return f"z.enum({listed})"
        if len(values) == 1:
            return f"z.literal({ts_value(values[0])})"
        return f"z.literal({listed})"

    # ------------------------------------------------------------- TypeScript

    def ts(self, e: TypeExpr) -> str:
        core = self.ts_core(e)
        if e.nullable and core not in ("unknown", "null"):
            return f"{core} | null"
        return core

    def ts_core(self, e: TypeExpr) -> str:
        if isinstance(e, Ref):
            return self.prefix_type + self.names[e.name]
        if isinstance(e, Primitive):
            return TS_SCALARS[e.type]
        if isinstance(e, Array):
            inner = self.ts(e.items)
            return f"({inner})[]" if _needs_parens(inner) else f"{inner}[]"
        if isinstance(e, Map):  # values under pattern keys: any (as the pydantic models read them)
            return f"{{ [key: string]: {'unknown' if e.pattern_properties else self.ts(e.values)} }}"
        if isinstance(e, Const):
            return ts_literal_type(e.value) if scalar_literal(e.value) else "unknown"
        if isinstance(e, AnyType):
            return "unknown"
        raise TypeError(f"unknown type expression {e!r}")

    # -------------------------------------------------------------------- zod

    def zod(self, e: TypeExpr) -> str:
        core = self.zod_core(e)
        if e.nullable and not isinstance(e, AnyType) and not _is_null(e):
            return f"{core}.nullable()"
        return core

    def zod_core(self, e: TypeExpr) -> str:
        if isinstance(e, Ref):
            tag = self.enum_tag(e.name)
            if tag is not None:
                return f"z.literal({ts_value(tag[0])})"
            schema = self.prefix_value + schema_name(self.names[e.name])
            if self.defined is not None and not self.defined(e.name):
                self.late.append(e.name)
                return f"z.lazy(() => {schema})"
            return schema
        if isinstance(e, Primitive):
            return ZOD_SCALARS[e.type] + _checks(e.constraints, e.type)
        if isinstance(e, Array):
            text = f"z.array({self.zod(e.items)})" + _checks(e.constraints, "array")
            if e.constraints.unique_items:
                text += ".refine(uniqueItems, { message: \"items must be unique\" })"
            return text
        if isinstance(e, Map):
            values = "z.unknown()" if e.pattern_properties else self.zod(e.values)
            text = f"z.record(z.string(), {values})"
            return text + _size_checks(e.constraints)
        if isinstance(e, Const):
            if e.value is None:
                return "z.null()"
            if scalar_literal(e.value):
                return f"z.literal({ts_value(e.value)})"
            return f"z.unknown().refine((v: unknown) => jsonEquals(v, {ts_value(e.value)}))"
        if isinstance(e, AnyType):
            return "z.unknown()"
        raise TypeError(f"unknown type expression {e!r}")

    def default_ok(self, e: TypeExpr, value: Any) -> bool:
        """Whether a default can be written for this use without a type error."""
        if value is None:
            return e.nullable
        if isinstance(e, Primitive):
            if e.type == "string":
                return isinstance(value, str)
            if e.type == "boolean":
                return isinstance(value, bool)
            return isinstance(value, (int, float)) and not isinstance(value, bool) and (
                e.type == "number" or float(value).is_integer())
        if isinstance(e, Ref):
            t = self.ir.types.get(e.name)
            if isinstance(t, EnumType):
                return bool(value in t.values or self.is_open(t) and isinstance(
                    value, str if t.base == "string" else int))
            return False  # objects and unions: no typed default (documented only)
        if isinstance(e, Array):
            return isinstance(value, list) and not value
        if isinstance(e, Map):
            return isinstance(value, dict) and not value
        if isinstance(e, Const):
            return bool(value == e.value)
        return isinstance(e, AnyType)

    def default_expr(self, value: Any) -> str:
        text = ts_value(value)
        return f"() => ({text})" if isinstance(value, (list, dict)) else text


def _is_null(e: TypeExpr) -> bool:
    return isinstance(e, Const) and e.value is None


def _needs_parens(ts_type: str) -> bool:
    depth = 0
    for ch in ts_type:
        if ch in "({[<":
            depth += 1
        elif ch in ")}]>":
            depth -= 1
        elif ch in "|&" and depth == 0:
            return True
    return False


def _checks(c: Constraints, kind: str) -> str:
    out = []
    if kind in ("integer", "number"):
        for method, value in (("gte", c.minimum), ("lte", c.maximum), ("gt", c.exclusive_minimum),
                              ("lt", c.exclusive_maximum), ("multipleOf", c.multiple_of)):
            if value is not None:
                out.append(f".{method}({ts_number(value)})")
    elif kind == "string":
        if c.min_length is not None:
            out.append(f".min({ts_number(c.min_length)})")
        if c.max_length is not None:
            out.append(f".max({ts_number(c.max_length)})")
        if c.pattern is not None and superlinear(c.pattern) is None:  # else not at all (warned)
            out.append(f".regex(pattern({ts_str(c.pattern)}))")
    elif kind == "array":
        if c.min_items is not None:
            out.append(f".min({ts_number(c.min_items)})")
        if c.max_items is not None:
            out.append(f".max({ts_number(c.max_items)})")
    return "".join(out)


def _size_checks(c: Constraints) -> str:
    out = []
    if c.min_properties is not None:
        n = ts_number(c.min_properties)
        out.append(f".refine((v: object) => Object.keys(v).length >= {n}, "
                   f"{{ message: \"at least {n} properties\" }})")
    if c.max_properties is not None:
        n = ts_number(c.max_properties)
        out.append(f".refine((v: object) => Object.keys(v).length <= {n}, "
                   f"{{ message: \"at most {n} properties\" }})")
    return "".join(out)

