"""The generated validators agree with the reference (`jsonschema`, Draft
2020-12, on the raw schema) on every payload: valid data from
hypothesis-jsonschema and the same data mutated (a required field dropped, a
wrong type, a number out of range, an unknown enum value, an extra key, null).

Types are those reachable from POST /responses. hypothesis-jsonschema is slow
on the largest schemas (a stream event union inlines whole responses: 50 s),
so strategies are built smallest schema first within a time budget; the test
prints how many types got generated data and how many payloads were compared.
"""

from __future__ import annotations

import copy
import json
import random
import time
from typing import Any, Callable

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from bundle import Bundle
from schema_data import Instances
from hypothesis_compat import install as install_compat
from harness import Generated
from shared_data import LATEST_SPEC
from validator_support import validators

from generator.ir.walk import exprs_of_type, reachable, refs

BUDGET_SECONDS = 10.0
install_compat()
EXAMPLES = 150


def post_responses_types(g: Generated) -> list[str]:
    op = next(o for o in g.ir.operations if o.path == "/responses" and o.method == "post")
    roots: list[str] = []
    if op.request_body:
        roots += [n for c in op.request_body.content if c.type for n in refs(c.type)]
    roots += [n for r in op.responses for c in r.content if c.type for n in refs(c.type)]
    return sorted(reachable(g.ir, roots))


def _paths(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [here]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, here + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, here + (i,))
    return out


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for token in path:
        value = value[token]
    return value


