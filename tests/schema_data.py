"""Seeded instances of a bundled JSON Schema (`bundle.Bundle.schema`), for any size.

hypothesis-jsonschema is exact but slow on the largest schemas (a stream event
union inlines whole responses), so the agreement test also walks the schema
itself: a union picks one member, an object fills its required properties and
some optional ones, `allOf` members are merged, arrays get a few items, and
below `MAX_DEPTH` only required content is produced. The data aims at valid
(patterns and formats are not honoured, so some values are not); the
reference decides validity, the test only needs both verdicts to agree.
"""

from __future__ import annotations

import random
from typing import Any

MAX_DEPTH = 8
_ALL_TYPES = ["null", "boolean", "integer", "number", "string", "array", "object"]


class Instances:
    def __init__(self, schema: dict[str, Any], rng: random.Random) -> None:
        self.defs: dict[str, Any] = schema.get("$defs", {})
        self.root = schema
        self.rng = rng

    def make(self) -> Any:
        return self._value(self.root, 0)

    def _resolve(self, node: Any) -> Any:
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            target = self.defs[ref.rsplit("/", 1)[1]]
            rest = {k: v for k, v in node.items() if k != "$ref"}
            node = self._merge([target, rest]) if _constraining(rest) else target
        return node

    def _merge(self, members: list[Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for m in members:
            m = self._resolve(m)
            if not isinstance(m, dict):
                continue
            if "allOf" in m:
                m = {**{k: v for k, v in m.items() if k != "allOf"}, **self._merge(m["allOf"])}
            for k, v in m.items():
                if k == "properties":
                    out["properties"] = {**out.get("properties", {}), **v}
                elif k == "required":
                    out["required"] = sorted({*out.get("required", []), *v})
                elif k == "type" and "type" in out:
                    a = out["type"] if isinstance(out["type"], list) else [out["type"]]
                    b = v if isinstance(v, list) else [v]
                    out["type"] = [t for t in a if t in b or (t == "integer" and "number" in b)]
                elif k not in out:
                    out[k] = v
        return out

    def _value(self, node: Any, depth: int) -> Any:
        node = self._resolve(node)
        if node is True or not isinstance(node, dict):
            return self.rng.choice([None, 1, "x", {}, []]) if node is not False else None
        if "allOf" in node:
            rest = {k: v for k, v in node.items() if k != "allOf"}
            return self._value(self._merge([rest, *node["allOf"]]), depth)
        for key in ("oneOf", "anyOf"):
            if isinstance(node.get(key), list) and node[key]:
                members = node[key]
                if depth >= MAX_DEPTH:  # prefer a member that does not recurse
                    flat = [m for m in members if "$ref" not in m] or members
                    members = flat
                member = self.rng.choice(members)
                rest = {k: v for k, v in node.items() if k not in ("oneOf", "anyOf")}
                if _constraining(rest):
                    member = self._merge([rest, member])
                return self._value(member, depth)
        if "const" in node:
            return node["const"]
        if isinstance(node.get("enum"), list) and node["enum"]:
            return self.rng.choice(node["enum"])
        types = node.get("type")
        if types is None:
            types = "object" if "properties" in node else "array" if "items" in node else \
                self.rng.choice(["string", "integer", "boolean", "object"])
        if isinstance(types, list):
            types = self.rng.choice(types) if types else "null"
        return getattr(self, "_" + types)(node, depth)

    def _null(self, node: dict[str, Any], depth: int) -> Any:
        return None

    def _boolean(self, node: dict[str, Any], depth: int) -> Any:
        return self.rng.choice([True, False])

    def _number(self, node: dict[str, Any], depth: int, integer: bool = False) -> Any:
        lo = node.get("minimum", node.get("exclusiveMinimum", -100))
        hi = node.get("maximum", node.get("exclusiveMaximum", max(lo, 0) + 100))
        if "exclusiveMinimum" in node:
            lo += 1 if integer else 0.5 * min(1, hi - lo)
        if "exclusiveMaximum" in node:
            hi -= 1 if integer else 0.5 * min(1, hi - lo)
        if integer:
            return self.rng.randint(int(lo), int(hi)) if int(lo) <= int(hi) else int(lo)
        return self.rng.choice([lo, hi, (lo + hi) / 2])

    def _integer(self, node: dict[str, Any], depth: int) -> Any:
        return self._number(node, depth, integer=True)

    def _string(self, node: dict[str, Any], depth: int) -> Any:
        n = max(node.get("minLength", 0), min(node.get("maxLength", 6), 6))
        return "".join(self.rng.choice("abcxyz") for _ in range(n))

    def _array(self, node: dict[str, Any], depth: int) -> Any:
        lo = node.get("minItems", 0)
        hi = max(lo, min(node.get("maxItems", 2), 2 if depth < MAX_DEPTH else lo))
        prefix = node.get("prefixItems", [])
        items = node.get("items", True)
        n = self.rng.randint(lo, hi)
        out = [self._value(prefix[i] if i < len(prefix) else items, depth + 1) for i in range(n)]
        return out

    def _object(self, node: dict[str, Any], depth: int) -> Any:
        props: dict[str, Any] = node.get("properties", {})
        required = [k for k in node.get("required", []) if k in props or True]
        out: dict[str, Any] = {}
        for key in sorted(props):
            if key in required or (depth < MAX_DEPTH and self.rng.random() < 0.5):
                out[key] = self._value(props[key], depth + 1)
        for key in required:
            if key not in out:
                out[key] = self._value(True, depth + 1)
        extra = node.get("additionalProperties", True)
        if extra is not False and not props and depth < MAX_DEPTH and self.rng.random() < 0.5:
            out["k"] = self._value(extra, depth + 1)
        return out


def _constraining(rest: dict[str, Any]) -> bool:
    return any(k not in ("description", "title", "$schema", "$defs", "default", "examples",
                         "deprecated", "readOnly", "writeOnly") and not k.startswith("x-")
               for k in rest)
