"""Candidate values of a type, from which a witness is picked.

`samples(e, types, focus)` yields small JSON values meant to be valid for `e`:
a minimal instance (required fields only), then variations, most of them at the
place a change was reported (`focus`, the change's path: field names joined by
`.`, `[]` for array items, `{}` for map values, `[variant]`; read against the
names the type has, so a name may hold any character), fewer elsewhere:
each enum value, each union variant, bounds at their edges, null where allowed,
a non-integer number, an extra property, an empty and a longest array. Nothing
here decides validity: the generated validators of both versions do.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, Iterator

from ..ir import (
    AliasType, AnyType, Array, Const, Constraints, EnumType, Map, ObjectType, Primitive, Ref,
    TypeExpr, UnionType,
)

EXTRA_KEY = "respgen_extra_property"
_MAX_DEPTH = 24
_KEYWORDS = {"minProperties", "maxProperties", "discriminator", "default"}
_FORMATS = {"date-time": "2024-01-01T00:00:00Z", "date": "2024-01-01", "time": "00:00:00Z",
            "uri": "https://example.com/", "url": "https://example.com/", "email": "a@example.com",
            "uuid": "00000000-0000-4000-8000-000000000000", "byte": "", "binary": ""}


def step(focus: str, names: list[str]) -> tuple[str, str] | None:
    """The longest of `names` that `focus` starts with, as a whole step, and the rest."""
    found = [n for n in names if focus == n or (
        n and focus.startswith(n) and focus[len(n)] in ".[{")]
    if not found:
        return None
    name = max(found, key=len)
    rest = focus[len(name):]
    return name, rest[1:] if rest.startswith(".") else rest


def minimal(e: TypeExpr, types: dict[str, Any], depth: int = 0) -> Any:
    """A small value of `e`: required fields only, first variant, first enum value."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(e, Ref):
        t = types.get(e.name)
        if isinstance(t, ObjectType):
            return {f.name: minimal(f.type, types, depth + 1) for f in t.fields if f.required}
        if isinstance(t, EnumType):
            return t.values[0] if t.values else None
        if isinstance(t, UnionType):
            return minimal(t.variants[0], types, depth + 1) if t.variants else None
        if isinstance(t, AliasType):
            return minimal(t.target, types, depth + 1)
        return None
    if isinstance(e, Primitive):
        return _scalars(e)[0]
    if isinstance(e, Array):
        item = minimal(e.items, types, depth + 1)
        return [item] * (e.constraints.min_items or 0)
    if isinstance(e, Map):
        n = e.constraints.min_properties or 0
        return {f"k{i}": minimal(e.values, types, depth + 1) for i in range(n)}
    if isinstance(e, Const):
        return e.value
    return {}  # any


def samples(e: TypeExpr, types: dict[str, Any], focus: str, depth: int = 2, limit: int = 400,
            near: tuple[Any, ...] = (), prefer: str = "") -> Iterator[Any]:
    """Distinct candidate values of `e`, at most `limit`. `near`: numbers (the bounds a
    change reports) around which lengths, sizes and numbers are tried first; `prefer`:
    at the focus, try null ("null") or the property left out ("absent") first."""
    numbers = sorted({int(n) + d for n in near if isinstance(n, (int, float))
                      and not isinstance(n, bool) and abs(n) < 2**31 for d in (-1, 0, 1)})
    sampler = _Sampler(types, numbers, prefer)
    seen: set[str] = set()
    for v in sampler.all(e, focus, depth, 0):
        key = json.dumps(v, sort_keys=True, default=repr)
        if key not in seen:
            seen.add(key)
            yield v
            if len(seen) >= limit:
                return


class _Sampler:
    def __init__(self, types: dict[str, Any], near: list[int], prefer: str) -> None:
        self.types, self.near, self.prefer = types, near, prefer

    def all(self, e: TypeExpr, focus: str, depth: int, level: int) -> Iterator[Any]:
        types = self.types
        if not focus:  # with a focus, what is there comes first
            if e.nullable and self.prefer == "null":
                yield None
            yield minimal(e, types, level)
        if e.nullable:
            yield None
        if level > _MAX_DEPTH:
            return
        if isinstance(e, Ref):
            t = types.get(e.name)
            if isinstance(t, ObjectType):
                yield from self._object(t, focus, depth, level)
            elif isinstance(t, EnumType):  # a focus names one value (JSON)
                yield from sorted(t.values, key=lambda v: json.dumps(v, ensure_ascii=False) != focus)
            elif isinstance(t, UnionType):
                yield from self._union(t, focus, depth, level)
            elif isinstance(t, AliasType):
                yield from self.all(t.target, focus, depth, level + 1)
        elif isinstance(e, Primitive):
            yield from _scalars(e, self.near)
        elif isinstance(e, Array):
            yield from self._array(e, focus, depth, level)
        elif isinstance(e, Map):
            taken = step(focus, ["{}"])
            inner = taken[1] if taken else ""
            if taken or depth > 0:
                for v in self.all(e.values, inner, depth - (not inner), level + 1):
                    yield {**minimal(e, types, level), EXTRA_KEY: v}
        elif isinstance(e, AnyType):
            yield from ("x", 1, 0.5, True, [], {})

    def _object(self, t: ObjectType, focus: str, depth: int, level: int) -> Iterator[Any]:
        types = self.types
        base = {f.name: minimal(f.type, types, level + 1) for f in t.fields if f.required}
        fields = {f.name: f for f in t.fields}
        taken = step(focus, list(fields)) if focus else None
        if taken:
            f = fields[taken[0]]
            without = {k: v for k, v in base.items() if k != f.name}
            if self.prefer == "absent" and not taken[1]:
                yield without
            for v in self.all(f.type, taken[1], depth, level + 1):
                yield {**base, f.name: v}
            yield without
            yield base
            return
        yield base
        yield {**base, EXTRA_KEY: "x"}
        yield {**base, **{f.name: minimal(f.type, types, level + 1) for f in t.fields}}
        if isinstance(t.additional_properties, (Ref, Primitive, Array, Map, Const, AnyType)):
            for v in self.all(t.additional_properties, "", depth - 1, level + 1):
                yield {**base, EXTRA_KEY: v}
        if depth <= 0:
            return
        for f in t.fields:
            for v in self.all(f.type, "", depth - 1, level + 1):
                yield {**base, f.name: v}

    def _union(self, t: UnionType, focus: str, depth: int, level: int) -> Iterator[Any]:
        from .types import variant_key

        keys = [f"[{variant_key(v, {})}]" for v in t.variants]
        taken = step(focus, keys) if focus else None
        if taken:  # that variant only
            yield from self.all(t.variants[keys.index(taken[0])], taken[1], depth, level + 1)
            return
        for v in t.variants:
            yield from self.all(v, "", depth, level + 1)

    def _array(self, e: Array, focus: str, depth: int, level: int) -> Iterator[Any]:
        c = e.constraints
        item = minimal(e.items, self.types, level + 1)
        least = c.min_items or 0
        yield [item] * least
        yield from ([item] * n for n in self.near if least <= n <= 4096)
        if c.max_items is not None and c.max_items <= 4096:
            yield [item] * max(c.max_items, least)
        if c.unique_items or least < 2:
            yield [item, item] + [item] * max(least - 2, 0)
        taken = step(focus, ["[]"])
        inner = taken[1] if taken else ""
        if taken or depth > 0:
            for v in self.all(e.items, inner, depth - (not inner), level + 1):
                yield [v] + [item] * max(least - 1, 0)


