"""Normalise every way a schema can admit `null` into one flag.

`strip_null(schema)` returns the schema without its null-admitting parts and
whether null was admitted: OpenAPI 3.0 `nullable: true`, 3.1 `type: [T, "null"]`,
`null` among `enum` values, and `anyOf`/`oneOf` members that are only null
(`{type: "null"}`, a bare `{nullable: true}`, `{enum: [null]}`, `{const: null}`).
A union left with a single member collapses into that member.
"""

from __future__ import annotations

from typing import Any

ANNOTATIONS = frozenset(
    {
        "description", "title", "example", "examples", "default", "deprecated",
        "readOnly", "writeOnly", "externalDocs", "$comment", "xml", "$schema", "$id",
        "discriminator",
    }
)


def is_annotation(key: str) -> bool:
    return key in ANNOTATIONS or key.startswith("x-")


def only_annotations(schema: dict[str, Any]) -> bool:
    return all(is_annotation(k) for k in schema)


def is_null_only(member: Any) -> bool:
    """A union member that admits null and nothing else."""
    if not isinstance(member, dict):
        return False
    core = {k: v for k, v in member.items() if not is_annotation(k)}
    if core in ({"type": "null"}, {"type": ["null"]}, {"enum": [None]}, {"const": None}):
        return True
    return core == {"nullable": True}


def _bare_nullable(member: Any) -> bool:
    if not isinstance(member, dict) or member.get("nullable") is not True:
        return False
    return all(is_annotation(k) for k in member if k != "nullable")


_HOLDS_NULL = frozenset({"nullable", "enum", "allOf", "anyOf", "oneOf"})  # (and a type list)


def strip_null(schema: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """(schema without null, admits null). Never mutates its argument."""
    if _HOLDS_NULL.isdisjoint(schema) and type(schema.get("type")) is not list:
        return dict(schema), False  # no keyword that can admit null (most schemas)
    nullable = False
    while True:
        schema, changed = _strip_once(schema)
        nullable = nullable or changed
        if not changed:
            return schema, nullable


def _strip_once(schema: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    s = dict(schema)
    found = False
    if "nullable" in s:
        found = s.pop("nullable") is True
    kind = s.get("type")
    if isinstance(kind, list):
        rest = [t for t in kind if t != "null"]
        if rest and len(rest) < len(kind):
            found = True
        if rest:
            s["type"] = rest[0] if len(rest) == 1 else rest
        else:
            s["type"] = "null"
    enum = s.get("enum")
    if isinstance(enum, list) and None in enum and any(v is not None for v in enum):
        found = True
        s["enum"] = [v for v in enum if v is not None]
        if s.get("type") == "null":
            del s["type"]
    members = s.get("allOf")
    if isinstance(members, list) and any(_bare_nullable(m) for m in members):
        # OpenAPI 3.0's way to make a $ref nullable: allOf: [{$ref: X}, {nullable: true}]
        found = True
        rest_members = [m for m in members if not _bare_nullable(m)]
        if rest_members:
            s["allOf"] = rest_members
        else:
            del s["allOf"]
    for key in ("anyOf", "oneOf"):
        members = s.get(key)
        if not isinstance(members, list) or not any(is_null_only(m) for m in members):
            continue
        rest_members = [m for m in members if not is_null_only(m)]
        if not rest_members:
            continue
        found = True
        if len(rest_members) > 1:
            s[key] = rest_members
            continue
        del s[key]
        s = _absorb(s, rest_members[0])
    return s, found


def _absorb(outer: dict[str, Any], member: Any) -> dict[str, Any]:
    """Merge a lone remaining union member into the schema that held the union."""
    if not isinstance(member, dict):
        return outer if member is True else {"not": {}}
    if only_annotations(outer):
        merged = dict(member)
        for key, value in outer.items():
            if key == "description" or key not in merged:
                merged[key] = value
        return merged
    annotations = {k: v for k, v in outer.items() if is_annotation(k)}
    rest = {k: v for k, v in outer.items() if not is_annotation(k)}
    return {**annotations, "allOf": [rest, member]}
