"""`covers(ir, a, m)` ("a accepts every value m accepts"), which decides which
overridden allOf members validators can skip: it must never say yes wrongly.
Each case is checked against `jsonschema` on hand-written schemas too: where
`covers` says yes, no sample value valid for m is invalid for a."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from generator.builder.also_prune import covers
from generator.ir import (
    IR, AnyType, Array, Const, Constraints, EnumType, Field, Map, ObjectType, Primitive, Ref,
    UnionType,
)

SAMPLES: list[Any] = [None, True, 0, 1, 2.5, -3, "", "a", "b", "c", "abcd", [], ["a"], ["a", "b"], [1, 2],
                      {}, {"x": 1}, {"x": "a"}, {"x": "a", "y": 1}, {"y": True}]


def _ir() -> IR:
    ir = IR(title="t", version="1", openapi="3.1.0", source="t")
    ir.types = {
        "AB": EnumType(name="AB", values=["a", "b"]),
        "ABC": EnumType(name="ABC", values=["a", "b", "c"]),
        "XStr": ObjectType(name="XStr", fields=[Field(name="x", type=Primitive(type="string"),
                                                      required=True)]),
        "XStrClosed": ObjectType(name="XStrClosed", additional_properties=False, fields=[
            Field(name="x", type=Primitive(type="string"), required=True)]),
        "XAny": ObjectType(name="XAny", fields=[Field(name="x", type=AnyType())]),
        "U": UnionType(name="U", variants=[Ref(name="AB"), Primitive(type="integer")]),
        "V": UnionType(name="V", variants=[Ref(name="ABC"), Primitive(type="number")]),
    }
    return ir


SCHEMAS: dict[str, Any] = {
    "AB": {"enum": ["a", "b"]}, "ABC": {"enum": ["a", "b", "c"]},
    "XStr": {"type": "object", "required": ["x"], "properties": {"x": {"type": "string"}}},
    "XStrClosed": {"type": "object", "required": ["x"], "additionalProperties": False,
                   "properties": {"x": {"type": "string"}}},
    "XAny": {"type": "object", "properties": {"x": {}}},
    "U": {"anyOf": [{"enum": ["a", "b"]}, {"type": "integer"}]},
    "V": {"anyOf": [{"enum": ["a", "b", "c"]}, {"type": "number"}]},
}

CASES = [  # (a, m, a's schema, m's schema, covers?)
    (Ref(name="ABC"), Ref(name="AB"), "ABC", "AB", True),
    (Ref(name="AB"), Ref(name="ABC"), "AB", "ABC", False),
    (Ref(name="V"), Ref(name="U"), "V", "U", True),
    (Ref(name="U"), Ref(name="V"), "U", "V", False),
    (Ref(name="AB"), Ref(name="AB", nullable=True), "AB", {"enum": ["a", "b", None]}, False),
    (Ref(name="XAny"), Ref(name="XStr"), "XAny", "XStr", True),
    (Ref(name="XStr"), Ref(name="XAny"), "XStr", "XAny", False),
    (Ref(name="XStr"), Ref(name="XStrClosed"), "XStr", "XStrClosed", True),
    (Ref(name="XStrClosed"), Ref(name="XStr"), "XStrClosed", "XStr", False),
    (Primitive(type="number"), Primitive(type="integer"), {"type": "number"}, {"type": "integer"}, True),
    (Primitive(type="integer"), Primitive(type="number"), {"type": "integer"}, {"type": "number"}, False),
    (Primitive(type="string", constraints=Constraints(max_length=3)), Primitive(type="string"),
     {"type": "string", "maxLength": 3}, {"type": "string"}, False),
    (Array(items=Ref(name="ABC")), Array(items=Ref(name="AB")),
     {"type": "array", "items": SCHEMAS["ABC"]}, {"type": "array", "items": SCHEMAS["AB"]}, True),
    (Array(items=Ref(name="AB")), Array(items=Ref(name="AB"), constraints=Constraints(max_items=1)),
     {"type": "array", "items": SCHEMAS["AB"]},
     {"type": "array", "items": SCHEMAS["AB"], "maxItems": 1}, True),
    (Array(items=Ref(name="AB"), constraints=Constraints(max_items=1)), Array(items=Ref(name="AB")),
     {"type": "array", "items": SCHEMAS["AB"], "maxItems": 1},
     {"type": "array", "items": SCHEMAS["AB"]}, False),
    (Array(items=Ref(name="AB"), constraints=Constraints(max_items=2)),
     Array(items=Ref(name="AB"), constraints=Constraints(max_items=1)),
     {"type": "array", "items": SCHEMAS["AB"], "maxItems": 2},
     {"type": "array", "items": SCHEMAS["AB"], "maxItems": 1}, False),  # conservative: bounds differ
    (Map(values=AnyType()), Map(values=Primitive(type="integer")),
     {"type": "object"}, {"type": "object", "additionalProperties": {"type": "integer"}}, True),
    (Const(value=1), Const(value=True), {"const": 1}, {"const": True}, False),
    (AnyType(excluded=Const(value=None)), Primitive(type="string"), {"not": {"const": None}},
     {"type": "string"}, True),
    (AnyType(excluded=Const(value=None)), Ref(name="U"), {"not": {"const": None}}, "U", True),
    (AnyType(excluded=Const(value=None)), Ref(name="XAny"), {"not": {"const": None}}, "XAny", True),
    (AnyType(excluded=Const(value=None)), Primitive(type="string", implicit=True),
     {"not": {"const": None}}, {"minLength": 0}, False),
    (AnyType(excluded=Const(value=None)), Primitive(type="string", nullable=True),
     {"not": {"const": None}}, {"type": ["string", "null"]}, False),
]


@pytest.mark.parametrize("a, m, sa, sm, expected", CASES)
def test_covers_is_right_and_never_wrongly_yes(a: Any, m: Any, sa: Any, sm: Any,
                                                expected: bool) -> None:
    ir = _ir()
    assert covers(ir, a, m, set()) is expected
    va = jsonschema.Draft202012Validator(SCHEMAS.get(sa, sa) if isinstance(sa, str) else sa)
    vm = jsonschema.Draft202012Validator(SCHEMAS.get(sm, sm) if isinstance(sm, str) else sm)
    if expected:
        assert all(va.is_valid(v) for v in SAMPLES if vm.is_valid(v))
    else:  # every "no" here is a real difference, or a documented conservative one
        assert any(not va.is_valid(v) for v in SAMPLES if vm.is_valid(v)) or sm.get("maxItems") == 1
