"""`respgen diff`: every change between two spec versions, with the sides it breaks."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from generator.builder import build_ir
from generator.cli import main
from diff_support import spec_version
from generator.diff import Change, Version, diff_irs
from generator.errors import Diagnostics
from generator.ir import IR, EnumType
from generator.source.loader import open_spec
from shared_data import ROOT, shared_path

# ------------------------------------------------------------------ synthetic specs

REQ, RESP = "#/components/schemas/Req", "#/components/schemas/Resp"


def spec(schemas: dict[str, Any], *, paths: dict[str, Any] | None = None) -> dict[str, Any]:
    """POST /x sends `Req` and gets `Resp` back (both must be in `schemas`)."""
    default_paths = {"/x": {"post": {
        "operationId": "x",
        "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": REQ}}}},
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": RESP}}}}},
    }}}
    return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
            "paths": default_paths if paths is None else paths, "components": {"schemas": schemas}}


def obj(props: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "properties": props}
    if required:
        out["required"] = required
    return out


def ir_of(tmp_path: Path, doc: dict[str, Any], name: str) -> IR:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(doc))
    return build_ir(open_spec(path), Diagnostics())


def run(tmp_path: Path, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    return diff_irs(ir_of(tmp_path, old, "old"), ir_of(tmp_path, new, "new"))


def table(changes: list[Change]) -> set[tuple[str, str, str, str, tuple[str, ...]]]:
    """(subject, path, category, action, breaks) of every change but renames."""
    return {(c.subject, c.path, c.category, c.action, c.breaks) for c in changes
            if not (c.category == "type" and c.action == "renamed")}


def both(req: dict[str, Any], resp: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    return spec({"Req": req, "Resp": resp or obj({"id": {"type": "string"}}), **extra})


R: tuple[str, ...] = ("request",)
S: tuple[str, ...] = ("response",)
NO: tuple[str, ...] = ()


def test_request_field_rules(tmp_path: Path) -> None:
    old = both(obj({"a": {"type": "string"}, "b": {"type": "string"}, "c": {"type": "string"}}, ["c"]))
    new = both(obj({"b": {"type": "string"}, "c": {"type": "string"}, "d": {"type": "string"},
                    "e": {"type": "string"}}, ["b", "e"]))
    assert table(run(tmp_path, old, new)) == {
        ("Req", "a", "field", "removed", NO),  # an open object still accepts `a`: no witness
        ("Req", "b", "required", "added", R),
        ("Req", "c", "required", "removed", NO),  # optional now: fine for a sender
        ("Req", "d", "field", "added", NO),
        ("Req", "e", "field", "added", R),
    }


def test_request_types_enums_bounds_nullable(tmp_path: Path) -> None:
    old = both(obj({
        "n": {"type": "number"}, "i": {"type": "integer"},
        "color": {"$ref": "#/components/schemas/Color"}, "s": {"type": "string"},
        "len": {"type": "string", "maxLength": 10, "minLength": 2},
        "items": {"type": "array", "items": {"type": "string"}, "maxItems": 5},
        "p": {"type": "string"}, "maybe": {"type": ["string", "null"]}, "flag": {"type": "boolean"},
    }), Color={"type": "string", "enum": ["red", "blue"]})
    new = both(obj({
        "n": {"type": "integer"}, "i": {"type": "number"},
        "color": {"$ref": "#/components/schemas/Color"},
        "s": {"type": "string", "enum": ["x", "y"]},
        "len": {"type": "string", "maxLength": 5, "minLength": 1},
        "items": {"type": "array", "items": {"type": "string", "maxLength": 9}, "maxItems": 50},
        "p": {"type": "string", "pattern": "^a"}, "maybe": {"type": "string"}, "flag": {"const": False},
    }), Color={"type": "string", "enum": ["red", "green"]})
    assert table(run(tmp_path, old, new)) == {
        ("Req", "n", "type", "changed", R),  # number -> integer narrows
        ("Req", "i", "type", "changed", NO),  # integer -> number widens
        ("Color", '"blue"', "enum value", "removed", R),
        ("Color", '"green"', "enum value", "added", NO),  # request-only enum: closed, but sending is fine
        ("Req", "s", "type", "changed", R),  # an enum where there was none
        ("ReqS", "", "type", "added", NO),
        ("Req", "len.maxLength", "bound", "tightened", R),
        ("Req", "len.minLength", "bound", "loosened", NO),
        ("Req", "items.maxItems", "bound", "loosened", NO),
        ("Req", "items[].maxLength", "bound", "added", R),
        ("Req", "p.pattern", "bound", "added", R),
        ("Req", "maybe", "nullable", "removed", R),
        ("Req", "flag", "type", "changed", R),  # boolean -> const false
    }


def test_response_rules(tmp_path: Path) -> None:
    old = spec({"Req": obj({}), "Resp": obj({
        "gone": {"type": "string"}, "req": {"type": "string"}, "i": {"type": "integer"},
        "n": {"type": "number"}, "s": {"type": "string"}, "u": {"$ref": "#/components/schemas/U"},
        "e": {"$ref": "#/components/schemas/E"}, "len": {"type": "string", "maxLength": 3},
    }, ["req"]), "U": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
        "E": {"type": "string", "enum": ["a"]}})
    new = spec({"Req": obj({}), "Resp": obj({
        "req": {"type": "string"}, "i": {"type": "number"}, "n": {"type": "integer"},
        "s": {"type": ["string", "null"]}, "u": {"$ref": "#/components/schemas/U"},
        "e": {"$ref": "#/components/schemas/E"}, "len": {"type": "string", "maxLength": 1},
        "extra": {"type": "string"},
    }), "U": {"anyOf": [{"type": "string"}, {"type": "boolean"}]},
        "E": {"type": "string", "enum": ["a", "b"]}})
    assert table(run(tmp_path, old, new)) == {
        ("Resp", "gone", "field", "removed", NO),  # it was optional: old clients do without it
        ("Resp", "req", "required", "removed", S),
        ("Resp", "i", "type", "changed", S),  # widened
        ("Resp", "n", "type", "changed", NO),  # narrowed: still a number
        ("Resp", "s", "nullable", "added", S),
        ("U", "[boolean]", "union variant", "added", S),
        ("U", "[integer]", "union variant", "removed", NO),
        ("E", '"b"', "enum value", "added", NO),  # response enums are open
        ("Resp", "len.maxLength", "bound", "tightened", NO),
        ("Resp", "extra", "field", "added", NO),
    }


def test_closed_enum_gaining_a_value_breaks_responses(tmp_path: Path) -> None:
    doc = spec({"Req": obj({}), "Resp": obj({"e": {"$ref": "#/components/schemas/E"}}),
                "E": {"type": "string", "enum": ["a"]}})
    new_doc = copy.deepcopy(doc)
    new_doc["components"]["schemas"]["E"]["enum"].append("b")
    old, new = ir_of(tmp_path, doc, "old"), ir_of(tmp_path, new_doc, "new")
    assert isinstance(new.types["E"], EnumType) and new.types["E"].open
    (change,) = diff_irs(old, new)
    assert (change.breaks, change.strict) == (NO, S)  # the old models keep "b"; validators refuse it
    assert change.severity == "breaks strict clients only (responses)"
    assert [(w.value, w.old_valid, w.new_valid, w.strict_only) for w in change.witnesses] == [
        ("b", False, True, True)]
    old.types["E"].open = False  # a closed enum in the old client (e.g. marked so by hand)
    (change,) = diff_irs(old, new)
    assert (change.breaks, change.strict) == (S, NO)
    assert change.witnesses[0].value == "b" and not change.witnesses[0].strict_only


def test_type_used_on_both_sides_is_judged_for_both(tmp_path: Path) -> None:
    shared = {"$ref": "#/components/schemas/Shared"}
    old = both(obj({"s": shared}), obj({"s": shared}), Shared=obj(
        {"a": {"type": "string"}, "b": {"type": "string"}, "c": {"type": "integer"}}, ["b"]))
    new = both(obj({"s": shared}), obj({"s": shared}), Shared=obj(
        {"a": {"type": "string"}, "b": {"type": "string"}, "c": {"type": "number"}}, ["a"]))
    changes = run(tmp_path, old, new)
    assert {c.sides for c in changes} == {("request", "response")}
    assert table(changes) == {
        ("Shared", "a", "required", "added", R),
        ("Shared", "b", "required", "removed", S),
        ("Shared", "c", "type", "changed", S),
    }
    assert [c.severity for c in changes if c.path == "a"] == ["breaking for requests"]


def test_variants_and_fieldless_changes(tmp_path: Path) -> None:
    u = {"$ref": "#/components/schemas/U"}
    old = both(obj({"u": u, "d": {"type": "string", "default": "x", "description": "old words"}}),
               U={"oneOf": [{"type": "string"}, {"type": "integer"}]})
    new = both(obj({"u": u, "d": {"type": "string", "default": "y", "deprecated": True,
                                  "description": "new words", "examples": ["z"]}}),
               U={"oneOf": [{"type": "string"}, {"type": "boolean"}]})
    assert table(run(tmp_path, old, new)) == {
        ("U", "[integer]", "union variant", "removed", R),
        ("U", "[boolean]", "union variant", "added", NO),  # request only: new variant is fine
        ("Req", "d.default", "default", "changed", NO),
        ("Req", "d", "deprecated", "added", NO),
    }


def test_descriptions_and_nullability_spelling_are_not_changes(tmp_path: Path) -> None:
    old = both(obj({"a": {"type": "string", "nullable": True, "description": "one"},
                    "b": {"anyOf": [{"$ref": "#/components/schemas/C"}, {"type": "null"}]}}),
               C={"type": "string", "enum": ["x"]})
    new = both(obj({"a": {"type": ["string", "null"], "description": "two", "examples": ["q"]},
                    "b": {"allOf": [{"$ref": "#/components/schemas/C"}], "nullable": True}}),
               C={"type": "string", "enum": ["x"], "description": "C!"})
    assert run(tmp_path, old, new) == []


def test_rename_with_same_shape_and_renamed_references(tmp_path: Path) -> None:
    old = both(obj({"inner": {"$ref": "#/components/schemas/OldInner"}}),
               OldInner=obj({"v": {"type": "string"}}), Holder=obj({"i": {"$ref": "#/components/schemas/OldInner"}}))
    new = both(obj({"inner": {"$ref": "#/components/schemas/NewInner"}}),
               NewInner=obj({"v": {"type": "string"}}), Holder=obj({"i": {"$ref": "#/components/schemas/NewInner"}}))
    changes = run(tmp_path, old, new)
    assert [(c.subject, c.category, c.action, c.old, c.new) for c in changes] == [
        ("NewInner", "type", "renamed", "OldInner", "NewInner")]
    # the renamed type holds the only difference: a reference to another renamed type
    old["paths"]["/x"]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"] = \
        "#/components/schemas/Holder"
    new["paths"]["/x"]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"] = \
        "#/components/schemas/Holder2"
    new["components"]["schemas"]["Holder2"] = new["components"]["schemas"].pop("Holder")
    changes = run(tmp_path, old, new)
    assert {(c.old, c.new) for c in changes if c.action == "renamed"} == {
        ("OldInner", "NewInner"), ("Holder", "Holder2")}
    assert table(changes) == set()


def test_operation_rules(tmp_path: Path) -> None:
    def op(params: list[dict[str, Any]], media: str, status: str) -> dict[str, Any]:
        return {"operationId": "x", "parameters": params,
                "requestBody": {"content": {media: {"schema": {"$ref": REQ}}}},
                "responses": {status: {"description": "ok", "content": {
                    "application/json": {"schema": {"$ref": RESP}}}}}}

    q = {"name": "q", "in": "query", "schema": {"type": "string"}}
    schemas = {"Req": obj({}), "Resp": obj({})}
    old = spec(schemas, paths={"/x": {"post": op([q], "application/json", "200")},
                               "/gone": {"get": {"responses": {"204": {"description": "x"}}}}})
    new = spec(schemas, paths={"/x": {"post": op(
        [{"name": "k", "in": "header", "required": True, "schema": {"type": "string"}}],
        "text/plain", "201")}, "/new": {"get": {"responses": {"204": {"description": "x"}}}}})
    assert table(run(tmp_path, old, new)) == {
        ("GET /gone", "", "operation", "removed", R),
        ("GET /new", "", "operation", "added", NO),
        ("POST /x", "query:q", "parameter", "removed", R),
        ("POST /x", "header:k", "parameter", "added", R),
        ("POST /x", "body application/json", "content type", "removed", R),
        ("POST /x", "body text/plain", "content type", "added", NO),
        ("POST /x", "200", "status code", "removed", NO),
        ("POST /x", "201", "status code", "added", NO),
    }


# ----------------------------------------------------------------------------- CLI

def write(tmp_path: Path, name: str, doc: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc))
    return path


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Path]:
    monkeypatch.setenv("RESPGEN_CACHE_DIR", str(tmp_path / "cache"))
    old = write(tmp_path, "old.json", both(obj({"a": {"type": "string"}, "b": {"type": "string"}})))
    new = write(tmp_path, "new.json", both(obj({"b": {"type": "string", "maxLength": 9}})
                                           | {"additionalProperties": False}))
    same = write(tmp_path, "same.json", both(obj({"a": {"type": "string"}, "b": {"type": "string"}})))
    return old, new, same


def cli(*args: str) -> Any:
    return CliRunner().invoke(main, ["diff", *map(str, args)])


def test_cli_text_json_markdown(pair: tuple[Path, Path, Path]) -> None:
    old, new, _ = pair
    out = cli(old, new)
    assert out.exit_code == 0, out.output
    assert "\x1b[" not in out.output and "\\u001b" not in out.output  # not a terminal: no colour
    assert "3 change(s), 3 breaking" in out.output
    assert "Req" in out.output and "field `a` removed" in out.output
    assert "b: maxLength added (null -> 9)" in out.output and "breaking for requests" in out.output
    assert 'witness: {"b": "aaaaaaaaaa"} (valid -> invalid)' in out.output
    assert "in the SDK: python Req.b, typescript Req.b" in out.output
    assert out.output.endswith("Version bump: major\n")
    data = json.loads(cli(old, new, "--format", "json").output)
    assert data["summary"] == {"changes": 3, "breaking": 3, "strict_only": 0, "unproven": 0,
                               "renamed_types": 0, "bump": "major"}
    assert {(c["subject"], c["path"], c["category"], tuple(c["breaks"])) for c in data["changes"]} == {
        ("Req", "a", "field", R), ("Req", "b.maxLength", "bound", R),
        ("Req", "additionalProperties", "field", R)}
    removed = next(c for c in data["changes"] if c["path"] == "a")
    assert removed["witnesses"] == [{"side": "request", "value": {"a": "a"}, "old_valid": True,
                                     "new_valid": False, "strict_only": False,
                                     "error": "/a: property 'a' is not allowed here",
                                     "old_type": "Req", "new_type": "Req"}]
    assert removed["sdk"] == {"python": "Req.a", "typescript": "Req.a"}
    md = cli(old, new, "--format", "markdown").output
    assert md.startswith("## API changes:") and "### Breaking changes" in md
    assert md.endswith("Version bump for the generated package: **major**.\n")
    assert ("- `Req`: field \\`a\\` removed _(breaking for requests)_ — python: `Req.a`, "
            "typescript: `Req.a`; witness (request): `{\"a\": \"a\"}`") in md


def test_text_colour_on_a_terminal_only(pair: tuple[Path, Path, Path]) -> None:
    """click keeps our own colour codes on a terminal (and never escapes them)."""
    old, new, _ = pair
    out = CliRunner().invoke(main, ["diff", str(old), str(new)], color=True)
    assert "\x1b[31m" in out.output and "\\u001b" not in out.output
    assert CliRunner().invoke(main, ["diff", str(old), str(new)]).output == \
        click.unstyle(out.output)


def test_cli_fail_on_and_bad_input(pair: tuple[Path, Path, Path], tmp_path: Path) -> None:
    old, new, same = pair
    assert cli(old, new).exit_code == 0
    assert cli(old, new, "--fail-on", "none").exit_code == 0
    assert cli(old, new, "--fail-on", "breaking").exit_code == 1
    assert cli(old, new, "--fail-on", "any").exit_code == 1
    assert cli(old, same, "--fail-on", "any").exit_code == 0
    compatible = write(tmp_path, "compat.json", both(obj({"a": {"type": "string"}, "b": {"type": "string"},
                                                          "c": {"type": "string"}})))
    assert cli(old, compatible, "--fail-on", "breaking").exit_code == 0
    assert cli(old, compatible, "--fail-on", "any").exit_code == 1
    broken = tmp_path / "broken.json"
    broken.write_text('{"openapi": "3.1.0", "paths": {"/x": {"get": {"responses": {"200": '
                      '{"content": {"application/json": {"schema": {"$ref": "#/nope"}}}}}}}}}')
    bad = cli(old, broken, "--fail-on", "breaking")
    assert bad.exit_code == 2 and "error" in bad.output
    assert cli(old, tmp_path / "missing.json").exit_code == 2
    assert cli(old, new, "--fail-on", "sometimes").exit_code == 2


# ---------------------------------------------------------------------- real specs

OR = "openrouter"


def real(name: str) -> Version:
    return spec_version(f"{OR}/{name}.yaml")


def real_diff(old: str, new: str) -> list[Change]:
    return diff_irs(real(old), real(new))


def test_service_tier_store_and_provider_removal_break_requests() -> None:
    changes = real_diff("2025-11-21-2bfa87450", "2025-12-02-b67447379")
    rows = table(changes)
    tier = "OpenResponsesRequestServiceTier"
    for v in ("default", "flex", "priority", "scale"):
        assert (tier, f'"{v}"', "enum value", "removed", R) in rows
    assert not any(c.subject == tier and c.action == "added" and c.category == "enum value" for c in changes)
    assert ("OpenResponsesRequest", "store", "type", "changed", R) in rows
    store = [c for c in changes if c.subject == "OpenResponsesRequest" and c.path == "store"]
    assert {(c.category, c.old, c.new) for c in store} == {
        ("type", "boolean | null", "const false"), ("nullable", True, False)}
    assert ("ProviderName", '"Arcee"', "enum value", "removed", R) in rows
    provider = [c for c in changes if c.subject == "ProviderName"]
    assert all(c.sides == ("request", "response") for c in provider)
    assert {c.old for c in provider if c.action == "removed"} == {"Arcee"}
    assert all(not c.breaking for c in provider if c.action == "added")  # open enum


def test_nullable_rewrite_shows_only_tencent() -> None:
    changes = real_diff("2026-07-16-957b9f4e3", "2026-07-16-bba192f25")
    assert table(changes) == {
        ("BYOKProviderSlug", '"tencent"', "enum value", "added", NO),
        ("ListBYOKKeysProvider", '"tencent"', "enum value", "added", NO),
        ("ProviderName", '"Tencent"', "enum value", "added", NO),
        ("ProviderResponseProviderName", '"Tencent"', "enum value", "added", NO),
        ("ProviderOptions", "tencent", "field", "added", NO),
        ("VideoGenerationRequestProviderOptions", "tencent", "field", "added", NO),
    }
    assert not any(c.breaking for c in changes)


def test_new_model_list_bounds_are_the_only_breaking_changes() -> None:
    changes = real_diff("2026-08-11-884de02f7", "2026-08-12-448ec46f0")
    expected = {(plugin, f"{f}{part}", "bound", "added", R)
                for plugin in ("AutoRouterPlugin", "AutoBetaRouterPlugin")
                for f in ("allowed_models", "excluded_models")
                for part in (".maxItems", "[].maxLength")}
    # the same commit also lets GET /models filter by region "us" (a compatible change)
    assert table(changes) == expected | {("GetModelsRegion", '"us"', "enum value", "added", NO)}
    assert {c.new for c in changes if c.category == "bound"} == {1024}


def test_request_rename_is_a_rename_and_longer_session_id_is_compatible() -> None:
    changes = real_diff("2026-03-26-a935d65c6", "2026-03-27-f1a2289ce")
    renames = {c.old: c.new for c in changes if c.action == "renamed"}
    assert renames["OpenResponsesRequest"] == "ResponsesRequest"
    assert len(renames) > 90
    names = {c.subject for c in changes if c.category == "type" and c.action in ("added", "removed")}
    assert not {"OpenResponsesRequest", "ResponsesRequest"} & names
    session = [c for c in changes if c.subject == "ResponsesRequest" and c.path.startswith("session_id")]
    assert [(c.path, c.action, c.old, c.new, c.breaks) for c in session] == [
        ("session_id.maxLength", "loosened", 128, 256, NO)]
    # named as the SDK generated from the new spec names it (the renamed class)
    assert session[0].sdk == {"python": "ResponsesRequest.session_id",
                              "typescript": "ResponsesRequest.session_id"}


def test_number_to_integer_and_dropped_nullability_break_requests() -> None:
    changes = real_diff("2026-03-27-f1a2289ce", "2026-04-07-1ed9d21c8")
    rows = {(c.path, c.category, c.old, c.new, c.breaks) for c in changes if c.subject == "ResponsesRequest"}
    for f in ("max_output_tokens", "top_k"):
        assert (f, "type", "number", "integer", R) in rows
    for f in ("temperature", "top_p", "top_logprobs", "presence_penalty", "frequency_penalty",
              "max_output_tokens", "max_tool_calls"):
        assert (f, "nullable", True, False, R) in rows
    assert ("temperature.maximum", "bound", 2, None, NO) in rows  # bounds removed: compatible


def test_diff_of_the_largest_pair_from_the_cli() -> None:
    """Works end to end on the two largest specs (timing lives in bench/diff.py)."""
    old = shared_path("specs", OR, "2026-08-12-448ec46f0.yaml")
    new = shared_path("specs", OR, "2026-08-22-90c493767.yaml")
    cmd = [sys.executable, "-m", "generator.cli", "diff", str(old), str(new), "--format", "json"]
    env = {**os.environ}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["summary"]["changes"] > 0


F = {"f": {"type": "string"}}


def test_additional_properties(tmp_path: Path) -> None:
    old = both(obj(F) | {"additionalProperties": True}, Open=obj(F), Closed=obj(F) | {"additionalProperties": False})
    new = both(obj(F) | {"additionalProperties": {}}, Open=obj(F) | {"additionalProperties": False},
               Closed=obj(F))
    # unused types are used on no side: nothing they do breaks a client
    assert table(run(tmp_path, old, new)) == {
        ("Open", "additionalProperties", "field", "changed", NO),
        ("Closed", "additionalProperties", "field", "changed", NO)}
    old = both(obj({"o": {"$ref": "#/components/schemas/Open"}}), Open=obj(F))
    new = both(obj({"o": {"$ref": "#/components/schemas/Open"}}), Open=obj(F) | {"additionalProperties": False})
    assert table(run(tmp_path, old, new)) == {("Open", "additionalProperties", "field", "changed", R)}
