"""Collect every example a spec attaches to a schema, and round-trip it."""

from __future__ import annotations

import functools
import json
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from pydantic import TypeAdapter, ValidationError

from generator.source import pointer as jp
from generator.ir import ObjectType, Ref, TypeExpr
from generator.ir.walk import all_exprs
from harness import Generated


@dataclass
class Example:
    where: str  # e.g. "type ResponsesRequest", "field Foo.bar", "POST /responses 200 application/json"
    value: Any
    adapter: TypeAdapter[Any]
    pointer: str  # where its schema is in the spec's root file (for the reference check)
    expr: TypeExpr | None = None  # the type use it illustrates (for other targets' tests)


def collect(g: Generated) -> Iterator[Example]:
    nullable_uses = {e.name for e in all_exprs(g.ir) if isinstance(e, Ref) and e.nullable}
    for name, t in g.ir.types.items():
        for value in t.examples:
            adapter = g.adapter(name)
            expr = Ref(name=name)
            if value is None and name in nullable_uses:
                expr = Ref(name=name, nullable=True)
                adapter = _expr_adapter(g, expr)
            yield Example(f"type {name}", value, adapter, _pointer(t.origin), expr)
        if isinstance(t, ObjectType):
            for f in t.fields:
                for value in f.examples:
                    ptr = jp.join(_pointer(t.origin), "properties", f.name)
                    yield Example(f"field {name}.{f.name}", value,
                                  g.field_adapter(name, f.name), ptr, f.type)
    for op in g.ir.operations:
        base = jp.join("/paths", op.path, op.method)
        for index, param in enumerate(op.parameters):
            for value in param.examples:
                yield Example(f"{op.method.upper()} {op.path} parameter {param.name}", value,
                              _expr_adapter(g, param.type),
                              _param_pointer(g, op.path, op.method, param.name), param.type)
        bodies: list[tuple[str, Any, str]] = []
        if op.request_body:
            bodies += [(f"request {c.media_type}", c,
                        jp.join(base, "requestBody", "content", c.media_type, "schema"))
                       for c in op.request_body.content]
        for r in op.responses:
            bodies += [(f"{r.status} {c.media_type}", c,
                        jp.join(base, "responses", r.status, "content", c.media_type, "schema"))
                       for c in r.content]
        for label, c, ptr in bodies:
            if c.type is None:
                continue
            for value in c.examples:
                eptr = ptr
                if (c.event_stream and isinstance(value, dict) and "data" in value
                        and set(value) <= {"data", "event", "id", "retry"}):
                    value = value["data"]  # an SSE example written as the message
                    eptr = jp.join(ptr, "properties", "data")
                where = f"{op.method.upper()} {op.path} {label}"
                yield Example(where, value, _expr_adapter(g, c.type), eptr, c.type)


@functools.lru_cache(maxsize=None)
def _raw(spec: str) -> Any:
    from generator.source.loader import open_spec

    return open_spec(Path(spec)).root.data


def _param_pointer(g: Generated, path: str, method: str, name: str) -> str:
    """Where a parameter's schema is in the raw spec (operation level, else path level)."""
    data = _raw(str(g.spec))
    for level in (jp.join("/paths", path, method), jp.join("/paths", path)):
        params = jp.walk(data, jp.split(level + "/parameters"))
        if isinstance(params, list):
            for index, p in enumerate(params):
                if isinstance(p, dict) and p.get("name") == name:
                    return jp.join(level, "parameters", index, "schema")
    return ""


def _pointer(origin: str) -> str:
    return origin.split("#", 1)[1] if "#" in origin else ""


def _expr_adapter(g: Generated, e: TypeExpr) -> TypeAdapter[Any]:
    from generator.targets.python.types import TypeMapper
    from harness import _adapter

    return _adapter(g.module, TypeMapper(g.ir, g.view.names).annotation(e))


def round_trip(ex: Example) -> str | None:
    """None when the example parses and dumps back to the same JSON, else why not."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            parsed = ex.adapter.validate_python(ex.value)
        except ValidationError as exc:
            return f"rejected: {exc.errors()[0]['loc']} {exc.errors()[0]['msg']}"
    dumped = ex.adapter.dump_python(parsed, mode="json", by_alias=True, exclude_unset=True)
    if not same_json(dumped, ex.value):
        return f"changed on round trip: {json.dumps(ex.value)[:200]} -> {json.dumps(dumped)[:200]}"
    return None


_CHECKED: dict[tuple[str, str], list[tuple[Example, str | None]]] = {}


def checked(g: Generated) -> list[tuple[Example, str | None]]:
    """Every example of g with its `round_trip` verdict, computed once per test run
    (the Python, TypeScript and JSON Schema tests all compare against it)."""
    key = (str(g.spec), g.package)
    if key not in _CHECKED:
        _CHECKED[key] = [(ex, round_trip(ex)) for ex in collect(g)]
    return _CHECKED[key]


def same_json(a: Any, b: Any) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_json(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b))
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return bool(a == b)
