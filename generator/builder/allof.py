"""Merge `allOf` into one schema.

`allOf: [X]` beside annotations only (a wrapper that adds a description) is X
with those annotations. Otherwise each member is dereferenced and merged:
properties in order of first appearance, `required` united, bounds tightened,
`type` and `enum` intersected. Every merged sub-schema keeps the file and
pointer it came from (`origins`) so refs inside it resolve from its own file.
"""

from __future__ import annotations

from typing import Any, Callable

from .. import pointer as jp
from ..errors import SpecError
from ..loader import Document
from .keywords import bad_bound
from .nulls import is_annotation, only_annotations, strip_null

Deref = Callable[[Any, Document, str], tuple[Any, Document, str]]
Origins = dict[int, tuple[Any, Document, str]]  # id(node) -> (node kept alive, doc, ptr)

_LOWER = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
_UPPER = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")


def unwrap_single(schema: dict[str, Any]) -> dict[str, Any] | None:
    """`{allOf: [X], description: ...}` -> X with the outer annotations, else None."""
    members = schema.get("allOf")
    rest = {k: v for k, v in schema.items() if k != "allOf"}
    if not (isinstance(members, list) and len(members) == 1 and only_annotations(rest)):
        return None
    member = members[0]
    if not isinstance(member, dict):
        return None
    merged = dict(member)
    for key, value in rest.items():
        if key == "description" or key not in merged:
            merged[key] = value
    return merged


def merge_allof(
    schema: dict[str, Any], doc: Document, ptr: str, deref: Deref, origins: Origins
) -> tuple[dict[str, Any], bool]:
    """Flatten `schema` (which has `allOf`) into one schema; also return nullability.

    The result is nullable when any member says so: OpenAPI 3.0 authors write
    `allOf: [{$ref: Base}, {nullable: true, ...}]` to mean "Base or null", and
    that is how 3.1 rewrites of the same specs spell it (`anyOf: [..., null]`).
    """
    parts: list[tuple[dict[str, Any], Document, str]] = []
    own = {k: v for k, v in schema.items() if k != "allOf"}
    own_stripped, own_null = strip_null(own)
    null_votes: list[bool] = [own_null] if "type" in own or own_null else []
    for index, member in enumerate(schema["allOf"]):
        node, mdoc, mptr = deref(member, doc, jp.join(ptr, "allOf", index))
        if not isinstance(node, dict):
            continue
        stripped, is_null = strip_null(node)
        if "allOf" in stripped:
            stripped, inner_null = merge_allof(stripped, mdoc, mptr, deref, origins)
            is_null = is_null or inner_null
        if is_null or "type" in stripped or "properties" in stripped:
            null_votes.append(is_null)
        parts.append((stripped, mdoc, mptr))
    merged: dict[str, Any] = {}
    for part, pdoc, pptr in parts:
        # a member's examples describe the member, not the merged whole
        part = {k: v for k, v in part.items() if k not in ("example", "examples")}
        _merge_into(merged, part, pdoc, pptr, origins)
    notes = {k: v for k, v in own_stripped.items() if is_annotation(k)}
    _merge_into(merged, {k: v for k, v in own_stripped.items() if not is_annotation(k)},
                doc, ptr, origins)
    merged.update(notes)  # the schema's own description, examples, default win
    return merged, any(null_votes)


def _merge_into(
    out: dict[str, Any], part: dict[str, Any], doc: Document, ptr: str, origins: Origins
) -> None:
    bad = bad_bound(part)  # before bounds are compared (`max("x", 2)` would crash)
    if bad is not None:
        raise SpecError(doc.location(jp.join(ptr, bad[0])), bad[1])
    for key, value in part.items():
        if key == "properties" and isinstance(value, dict):
            props = out.setdefault("properties", {})
            for name, sub in value.items():
                origins.setdefault(id(sub), (sub, doc, jp.join(ptr, "properties", name)))
                if name in props and props[name] != sub:
                    props[name] = {"allOf": [props[name], sub]}
                else:
                    props[name] = sub
        elif key == "required" and isinstance(value, list):
            req = out.setdefault("required", [])
            req.extend(v for v in value if v not in req)
        elif key in _LOWER and key in out:
            out[key] = max(out[key], value)
        elif key in _UPPER and key in out:
            out[key] = min(out[key], value)
        elif key == "type" and "type" in out and out["type"] != value:
            out["type"] = _intersect_types(out["type"], value)
        elif key == "enum" and "enum" in out:
            out["enum"] = [v for v in out["enum"] if v in value]
        elif key == "additionalProperties" and out.get(key) is False:
            continue
        elif is_annotation(key) and key in out:
            continue  # the first member's annotation wins; own description set after
        else:
            if isinstance(value, (dict, list)) and key in ("items", "additionalProperties"):
                origins.setdefault(id(value), (value, doc, jp.join(ptr, key)))
            out[key] = value


def _intersect_types(a: Any, b: Any) -> Any:
    left = set(a if isinstance(a, list) else [a])
    right = set(b if isinstance(b, list) else [b])
    if "number" in left and "integer" in right:
        left.add("integer")
    if "number" in right and "integer" in left:
        right.add("integer")
    both = sorted(left & right)
    if not both:
        return "null"  # nothing satisfies both: only reported, never silently widened
    return both[0] if len(both) == 1 else both
