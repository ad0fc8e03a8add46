"""Numbers and nesting a spec may legally hold, through the real command and an import of
the generated package: an integer with a fractional or huge bound (`maximum: 1.5`,
`1e20`: pydantic refused to build the model), sizes of 10**300, and types nested inline
right up to the limit (past it: tests/test_broken_specs.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from generator.builder.depth import MAX_INLINE_DEPTH
from test_broken_specs import HEAD, respgen, write_spec

BOUNDS = HEAD + """components:
  schemas:
    A:
      type: object
      properties:
        a: {type: integer, maximum: 1.5, minimum: -1.5}
        b: {type: integer, exclusiveMaximum: 1.5, exclusiveMinimum: -1.5}
        c: {type: integer, maximum: 1e20, minimum: -1e20}
        d: {type: integer, multipleOf: 2.5}
        e: {type: integer, exclusiveMaximum: 1e300}
        s: {type: string, maxLength: 1HUGE}
        l: {type: array, minItems: 1, maxItems: 1HUGE}
        o: {type: object, maxProperties: 1HUGE}
""".replace("HUGE", "0" * 300)  # sizes past what pydantic takes (2**63 - 1)
# property -> (values accepted, values refused), as JSON Schema decides them
VERDICTS = {
    "a": ([1, -1, 0], [2, -2]),
    "b": ([1, -1], [2, -2]),
    "c": ([10**20, -(10**20)], [10**20 + 1, -(10**20) - 1]),
    "d": ([0, 5, -10], [3, 2]),
    "e": ([10**299], [10**301]),
    "s": (["x" * 100], [1]),
    "l": ([[1, 2]], [[]]),
    "o": ([{"a": 1}], [[]]),
}

CHECK = """
import json, sys
from pydantic import ValidationError
from {package} import models, validators
out = {{}}
for name, value in json.loads(sys.argv[1]):
    try:
        models.A.model_validate({{name: value}})
        model = True
    except ValidationError:
        model = False
    out[f"{{name}} {{value}}"] = [model, not validators.validate("A", {{name: value}})]
print(json.dumps(out))
"""


def _verdicts(folder: Path, package: str, cases: list[tuple[str, Any]]) -> dict[str, list[bool]]:
    run = subprocess.run([sys.executable, "-c", CHECK.format(package=package), json.dumps(cases)],
                         cwd=folder, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    result: dict[str, list[bool]] = json.loads(run.stdout)
    return result


def test_integer_bounds_that_are_not_integers_make_a_working_model(tmp_path: Path) -> None:
    write_spec(tmp_path / "spec", {"openapi.yaml": BOUNDS})
    run = respgen(tmp_path, "generate", "--spec", "spec/openapi.yaml", "--out", "out",
                  "--no-cache", "--package", "bounds")
    assert run.returncode == 0, run.stderr
    cases = [(name, v) for name, (good, bad) in VERDICTS.items() for v in good + bad]
    got = _verdicts(tmp_path / "out" / "python", "bounds", cases)
    for name, (good, bad) in VERDICTS.items():
        for value in good:
            assert got[f"{name} {value}"] == [True, True], (name, value)
        for value in bad:
            assert got[f"{name} {value}"] == [False, False], (name, value)


def _at_the_limit() -> dict[str, Any]:
    """MAX_INLINE_DEPTH levels, each a different container with every keyword that adds
    code (nullable arrays with sizes and uniqueness, maps with patterns, tuples), `not`
    innermost; each level holds one inner type, so the code grows linearly."""
    shapes = [
        lambda inner: {"type": ["array", "null"], "minItems": 1, "uniqueItems": True, "items": inner},
        lambda inner: {"type": "object", "minProperties": 1, "additionalProperties": {"type": "integer"},
                       "patternProperties": {"^a": inner, "^b": {"type": "integer"}}},
        lambda inner: {"type": "array", "prefixItems": [{"type": "string"}], "items": inner},
    ]
    schema: dict[str, Any] = {"not": {"type": "string"}}
    for level in range(MAX_INLINE_DEPTH - 1):
        schema = shapes[level % 3](schema)
    return schema


def test_types_nested_up_to_the_limit_generate_and_import(tmp_path: Path) -> None:
    deep = _at_the_limit()
    spec = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
            "paths": {"/w": {"post": {"requestBody": {"content": {"application/json": {"schema": deep}}},
                                      "responses": {"200": {"description": "ok", "content": {
                                          "application/json": {"schema": {"$ref": "#/components/schemas/W"}}}}}}}},
            "components": {"schemas": {"W": deep, "O": {"type": "object", "properties": {"w": deep}}}}}
    write_spec(tmp_path / "spec", {"openapi.json": json.dumps(spec)})
    run = respgen(tmp_path, "generate", "--spec", "spec/openapi.json", "--out", "out",
                  "--no-cache", "--package", "deep")
    assert run.returncode == 0, run.stderr
    value: Any = 1
    for level in range(MAX_INLINE_DEPTH - 1):
        value = [value] if level % 3 == 0 else {"a": value} if level % 3 == 1 else ["s", value]
    check = ("import json, sys\nfrom deep import client, models, validators\n"
             "print(json.dumps([not validators.validate('W', v) for v in json.loads(sys.argv[1])]))")
    verdicts = subprocess.run([sys.executable, "-c", check, json.dumps([value, "no"])],
                              cwd=tmp_path / "out" / "python", capture_output=True, text=True)
    assert verdicts.returncode == 0, verdicts.stderr[-2000:]
    assert json.loads(verdicts.stdout) == [True, False]
