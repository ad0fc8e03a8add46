"""Reading single schema keywords: bounds, examples, annotations, union-member hints."""

from __future__ import annotations

import math
import re
from typing import Any, Callable

from ..source import pointer as jp
from ..errors import Diagnostics, Location, SpecError
from ..ir import Constraints, EnumType, NamedType
from ..source.loader import Document
from ..patterns.redos import superlinear
from ..words import pascal
from .nulls import is_annotation, strip_null

Deref = Callable[[Any, Document, str], tuple[Any, Document, str]]

SUPPORTED = frozenset(
    {
        "type", "properties", "required", "additionalProperties", "items", "enum",
        "const", "allOf", "anyOf", "oneOf", "$ref", "nullable", "format",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems",
        "minProperties", "maxProperties", "$defs", "definitions", "not", "prefixItems",
        "patternProperties",
        "contentMediaType", "contentEncoding",
    }
)


def json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "mixed"


def text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def examples(s: dict[str, Any]) -> list[Any]:
    out = []
    if "example" in s:
        out.append(s["example"])
    if isinstance(s.get("examples"), list):
        out.extend(s["examples"])
    return out


def annotate(t: NamedType, s: dict[str, Any]) -> None:
    t.description = text(s.get("description"))
    t.deprecated = s.get("deprecated") is True
    t.examples = examples(s)


_BOUNDS = {
    "minimum": "minimum", "maximum": "maximum", "exclusiveMinimum": "exclusive_minimum",
    "exclusiveMaximum": "exclusive_maximum", "multipleOf": "multiple_of",
    "minLength": "min_length", "maxLength": "max_length", "pattern": "pattern",
    "minItems": "min_items", "maxItems": "max_items", "uniqueItems": "unique_items",
    "minProperties": "min_properties", "maxProperties": "max_properties",
}


_BOUND_KEYS = frozenset(_BOUNDS)  # most schemas have none: nothing to check or keep
_COUNTS = ("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties")
_NUMBERS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def bad_bound(s: dict[str, Any]) -> tuple[str, str] | None:
    """(keyword, what is wrong) for the first bound keyword of the wrong type, else None.
    Targets write bounds as code (`.min(3)`), so a bound is a number, never text."""
    if _BOUND_KEYS.isdisjoint(s):
        return None
    for key in _COUNTS:
        if key in s and not (_number(s[key]) and float(s[key]).is_integer() and s[key] >= 0):
            return key, f"{key} must be a non-negative integer, not {s[key]!r:.60}"
    for key in _NUMBERS:
        value = s.get(key)
        if key in s and not (_number(value) or key.startswith("exclusive") and isinstance(value, bool)):
            return key, f"{key} must be a number, not {value!r:.60}"
    if "multipleOf" in s and not s["multipleOf"] > 0:
        return "multipleOf", "multipleOf must be greater than 0"
    if "pattern" in s and not isinstance(s["pattern"], str):
        return "pattern", f"pattern must be a string, not {s['pattern']!r:.60}"
    return None


def constraints(s: dict[str, Any]) -> Constraints:
    """The bounds of a schema; a value of the wrong type is never kept (the builder
    reports it first: `bad_bound`)."""
    c = Constraints()
    if _BOUND_KEYS.isdisjoint(s):
        return c
    for key, attr in _BOUNDS.items():
        value = s.get(key)
        if key == "uniqueItems":
            if value is True:
                c.unique_items = True
        elif key == "pattern":
            if isinstance(value, str):
                c.pattern = value
        elif isinstance(value, (int, float)) and _number(value):
            setattr(c, attr, int(value) if key in _COUNTS else value)
    # OpenAPI 3.0 boolean exclusive bounds: exclusiveMinimum: true + minimum: x
    if s.get("exclusiveMinimum") is True and "minimum" in s:
        c.exclusive_minimum, c.minimum = s["minimum"], None
    if s.get("exclusiveMaximum") is True and "maximum" in s:
        c.exclusive_maximum, c.maximum = s["maximum"], None
    return c


