"""The JSON Schema target's proof: every file is JSON and a valid 2020-12 schema, and
every payload comes back as the same string where the spec put it (schema and
property names, enum values, const, defaults, examples, descriptions, patterns, the
path in the title); the schemas still validate data as the spec says; the README
passes the docs target's Markdown audit with the benign spec's structure."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator

if TYPE_CHECKING:
    from checkers import Case


def _only(files: dict[str, Any], suffix: str) -> Any:
    found = [v for k, v in files.items() if k.endswith(suffix)]
    assert len(found) == 1, (suffix, sorted(files))
    return found[0]


def _check_payload(p: str, schemas: dict[str, Any]) -> None:
    request = _only(schemas, "/request.schema.json")
    path = "/" + p.replace("/", "_").replace("{", "(").replace("}", ")")
    assert request["title"] == f"POST {path} request application/json", request["title"][:200]
    defs = request["$defs"]
    hostile = defs["Hostile"]
    assert hostile["description"] == p and hostile["examples"] == [{p: p}]
    props = hostile["properties"]
    assert list(props) == [p, "kind", "tag", "code", "keyed", "choice", "nested"], list(props)[:1]
    assert props[p] == {"type": "string", "description": p, "examples": [p], "default": p}
    assert props["tag"] == {"const": p, "description": p}
    assert props["code"]["pattern"] == re.escape(p) and props["code"]["examples"] == [p]
    assert props["kind"]["description"] == p
    assert defs["HostileKind"]["enum"] == [p, "other"]
    assert defs["Choice"]["enum"] == [p, p + "2", "plain"] and defs["Choice"]["default"] == p
    assert list(defs["HostileNested"]["properties"]) == [p]
    assert defs["HostileNested"]["properties"][p]["description"] == p
    # The data the spec describes is still what validates ($refs resolve, nothing lost).
    check = Draft202012Validator(request)
    data = {p: p, "kind": p, "tag": p, "choice": p, "code": p, "nested": {p: 1}}
    assert check.is_valid(data), list(check.iter_errors(data))[:1]
    for key in ("kind", "tag", "choice"):
        assert not check.is_valid({**data, key: p + "x"}), key
    assert not check.is_valid({**data, "nested": {p: "one"}})
    response = _only(schemas, "/response-200.schema.json")
    target = response["$defs"][p]  # the schema named by the payload, found by its name
    assert target["title"] == p and target["description"] == p and list(target["properties"]) == [p]
    check = Draft202012Validator(response)
    assert check.is_valid({p: "x"}) and not check.is_valid({p: 1}), "$ref to the name lost"
    # The response whose status key and media type are the payload: its own file, titled
    # with both (an inline primitive has no description in the IR).
    odd = [v for v in schemas.values() if v["title"] == f"POST {path} {p} {p}"]
    assert len(odd) == 1 and odd[0]["type"] == "string", \
        sorted(v["title"][:80] for v in schemas.values())


def check_jsonschema(cases: list[Case]) -> None:
    from checkers import audit_markdown, plain_text, structure, visible  # the docs' audit

    for case in cases:
        files = case.files["jsonschema"]
        schemas = {}
        for rel, text in files.items():
            if rel.endswith(".json"):
                schema = json.loads(text)
                assert isinstance(schema, dict), rel
                Draft202012Validator.check_schema(schema)
                schemas[rel] = schema
            else:
                assert rel.endswith(".md"), rel
                audit_markdown(rel, text)
        if case.payload is None:
            continue
        benign = case.baseline["jsonschema"]
        assert len(files) == len(benign), (case.name, sorted(files), sorted(benign))
        assert structure(files["README.md"]) == structure(benign["README.md"]), case.name
        assert visible(case.payload) in plain_text(files["README.md"]), (case.name, "title")
        _check_payload(case.payload, schemas)
