"""A spec that carries one payload in every sink respgen reads text from."""

from __future__ import annotations

import re
from typing import Any

# sink -> where in the spec the payload goes
SINKS: dict[str, str] = {
    "schema name": "components.schemas[<payload>] (an object type)",
    "property name": "properties[<payload>] of an object",
    "enum value": "enum: [<payload>, ...] (a named string enum and an inline one)",
    "const value": "const: <payload>",
    "default": "default: <payload> on a string property",
    "default beside a type": ("default: <payload> on a property named like a lower-case "
                              "schema that a later property refers to"),
    "example": "example / examples on a schema and a property",
    "pattern": "pattern: re.escape(<payload>) (a valid regex still holding the payload)",
    "pattern property": "patternProperties[re.escape(<payload>)] beside additionalProperties: false",
    "description": "description of a schema, property, operation, parameter, response",
    "title": "info.title, info.version, a schema's title",
    "path": "paths['/<payload>']",
    "parameter name": "a query parameter named <payload>",
    "header name": "a header parameter named <payload>",
    "server url": "servers[].url and its description",
    "security scheme": "securitySchemes[<payload>]: an apiKey query parameter named <payload>",
    "operationId": "operationId and summary",
    "x- extension": "x-<payload>: <payload> at the root, on an operation and on a schema",
    "response status": "responses[<payload>] (a status key that is not a status code)",
    "media type": "content[<payload>] of a response",
}


def spec_for(payload: str) -> dict[str, Any]:
    """An OpenAPI 3.1 document with `payload` in every sink of SINKS."""
    p = payload
    text_schema = {"type": "string", "description": p, "title": p}
    obj: dict[str, Any] = {
        "type": "object",
        "title": p,
        "description": p,
        "example": {p: p},
        f"x-{p}": p,
        "properties": {
            p: {"type": "string", "description": p, "default": p, "examples": [p]},
            "kind": {"type": "string", "enum": [p, "other"], "description": p},
            "tag": {"const": p, "description": p},
            "code": {"type": "string", "pattern": re.escape(p), "example": p},
            "keyed": {"type": "object", "additionalProperties": False, "description": p,
                      "patternProperties": {re.escape(p): {"type": "string"}}},
            "choice": {"$ref": "#/components/schemas/Choice"},
            "nested": {"type": "object", "description": p,
                       "properties": {p: {"type": "integer", "description": p}}},
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": p, "version": p, "description": p, f"x-{p}": p},
        "servers": [{"url": p, "description": p}],
        "security": [{p: []}],
        f"x-{p}": {p: p},
        "paths": {
            "/" + p.replace("/", "_").replace("{", "(").replace("}", ")"): {
                "post": {
                    "operationId": p,
                    "summary": p,
                    "description": p,
                    f"x-{p}": p,
                    "parameters": [
                        {"name": p, "in": "query", "description": p, "schema": text_schema,
                         "example": p},
                        {"name": p, "in": "header", "description": p, "schema": text_schema},
                    ],
                    "requestBody": {"description": p, "required": True, "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Hostile"}}}},
                    "responses": {"200": {"description": p, "content": {
                        "application/json": {"schema": {"$ref": f"#/components/schemas/{_ref(p)}"}}}},
                        p: {"description": p, "content": {
                            p: {"schema": {"type": "string", "description": p}}}}},
                },
            },
        },
        "components": {"securitySchemes": {p: {"type": "apiKey", "in": "query", "name": p}},
                       "schemas": {
            "Hostile": obj,
            "shadowed": {"type": "object", "description": p,
                         "properties": {"x": {"type": "string"}}},
            "Shadowing": {"type": "object", "description": p, "required": ["zzz"], "properties": {
                "shadowed": {"type": "string", "default": p},
                "zzz": {"$ref": "#/components/schemas/shadowed"}}},
            p: {"type": "object", "description": p, "properties": {p: {"type": "string"}}},
            "Choice": {"type": "string", "enum": [p, p + "2", "plain"], "description": p,
                       "default": p},
        }},
    }


def _ref(name: str) -> str:
    """A `$ref` fragment token for a schema name (JSON pointer, then URI escaping of %)."""
    return name.replace("~", "~0").replace("/", "~1").replace("%", "%25")


def names_spec(names: list[str]) -> dict[str, Any]:
    """Every name as a property, a schema name and an enum value."""
    props = {n: {"type": "string"} for n in names}
    schemas: dict[str, Any] = {n: {"type": "object", "properties": {n: {"type": "integer"}}}
                               for n in names}
    schemas["AllNames"] = {"type": "object", "properties": props}
    schemas["NameEnum"] = {"type": "string", "enum": names}
    return {"openapi": "3.1.0", "info": {"title": "names", "version": "1"}, "paths": {},
            "components": {"schemas": schemas}}
