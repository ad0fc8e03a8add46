"""Issue 11 on a minimal spec, one test per point: any vendor's Responses spec gives
packages that build, type-check and dispatch exactly (see docs/architecture.md,
"Direction of use")."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import black
import jsonschema
import pytest
from pydantic import TypeAdapter, ValidationError

from harness import Generated, generate
from vendor_support import (
    SCHEMAS, body_types, bundle_accepts, mini_spec, model_accepts, validator_accepts, zod_results,
)

from generator import pipeline
from generator.builder.clashes import name_key
from generator.builder.inline_names import twin_names
from generator.config import Config
from generator.ir import IR, Array, EnumType, ObjectType, Ref, UnionType, dump_json, to_data
from generator.targets.base import package_name
from generator.targets.jsonschema.schema import bundle
from generator.targets.python.escaping import py_doc


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    root = tmp_path_factory.mktemp("mini")
    return generate(mini_spec(root), root / "out", "pkg_mini")


def adapter(g: Generated, name: str) -> TypeAdapter[Any]:
    return g.adapter(name)


def test_1_variants_sharing_a_tag_value_dispatch_by_structure(mini: Generated) -> None:
    for name in ("Item", "ItemParam"):
        value = adapter(mini, name).validate_python({"type": "message", "b": "x"})
        assert type(value).__name__ == "B", name
        assert type(adapter(mini, name).validate_python({"type": "message", "a": "x"})).__name__ == "A"
        with pytest.raises(ValidationError):
            adapter(mini, name).validate_python({"type": "message"})


def test_2_a_tag_is_never_open(mini: Generated) -> None:
    web_type = next(t for t in mini.ir.types.values()
                    if isinstance(t, EnumType) and "web_search" in t.values)
    assert web_type.open is False  # reachable from the response, but a tag
    for name in ("Tool", "ToolParam"):
        with pytest.raises(ValidationError, match="name"):  # Fn's, not swallowed by Web
            adapter(mini, name).validate_python({"type": "function"})
        assert type(adapter(mini, name).validate_python(
            {"type": "web_search_2025"})).__name__ == "Web"


def test_3_strictness_follows_the_direction_of_use(mini: Generated, tmp_path: Path) -> None:
    request, response = body_types(mini, "/things")
    assert request.name == "Req" and response.name == "Resp"
    assert mini.ir.types["EffortParam"].twin_of == "Effort"
    assert mini.ir.types["Effort"].open and not mini.ir.types["EffortParam"].open  # type: ignore[union-attr]
    tool = mini.ir.types["Tool"]
    assert isinstance(tool, UnionType) and tool.keeps_unknown
    assert not mini.ir.types["ToolParam"].keeps_unknown  # type: ignore[union-attr]
    bad_requests = [{"tools": [], "effort": "ultra"},
                    {"tools": [{"type": "brand_new_tool"}]}]
    good_request = {"tools": [{"type": "function", "name": "f"}], "effort": "high"}
    future = {"tools": [{"type": "brand_new_tool", "x": [1]}], "effort": "ultra",
              "output": [{"type": "reasoning", "summary": "s"}]}
    for value in bad_requests:
        assert not model_accepts(mini, request, value), value
        assert not validator_accepts(mini, request, value), value
        assert not bundle_accepts(mini, request, value), value
    assert model_accepts(mini, request, good_request)
    assert validator_accepts(mini, request, good_request)
    assert bundle_accepts(mini, request, good_request)
    parsed = adapter(mini, "Resp").validate_python(future)
    assert parsed.effort == "ultra"
    assert type(parsed.tools[0]).__name__ == "UnknownVariant" and parsed.tools[0].x == [1]
    assert parsed.model_dump(mode="json", exclude_unset=True) == future
    assert bundle_accepts(mini, response, future)
    zod = zod_results(mini, tmp_path, [(request, v) for v in bad_requests]
                      + [(request, good_request), (response, future)])
    assert zod == [False, False, True, True]


def test_4_request_bundle_accepts_exactly_one_variant(mini: Generated) -> None:
    request, _ = body_types(mini, "/things")
    assert bundle_accepts(mini, request, {"tools": [{"type": "function", "name": "f"}]})
    assert bundle_accepts(mini, request, {"tools": [{"type": "web_search"}]})
    assert not bundle_accepts(mini, request, {"tools": [{"type": "function"}]})


MESSAGE = {"role": "user", "content": [{"type": "input_text", "text": "What is it?"},
                                       {"type": "input_image", "image_url": "a.png"}]}


def test_4_a_oneof_whose_members_share_a_tag_reads_as_anyof(mini: Generated,
                                                            tmp_path: Path) -> None:
    """`InputItem: oneOf [Easy, Entry]`: Easy and Entry's Msg both allow `type: message`, so
    a user message with a content list matches two members. Read as anyOf by every checker,
    with one note (as for Item: A and B); a oneOf whose tags keep its members apart (Tool,
    Part) stays exclusive. Plain `jsonschema` on the raw schemas rejects that message."""
    request, _ = body_types(mini, "/things")
    assert not mini.ir.types["InputItem"].exclusive  # type: ignore[union-attr]
    assert mini.ir.types["Tool"].exclusive and mini.ir.types["Entry"].exclusive  # type: ignore[union-attr]
    notes = [n for n in mini.notes if "InputItem/oneOf" in n]
    assert len(notes) == 1 and "#/components/schemas/InputItem/oneOf: note: oneOf members " \
        "0 (Easy) and 1 (Entry) overlap (both allow type 'message')" in notes[0], notes
    assert re.match(r"\S*mini\.json:\d+:\d+: ", notes[0])
    good = [{"tools": [], "messages": [MESSAGE]},
            {"tools": [], "messages": [{**MESSAGE, "type": "message"}]},
            {"tools": [], "messages": [{"role": "assistant", "content": "Hi"}]}]
    bad = [{"tools": [], "messages": [{**MESSAGE, "role": "usr"}]},
           {"tools": [], "messages": [{"type": "call"}]},
           {"tools": [], "messages": [{"role": "user", "content": [{"type": "input_text"}]}]}]
    zod = zod_results(mini, tmp_path, [(request, v) for v in good + bad])
    for value, zod_ok in zip(good + bad, zod):
        expected = value in good
        assert model_accepts(mini, request, value) is expected, value
        assert validator_accepts(mini, request, value) is expected, value
        assert bundle_accepts(mini, request, value) is expected, value
        assert zod_ok is expected, value
    schema = bundle(mini.ir, request, "x", {})
    assert "anyOf" in schema["$defs"]["InputItem"] and "oneOf" in schema["$defs"]["ToolParam"]
    raw = {"$ref": "#/components/schemas/InputItem", "components": {"schemas": SCHEMAS}}
    assert not jsonschema.Draft202012Validator(raw).is_valid(MESSAGE)  # the exact reading
    assert jsonschema.Draft202012Validator(raw).is_valid({**MESSAGE, "role": "assistant"})


def test_5_enum_typed_defaults_are_members_and_type_check(mini: Generated) -> None:
    req = adapter(mini, "Req").validate_python({"tools": []})
    modality, effort = mini.module.Modality, mini.module.EffortParam
    assert req.modalities == [modality.AUDIO] and type(req.modalities[0]) is modality
    assert req.mode is effort.LOW
    mypy = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                           "-p", mini.package], cwd=mini.out, capture_output=True, text=True)
    assert mypy.returncode == 0, mypy.stdout[-2000:]


@pytest.mark.parametrize("text", [
    "Scenarios:\n  - one\n  - two", "\n  Indented first\n    deeper\n  back", "a\n\tb\n\t\tc",
    "x\n\u00a0 y\n   z"])
def test_6_docstrings_are_black_stable(text: str) -> None:
    body = py_doc(text).replace("\n", "\n    ")
    for source in (f'class X:\n    """{body}"""\n', f'X = 1\n"""{py_doc(text)}"""\n'):
        assert black.format_str(source, mode=black.Mode()) == source


def test_6_generated_models_need_no_docstring_reformatting(mini: Generated) -> None:
    source = (mini.out / mini.package / "models.py").read_text()
    assert '    """Scenarios:\n    - one\n    - two"""' in source


def test_7_examples_on_anyof_members_and_items_are_kept(mini: Generated) -> None:
    req = mini.ir.types["Req"]
    assert isinstance(req, ObjectType)
    fields = {f.name: f for f in req.fields}
    assert fields["temperature"].examples == [1]  # the property's, read off its member
    assert fields["file_ids"].examples == [["file-123"]]
    assert fields["temperature"].type.examples == [1]  # and on the uses that carry them
    file_ids = fields["file_ids"].type
    assert isinstance(file_ids, Array) and file_ids.items.examples == ["file-123"]
    assert fields["model"].type == Ref(name="ModelId") and fields["model"].type.examples == ["m-1"]
    seed = mini.ir.types[fields["seed"].type.name]  # type: ignore[union-attr]
    assert isinstance(seed, UnionType)
    assert [v.examples for v in seed.variants] == [[7], ["seven"]]
    assert '"examples": [\n' in dump_json(mini.ir) and '"examples": []' not in json.dumps(
        to_data(file_ids))  # in the dump only where set


def test_7_docs_and_html_show_the_examples_the_spec_gives(mini: Generated, tmp_path: Path) -> None:
    config = Config(spec=mini.spec, out=tmp_path, root=tmp_path, use_cache=False)
    docs = pipeline.render_target(mini.ir, config, "docs")["types/req.md"]
    pages = pipeline.render_target(mini.ir, config, "html")
    html = pages["types/req.html"]
    for example in ("`[\"file-123\"]`", "`1`", "`m-1`"):  # the spec's, not derived
        assert f"- **Example:** {example}\n" in docs, example
    assert "  - integer · example: `7`\n  - string · example: `seven`\n" in docs
    union = pages["types/req-seed.html"]
    assert "<dt>Example</dt><dd><code>m-1</code></dd>" in html
    assert "<dt>Example</dt><dd><code>7</code></dd>" in html  # the first variant's
    assert "<li>integer · example: <code>7</code></li>" in union
    assert "<li>string · example: <code>seven</code></li>" in union


def test_8_package_name_comes_from_the_title_unless_configured(mini: Generated) -> None:
    ir = IR(title="Acme Responses API", version="1", openapi="3.1.0", source="x")
    assert package_name(Config(), ir) == "acme_responses_api"
    assert package_name(Config(package="mine"), ir) == "mine"
    for title, expected in [("", "api"), ("2024 API", "api_2024_api"), ("class", "class_"),
                            ("Ünïcode – API", "unicode_api")]:
        ir.title = title
        assert package_name(Config(), ir) == expected


def test_twin_names_never_double_a_suffix_nor_collide() -> None:
    ir = IR(title="t", version="1", openapi="3.1.0", source="x")
    for name in ("ToolChoiceParam", "Tool", "ToolParam", "Effort", "effort_param",
                 "EffortRequest", "Shape", "ShapeParams", "Include", "Create"):
        ir.types[name] = EnumType(name=name, values=["a", "b"])
    ir.types["CreateRequest"] = EnumType(name="CreateRequest", values=["a"])
    twins = twin_names(ir, {"ToolChoiceParam", "Tool", "Effort", "ShapeParams", "Include",
                            "Create", "CreateRequest"})
    assert twins == {
        "ToolChoiceParam": "ToolChoiceParamRequest",  # not ToolChoiceParamParam
        "Tool": "ToolRequest",  # ToolParam is another type of the spec
        "Effort": "EffortParam2",  # effort_param and EffortRequest are taken
        "ShapeParams": "ShapeParamsRequest",
        "Include": "IncludeParam",
        "Create": "CreateParam",
        "CreateRequest": "CreateRequestParam",
    }
    keys = [name_key(n) for n in [*ir.types, *twins.values()]]
    assert len(keys) == len(set(keys))


def test_request_side_refers_only_to_strict_types(mini: Generated) -> None:
    """No request-side use reaches an open enum or a union that keeps unknown tags."""
    from generator.builder.usage import side_roots
    from generator.ir.walk import reachable

    request = reachable(mini.ir, side_roots(mini.ir)["request"])
    lenient = [n for n in request if getattr(mini.ir.types[n], "open", False)
               and len(mini.ir.types[n].values) > 1  # type: ignore[union-attr]  # one: a literal
               or getattr(mini.ir.types[n], "keeps_unknown", False)]
    assert lenient == []
    assert {"EffortParam", "ToolParam", "ItemParam"} <= request
