"""An independent reference: the raw OpenAPI document as JSON Schema, checked
by the `jsonschema` library (Draft 2020-12). It does not use respgen's builder.

OpenAPI 3.0 idioms are rewritten the usual way: `nullable: true` -> "or null"
(as 3.1 rewrites of the same specs spell it, also on an allOf member), a bare
`{nullable: true}` member of anyOf/oneOf -> null only (as the IR reads it,
builder/nulls.py), boolean exclusive bounds -> numeric ones,
`example`/`discriminator` dropped.
"""

from __future__ import annotations

from typing import Any

import jsonschema

from generator.builder.nulls import ANNOTATIONS


def _bare_nullable(node: Any) -> bool:
    return isinstance(node, dict) and node.get("nullable") is True and all(
        k == "nullable" or k in ANNOTATIONS or k.startswith("x-") for k in node)


def to_json_schema(node: Any) -> Any:
    if isinstance(node, list):
        return [to_json_schema(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: to_json_schema(v) for k, v in node.items()
           if k not in ("nullable", "discriminator", "example", "xml", "externalDocs")}
    for key in ("anyOf", "oneOf"):
        if isinstance(node.get(key), list):
            out[key] = [{"type": "null"} if _bare_nullable(m) else to_json_schema(m)
                        for m in node[key]]
    if node.get("exclusiveMinimum") is True and "minimum" in node:
        out["exclusiveMinimum"] = out.pop("minimum")
    elif isinstance(node.get("exclusiveMinimum"), bool):
        del out["exclusiveMinimum"]
    if node.get("exclusiveMaximum") is True and "maximum" in node:
        out["exclusiveMaximum"] = out.pop("maximum")
    elif isinstance(node.get("exclusiveMaximum"), bool):
        del out["exclusiveMaximum"]
    nullable = node.get("nullable") is True
    members = node.get("allOf")
    if isinstance(members, list) and any(isinstance(m, dict) and m.get("nullable") is True
                                         for m in members):
        nullable = True
    if nullable:
        return {"anyOf": [out, {"type": "null"}]}
    return out


class Reference:
    """Validate instances against any schema of one OpenAPI document."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.root = to_json_schema(document)
        self.root["$schema"] = "https://json-schema.org/draft/2020-12/schema"

    def resolve(self, pointer: str) -> str:
        """The same pointer with local `$ref`s on the way followed (no `$ref` to walk through)."""
        from generator.source import pointer as jp

        node: Any = self.root
        out = ""
        for token in jp.split(pointer):
            while isinstance(node, dict) and "$ref" in node and token not in node:
                out = node["$ref"][1:]
                node = jp.walk(self.root, jp.split(out))
            node = jp.walk(node, [token])
            out = jp.join(out, token)
            if jp.is_missing(node):
                raise KeyError(f"{pointer} not found")
        return out

    def is_valid(self, pointer: str, instance: Any) -> bool:
        pointer = self.resolve(pointer)
        schema = {"$schema": self.root["$schema"], "$ref": "#" + pointer,
                  **{k: v for k, v in self.root.items() if k != "$schema"}}
        validator = jsonschema.Draft202012Validator(schema)
        return validator.is_valid(instance)