def _scalars(e: Primitive, near: list[int] | tuple[int, ...] = ()) -> list[Any]:
    c = e.constraints
    if e.type == "string":
        return _strings(e.format, c, near)
    if e.type in ("integer", "number"):
        return _numbers(e.type == "integer", c, near)
    if e.type == "boolean":
        return [True, False]
    return [None]


def _strings(fmt: str | None, c: Constraints, near: list[int] | tuple[int, ...]) -> list[Any]:
    low, high = c.min_length or 0, c.max_length
    base = _FORMATS.get(fmt or "", "a")
    out = [base if len(base) >= low and (high is None or len(base) <= high) else "a" * low]
    out += ["a" * n for n in near if n >= low and (high is None or n <= high)]
    out += ["a" * low, "", "a"]
    if high is not None and high <= 65536:
        out.append("a" * high)
    # lengths past bounds the other version may add: the validators keep what fits
    return out + ["a" * n for n in (2, 8, 65, 257, 1025, 4097, 65537) if high is None or n <= high]


def _numbers(integer: bool, c: Constraints, near: list[int] | tuple[int, ...]) -> list[Any]:
    lo = c.minimum if c.minimum is not None else c.exclusive_minimum
    hi = c.maximum if c.maximum is not None else c.exclusive_maximum
    points: list[float] = [1, 0, -1, *near, *(n + 0.5 for n in near)]
    for bound, step_ in ((lo, 1), (hi, -1)):
        if bound is not None and math.isfinite(bound):
            points += [bound, bound + step_, bound + step_ / 2]
    if c.multiple_of:
        points.insert(0, c.multiple_of)
    if not integer:
        points += [0.5, (lo + 0.5) if lo is not None else -0.5]
    inside = [p for p in points if _within(p, c)] or points
    out: list[Any] = [int(p) if float(p).is_integer() else p for p in inside]
    return out + ([] if integer else [0.5]) + [1.5, 2, 101, 1001, 65537, 2**31, 2**53, -(2**31), -(2**53)]


def _within(p: float, c: Constraints) -> bool:
    return not ((c.minimum is not None and p < c.minimum) or (c.maximum is not None and p > c.maximum)
                or (c.exclusive_minimum is not None and p <= c.exclusive_minimum)
                or (c.exclusive_maximum is not None and p >= c.exclusive_maximum))


def locate(e: TypeExpr, types: dict[str, Any], focus: str) -> tuple[list[str | None], bool]:
    """The JSON pointer tokens `focus` leads to inside values of `e` (None: any index
    or key), as far as it names fields, items, values and variants; and whether it
    led all the way (the change is about that very place)."""
    from .types import variant_key

    out: list[str | None] = []
    for _ in range(_MAX_DEPTH):
        while isinstance(e, Ref) and isinstance(types.get(e.name), AliasType):
            e = types[e.name].target
        if not focus:
            return out, True
        t = types.get(e.name) if isinstance(e, Ref) else None
        if isinstance(t, ObjectType):
            fields = {f.name: f for f in t.fields}
            taken = step(focus, list(fields))
            if taken is None:  # a field only the other version has, or a keyword
                if focus in _KEYWORDS:
                    return out, False
                return out + [None if focus == "additionalProperties" else focus], True
            out.append(taken[0])
            e, focus = fields[taken[0]].type, taken[1]
        elif isinstance(t, UnionType):
            keys = [f"[{variant_key(v, {})}]" for v in t.variants]
            taken = step(focus, keys)
            if taken is None:
                return out, False
            e, focus = t.variants[keys.index(taken[0])], taken[1]
        elif isinstance(e, (Array, Map)) and step(focus, ["[]" if isinstance(e, Array) else "{}"]):
            focus = focus[2:].removeprefix(".")
            e = e.items if isinstance(e, Array) else e.values
            out.append(None)
        else:
            return out, False
    return out, False
