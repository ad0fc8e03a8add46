"""Shared by the any-vendor tests: a spec in the shape of OpenAI's trouble spots,
and the four ways a payload is checked (models, validators, bundle, zod)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
from pydantic import ValidationError

import node_tools
from harness import Generated
from ts_project import render
from validator_support import validators

from generator.ir import Ref, TypeExpr
from generator.targets.jsonschema.schema import bundle
from generator.targets.typescript.escaping import ts_value
from generator.targets.typescript.models import build_view as ts_view
from generator.targets.typescript.types import TypeMapper as TsMapper


def _r(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _tagged(tag: list[str], **props: Any) -> dict[str, Any]:
    return {"type": "object", "required": ["type", *props],
            "properties": {"type": {"type": "string", "enum": tag}, **props}}


SCHEMAS: dict[str, Any] = {
    # 1: two variants share the tag value `message`
    "A": _tagged(["message"], a={"type": "string"}),
    "B": _tagged(["message"], b={"type": "string"}),
    "Item": {"oneOf": [_r("A"), _r("B")], "discriminator": {"propertyName": "type"}},
    # 2: a variant whose tag is a two-value enum (and no discriminator declared)
    "Fn": _tagged(["function"], name={"type": "string"}),
    "Web": {"type": "object", "required": ["type"], "properties": {
        "type": {"type": "string", "enum": ["web_search", "web_search_2025"]}}},
    "Tool": {"oneOf": [_r("Fn"), _r("Web")]},
    # 4: a oneOf whose members share the tag `message` (an easy message, and the item
    # union's full one): a user message with a content list matches both
    "Easy": {"type": "object", "required": ["role", "content"], "properties": {
        "type": {"type": "string", "enum": ["message"]},
        "role": {"type": "string", "enum": ["user", "assistant"]},
        "content": {"oneOf": [{"type": "string"}, {"type": "array", "items": _r("Part")}]}}},
    "Msg": {"type": "object", "required": ["role", "content"], "properties": {
        "type": {"type": "string", "enum": ["message"]},
        "role": {"type": "string", "enum": ["user", "system"]},
        "content": {"type": "array", "items": _r("Part")}}},
    "Call": _tagged(["call"], id={"type": "string"}),
    "Entry": {"oneOf": [_r("Msg"), _r("Call")], "discriminator": {"propertyName": "type"}},
    "Part": {"oneOf": [_tagged(["input_text"], text={"type": "string"}),
                       _tagged(["input_image"], image_url={"type": "string"})]},
    "InputItem": {"oneOf": [_r("Easy"), _r("Entry")], "discriminator": {"propertyName": "type"}},
    # 3: an enum the response echoes
    "Effort": {"type": "string", "enum": ["low", "high"]},
    "Modality": {"type": "string", "enum": ["text", "audio"]},
    "Req": {"type": "object", "required": ["tools"], "properties": {
        "tools": {"type": "array", "items": _r("Tool")}, "effort": _r("Effort"),
        "input": {"type": "array", "items": _r("Item")},
        "messages": {"type": "array", "items": _r("InputItem")},
        # 5: enum-typed defaults
        "modalities": {"type": "array", "items": _r("Modality"), "default": ["audio"]},
        "mode": {"allOf": [_r("Effort")], "default": "low"},
        # 7: examples on an anyOf member and on array items
        "temperature": {"anyOf": [{"type": "number", "example": 1}, {"type": "null"}]},
        "file_ids": {"type": "array", "items": {"type": "string", "example": "file-123"}},
        # ... on the members of a two-member union, and on a `$ref` with one beside it
        "seed": {"anyOf": [{"type": "integer", "example": 7},
                           {"type": "string", "examples": ["seven"]}]},
        "model": {"$ref": "#/components/schemas/ModelId", "example": "m-1"}}},
    "ModelId": {"type": "string"},
    "Resp": {"type": "object", "required": ["tools"], "properties": {
        "tools": {"type": "array", "items": _r("Tool")}, "effort": _r("Effort"),
        "output": {"type": "array", "items": _r("Item")},
        # 6: an indented list in a description
        "note": {"type": "string", "description": "Scenarios:\n  - one\n  - two"}}},
}


def mini_spec(folder: Path) -> Path:
    doc = {"openapi": "3.1.0", "info": {"title": "Mini Responses API", "version": "1.0.0"},
           "paths": {"/things": {"post": {
               "operationId": "createThing",
               "requestBody": {"required": True, "content": {"application/json": {
                   "schema": _r("Req")}}},
               "responses": {"200": {"description": "ok", "content": {"application/json": {
                   "schema": _r("Resp")}}}}}}},
           "components": {"schemas": SCHEMAS}}
    path = folder / "mini.json"
    path.write_text(json.dumps(doc))
    return path


def body_types(g: Generated, path: str) -> tuple[Ref, Ref]:
    """(request body type, 200 response type) of POST `path`."""
    op = next(o for o in g.ir.operations if o.path == path and o.method == "post")
    assert op.request_body is not None
    request = op.request_body.content[0].type
    response = next(r for r in op.responses if r.status in ("200", "201")).content[0].type
    assert isinstance(request, Ref) and isinstance(response, Ref)
    return request, response


def model_accepts(g: Generated, ref: Ref, value: Any) -> bool:
    try:
        g.adapter(ref.name).validate_python(value)
    except ValidationError:
        return False
    return True


def validator_accepts(g: Generated, ref: Ref, value: Any) -> bool:
    return validators(g).validate(g.view.names[ref.name], value) == []


def bundle_accepts(g: Generated, e: TypeExpr, value: Any,
                   cache: dict[str, Any] | None = None) -> bool:
    """Whether the JSON Schema bundle of `e` accepts `value` (`cache`: $defs to share)."""
    schema = bundle(g.ir, e, "x", {} if cache is None else cache)
    return jsonschema.Draft202012Validator(schema).is_valid(value)


def zod_results(g: Generated, folder: Path, cases: list[tuple[TypeExpr, Any]]) -> list[bool]:
    """Whether zod accepts each (type, value): the TypeScript target rendered into
    `folder`, transpiled (tsc checks types elsewhere) and run in node."""
    node_tools.project(folder)
    render(g.ir, folder / "ts")
    mapper = TsMapper(g.ir, ts_view(g.ir).names, prefix_type="M.", prefix_value="M.")
    rows = [f"  [{mapper.zod(e)}, {ts_value(v)}]," for e, v in cases]
    (folder / "ts" / "cases.ts").write_text(
        'import * as M from "./src/models.js";\nexport const cases = [\n' + "\n".join(rows)
        + "\n];\n")
    node_tools.transpile(folder, [*(folder / "ts").rglob("*.ts")])
    run = node_tools.node(folder, "const m = await import('./ts/cases.js');\n"
                          "console.log(JSON.stringify(m.cases.map(([s, v]) => "
                          "s.safeParse(v).success)));\n")
    assert run.returncode == 0, run.stderr[-2000:]
    return list(json.loads(run.stdout))

