"""Spec -> IR: allOf, unions and discriminators, inline names, sides, stable dump."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.builder import build_ir
from generator.errors import Diagnostics
from generator.ir import (
    IR, AliasType, AnyType, Const, EnumType, ObjectType, Primitive, Ref, UnionType, dump_json, to_data,
)
from generator.source.loader import open_spec


def build(tmp_path: Path, schemas: dict[str, Any], paths: dict[str, Any] | None = None,
          diags: Diagnostics | None = None) -> IR:
    doc = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
           "paths": paths or {}, "components": {"schemas": schemas}}
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(doc))
    return build_ir(open_spec(path), diags or Diagnostics())


def op(request: str, response: str) -> dict[str, Any]:
    return {"/x": {"post": {
        "operationId": "doIt",
        "requestBody": {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{request}"}}}},
        "responses": {"200": {"description": "ok", "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{response}"}},
            "text/event-stream": {"schema": {"type": "object", "properties": {
                "data": {"$ref": "#/components/schemas/Event"}}}, "x-speakeasy-sse-sentinel": "[DONE]"}}}},
    }}}


def test_allof_merges_fields_and_wrappers_only_add_descriptions(tmp_path: Path) -> None:
    ir = build(tmp_path, {
        "Base": {"type": "object", "required": ["id"], "properties": {
            "id": {"type": "string"}, "n": {"type": "integer", "maximum": 10}}},
        "Derived": {"allOf": [{"$ref": "#/components/schemas/Base"}, {
            "type": "object", "required": ["extra"], "properties": {
                "extra": {"type": "boolean"}, "n": {"type": "integer", "maximum": 5}}}]},
        "Wrapped": {"type": "object", "properties": {"b": {
            "allOf": [{"$ref": "#/components/schemas/Base"}], "description": "just words"}}},
    })
    derived = ir.types["Derived"]
    assert isinstance(derived, ObjectType)
    assert [(f.name, f.required) for f in derived.fields] == [("id", True), ("n", False), ("extra", True)]
    n_type = derived.fields[1].type
    assert isinstance(n_type, Primitive) and n_type.constraints.maximum == 5  # tightest bound
    wrapped = ir.types["Wrapped"]
    assert isinstance(wrapped, ObjectType) and wrapped.fields[0].type == Ref(name="Base")
    assert wrapped.fields[0].description == "just words"


def test_inline_types_get_path_names_and_are_not_duplicated(tmp_path: Path) -> None:
    effort = {"type": "string", "enum": ["low", "high"]}
    ir = build(tmp_path, {
        "ResponsesRequest": {"type": "object", "properties": {
            "reasoning": {"type": "object", "properties": {"effort": effort}},
            "tools": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}}}},
        }},
        "Other": {"type": "object", "properties": {"effort": effort}},
    })
    names = sorted(n for n, t in ir.types.items() if t.inline)
    assert names == ["OtherEffort", "ResponsesRequestReasoning", "ResponsesRequestToolsItem"]
    reasoning = ir.types["ResponsesRequestReasoning"]
    assert isinstance(reasoning, ObjectType)
    assert reasoning.fields[0].type == Ref(name="OtherEffort")  # identical enum, one type
    assert not any(ch.isdigit() for n in ir.types for ch in n)


def test_implicit_mapping_names_only_component_variants(tmp_path: Path) -> None:
    """Without `mapping`, an untagged variant's value is its schema's name (OpenAPI): an
    inline variant has none, so it gets no entry (not its provisional `Hint#n` name)."""
    tagged = {"type": "object", "properties": {"type": {"type": "string", "enum": ["t"]}}}
    ir = build(tmp_path, {
        "T": tagged, "Other": {"type": "object", "properties": {"a": {"type": "string"}}},
        "U": {"oneOf": [{"$ref": "#/components/schemas/T"}, {"$ref": "#/components/schemas/Other"},
                        {"type": "object", "properties": {"b": {"type": "integer"}}}],
              "discriminator": {"propertyName": "type"}}})
    u = ir.types["U"]
    assert isinstance(u, UnionType) and u.discriminator is not None
    assert u.discriminator.mapping == {"t": "T", "Other": "Other"}


def test_discriminators_declared_and_inferred(tmp_path: Path) -> None:
    def tagged(tag: str, **extra: Any) -> dict[str, Any]:
        return {"type": "object", "required": ["type"], "properties": {
            "type": {"type": "string", "enum": [tag]}, **extra}}

    ir = build(tmp_path, {
        "A": tagged("a"), "B": tagged("b"), "C": {"type": "object", "properties": {"type": {"const": "c"}}},
        "Declared": {"oneOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}],
                     "discriminator": {"propertyName": "type", "mapping": {
                         "x": "#/components/schemas/A", "y": "#/components/schemas/B"}}},
        "Inferred": {"anyOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/C"}]},
        "NoTags": {"anyOf": [{"type": "string"}, {"$ref": "#/components/schemas/A"}]},
    })
    declared = ir.types["Declared"]
    inferred = ir.types["Inferred"]
    assert isinstance(declared, UnionType) and isinstance(inferred, UnionType)
    assert declared.discriminator is not None and declared.discriminator.mapping == {"x": "A", "y": "B"}
    assert inferred.discriminator is not None
    assert (inferred.discriminator.property, inferred.discriminator.mapping, inferred.discriminator.inferred) \
        == ("type", {"a": "A", "c": "C"}, True)
    assert ir.types["NoTags"].discriminator is None  # type: ignore[union-attr]


def test_sse_events_and_open_enums_by_side(tmp_path: Path) -> None:
    status = {"type": "string", "enum": ["done", "failed"]}
    ir = build(tmp_path, {
        "Req": {"type": "object", "properties": {"mode": {"$ref": "#/components/schemas/Mode"}}},
        "Mode": {"type": "string", "enum": ["fast", "slow"]},
        "Res": {"type": "object", "properties": {"status": status}},
        "Event": {"type": "object", "properties": {"kind": {"$ref": "#/components/schemas/Kind"}}},
        "Kind": {"type": "string", "enum": ["delta", "end"]},
    }, op("Req", "Res"))
    (content_json, content_sse) = ir.operations[0].responses[0].content
    assert content_sse.event_stream and content_sse.sentinel == "[DONE]"
    assert content_sse.type == Ref(name="Event")
    mode, kind = ir.types["Mode"], ir.types["Kind"]
    assert isinstance(mode, EnumType) and isinstance(kind, EnumType)
    assert (mode.open, kind.open, ir.types["ResStatus"].open) == (False, True, True)  # type: ignore[union-attr]


def test_dump_is_stable_sorted_json(tmp_path: Path) -> None:
    schemas = {"Zed": {"type": "string"}, "Alpha": {"type": "object", "properties": {
        "z": {"type": "integer", "minimum": 1}, "a": {"type": "string"}}}}
    one = dump_json(build(tmp_path, schemas))
    two = dump_json(build(tmp_path, dict(reversed(list(schemas.items())))))
    data = json.loads(one)
    assert list(data["types"]) == ["Alpha", "Zed"]
    assert [f["name"] for f in data["types"]["Alpha"]["fields"]] == ["z", "a"]  # document order
    assert data["types"]["Alpha"]["fields"][0]["type"]["constraints"] == {"minimum": 1}
    assert one == two


def test_unsupported_keywords_warn_instead_of_passing_silently(tmp_path: Path) -> None:
    diags = Diagnostics()
    ir = build(tmp_path, {"S": {"type": "object", "properties": {"a": {"type": "string"}},
                                "propertyNames": {"maxLength": 3}}}, diags=diags)
    assert isinstance(ir.types["S"], ObjectType)
    assert [d.message for d in diags.sorted()] == ["unsupported keyword 'propertyNames' is ignored"]
    assert diags.sorted()[0].location.pointer == "/components/schemas/S/propertyNames"


def test_keywords_beside_not_and_unions_ride_along_in_also(tmp_path: Path) -> None:
    """`not` beside other keywords, and keywords beside a union, all apply (2020-12):
    the type is read from the rest (or the union) and the others go in `also`."""
    diags = Diagnostics()
    ir = build(tmp_path, {
        "S": {"type": "string", "not": {"const": "x"}},
        "U": {"type": "string", "minLength": 2, "anyOf": [{"maxLength": 3}, {"pattern": "^a"}]},
    }, diags=diags)
    s = ir.types["S"]
    assert isinstance(s, AliasType) and isinstance(s.target, Primitive)
    assert [to_data(a) for a in s.target.also] == [to_data(AnyType(excluded=Const(value="x")))]
    u = ir.types["U"]
    assert isinstance(u, UnionType) and len(u.variants) == 2
    assert [(a.type, a.constraints.min_length) for a in u.also] == [("string", 2)]  # type: ignore[union-attr]
    assert diags.sorted() == []


def test_real_specs_get_no_numbered_inline_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """datamodel-code-generator names 631 types like `Type151` on the latest spec;
    respgen names every inline type from its path, with at most a kind suffix."""
    from generator.builder import inline_names
    from shared_data import shared_path, upstream_specs

    # OpenRouter's and Open Responses' specs (OpenAI's whole document reuses component
    # names for inline schemas, which then take an `Inline` suffix: named, not numbered)
    specs = [s for s in upstream_specs() if not s.startswith("openai/")] or [
        shared_path("specs", "openrouter")]  # skips without ../shared
    real = inline_names._free_name
    fallbacks: list[tuple[str, str]] = []

    def spy(hint: str, kind: str, taken: set[str]) -> str:
        name = real(hint, kind, taken)
        if name not in (hint, hint + kind.capitalize()):
            fallbacks.append((hint, name))
        return name

    monkeypatch.setattr(inline_names, "_free_name", spy)
    inline_total = 0
    for name in specs:
        ir = build_ir(open_spec(shared_path("specs", name)), Diagnostics())
        inline_total += sum(t.inline for t in ir.types.values())
    print(f"\n{inline_total} inline types named over {len(specs)} specs; fallbacks: {fallbacks}")
    assert inline_total > 5000 and fallbacks == []


def test_allof_keeps_the_members_its_merge_overrides(tmp_path: Path) -> None:
    """A property two allOf members define differently: the field's type is the merge
    (the later union wins, null if a member allows it: what the models use) and the
    earlier definition rides along in `also`, with a note naming both places. An
    override that only narrows needs no `also`; one that only adds null keeps "not
    null". A bare `nullable: true` member ("Base or null") and null admitted around
    the allOf are not conflicts."""
    diags = Diagnostics()
    ir = build(tmp_path, {
        "Base": {"type": "object", "properties": {
            "part": {"anyOf": [{"const": "a"}, {"const": "b"}]},
            "narrow": {"anyOf": [{"const": "a"}, {"const": "b"}, {"const": "c"}]},
            "list": {"type": "array", "items": {"type": "string"}},
            "same": {"type": "string"}}},
        "Derived": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"type": "object", "properties": {
            "part": {"anyOf": [{"const": "a"}, {"const": "c"}]},
            "narrow": {"anyOf": [{"const": "a"}, {"const": "b"}]},
            "list": {"type": ["array", "null"], "items": {"type": "string"}},
            "same": {"type": "string", "description": "words only"}}}]},
        "OrNull": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"nullable": True}]},
        "Around": {"anyOf": [{"allOf": [{"$ref": "#/components/schemas/Base"}, {
            "type": ["object", "null"]}]}, {"type": "null"}]},
    }, diags=diags)
    derived = ir.types["Derived"]
    assert isinstance(derived, ObjectType)
    part, narrow, items, same = derived.fields
    assert isinstance(part.type, Ref) and len(part.type.also) == 0
    union = ir.types[part.type.name]
    assert isinstance(union, UnionType) and [v.value for v in union.variants] == ["a", "c"]  # type: ignore[union-attr]
    assert [a.name for a in union.also] == [ir.types["Base"].fields[0].type.name]  # type: ignore[union-attr]
    assert isinstance(narrow.type, Ref) and ir.types[narrow.type.name].also == []
    assert items.type.nullable and items.type.also == [AnyType(excluded=Const(value=None))]
    assert same.type.also == []
    assert ir.types["OrNull"].also == [] and ir.types["Around"].also == []
    notes = [str(d) for d in diags.sorted() if "allOf members disagree" in str(d)]
    assert len(notes) == 2, notes
    assert "Derived/properties/part" in notes[1] and "Base/properties/part" in notes[1]
    assert "Derived/properties/list" in notes[0] and "refuse null" in notes[0]
    assert '"also"' in dump_json(ir)


def test_twins_of_param_named_types_do_not_double_the_suffix(tmp_path: Path) -> None:
    """A type the request and the response share gets a strict twin; one already named
    `...Param` gets `...ParamRequest`, and one whose `<Name>Param` is another schema gets
    `<Name>Request` (issue 11: no `ToolChoiceParamParam`, no collision)."""
    effort = {"type": "string", "enum": ["low", "high"]}
    both = {"type": "object", "properties": {
        "choice": {"$ref": "#/components/schemas/ToolChoiceParam"},
        "mode": {"$ref": "#/components/schemas/Mode"},
        "other": {"$ref": "#/components/schemas/ModeParam"}}}
    ir = build(tmp_path, {"ToolChoiceParam": effort, "Mode": effort, "ModeParam": effort,
                          "Req": both, "Resp": both, "Event": {"type": "object"}},
               op("Req", "Resp"))
    twins = {t.twin_of: n for n, t in ir.types.items() if t.twin_of}
    assert twins["ToolChoiceParam"] == "ToolChoiceParamRequest"
    assert twins["Mode"] == "ModeRequest" and twins["ModeParam"] == "ModeParamRequest"
    req = ir.types["Req"]  # request side only: refers to the twins
    assert isinstance(req, ObjectType)
    assert [f.type.name for f in req.fields] == [  # type: ignore[union-attr]
        "ToolChoiceParamRequest", "ModeRequest", "ModeParamRequest"]


def test_top_uses_hold_every_use_and_clone_copies_as_deepcopy_does() -> None:
    import copy

    from generator.ir.clone import clone
    from generator.ir.walk import deep, exprs_of_type, top_uses

    ir = build_ir(open_spec(Path(__file__).resolve().parents[1] / "spec" / "openapi.yaml"),
                  Diagnostics())
    for t in ir.types.values():  # depth checks read top_uses only: nothing may be missed
        assert [id(e) for r in top_uses(t) for e in deep(r)] == \
            [id(e) for e in exprs_of_type(t)], t.name
    shared = Primitive(type="string")
    twice = ObjectType(name="T", fields=[])
    twice.also = [Ref(name="A", also=[shared]), Ref(name="B", also=[shared])]
    for value in [*ir.types.values(), twice]:
        copied, expected = clone(value), copy.deepcopy(value)
        assert copied is not value and to_data(copied) == to_data(expected) == to_data(value)
    copied = clone(twice)
    assert copied.also[0].also[0] is copied.also[1].also[0] is not shared  # shared stays shared
