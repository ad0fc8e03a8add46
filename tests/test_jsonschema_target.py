"""The JSON Schema target: every bundled schema passes the 2020-12 metaschema check
(spec/ and every upstream spec), accepts what the Python models accept and
rejects the bad payloads at the same path."""

from __future__ import annotations

import json
from typing import Any, Callable

import jsonschema
import pytest

from examples import checked
from harness import Generated
from shared_data import ROOT, SEED_SPEC, upstream_specs
from test_bad_payloads import BAD, GOOD
from ts_project import request_ref

from generator.misleading import in_json
from generator.targets.jsonschema.schema import bundle
from generator.targets.jsonschema.target import _text, schemas

SPECS = ["ours", *upstream_specs()]


@pytest.mark.parametrize("name", SPECS)
def test_every_schema_passes_the_metaschema(name: str,
                                            generated_for: Callable[[str], Generated]) -> None:
    found = schemas(generated_for(name).ir)
    assert any("request" in path for path in found) and any("event" in path for path in found)
    # The bundles share their $defs entries: check each root, and every entry once.
    every_def: dict[str, Any] = {}
    for path, (_, schema) in found.items():
        defs = schema.get("$defs", {})
        for key, value in defs.items():
            assert every_def.setdefault(key, value) is value or every_def[key] == value, key
        root = {k: v for k, v in schema.items() if k != "$defs"}
        jsonschema.Draft202012Validator.check_schema(root)
        json.dumps(schema, allow_nan=False)
    jsonschema.Draft202012Validator.check_schema({"$defs": every_def})
    jsonschema.Draft202012Validator({"$defs": every_def, "$ref": "#/$defs/" + next(iter(every_def))})


def test_a_bundle_is_written_as_json_dumps_writes_it(ours: Generated) -> None:
    """Each `$defs` entry is encoded once per run and spliced into every bundle that holds
    it: the file is still `json.dumps(indent=2)` byte for byte, misleading characters
    escaped, for spec/'s bundles and for names and values a spec may hold."""
    found = {path: schema for path, (_, schema) in schemas(ours.ir).items()}
    found["odd"] = {"$schema": "s", "title": "t\u202e\n\"", "$ref": "#/$defs/a",
                    "$defs": {'a"\n\u2028b': {"description": "é\u0085\ufeff", "x": {1: "k"},
                                             "enum": [1.5, 10**20, None, True, {}, [], ""]},
                              "": {}}}
    found["no defs"] = {"$schema": "s", "title": "t", "type": "string"}
    defs: dict[str, str] = {}
    for path, schema in found.items():
        assert _text(schema, defs) == in_json(json.dumps(schema, indent=2, ensure_ascii=False)), path
    assert len(defs) >= 10  # spec/'s bundles share their entries
    joined: dict[tuple[str, ...], str] = {}  # and bundles of the same roots, their `$defs`
    for path, schema in [*found.items(), *found.items()]:
        assert _text(schema, defs, joined) == in_json(json.dumps(schema, indent=2,
                                                                 ensure_ascii=False)), path


def test_committed_schemas_are_json_and_valid() -> None:
    files = sorted((ROOT / "generated" / "jsonschema").rglob("*.schema.json"))
    assert len(files) >= 3
    for file in files:
        jsonschema.Draft202012Validator.check_schema(json.loads(file.read_text()))


@pytest.mark.parametrize("name", ["ours", SEED_SPEC], ids=["spec", "upstream-seed"])
def test_examples_and_bad_payloads(name: str, generated_for: Callable[[str], Generated]) -> None:
    g = generated_for(name)
    cache: dict[str, Any] = {}
    request = jsonschema.Draft202012Validator(bundle(g.ir, request_ref(g.ir), "request", cache))
    assert request.is_valid(GOOD)
    for label, patch, loc, _ in BAD:
        errors = list(request.iter_errors({**GOOD, **patch}))
        paths = [tuple(str(p) for p in e.absolute_path) for e in errors]
        paths += [tuple(str(p) for p in sub.absolute_path) for e in errors for sub in e.context or []]
        assert any(p[: len(loc)] == loc for p in paths), (label, paths)
    problems, total = [], 0
    for ex, problem in checked(g):
        assert ex.expr is not None
        total += 1
        python_ok = problem is None or not problem.startswith("rejected")
        schema_ok = jsonschema.Draft202012Validator(bundle(g.ir, ex.expr, "x", cache)).is_valid(ex.value)
        if python_ok != schema_ok:
            problems.append(f"{ex.where}: python {python_ok}, json schema {schema_ok}")
    assert total > 100
    assert problems == [], "\n".join(problems[:20])
