"""Merge `allOf` into one schema.

`allOf: [X]` beside annotations only (a wrapper that adds a description) is X
with those annotations. Otherwise each member is dereferenced and merged:
properties in order of first appearance, `required` united, bounds tightened,
`type` and `enum` intersected. Every merged sub-schema keeps the file and
pointer it came from (`origins`) so refs inside it resolve from its own file.

The merge is the *models'* reading, the one inheritance gives: where two
members set the same keyword to values that cannot be combined (two `anyOf`
lists, two `items`, `pattern`s, a property nullable in one member only), the
later member wins. JSON Schema 2020-12 requires every member to hold, so such
members are also returned (`lost`): the builder keeps them as `also` on the
result, and validators check them too. A property two members define is
merged the same way, one level down.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..source import pointer as jp
from ..errors import SpecError
from ..source.loader import Document
from .keywords import bad_bound
from .nulls import is_annotation, only_annotations, strip_null

Deref = Callable[[Any, Document, str], tuple[Any, Document, str]]
Origins = dict[int, tuple[Any, Document, str]]  # id(node) -> (node kept alive, doc, ptr)

_OVERRIDE = "x-respgen-override"  # marks a property two members define (see merge_allof)
_SUBSCHEMA = ("items", "additionalProperties", "not")
_SUBSCHEMAS = ("anyOf", "oneOf", "allOf", "prefixItems")
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


@dataclass
class Member:
    """An allOf member as written (a `$ref` stays a `$ref`) and where it is."""

    node: Any
    doc: Document
    ptr: str


@dataclass
class Merge:
    """`merge_allof`'s result: the merged schema (the models' reading), whether
    it admits null, and the members whose constraints it does not keep whole,
    each with the keywords it lost, for validators to check as written."""

    schema: dict[str, Any]
    nullable: bool
    lost: list[tuple[Member, list[str]]] = field(default_factory=list)
    own: tuple[dict[str, Any], list[str]] | None = None  # own keywords, if overridden (and which)


def merge_allof(
    schema: dict[str, Any], doc: Document, ptr: str, deref: Deref, origins: Origins,
    outer_null: bool = False,
) -> Merge:
    """Flatten `schema` (which has `allOf`) into one schema; see `Merge`.

    The result is nullable when any member says so: OpenAPI 3.0 authors write
    `allOf: [{$ref: Base}, {nullable: true, ...}]` to mean "Base or null", and
    that is how 3.1 rewrites of the same specs spell it (`anyOf: [..., null]`).
    A member that admits null beside one that refuses null (it states a
    `type`, `enum`, `const` or union without null) is a conflict (JSON Schema
    says: no null), unless the schema or the one around it (`outer_null`)
    admits null, or the member says so with 3.0's `nullable: true` in an allOf
    the author wrote (the idiom above). A property two members define (an
    override) is a conflict however its null is spelled.
    """
    parts: list[tuple[dict[str, Any], Document, str]] = []
    members: list[Member] = []
    override = schema.get(_OVERRIDE) is True
    own = {k: v for k, v in schema.items() if k not in ("allOf", _OVERRIDE)}
    own_stripped, own_null = strip_null(own)
    null_votes: list[bool] = [own_null] if "type" in own or own_null else []
    typed: list[tuple[int, bool]] = []  # (member, admits null): members that decide on null
    nested: list[tuple[Member, list[str]]] = []  # lost inside a member's own allOf
    for index, member in enumerate(schema["allOf"]):
        mptr0 = jp.join(ptr, "allOf", index)
        node, mdoc, mptr = deref(member, doc, mptr0)
        if node is False:  # nothing matches it: kept for validators, as written
            nested.append((Member(member, doc, mptr0), ["false"]))
        if not isinstance(node, dict):
            continue
        stripped, is_null = strip_null(node)
        if "allOf" in stripped:
            inner = merge_allof(stripped, mdoc, mptr, deref, origins, outer_null or is_null)
            stripped, is_null = inner.schema, is_null or inner.nullable
            nested += inner.lost
        if is_null or "type" in stripped or "properties" in stripped:
            null_votes.append(is_null)
        says_null = is_null if override else _states_null(node)
        if says_null and not only_annotations(stripped) or not is_null and _refuses_null(stripped):
            typed.append((len(parts), is_null))
        origin = origins.get(id(member))
        written = Member(member, origin[1], origin[2]) if origin and origin[0] is member else \
            Member(member, doc, mptr0)
        parts.append((stripped, mdoc, mptr))
        members.append(written)
    merged: dict[str, Any] = {}
    owner: dict[str, int] = {}
    lost: dict[int, list[str]] = {}
    for index, (part, pdoc, pptr) in enumerate(parts):
        # a member's examples describe the member, not the merged whole
        part = {k: v for k, v in part.items() if k not in ("example", "examples")}
        _merge_into(merged, part, pdoc, pptr, origins, owner, index, lost)
    notes = {k: v for k, v in own_stripped.items() if is_annotation(k)}
    own_rest = {k: v for k, v in own_stripped.items() if not is_annotation(k)}
    _merge_into(merged, own_rest, doc, ptr, origins, owner, len(parts), lost)
    merged.update(notes)  # the schema's own description, examples, default win
    nullable = any(null_votes)
    if nullable and not (own_null or outer_null) and any(n for _, n in typed):
        for index, is_null in typed:
            if not is_null:
                lost.setdefault(index, []).append("null")
    declared = set(merged.get("properties") or {})
    patterns = set(merged.get("patternProperties") or {})
    prefix = len(merged.get("prefixItems") or [])
    for index, part in enumerate([p for p, _, _ in parts] + [own_rest]):
        # `additionalProperties` / `items` apply to what *their* schema does not declare
        extra = part.get("additionalProperties", True)
        if extra is not True and extra != {} and not (
                declared <= set(part.get("properties") or {})
                and patterns <= set(part.get("patternProperties") or {})):
            lost.setdefault(index, []).append("additionalProperties")
        items = part.get("items", True)
        if items is not True and items != {} and prefix > len(part.get("prefixItems") or []):
            lost.setdefault(index, []).append("items")
    return Merge(merged, nullable, nested + [(members[i], keys) for i, keys in sorted(lost.items())
                                             if i < len(members)],
                 own=(own_rest, lost[len(parts)]) if len(parts) in lost else None)


def _merge_into(
    out: dict[str, Any], part: dict[str, Any], doc: Document, ptr: str, origins: Origins,
    owner: dict[str, int], index: int, lost: dict[int, list[str]],
) -> None:
    bad = bad_bound(part)  # before bounds are compared (`max("x", 2)` would crash)
    if bad is not None:
        raise SpecError(doc.location(jp.join(ptr, bad[0])), bad[1])
    for key, value in part.items():
        if key in ("properties", "patternProperties") and isinstance(value, dict):
            props = out.setdefault(key, {})
            for name, sub in value.items():
                origins.setdefault(id(sub), (sub, doc, jp.join(ptr, key, name)))
                if name in props and props[name] != sub:
                    props[name] = {"allOf": [props[name], sub], _OVERRIDE: True}
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
            if key in out and out[key] != value and not (out[key] is True or out[key] == {}) and not (
                    key == "additionalProperties" and value is False) and key != "format":
                lost.setdefault(owner[key], []).append(key)  # the later member wins
            if isinstance(value, dict) and key in _SUBSCHEMA:
                origins.setdefault(id(value), (value, doc, jp.join(ptr, key)))
            elif isinstance(value, list) and key in _SUBSCHEMAS:  # refs resolve from here
                for i, sub in enumerate(value):
                    if isinstance(sub, dict):
                        origins.setdefault(id(sub), (sub, doc, jp.join(ptr, key, i)))
            out[key] = value
            owner[key] = index


def _states_null(schema: dict[str, Any]) -> bool:
    """Null admitted the 3.1 way (a type list, an enum, a union member), not by 3.0's
    `nullable: true`, which in an allOf member is the "Base or null" idiom."""
    return strip_null({k: v for k, v in schema.items() if k != "nullable"})[1]


def _refuses_null(schema: dict[str, Any]) -> bool:
    """A null-free schema that null cannot match (one with only `properties` can)."""
    return any(k in schema for k in ("type", "enum", "const", "anyOf", "oneOf"))


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
