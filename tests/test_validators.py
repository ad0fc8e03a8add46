"""Generated validators: every error at its exact place (JSON pointer), for our
spec and for the upstream version it follows; the raising variant; and that
no JSON value, however odd, makes a validator raise anything but its own error."""

from __future__ import annotations

import copy
from typing import Any, Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harness import Generated
from shared_data import LATEST_SPEC, SEED_SPEC
from validator_support import request_type, validators

GOOD: dict[str, Any] = {
    "model": "openai/gpt-4o",
    "input": [
        {"role": "user", "content": "Hi"},
        {"role": "assistant", "content": "Hello"},
        {"role": "user", "content": "What is 2+2?"},
        {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "go"}]},
    ],
    "reasoning": {"effort": "low"},
    "temperature": 0.5,
}


@pytest.fixture(params=["ours", SEED_SPEC, LATEST_SPEC], ids=["spec", "upstream-seed", "latest"])
def generated(request: pytest.FixtureRequest, generated_for: Callable[[str], Generated]) -> Generated:
    return generated_for(request.param)


def check(g: Generated, data: Any) -> list[Any]:
    return validators(g).validate(request_type(g), data)  # type: ignore[no-any-return]


def test_valid_request_has_no_errors(generated: Generated) -> None:
    assert check(generated, GOOD) == []
    assert check(generated, {"model": "x", "input": "Say hi"}) == []


def test_error_inside_a_union_points_at_the_field(generated: Generated) -> None:
    data = copy.deepcopy(GOOD)
    data["input"][3]["content"][0]["text"] = 42
    errors = check(generated, data)
    assert [(e.pointer, e.keyword, e.expected) for e in errors] == [
        ("/input/3/content/0/text", "type", "string")]
    assert errors[0].message.startswith("/input/3/content/0/text: expected string, got 42")


def test_unknown_enum_value_points_at_the_field(generated: Generated) -> None:
    errors = check(generated, {**GOOD, "reasoning": {"effort": "ultra"}})
    assert [(e.pointer, e.keyword) for e in errors] == [("/reasoning/effort", "enum")]
    assert '"low"' in errors[0].expected and "'ultra'" in errors[0].message


def test_every_error_is_reported_once(generated: Generated) -> None:
    data = copy.deepcopy(GOOD)
    data["model"] = 5
    data["input"][2]["content"] = 7
    data["reasoning"]["effort"] = "ultra"
    got = sorted((e.pointer, e.keyword) for e in check(generated, data))
    assert got == [("/input/2/content", "type"), ("/model", "type"),
                   ("/reasoning/effort", "enum")]
    for e in check(generated, data):
        assert "\n" not in e.message and e.message.startswith(e.pointer + ": ")


def test_missing_required_and_forbidden_extra(ours: Generated) -> None:
    v = validators(ours)
    name = next(n for n in v.VALIDATORS if n.endswith("InputText") or n.endswith("InputTextContent"))
    errors = v.validate(name, {"type": "input_text", "zz": 1})
    keywords = {(e.pointer, e.keyword) for e in errors}
    assert ("", "required") in keywords, errors


def test_raising_variant(generated: Generated) -> None:
    v = validators(generated)
    name = request_type(generated)
    getattr(v, f"check_{name}")(GOOD)
    with pytest.raises(v.ValidationFailed) as info:
        getattr(v, f"check_{name}")({**GOOD, "temperature": "hot"})
    assert [e.pointer for e in info.value.errors] == ["/temperature"]
    assert isinstance(info.value, ValueError)


def test_null_where_not_nullable_and_non_object(generated: Generated) -> None:
    assert [(e.pointer, e.keyword) for e in check(generated, {**GOOD, "model": None})] == [
        ("/model", "type")]
    assert [(e.pointer, e.keyword) for e in check(generated, [GOOD])] == [("", "type")]


# ---------------------------------------------------------------- robustness

_keys = st.one_of(st.text(max_size=5), st.integers(), st.sampled_from(
    ["type", "role", "content", "input", "model", "text", "tools", "\ud800", "~/"]))
