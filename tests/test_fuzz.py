"""Fuzzing with hypothesis (derandomized, bounded: reproducible in CI, a minute or so).

1. Random but valid OpenAPI schemas, from a small grammar (objects, arrays, maps,
   unions, nullability, enums, consts, bounds, patterns, refs, odd names, any-unicode
   text), always generate a Python package that imports, passes `mypy --strict` (one call
   over every fuzzed package) and `black --check`, and round-trips the examples respgen
   derives for every type (the ones the docs show); every target renders, and the docs
   pass the Markdown audit of tests/hostile (no HTML, no foreign links).
2. Hypothesis-generated JSON fed to every model of our spec's package, and a fixed
   battery of awkward JSON fed to every fuzzed model, raises nothing but pydantic's
   ValidationError; what validates dumps and validates again to the same value.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from generator import pipeline
from generator.config import Config
from generator.ir import Ref
from generator.output.writer import write_target
from generator.targets.base import available_targets
from generator.targets.docs.examples import example_of
from generator.targets.python.models import build_view
from generator.targets.python.types import TypeMapper
from harness import Generated

sys.path.insert(0, str(Path(__file__).parent / "hostile"))
from checkers import audit_markdown  # noqa: E402  (tests/hostile: the Markdown proof)

SPECS = 60  # fuzzed specs per run
ODD_NAMES = ["class", "type", "model_config", "__init__", "a-b", "a_b", "A_B", "0", "None",
             "json", "$x", "x y", "constructor"]
NAME = st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,10}", fullmatch=True)
PROP = st.one_of(NAME, st.sampled_from(ODD_NAMES))
TEXT = st.text(max_size=12)  # any unicode but surrogates


def _bounded(low_key: str, high_key: str, lo: int, hi: int) -> st.SearchStrategy[dict[str, int]]:
    @st.composite
    def draw(d: st.DrawFn) -> dict[str, int]:
        out: dict[str, int] = {}
        a = d(st.none() | st.integers(lo, hi))
        b = d(st.none() | st.integers(lo, hi))
        if a is not None and b is not None and a > b:
            a, b = b, a
        if a is not None:
            out[low_key] = a
        if b is not None:
            out[high_key] = b
        return out
    return draw()


def leaves(refs: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    options = [
        _bounded("minLength", "maxLength", 0, 12).map(lambda b: {"type": "string", **b}),
        st.sampled_from(["date-time", "uri", "uuid", "email", "byte"]).map(
            lambda f: {"type": "string", "format": f}),
        _bounded("minimum", "maximum", -1000, 1000).map(lambda b: {"type": "integer", **b}),
        _bounded("minimum", "maximum", -50, 50).map(lambda b: {"type": "number", **b}),
        st.sampled_from([2, 5]).map(lambda m: {"type": "integer", "multipleOf": m}),
        st.just({"type": "boolean"}),
        st.sampled_from(["^[a-z]+$", "^x", "[0-9]", "^$|^a"]).map(
            lambda r: {"type": "string", "pattern": r}),
        st.sampled_from([["string", "null"], ["integer", "null"], ["boolean", "null"]]).map(
            lambda t: {"type": t}),
        TEXT.map(lambda d: {"type": "string", "default": d, "deprecated": True}),
        st.just({"type": "string", "readOnly": True}),
        st.lists(TEXT, min_size=1, max_size=4, unique=True).map(lambda v: {"type": "string", "enum": v}),
        st.lists(st.integers(-5, 5), min_size=2, max_size=4, unique=True).map(
            lambda v: {"type": "integer", "enum": v}),
        TEXT.map(lambda v: {"const": v}),
        st.just({}),
    ]
    if refs:
        options.append(st.sampled_from(refs).map(lambda r: {"$ref": f"#/components/schemas/{r}"}))
    return st.one_of(options)


def compound(children: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    @st.composite
    def obj(d: st.DrawFn) -> dict[str, Any]:
        props = d(st.dictionaries(PROP, children, max_size=4))
        out: dict[str, Any] = {"type": "object", "properties": props}
        required = [p for p in props if d(st.booleans())]
        if required:
            out["required"] = required
        extra = d(st.sampled_from(["absent", "false", "schema"]))
        if extra == "false":
            out["additionalProperties"] = False
        elif extra == "schema" and not props:
            out["additionalProperties"] = d(children)
        if d(st.booleans()):
            out["description"] = d(TEXT)
        return out

    return st.one_of(
        obj(),
        children.map(lambda c: {"type": "array", "items": c}),
        st.tuples(children, st.integers(0, 3)).map(
            lambda t: {"type": "array", "items": t[0], "minItems": t[1]}),
        # unique items only where a schema is always satisfiable: numbers, strings
        st.tuples(st.sampled_from([{"type": "integer"}, {"type": "string"}]), st.integers(0, 3)).map(
            lambda t: {"type": "array", "items": t[0], "minItems": t[1], "uniqueItems": True}),
        children.map(lambda c: {"type": "object", "additionalProperties": c, "minProperties": 1}),
        st.lists(children, min_size=2, max_size=3).map(lambda cs: {"oneOf": cs}),
        st.lists(children, min_size=2, max_size=3).map(lambda cs: {"anyOf": cs}),
        children.map(lambda c: {"anyOf": [c, {"type": "null"}]}),
        st.tuples(obj(), obj()).map(lambda ab: {"allOf": list(ab)}),
    )


@st.composite
def specs(d: st.DrawFn) -> dict[str, Any]:
    names = d(st.lists(NAME, min_size=1, max_size=4, unique_by=str.lower))
    schemas: dict[str, Any] = {}
    for i, name in enumerate(names):
        refs = names[:i]  # refs only backwards: no cycles a type alias cannot express
        schemas[name] = d(st.recursive(leaves(refs), compound, max_leaves=6))
    return {"openapi": "3.1.0", "info": {"title": d(TEXT), "version": "1"}, "paths": {},
            "components": {"schemas": schemas}}


def _generate(spec: dict[str, Any], root: Path, package: str) -> dict[str, Any]:
    root.mkdir(parents=True)
    (root / "openapi.json").write_text(json.dumps(spec))
    config = Config(spec=root / "openapi.json", out=root / "out", package=package, root=root,
                    targets=tuple(available_targets()), use_cache=False)
    ir, _ = pipeline.load_ir(config)
    for name in config.targets:  # every target renders
        files = pipeline.render_target(ir, config, name)
        if name == "python":
            write_target(root / "out" / "python", files, {"target": name})
        if name == "docs":  # random unicode text never becomes HTML or a foreign link
            for path, text in files.items():
                audit_markdown(path, text)
    mapper = TypeMapper(ir, build_view(ir).names)
    return {"package": package, "folder": str(root / "out" / "python"),
            "types": [[name, mapper.core(Ref(name=name)), example_of(ir, Ref(name=name))]
                      for name in ir.types]}


CHECK = r'''
import importlib, json, sys, warnings
from pydantic import TypeAdapter, ValidationError
warnings.simplefilter("ignore", DeprecationWarning)
AWKWARD = [None, True, 0, -1, 2**70, 1.5, 1e308, "", "x", "\u2028", [], [None], {},
           {"a": None}, {"": []}, [[[[{}]]]], {"type": 1}, {"__class__": {}}]
failures = []
for pkg in json.loads(sys.argv[1]):
    models = importlib.import_module(pkg["package"] + ".models")
    for name, annotation, example in pkg["types"]:
        value = eval(annotation, vars(models))
        adapter = TypeAdapter(eval(value, vars(models)) if isinstance(value, str) else value)
        try:
            parsed = adapter.validate_json(json.dumps(example))
            back = adapter.dump_python(parsed, mode="json", by_alias=True, exclude_unset=True)
            if back != example:
                failures.append([pkg["package"], name, "round-trip", example, back])
        except ValidationError as exc:
            failures.append([pkg["package"], name, "example rejected", example, str(exc)[:300]])
        for junk in AWKWARD:
            try:
                adapter.validate_json(json.dumps(junk))
            except ValidationError:
                pass
            except Exception as exc:
                failures.append([pkg["package"], name, "raised " + type(exc).__name__, junk, str(exc)[:300]])
json.dump(failures, sys.stderr)
'''


def test_random_valid_specs_generate_packages_that_import_type_check_and_round_trip(
        tmp_path: Path) -> None:
    made: list[dict[str, Any]] = []

    @settings(max_examples=SPECS, derandomize=True, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                     HealthCheck.filter_too_much])
    @given(specs())
    def generate_one(spec: dict[str, Any]) -> None:
        index = len(made)
        made.append(_generate(spec, tmp_path / f"s{index}", f"fuzz_{index}"))
        (tmp_path / f"s{index}" / "spec.json").write_text(json.dumps(spec, indent=1))

    generate_one()
    assert len(made) >= SPECS
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(m["folder"] for m in made)}
    run = subprocess.run([sys.executable, "-c", CHECK, json.dumps(made)], capture_output=True,
                         text=True, env=env, cwd=tmp_path, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout == ""
    failures = json.loads(run.stderr)
    assert not failures, json.dumps(failures[:5], indent=1) + f"\n(specs under {tmp_path})"
    mypy = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                           *[a for m in made for a in ("-p", m["package"])]],
                          capture_output=True, text=True, cwd=tmp_path,
                          env={**env, "MYPYPATH": env["PYTHONPATH"]}, timeout=600)
    assert mypy.returncode == 0, mypy.stdout[-3000:]
    black = subprocess.run([sys.executable, "-m", "black", "--check", "-q",
                            *[m["folder"] for m in made]], capture_output=True, text=True)
    assert black.returncode == 0, black.stderr[-3000:]
    types = sum(len(m["types"]) for m in made)
    print(f"\nfuzzed {len(made)} specs, {types} types: import, mypy --strict, black, "
          f"derived examples round-trip, awkward JSON raises only ValidationError")


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4),
    max_leaves=12,
)


def test_random_json_into_every_model_raises_only_validation_error(ours: Generated) -> None:
    names = sorted(ours.ir.types)
    wires = sorted({f.name for t in ours.ir.types.values() for f in getattr(t, "fields", [])})
    objects = st.dictionaries(st.sampled_from(wires) | st.text(max_size=6), JSON, max_size=6)
    examples = {n: example_of(ours.ir, Ref(name=n)) for n in names}

    @st.composite
    def near_valid(d: st.DrawFn) -> tuple[str, Any]:
        """A type's derived example with one key replaced or added (deep-ish inputs)."""
        name = d(st.sampled_from(names))
        value = examples[name]
        if isinstance(value, dict):
            value = {**value, d(st.sampled_from(sorted(value) or wires)): d(JSON)}
        return name, value

    checked = {"ok": 0, "rejected": 0}

    @settings(max_examples=600, derandomize=True, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(st.tuples(st.sampled_from(names), JSON | objects) | near_valid())
    def feed(case: tuple[str, Any]) -> None:
        name, value = case
        adapter = ours.adapter(name)
        try:
            parsed = adapter.validate_json(json.dumps(value))
        except ValidationError:
            checked["rejected"] += 1
            return
        dumped = adapter.dump_python(parsed, mode="json", by_alias=True, exclude_unset=True)
        again = adapter.dump_python(adapter.validate_json(json.dumps(dumped)), mode="json",
                                    by_alias=True, exclude_unset=True)
        assert again == dumped
        checked["ok"] += 1

    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        feed()
    print(f"\n{sum(checked.values())} random JSON values into {len(names)} types: "
          f"{checked['ok']} valid, {checked['rejected']} ValidationError, nothing else")
    assert checked["rejected"] > 0
