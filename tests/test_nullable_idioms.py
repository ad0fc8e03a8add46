"""Every way of writing 'may be null' gives the same IR."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.builder import build_ir
from generator.errors import Diagnostics
from generator.ir import IR, Ref
from generator.ir.compare import compare_types, facts
from generator.source.loader import open_spec
from shared_data import shared_path


def ir_of(tmp_path: Path, schemas: dict[str, object], name: str = "spec.json") -> IR:
    doc = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
           "components": {"schemas": schemas}}
    path = tmp_path / name
    path.write_text(json.dumps(doc))
    return build_ir(open_spec(path), Diagnostics())


SPELLINGS = {
    "openapi 3.0 nullable": {"type": "string", "maxLength": 5, "nullable": True},
    "3.1 type array": {"type": ["string", "null"], "maxLength": 5},
    "anyOf with null": {"anyOf": [{"type": "string", "maxLength": 5}, {"type": "null"}]},
    "oneOf with bare nullable": {"oneOf": [{"type": "string", "maxLength": 5}, {"nullable": True}]},
}


@pytest.mark.parametrize("label", list(SPELLINGS))
def test_primitive_spellings_agree(tmp_path: Path, label: str) -> None:
    ir = ir_of(tmp_path, {"Box": {"type": "object", "properties": {"v": SPELLINGS[label]}}})
    reference = ir_of(tmp_path, {"Box": {"type": "object", "properties": {
        "v": SPELLINGS["3.1 type array"]}}}, "ref.json")
    field = ir.types["Box"].fields[0]  # type: ignore[union-attr]
    assert field.type.nullable is True
    assert compare_types(reference, ir) == []


REF_SPELLINGS = {
    "3.0 allOf + nullable": {"allOf": [{"$ref": "#/components/schemas/Color"}], "nullable": True},
    "3.0 allOf member nullable": {"allOf": [{"$ref": "#/components/schemas/Color"}, {"nullable": True}]},
    "3.1 anyOf null": {"anyOf": [{"$ref": "#/components/schemas/Color"}, {"type": "null"}]},
    "null inside the enum": {"$ref": "#/components/schemas/NullableColor"},
}


@pytest.mark.parametrize("label", list(REF_SPELLINGS))
def test_reference_spellings_agree(tmp_path: Path, label: str) -> None:
    schemas = {
        "Color": {"type": "string", "enum": ["red", "blue"]},
        "NullableColor": {"type": ["string", "null"], "enum": ["red", "blue", None]},
        "Box": {"type": "object", "properties": {"c": REF_SPELLINGS[label]}},
    }
    ir = ir_of(tmp_path, schemas)
    t = ir.types["Box"].fields[0].type  # type: ignore[union-attr]
    assert isinstance(t, Ref) and t.nullable
    target = ir.types[t.name]
    assert facts(target)["values"] == ["red", "blue"]  # null is not an enum value in the IR


def test_rewrite_from_nullable_to_type_arrays_shows_only_real_changes() -> None:
    """2026-07-16: the same API rewritten from `nullable: true` to 3.1 type arrays.

    Of 1,400 types, only six facts differ, all from a provider ('Tencent')
    added in the same commit; none comes from the change of spelling.
    """
    old = build_ir(open_spec(shared_path("specs", "openrouter/2026-07-16-957b9f4e3.yaml")), Diagnostics())
    new = build_ir(open_spec(shared_path("specs", "openrouter/2026-07-16-bba192f25.yaml")), Diagnostics())
    assert len(old.types) > 1000
    changes = {d.path: (d.old, d.new) for d in compare_types(old, new)}
    assert sorted(changes) == [
        "BYOKProviderSlug.values",
        "ListBYOKKeysProvider.values",
        "ProviderName.values",
        "ProviderOptions.fields[tencent]",
        "ProviderResponseProviderName.values",
        "VideoGenerationRequestProviderOptions.fields[tencent]",
    ]
    assert changes["ProviderOptions.fields[tencent]"] == (None, "present")
    for enum in ("BYOKProviderSlug.values", "ListBYOKKeysProvider.values"):
        before, after = changes[enum]
        assert set(after) - set(before) == {"tencent"} and set(before) <= set(after)
    before, after = changes["ProviderName.values"]
    assert set(after) - set(before) == {"Tencent"}
