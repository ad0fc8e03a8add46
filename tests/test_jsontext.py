"""`jsontext.dumps_indented` writes exactly `json.dumps(value, indent=2, ensure_ascii=False)`
(every target's indented JSON goes through it), and leaves what it does not know to json."""

from __future__ import annotations

import enum
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.targets.jsontext import dumps_indented, dumps_one_line

# Text with what JSON escapes: quotes, backslashes, controls, non-ASCII, surrogates.
TEXT = st.text(st.characters(codec=None, categories=None), max_size=12) | st.sampled_from(
    ['"', "\\", "\n", "\x00", "\x7f", "\u2028", "\ud800", "é", "\U0001f600", ""])
SCALARS = st.none() | st.booleans() | st.integers(-(2**70), 2**70) | TEXT | st.floats(
    allow_nan=True, allow_infinity=True)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(TEXT, inner, max_size=4), max_leaves=30)


def expected(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_same_text_as_json(value: Any) -> None:
    assert dumps_indented(value) == expected(value)
    assert dumps_one_line(value) == json.dumps(value, ensure_ascii=False)


class Level(enum.IntEnum):
    LOW = 1


class Name(str, enum.Enum):
    A = "a"


@pytest.mark.parametrize("value", [
    {1: "int key", 2.5: "float key", True: "bool key", None: "null key"},  # keys json converts
    [Level.LOW, Name.A, (1, 2), ()],  # subclasses and tuples
    {"deep": [[[[{"x": [float("nan"), float("inf"), -float("inf"), -0.0, 1e-7, 1e22]}]]]]},
])
def test_what_json_converts_stays_converted_as_json_does(value: Any) -> None:
    assert dumps_indented(value) == expected(value)
    assert dumps_one_line(value) == json.dumps(value, ensure_ascii=False)
    for item in value.values() if isinstance(value, dict) else value:
        assert dumps_one_line(item) == json.dumps(item, ensure_ascii=False)


def test_deep_nesting_and_cycles_are_json_s_own() -> None:
    deep: list[Any] = []
    for _ in range(5000):
        deep = [deep]
    with pytest.raises(RecursionError):
        expected(deep)
    with pytest.raises(RecursionError):
        dumps_indented(deep)
    loop: dict[str, Any] = {}
    loop["self"] = loop
    with pytest.raises(ValueError, match="Circular reference"):
        dumps_indented(loop)
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps_indented({"a": object()})
