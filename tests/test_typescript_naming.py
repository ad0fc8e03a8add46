"""TypeScript names are legal and never reserved, clashes resolve the same way
every time, and spec text cannot break out of a string, key or JSDoc comment."""

from __future__ import annotations

import json
import re

from generator.targets.typescript.escaping import ts_comment, ts_doc, ts_key, ts_str, ts_value
from generator.targets.typescript.naming import KEYWORDS, MODULE_NAMES, type_names

NASTY = ["*/", "/*", "`", "${x}", "\u2028", "\u2029", "\r\n", '"', "'", "\\", "\x00",
         "\ud800", "</script>", "@param x", "end\\", "\ufeff"]
IDENT = re.compile(r"^[A-Za-z$][A-Za-z0-9_$]*$")


def test_type_names_are_legal_unique_and_deterministic() -> None:
    ir_names = ["class", "string", "Equal", "z", "$dollar", "a$b", "foo-bar", "FooBar", "3d",
                "_hidden", "unknown", "Record", "ok", "Café"]
    names = type_names(ir_names)
    assert all(IDENT.match(n) for n in names.values()), names
    assert not set(names.values()) & (KEYWORDS | MODULE_NAMES)
    assert len(set(names.values())) == len(ir_names)
    assert names["class"] == "class_" and names["string"] == "string_" and names["z"] == "z_"
    assert names["$dollar"] == "$dollar" and names["a$b"] == "a$b"
    assert names["FooBar"] == "FooBar" and names["foo-bar"] == "FooBar_2"  # sorted: F < f
    assert names["3d"] == "T3D" and names["Café"].isascii()
    assert type_names(list(reversed(ir_names))) == names


def test_string_literals_stay_literals() -> None:
    for text in NASTY + ["".join(NASTY)]:
        literal = ts_str(text)
        body = literal[1:-1]
        assert literal[0] == literal[-1] == '"'
        assert not re.search(r'(?<!\\)(\\\\)*"', body), literal  # no unescaped quote
        assert not any(ch in body for ch in "\n\r\u2028\u2029`") and "${" not in body
        # JSON can read it once the two escapes JSON lacks are spelled its way
        decoded = json.loads(re.sub(r"\\x([0-9a-f]{2})", r"\\u00\1", literal))
        assert decoded == text


def test_doc_comments_cannot_be_closed_or_tagged() -> None:
    for text in NASTY + ["".join(NASTY), "a */ b", "@deprecated"]:
        block = ts_comment(ts_doc(text))
        assert block.count("*/") == 1 and block.endswith("*/")
        assert not any(ch in block for ch in "\r\u2028\u2029\x00")
        assert not re.search(r"^\s*\*\s*@", block, re.M)


def test_keys_and_values() -> None:
    assert ts_key("name") == "name" and ts_key("$x") == "$x" and ts_key("x-y") == '"x-y"'
    assert ts_key("__proto__") == '"__proto__"'
    assert ts_key("__proto__", literal=True) == '["__proto__"]'
    assert ts_value({"__proto__": 1, "a b": [None, True, 1.5, -2]}) == \
        '{["__proto__"]: 1, "a b": [null, true, 1.5, -2]}'


def test_numbers_are_numbers_and_comment_blocks_never_close_early() -> None:
    """Bounds are written as code (`.min(3)`): anything but a number is refused, not
    written. The `tscomment` filter is safe on any text, not only on ts_doc output."""
    import pytest

    from generator.ir import Constraints
    from generator.targets.typescript.escaping import ts_number
    from generator.targets.typescript.types import _checks, _size_checks

    assert ts_number(3) == "3" and ts_number(2.5) == "2.5"
    for bad in ("1); evil(", True, None, [1]):
        with pytest.raises(TypeError):
            ts_number(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        _checks(Constraints(min_length="0).refine(evil).min(0"), "string")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        _size_checks(Constraints(min_properties="0, evil()"))  # type: ignore[arg-type]
    block = ts_comment("a */ evil() /* b")
    assert block.count("*/") == 1 and block.endswith("*/")
