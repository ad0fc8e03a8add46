"""Which of a spec's example keywords reach the IR: every `example`/`examples` an
operation reaches (following `$ref`s; extensions `x-...` and data keywords aside),
each matched with the examples the IR carries in the same place (the same property,
or the same schema when on no property): on a named type, a field, a parameter, a
body, or a type use (a union member, array items, a `$ref` with an example beside)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from generator.ir import IR, ObjectType
from generator.ir.compare import reachable_from_operation
from generator.ir.walk import deep, exprs_of_type
from generator.source import pointer as jp

_DATA = {"enum", "const", "default", "example", "examples"}


@dataclass(frozen=True)
class Example:
    pointer: str  # of the keyword
    place: str  # the property it describes, else its schema's name
    value: str  # canonical JSON


def canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def place_of(pointer: str) -> str:
    tokens = jp.split(pointer)
    for i in range(len(tokens) - 1, 0, -1):
        if tokens[i - 1] == "properties" and (i < 2 or tokens[i - 2] != "properties"):
            return tokens[i]
    if tokens[:2] == ["components", "schemas"] and len(tokens) > 2:
        return tokens[2]
    return tokens[1] if tokens[:1] == ["paths"] and len(tokens) > 1 else pointer


def spec_examples(root: dict[str, Any], path: str, method: str) -> list[Example]:
    """Every example keyword POST `path` reaches (each schema visited once)."""
    found: list[Example] = []
    seen: set[str] = set()

    def walk(node: Any, ptr: str) -> None:
        if isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, jp.join(ptr, i))
            return
        if not isinstance(node, dict):
            return
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#") and ref[1:] not in seen:
            seen.add(ref[1:])
            walk(jp.walk(root, jp.split(ref[1:])), ref[1:])
        in_properties = jp.split(ptr)[-1:] == ["properties"]
        for key, value in node.items():
            at = jp.join(ptr, key)
            if in_properties:
                walk(value, at)
            elif key in ("example", "examples"):
                values = [value] if key == "example" else (
                    value if isinstance(value, list) else
                    [v.get("value") for v in value.values() if isinstance(v, dict)]
                    if isinstance(value, dict) else [])
                found.extend(Example(at, place_of(ptr), canon(v)) for v in values)
            elif not key.startswith("x-") and key not in _DATA:
                walk(value, at)

    start = jp.join("/paths", path, method)
    walk(jp.walk(root, jp.split(start)), start)
    return found


def ir_examples(ir: IR, path: str, method: str) -> set[tuple[str, str]]:
    """(place, canonical JSON) of every example the IR carries for POST `path`."""
    out: set[tuple[str, str]] = set()

    def add(place: str, values: list[Any]) -> None:
        out.update((place, canon(v)) for v in values)

    for name in reachable_from_operation(ir, path, method):
        t = ir.types[name]
        place = place_of(t.origin.partition("#")[2])
        add(place, t.examples)
        if isinstance(t, ObjectType):
            for f in t.fields:
                add(f.name, f.examples)
                for e in deep(f.type):
                    add(f.name, e.examples)
        for e in exprs_of_type(t):
            add(place, e.examples)
    for op in ir.operations:
        if op.path != path or op.method != method:
            continue
        for p in op.parameters:
            add(p.name, p.examples)
            add(path, p.examples)
        bodies = [*(op.request_body.content if op.request_body else []),
                  *(c for r in op.responses for c in r.content)]
        for c in bodies:
            add(path, c.examples)
            for e in deep(c.type) if c.type is not None else []:
                add(path, e.examples)
    return out