_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**300, max_value=10**5000),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([1e308, -1e308, 5e-324]),
    st.text(alphabet=st.characters(codec=None, categories=["Cs", "L", "N", "P", "Zs", "Cc"])),
    st.sampled_from(["message", "input_text", "function_call", "user", "\ud800", "low"]),
)
_json = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=5)), max_leaves=30)


def _deep(depth: int, kind: str) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value] if kind == "list" else {"content": value, "type": "message"}
    return value


def _must_not_crash(module: Any, name: str, data: Any) -> None:
    errors = module.validate(name, data)
    assert isinstance(errors, list)
    assert all(isinstance(e, module.ValidationError) for e in errors)
    try:
        getattr(module, f"check_{name}")(data)
    except module.ValidationFailed:
        assert errors
    else:
        assert not errors


@pytest.mark.parametrize("spec", ["ours", LATEST_SPEC], ids=["spec", "latest"])
def test_any_json_value_gives_errors_never_a_crash(
    spec: str, generated_for: Callable[[str], Generated]
) -> None:
    g = generated_for(spec)
    module = validators(g)
    names = sorted(module.VALIDATORS)
    request = request_type(g)

    @settings(max_examples=200, deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(name=st.sampled_from(names), data=_json, field=st.sampled_from(sorted(GOOD)),
           nested=_json)
    def run(name: str, data: Any, field: str, nested: Any) -> None:
        _must_not_crash(module, name, data)
        _must_not_crash(module, request, {**GOOD, field: nested})
        _must_not_crash(module, request, {**GOOD, "input": [nested, {"content": [nested]}]})

    run()
    for depth in (50, 2000, 100_000):
        for kind in ("list", "dict"):
            deep = _deep(depth, kind)
            for name in (request, *names[::10]):
                _must_not_crash(module, name, deep)
            _must_not_crash(module, request, {**GOOD, "input": [deep]})


def test_spec_text_cannot_break_out_of_the_generated_code(tmp_path: Any) -> None:
    """Quotes, backslashes, newlines and triple quotes in names, enum values and
    patterns land in the validators as data. (A pattern the validators' RE2 cannot
    take is the python target's generation error: tests/test_broken_specs.py.)"""
    from validator_support import compile_schema

    nasty = 'a"b\\c\n"""d\'\'\'e'
    schema = {"type": "object", "additionalProperties": False, "required": [nasty],
              "properties": {nasty: {"enum": [nasty, "x"]},
                             "p": {"type": "string", "pattern": '^"\\\\n"$'}}}
    module = compile_schema(schema, tmp_path / "nasty", "pkg_nasty")
    assert module.validate("Root", {nasty: nasty, "p": '"\\n"'}) == []
    errors = module.validate("Root", {nasty: "y", "p": "no", "zz": 1})
    assert sorted(e.keyword for e in errors) == ["additionalProperties", "enum", "pattern"]
    assert all("\n" not in e.message for e in errors)


def test_union_variant_chosen_by_a_required_field_only_it_has(ours: Generated) -> None:
    """No tag decides between an easy message and a message item (neither requires
    `type`); `id` is required by the item only, so a value holding `id` is reported
    against the item, at the field inside it. Without `id`, the closest variant."""
    module = validators(ours)
    union = "OpenAIResponsesInputItem"
    item = {"id": "m1", "role": "user", "content": [{"type": "input_text", "text": 42}]}
    errors = module.validate(union, item)
    assert [(e.pointer, e.keyword) for e in errors] == [("/content/0/text", "type")]
    assert "in OpenAIResponsesInputItemMessage, the one whose required fields" in errors[0].message
    errors = module.validate(union, {**item, "content": 5})
    assert [(e.pointer, e.expected) for e in errors] == [("/content", "array")]
    errors = module.validate(union, {"role": "user", "content": 5})
    assert [(e.pointer, e.expected) for e in errors] == [("/content", "array or string")]
    assert "in OpenAIResponsesInputItemMessageObject, the closest" in errors[0].message
    assert module.validate(union, {**item, "content": [{"type": "input_text", "text": "ok"}]}) == []


def test_every_allof_member_holds_where_the_merge_overrides(tmp_path: Any) -> None:
    """JSON Schema 2020-12 asks every allOf member to hold. Where members define a
    property differently (a later union widening an earlier one, null allowed by
    one member only, different items), the models take the merge (the later member
    wins) and the validators check the overridden member too: same verdicts as
    `jsonschema` on the same schema, and the error at the property."""
    import jsonschema

    from validator_support import compile_schema

    base = "#/components/schemas/Root/$defs/Base"
    schema = {
        "$defs": {"Base": {"type": "object", "required": ["part"], "properties": {
            "part": {"anyOf": [{"const": "text"}, {"const": "refusal"}]},
            "tags": {"type": "array", "items": {"type": "string"}}}}},
        "allOf": [{"$ref": base}, {"type": "object", "properties": {
            "part": {"anyOf": [{"const": "text"}, {"const": "reasoning"}]},
            "tags": {"type": ["array", "null"], "items": {"type": "string", "maxLength": 3}}}}],
    }
    module = compile_schema(schema, tmp_path / "allof", "pkg_allof")
    reference = jsonschema.Draft202012Validator(
        {"$ref": "#/components/schemas/Root", "components": {"schemas": {"Root": schema}}})
    cases = {
        "text, short tags": ({"part": "text", "tags": ["abc"]}, []),
        "only the later union has it": ({"part": "reasoning"}, [("/part", "enum")]),
        "only the earlier union has it": ({"part": "refusal"}, [("/part", "enum")]),
        "null only the later member allows": ({"part": "text", "tags": None}, [("/tags", "type")]),
        "item only the earlier member allows": ({"part": "text", "tags": ["abcd"]},
                                                [("/tags/0", "maxLength")]),
        "item neither allows": ({"part": "text", "tags": [1]}, [("/tags/0", "type")]),
    }
    for label, (payload, expected) in cases.items():
        errors = module.validate("Root", payload)
        assert (not errors) == reference.is_valid(payload), label
        assert sorted({(e.pointer, e.keyword) for e in errors}) == expected, (label, errors)


def test_pattern_properties(tmp_path: Any) -> None:
    """A key a pattern matches is checked against that pattern's schema (and its own
    property's, if declared) and is not additional; other keys fall to
    additionalProperties; a non-string key is simply not matched."""
    from validator_support import compile_schema

    schema = {"type": "object", "additionalProperties": False,
              "properties": {"a": {"type": "integer"}},
              "patternProperties": {"^a": {"minimum": 0}, "^x-": {"type": "string"}}}
    module = compile_schema(schema, tmp_path / "pp", "pkg_pp")
    cases = {
        "declared and matched": ({"a": 3, "x-k": "v"}, []),
        "declared, pattern refuses": ({"a": -1}, [("/a", "minimum")]),
        "matched only": ({"ab": 2.5}, []),
        "matched, wrong type": ({"x-k": 1}, [("/x-k", "type")]),
        "neither": ({"b": 1}, [("/b", "additionalProperties")]),
        "non-string key": ({1: "x"}, [("/1", "additionalProperties")]),
    }
    for label, (payload, expected) in cases.items():
        errors = module.validate("Root", payload)
        assert sorted((e.pointer, e.keyword) for e in errors) == expected, (label, errors)


def test_a_type_that_admits_null_is_valid_as_null_on_its_own(tmp_path: Any) -> None:
    """A component schema admitting null: `validate_<Type>(None)` is clean, as at its
    uses; `false` and `not: {}` still refuse null (their checks see it)."""
    from validator_support import compile_schema

    nullable = compile_schema({"type": ["object", "null"], "properties": {"a": {"type": "integer"}}},
                              tmp_path / "n1", "pkg_n1")
    assert nullable.validate("Root", None) == []
    assert [e.pointer for e in nullable.validate("Root", {"a": "x"})] == ["/a"]
    plain = compile_schema({"type": "object"}, tmp_path / "n2", "pkg_n2")
    assert [e.keyword for e in plain.validate("Root", None)] == ["type"]
    nothing = compile_schema({"not": {}}, tmp_path / "n3", "pkg_n3")
    assert nothing.validate("Root", None) and nothing.validate("Root", 1)
