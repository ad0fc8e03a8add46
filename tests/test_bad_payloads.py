"""The generated models reject bad requests at the field's path, for our spec
and for the upstream version it follows."""

from __future__ import annotations

import warnings
from typing import Any, Callable

import pytest
from pydantic import ValidationError

from harness import Generated
from shared_data import SEED_SPEC

GOOD: dict[str, Any] = {"model": "openai/gpt-4o", "input": "Say hi"}
BAD = [
    ("temperature above its maximum of 2", {"temperature": 5}, ("temperature",), "less_than_equal"),
    ("session_id longer than 128", {"session_id": "s" * 129}, ("session_id",), "string_too_long"),
    ("unknown value of a request enum", {"truncation": "sideways"}, ("truncation",), "enum"),
    ("unknown single-value service_tier", {"service_tier": "ultra"}, ("service_tier",), None),
    ("null for a non-nullable field", {"model": None}, ("model",), None),
    ("store: true where it is const false", {"store": True}, ("store",), None),
    ("wrong nested type", {"reasoning": {"effort": 3}}, ("reasoning", "effort"), None),
]


def request_model(g: Generated) -> Any:
    op = next(o for o in g.ir.operations if o.path == "/responses" and o.method == "post")
    assert op.request_body is not None
    ref = op.request_body.content[0].type
    return g.adapter(ref.name)  # type: ignore[union-attr]


@pytest.fixture(params=["ours", SEED_SPEC], ids=["spec", "upstream-seed"])
def generated(request: pytest.FixtureRequest, generated_for: Callable[[str], Generated]) -> Generated:
    return generated_for(request.param)


def test_good_request_round_trips_and_unset_fields_stay_absent(generated: Generated) -> None:
    adapter = request_model(generated)
    parsed = adapter.validate_python(GOOD)
    assert adapter.dump_python(parsed, mode="json", exclude_unset=True) == GOOD


@pytest.mark.parametrize("label,patch,loc,kind", BAD, ids=[b[0] for b in BAD])
def test_bad_request_is_rejected_at_the_field(generated: Generated, label: str,
                                              patch: dict[str, Any], loc: tuple[str, ...],
                                              kind: str | None) -> None:
    adapter = request_model(generated)
    with pytest.raises(ValidationError) as info, warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        adapter.validate_python({**GOOD, **patch})
    errors = info.value.errors()
    assert any(tuple(str(p) for p in e["loc"][: len(loc)]) == loc for e in errors), errors
    if kind is not None:
        assert any(e["type"] == kind for e in errors), errors


def test_deprecated_field_warns_when_set(generated: Generated) -> None:
    adapter = request_model(generated)
    with pytest.warns(DeprecationWarning, match="route"):
        adapter.validate_python({**GOOD, "route": "fallback"})
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        adapter.validate_python(GOOD)  # no warning when it is not set


def test_response_side_enums_are_open_request_side_closed(generated: Generated) -> None:
    from generator.ir import EnumType

    enums = [t for t in generated.ir.types.values()
             if isinstance(t, EnumType) and t.base == "string" and len(t.values) > 1]
    open_ = [t for t in enums if t.open]
    closed = [t for t in enums if not t.open]
    assert open_ and closed
    for t in open_[:20]:
        value = generated.adapter(t.name).validate_python("a-value-from-the-future")
        assert value == "a-value-from-the-future"
        assert generated.adapter(t.name).validate_python(t.values[0]) == t.values[0]
    for t in closed[:20]:
        with pytest.raises(ValidationError):
            generated.adapter(t.name).validate_python("a-value-from-the-future")