def _set(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    value = copy.deepcopy(value)
    _get(value, path[:-1])[path[-1]] = new
    return value


def _wrong_type(node: Any) -> Any:
    if isinstance(node, bool):
        return "true"
    if isinstance(node, (int, float)):
        return str(node)
    if isinstance(node, str):
        return 42
    if isinstance(node, list):
        return {"items": node}
    if isinstance(node, dict):
        return [node]
    return 0


def mutations(value: Any, choose: Callable[[list[Any]], Any]) -> list[Any]:
    """`value` with one thing broken, once per kind of break; `choose` picks where."""
    paths = _paths(value)
    out: list[Any] = []

    def pick(test: Callable[[tuple[Any, ...]], bool]) -> tuple[Any, ...] | None:
        eligible = [p for p in paths if test(p)]
        return choose(eligible) if eligible else None

    p = pick(lambda p: bool(p) and isinstance(_get(value, p[:-1]), dict))
    if p is not None:  # drop a property (a required one, often)
        dropped = copy.deepcopy(value)
        del _get(dropped, p[:-1])[p[-1]]
        out.append(dropped)
    p = pick(lambda p: True)
    if p is not None:
        out.append(_set(value, p, _wrong_type(_get(value, p))))
    p = pick(lambda p: isinstance(_get(value, p), (int, float)) and not isinstance(_get(value, p), bool))
    if p is not None:
        out.append(_set(value, p, _get(value, p) + choose([10**9, -10**9, 0.5])))
    p = pick(lambda p: isinstance(_get(value, p), str))
    if p is not None:
        out.append(_set(value, p, _get(value, p) + "_unknown"))
    p = pick(lambda p: isinstance(_get(value, p), dict))
    if p is not None:
        out.append(_set(value, p, {**_get(value, p), "zz_extra": 1}))
    p = pick(lambda p: bool(p))
    if p is not None:
        out.append(_set(value, p, None))
    return out


@pytest.mark.parametrize("spec", ["ours", LATEST_SPEC], ids=["spec", "latest"])
def test_validators_agree_with_jsonschema(spec: str, generated_for: Callable[[str], Generated]) -> None:
    g = generated_for(spec)
    module = validators(g)
    bundle = Bundle(g.spec)
    names = post_responses_types(g)
    schemas: dict[str, Any] = {}
    unsupported: list[str] = []
    for n in names:
        try:
            schemas[n] = bundle.schema(g.ir.types[n].origin)
        except (KeyError, ValueError) as exc:
            unsupported.append(f"{n}: {exc}")
    order = sorted(schemas, key=lambda n: (len(json.dumps(schemas[n])), n))
    cases: list[tuple[str, Any, Any]] = []  # (python name, reference, strategy)
    start = time.monotonic()
    for n in order:
        if time.monotonic() - start > BUDGET_SECONDS:
            break
        try:
            strategy = from_schema(schemas[n])
        except Exception as exc:  # recursive or unsatisfiable for hypothesis-jsonschema
            unsupported.append(f"{n}: {type(exc).__name__}")
            continue
        cases.append((g.view.names[n], jsonschema.Draft202012Validator(schemas[n]), strategy))
    compared: list[int] = [0, 0]  # payloads, of which valid per reference
    disagreements: list[str] = []

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        name, reference, strategy = cases[data.draw(st.integers(0, len(cases) - 1))]
        value = data.draw(strategy)
        for payload in [value, *mutations(value, lambda xs: data.draw(st.sampled_from(xs)))]:
            if payload is None:
                continue  # a named type's own null is carried by its uses, as the IR says
            ours = module.validate(name, payload)
            theirs = reference.is_valid(payload)
            compared[0] += 1
            compared[1] += theirs
            if (not ours) != theirs:
                disagreements.append(f"{name}: reference valid={theirs}, ours={ours[:2]}, "
                                     f"payload={json.dumps(payload)[:300]}")

    run()
    print(f"\n{spec}: {len(names)} types reachable from POST /responses; {len(cases)} with "
          f"hypothesis-jsonschema data (smallest first, {BUDGET_SECONDS:.0f} s budget), "
          f"{len(unsupported)} it cannot generate; {compared[0]} payloads compared "
          f"({compared[1]} valid, {compared[0] - compared[1]} invalid), "
          f"{len(disagreements)} disagreements")
    for line in unsupported[:10]:
        print("  not generated:", line)
    assert compared[0] > EXAMPLES
    assert not disagreements, "\n".join(disagreements[:10])


_MESSAGE = {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "x"}]}
_TOOL = {"type": "function", "name": "f", "description": "d",
         "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}
HANDPICKED: list[Any] = [
    {"model": "m", "input": "hi"},
    {"model": "m", "input": [_MESSAGE, {"role": "assistant", "content": "ok"}]},
    {"model": "m", "input": [{**_MESSAGE, "content": [{"type": "input_text", "text": 42}]}]},
    {"model": "m", "input": [{**_MESSAGE, "content": None}]},
    {"model": "m", "input": [{**_MESSAGE, "type": "nope"}]},
    {"model": "m", "input": [{"role": "user"}]},
    {"model": "m", "tools": [_TOOL], "tool_choice": "auto"},
    {"model": "m", "tools": [{**_TOOL, "parameters": None}]},
    {"model": "m", "tools": [{**_TOOL, "type": "web_search"}]},
    {"model": "m", "text": {"format": {"type": "json_schema", "name": "a", "schema": {}}}},
    {"model": "m", "reasoning": {"effort": "ultra"}},
    {"model": "m", "reasoning": None, "temperature": 5, "top_p": -1},
    {"model": 5, "input": [1, "x", None], "metadata": {"a": 1}},
]


@pytest.mark.parametrize("spec", ["ours", LATEST_SPEC], ids=["spec", "latest"])
def test_handpicked_requests_agree(spec: str, generated_for: Callable[[str], Generated]) -> None:
    """Requests a person would write, right and wrong: same verdict as the reference."""
    g = generated_for(spec)
    module = validators(g)
    op = next(o for o in g.ir.operations if o.path == "/responses" and o.method == "post")
    ir_name = op.request_body.content[0].type.name  # type: ignore[union-attr]
    reference = jsonschema.Draft202012Validator(Bundle(g.spec).schema(g.ir.types[ir_name].origin))
    verdicts = [(not module.validate(g.view.names[ir_name], p), reference.is_valid(p))
                for p in HANDPICKED]
    print(f"\n{spec}: handpicked requests (ours, reference): {verdicts}")
    assert all(ours == theirs for ours, theirs in verdicts), verdicts
    assert {theirs for _, theirs in verdicts} == {True, False}


GENERATED_PER_TYPE = 3  # seeded instances per type, besides the spec's own examples


def _direct_refs(g: Generated, name: str) -> set[str]:
    return {r for e in exprs_of_type(g.ir.types[name]) for r in refs(e)}


@pytest.mark.parametrize("spec", ["ours", LATEST_SPEC], ids=["spec", "latest"])
def test_every_reachable_type_agrees(spec: str, generated_for: Callable[[str], Generated]) -> None:
    """Every type reachable from POST /responses, however large, gets payloads of its
    own: the spec's examples for it and seeded instances of its bundled schema
    (`schema_data`), each with the same mutations; our verdict equals the reference's.
    A type with no raw schema of its own (it exists only inside a merged `allOf`) is
    listed, counted, and covered through the parents whose schemas contain it."""
    g = generated_for(spec)
    module = validators(g)
    bundle = Bundle(g.spec)
    names = post_responses_types(g)
    merged_only: list[str] = []
    per_type: dict[str, int] = {}
    valid_types: set[str] = set()
    disagreements: list[str] = []
    payloads = valid = 0
    for n in names:
        try:
            schema = bundle.schema(g.ir.types[n].origin)
        except KeyError:
            merged_only.append(n)
            continue
        reference = jsonschema.Draft202012Validator(schema)
        rng = random.Random(f"{spec}:{n}")
        instances = Instances(schema, rng)
        values = [*g.ir.types[n].examples, *(instances.make() for _ in range(GENERATED_PER_TYPE))]
        per_type[n] = 0
        for value in values:
            for payload in [value, *mutations(value, rng.choice)]:
                if payload is None:
                    continue  # a named type's own null is carried by its uses, as the IR says
                ours = module.validate(g.view.names[n], payload)
                theirs = reference.is_valid(payload)
                per_type[n] += 1
                payloads += 1
                valid += theirs
                if theirs:
                    valid_types.add(n)
                if (not ours) != theirs:
                    disagreements.append(f"{n}: reference valid={theirs}, ours={ours[:2]}, "
                                         f"payload={json.dumps(payload)[:300]}")
    parents: dict[str, list[str]] = {}  # merged-only type -> covered (or resolved) parents
    while True:
        found = {m: sorted(p for p in [*per_type, *parents] if m in _direct_refs(g, p))
                 for m in merged_only if m not in parents}
        found = {m: ps for m, ps in found.items() if ps}
        if not found:
            break
        parents.update(found)
    print(f"\n{spec}: {len(names)} types reachable from POST /responses; {len(per_type)} "
          f"covered with their own payloads ({len(valid_types)} of them with at least one "
          f"valid), {len(merged_only)} without a raw schema (merged allOf), covered through "
          f"their parents; {payloads} payloads ({valid} valid, {payloads - valid} invalid), "
          f"{len(disagreements)} disagreements")
    for m in merged_only:
        print(f"  no raw schema: {m} (inside {', '.join(parents.get(m, [])[:3]) or '?'})")
    assert set(per_type) | set(merged_only) == set(names)
    assert all(per_type[n] > 0 for n in per_type), [n for n in per_type if not per_type[n]]
    assert set(parents) == set(merged_only), set(merged_only) - set(parents)
    assert not disagreements, "\n".join(disagreements[:10])