def variant_hint(member: Any) -> str:
    """A readable suffix for an inline union member: its tag, title or kind."""
    if not isinstance(member, dict) or "$ref" in member:
        return ""
    member, _ = strip_null(member)
    props = member.get("properties")
    if isinstance(props, dict):
        preferred = ("type", "kind", "object", "role", "id", "name")
        for tag in sorted(props, key=lambda p: preferred.index(p) if p in preferred else 99):
            sub = props.get(tag)
            if isinstance(sub, dict):
                if "const" in sub and isinstance(sub["const"], str):
                    return pascal(sub["const"])
                enum = sub.get("enum")
                if isinstance(enum, list) and len(enum) == 1 and isinstance(enum[0], str):
                    return pascal(enum[0])
    enum = member.get("enum")
    if isinstance(enum, list) and len(enum) == 1 and isinstance(enum[0], str):
        return pascal(enum[0])
    if isinstance(member.get("title"), str):
        return pascal(member["title"])
    if "enum" in member:
        return "Enum"
    kind = member.get("type")
    if kind == "array" or "items" in member:
        return ""
    if kind == "object" or "properties" in member:
        return "Object"
    return pascal(kind) if isinstance(kind, str) else ""


_KIND_KEYWORDS = (
    ("object", ("properties", "additionalProperties", "minProperties", "maxProperties",
                "required")),
    ("array", ("items", "prefixItems", "minItems", "maxItems", "uniqueItems")),
    ("number", ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")),
    ("string", ("minLength", "maxLength", "pattern")),
)


def implied_kind(s: dict[str, Any]) -> str | None:
    """The kind a schema without `type` constrains, read off its keywords (None: any)."""
    if "properties" in s or "additionalProperties" in s or "patternProperties" in s:
        return "object"
    if "items" in s or "prefixItems" in s:
        return "array"
    kinds = [kind for kind, words in _KIND_KEYWORDS if any(w in s for w in words)]
    return kinds[0] if len(kinds) == 1 else None


def check_keywords(s: dict[str, Any], doc: Document, ptr: str, diags: Diagnostics,
                   sites: dict[str, Location] | None = None) -> None:
    """Refuse bad bounds; note where each pattern is (`sites`: targets refuse one their
    engine cannot take, there) and warn about one that backtracks super-linearly;
    warn about keywords respgen does not model (never silently accepted)."""
    bad = bad_bound(s)
    if bad is not None:
        raise SpecError(doc.location(jp.join(ptr, bad[0])), bad[1])
    pattern = s.get("pattern")
    found = s.get("patternProperties")
    keys = [str(k) for k in found] if isinstance(found, dict) else []
    for text, where in ([(pattern, jp.join(ptr, "pattern"))] if isinstance(pattern, str) else []) + [
            (k, jp.join(ptr, "patternProperties", k)) for k in keys]:
        location = doc.location(where)
        if sites is not None:
            sites.setdefault(text, location)
        why = superlinear(text)
        if why is not None:
            diags.warn(location, f"pattern backtracks super-linearly ({why}): the typescript "
                                 "target does not check it")
    for key in s:
        if key not in SUPPORTED and not is_annotation(key):
            diags.warn(doc.location(jp.join(ptr, key)), f"unsupported keyword {key!r} is ignored")


def allof_variant_hint(member: Any, doc: Document, ptr: str, deref: Deref) -> str:
    """Like `variant_hint`, looking through allOf parts (and their refs) for a tag."""
    if not (isinstance(member, dict) and isinstance(member.get("allOf"), list)):
        return variant_hint(member)
    props: dict[str, Any] = {}
    ref_name = ""
    for index, part in enumerate(member["allOf"]):
        if isinstance(part, dict) and "$ref" in part and not ref_name:
            ref_name = pascal(str(part["$ref"]).rsplit("/", 1)[-1])
        node, _, _ = deref(part, doc, jp.join(ptr, "allOf", index))
        if isinstance(node, dict) and isinstance(node.get("properties"), dict):
            for key, value in node["properties"].items():
                props.setdefault(key, value)
    tag = variant_hint({"properties": props}) if props else ""
    return tag if tag and tag != "Object" else ref_name or tag


def enum_type(s: dict[str, Any], doc: Document, ptr: str, name: str) -> EnumType:
    """The named enum of a schema with `enum` (null already stripped)."""
    values = s["enum"]
    if not isinstance(values, list) or not values:
        raise SpecError(doc.location(jp.join(ptr, "enum")), "enum must be a non-empty list")
    kinds = {json_kind(v) for v in values}
    base = kinds.pop() if len(kinds) == 1 else "mixed"
    if base == "integer" and s.get("type") == "number":
        base = "number"
    enum = EnumType(name=name, values=list(values), base=base)
    if "default" in s:
        enum.has_default, enum.default = True, s["default"]
    annotate(enum, s)
    return enum


STRUCTURAL = frozenset({"components", "schemas", "properties", "$defs", "definitions"})


def pointer_hint(tokens: list[str], skip: frozenset[str] = STRUCTURAL) -> str:
    """A readable name hint from a JSON pointer's tokens, the structural ones left out."""
    return pascal(" ".join(t for t in tokens if t not in skip))
