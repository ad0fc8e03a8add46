"""Direction of use on every real spec: the request side is strict, the response side
lenient, even where both use the same type (issue 11, point 3); and realistic requests
to OpenAI's POST /responses are told apart from wrong ones by every checker."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

import pytest
from pydantic import ValidationError

from harness import Generated, spec_data
from openai_requests import INVALID, OPENAI_SPEC, VALID
from reference import Reference
from shared_data import upstream_specs
from validator_support import validators
from vendor_support import (
    body_types, bundle_accepts, model_accepts, validator_accepts, zod_results,
)

from generator.builder.usage import side_roots
from generator.ir import EnumType, Ref, UnionType
from generator.ir.tags import dispatch
from generator.ir.walk import reachable

SPECS = upstream_specs()
needs_specs = pytest.mark.skipif(not SPECS, reason="../shared/specs is not available")
FUTURE = "a-value-from-the-future"


@needs_specs
@pytest.mark.parametrize("name", SPECS or ["-"])
def test_request_strict_response_lenient(name: str,
                                         generated_for: Callable[[str], Generated]) -> None:
    g = generated_for(name)
    request = reachable(g.ir, side_roots(g.ir)["request"])
    response = reachable(g.ir, side_roots(g.ir)["response"])
    lenient = [n for n in request if getattr(g.ir.types[n], "open", False)
               and len(g.ir.types[n].values) > 1  # type: ignore[union-attr]  # one: a literal
               or getattr(g.ir.types[n], "keeps_unknown", False)]
    assert lenient == [], lenient[:10]
    twins = [(t.twin_of, n) for n, t in g.ir.types.items()
             if isinstance(t, EnumType) and t.twin_of and len(t.values) > 1]
    check = validators(g).VALIDATORS
    cache: dict[str, Any] = {}
    for original, twin in twins:  # an enum the request and the response share
        assert model_accepts(g, Ref(name=original), FUTURE)
        assert g.adapter(original).validate_python(FUTURE) == FUTURE
        assert not model_accepts(g, Ref(name=twin), FUTURE)
        assert bundle_accepts(g, Ref(name=original), FUTURE, cache)
        assert not bundle_accepts(g, Ref(name=twin), FUTURE, cache)
        if g.view.names[twin] in check:
            assert not validator_accepts(g, Ref(name=twin), FUTURE)
    unions = [n for n in sorted(response) if isinstance(g.ir.types[n], UnionType)
              and g.ir.types[n].keeps_unknown]  # type: ignore[union-attr]
    # building a union builds every type it reaches: the two smallest stand for all
    for name_ in sorted(unions, key=lambda n: (len(reachable(g.ir, [n])), n))[:2]:
        d = dispatch(g.ir, g.ir.types[name_])  # type: ignore[arg-type]
        assert d is not None
        item = {d.property: FUTURE, "payload": [1, {"x": None}]}
        kept = g.adapter(name_).validate_python(item)
        assert type(kept).__name__ == "UnknownVariant"
        assert kept.model_dump(mode="json") == item
        assert bundle_accepts(g, Ref(name=name_), item, cache)
        twin = next((n for n, t in g.ir.types.items() if t.twin_of == name_), None)
        if twin is not None:
            with pytest.raises(ValidationError):
                g.adapter(twin).validate_python(item)
    doubled = [n for n in g.ir.types if re.search(r"(Param|Request)s?\1s?\d*$", n)
               and g.ir.types[n].twin_of]
    assert doubled == [], doubled[:10]  # a twin's suffix never doubles the name's own
    shared = request & response
    print(f"\n{name}: {len(shared)} types both sides reach, {len(twins)} shared enums "
          f"with a strict twin, {len(unions)} response unions keep unknown tags")
    if "openai" in name:
        assert twins and unions


@pytest.fixture(scope="module")
def openai(generated_for: Callable[[str], Generated]) -> Generated:
    if OPENAI_SPEC not in SPECS:
        pytest.skip("../shared/specs/openai is not available")
    return generated_for(OPENAI_SPEC)


def test_realistic_openai_requests(openai: Generated, tmp_path: Path) -> None:
    """Every checker accepts the realistic requests and rejects the wrong ones. A message
    with a content list is valid under two members of the spec's `InputItem` oneOf
    (EasyInputMessage, and Item's InputMessage): they share the tag `message`, so respgen
    reads that oneOf as anyOf (builder/overlaps.py), while plain `jsonschema` on the raw
    spec rejects the request the server accepts."""
    request, _ = body_types(openai, "/responses")
    cases: list[tuple[str, dict[str, Any], bool]] = (
        [(k, v, True) for k, v in VALID.items()] + [(k, v, False) for k, v in INVALID.items()])
    zod = zod_results(openai, tmp_path, [(request, value) for _, value, _ in cases])
    problems = []
    for (label, value, valid), zod_ok in zip(cases, zod):
        for checker, ok in (
                ("models", model_accepts(openai, request, value)),
                ("zod", zod_ok),
                ("validators", validator_accepts(openai, request, value)),
                ("bundle", bundle_accepts(openai, request, value))):
            if ok != valid:
                problems.append(f"{label}: {checker} {'accepts' if ok else 'rejects'} it")
    assert problems == [], "\n".join(problems)
    assert not openai.ir.types["InputItem"].exclusive  # type: ignore[union-attr]
    reference = Reference(spec_data(openai.spec))
    body = "/paths/~1responses/post/requestBody/content/application~1json/schema"
    message = VALID["message with text and image"]
    assert not reference.is_valid(body, message)  # two oneOf members match: exact reading
    assert reference.is_valid(body, VALID["string input"])
