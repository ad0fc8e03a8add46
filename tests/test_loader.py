"""Loading YAML/JSON specs, resolving refs, and saying exactly where problems are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.builder import build_ir
from generator.errors import Diagnostics, SpecError
from generator.ir import ObjectType, Ref
from generator.source.loader import open_spec
from generator.source.yaml_json import locate


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


ROOT_YAML = """\
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /things:
    post:
      operationId: makeThing
      requestBody:
        content:
          application/json:
            schema: {$ref: './parts/thing.yaml#/Thing'}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/a~1b'}
components:
  schemas:
    a/b: {type: string}
    "100%": {type: integer}
    Tilde~Name: {$ref: '#/components/schemas/100%25'}
    Node:
      type: object
      properties:
        child: {$ref: '#/components/schemas/Node'}
        label: {type: string}
        tilde: {$ref: '#/components/schemas/Tilde~0Name'}
"""
PART_YAML = """\
Thing:
  type: object
  required: [kind]
  properties:
    kind: {$ref: '#/Kind'}
    when: {type: string, example: 2024-01-01}
    flag: {type: string, enum: ["yes", "no", "on"]}
Kind: {type: string, enum: [a, b]}
"""


def test_refs_across_files_escapes_and_recursion(tmp_path: Path) -> None:
    root = write(tmp_path / "openapi.yaml", ROOT_YAML)
    write(tmp_path / "parts" / "thing.yaml", PART_YAML)
    ir = build_ir(open_spec(root), Diagnostics())
    thing = ir.types["Thing"]
    assert isinstance(thing, ObjectType)
    assert [f.name for f in thing.fields] == ["kind", "when", "flag"]
    assert thing.fields[0].type == Ref(name="Kind") and thing.fields[0].required
    assert thing.fields[1].examples == ["2024-01-01"]  # YAML dates stay strings
    assert ir.types["ThingFlag"].values == ["yes", "no", "on"]  # type: ignore[union-attr]
    assert "a/b" in ir.types and ir.types["Tilde~Name"].target == Ref(name="100%")  # type: ignore[union-attr]
    node = ir.types["Node"]
    assert isinstance(node, ObjectType) and node.fields[0].type == Ref(name="Node")
    assert node.fields[2].type == Ref(name="Tilde~Name")  # ~0 is "~"
    response = ir.operations[0].responses[0].content[0].type
    assert response == Ref(name="a/b")


def test_json_and_yaml_give_the_same_ir(tmp_path: Path) -> None:
    import yaml

    data = yaml.safe_load(ROOT_YAML.replace("./parts/thing.yaml#/Thing", "#/components/schemas/Node"))
    y = write(tmp_path / "a" / "spec.yaml", yaml.safe_dump(data))
    j = write(tmp_path / "b" / "spec.json", json.dumps(data))
    from generator.ir import dump_json

    left = build_ir(open_spec(y), Diagnostics())
    right = build_ir(open_spec(j), Diagnostics())
    left.source = right.source = ""
    for t in list(left.types.values()) + list(right.types.values()):
        t.origin = ""
    assert dump_json(left) == dump_json(right)


def error_of(path: Path) -> SpecError:
    with pytest.raises(SpecError) as info:
        build_ir(open_spec(path), Diagnostics())
    return info.value


def test_yaml_syntax_error_names_file_line_and_column(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yaml", "openapi: 3.1.0\ninfo:\n  title: [unclosed\n  version: 1\n")
    err = error_of(bad)
    assert err.location.file.endswith("bad.yaml")
    assert err.location.line == 4 and err.location.column is not None
    assert "YAML syntax error" in str(err) and "\n" not in str(err)


def test_json_syntax_error_names_line(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.json", '{\n  "openapi": "3.1.0",\n  "info": }\n')
    err = error_of(bad)
    assert (err.location.line, err.location.column) == (3, 11)


def test_dangling_ref_names_the_pointer_and_line(tmp_path: Path) -> None:
    text = ROOT_YAML.replace("'#/components/schemas/Node'", "'#/components/schemas/Nope'")
    err = error_of(write(tmp_path / "s.yaml", text))
    assert err.location.pointer == "/components/schemas/Node/properties/child/$ref"
    assert err.location.line == 25
    assert "dangling $ref" in err.message and "Nope" in err.message
    assert str(err).startswith(f"{tmp_path / 's.yaml'}:25:")


def test_refs_outside_the_folder_or_remote_are_refused(tmp_path: Path) -> None:
    write(tmp_path / "secret.yaml", "Thing: {type: string}\n")
    inner = tmp_path / "spec"
    outside = ROOT_YAML.replace("./parts/thing.yaml#/Thing", "../secret.yaml#/Thing")
    err = error_of(write(inner / "a.yaml", outside))
    assert "outside the spec's folder" in err.message
    remote = ROOT_YAML.replace("./parts/thing.yaml#/Thing", "https://example.com/x.yaml#/Thing")
    err = error_of(write(inner / "b.yaml", remote))
    assert "remote $ref" in err.message and "never reads over the network" in err.message


def test_locate_follows_escaped_pointers() -> None:
    assert locate(ROOT_YAML, "/components/schemas/a~1b") == (19, 10)
    assert locate(ROOT_YAML, "/paths/~1things/post/operationId") == (6, 20)


def test_a_ref_cycle_that_names_nothing_is_a_clear_error(tmp_path: Path) -> None:
    spec = write(tmp_path / "c.yaml", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n"
                 "components:\n  schemas:\n    A: {$ref: '#/components/schemas/B'}\n"
                 "    B: {$ref: '#/components/schemas/A'}\n")
    err = error_of(spec)
    assert "$ref cycle that cannot be expanded: A -> B -> A" in err.message
    assert err.location.pointer == "/components/schemas/A" and err.location.line == 6


def test_a_warning_names_its_line_when_shown_and_composes_only_then(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Positions on demand: building records where a warning is; the YAML is composed
    for its line and column only when the warning is shown."""
    from generator.source import loader

    spec = write(tmp_path / "w.yaml", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n"
                 "components:\n  schemas:\n    A:\n      type: string\n      contentSchema: {}\n")
    looked: list[str] = []
    real = loader.locate
    monkeypatch.setattr(loader, "locate", lambda text, ptr: (looked.append(ptr), real(text, ptr))[1])
    diags = Diagnostics()
    build_ir(open_spec(spec), diags)
    assert len(diags.items) == 1 and looked == []
    shown = str(diags.items[0])
    assert shown.startswith(f"{spec}:8:22: #/components/schemas/A/contentSchema: warning: ")
    assert looked == ["/components/schemas/A/contentSchema"]
