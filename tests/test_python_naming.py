"""Python names are valid, never shadow keywords/builtins/pydantic, and keep wire names;
spec text can never break out of a string or docstring."""

from __future__ import annotations

import ast
import keyword

from pydantic import BaseModel

from generator.targets.python.escaping import py_doc, py_str, py_value
from generator.targets.python.naming import class_names, field_names, member_names

NASTY = ['"""', "'''", "\\", "\u2028", "*/", "`", "${x}", "</script>", "\x00", "\r\n",
         '"', "\\N{BULLET}", "\ud800", "end\\"]


def test_field_names_avoid_keywords_builtins_and_pydantic() -> None:
    wires = ["class", "model_config", "json", "schema", "copy", "str", "list", "2fast",
             "_private", "camelCase", "X-Header", "x_header", "type", ""]
    names = field_names(wires)
    for wire, name in names.items():
        assert name.isidentifier() and not keyword.iskeyword(name), (wire, name)
        assert not name.startswith("_") and not hasattr(BaseModel, name), name
    assert names["type"] == "type" and names["camelCase"] == "camel_case"
    assert names["class"] == "class_" and names["json"] == "json_" and names["str"] == "str_"
    assert len(set(names.values())) == len(wires)  # collisions resolved
    assert field_names(list(reversed(wires))) == names  # independent of order


def test_class_and_member_names() -> None:
    names = class_names(["Field", "Literal", "foo-bar", "Foo_Bar", "None", "3d", "list"])
    assert all(n.isidentifier() and not keyword.iskeyword(n) for n in names.values())
    assert names["Field"] == "Field_" and names["None"] == "None_" and names["list"] == "list_"
    assert len(set(names.values())) == len(names)
    assert member_names(["a-b", "a_b", "", "1x", "None"]) == ["A_B", "A_B_2", "EMPTY", "V_1_X", "NONE"]


def test_escaping_round_trips_every_payload() -> None:
    for text in NASTY + ["".join(NASTY)]:
        assert ast.literal_eval(py_str(text)) == text
        doc = '"""' + py_doc(text) + '"""'
        tree = ast.parse(f"def f():\n    {doc}\n")
        assert isinstance(tree.body[0], ast.FunctionDef) and len(tree.body[0].body) == 1
    assert ast.literal_eval(py_value({"a\"": ["\u2028", None, True, 1.5]})) == {"a\"": ["\u2028", None, True, 1.5]}


# Whole specs full of hostile text (every sink, every target): tests/hostile/.


def test_reserved_model_attributes_cover_installed_pydantic() -> None:
    """The fixed list generation uses (no pydantic import at generation time) holds every
    public attribute of the installed pydantic's BaseModel."""
    import subprocess
    import sys

    from pydantic import BaseModel

    from generator.targets.python.naming import MODEL_ATTRS

    missing = {n for n in dir(BaseModel) if not n.startswith("_")} - MODEL_ATTRS
    assert not missing, f"pydantic has public attributes respgen's list lacks: {sorted(missing)}"
    # and generating never imports pydantic
    code = ("import sys, generator.cli, generator.targets.python.target, generator.pipeline;"
            "sys.exit(1 if any(m == 'pydantic' or m.startswith('pydantic.') for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_py_str_escapes_each_character_as_py_char_says() -> None:
    """`py_str` (a regex over the characters to escape) writes
    every character as `_py_char` does: the code points that matter, in runs, and beside
    text that needs no escape."""
    from generator.targets.python.escaping import _py_char

    from generator.misleading import MISLEADING

    # every code point up to past the last one escaped, and each plane's first ones
    every = "".join(map(chr, [*range(max(MISLEADING) + 0x200),
                              *(p + i for p in range(0x10000, 0x110000, 0x10000) for i in range(64))]))
    texts = [every, *(every[i:i + 97] for i in range(0, 0x3000, 97)), 'a"b\\c', "\\", '"', "",
             "plain", "é\u2028\x00\ud800"]
    for text in texts:
        assert py_str(text) == '"' + "".join(map(_py_char, text)) + '"'


def _qualified_by_tokenize(annotation: str, models: set[str]) -> str:
    """The client's annotation qualifying as it was, over Python's own tokenizer."""
    import io
    import tokenize

    from generator.targets.python.client import BUILTIN_ANNOTATIONS, RUNTIME_HELPERS

    tokens = list(tokenize.generate_tokens(io.StringIO(annotation).readline))
    out = annotation
    for i in reversed(range(len(tokens))):
        tok = tokens[i]
        nxt = tokens[i + 1].string if i + 1 < len(tokens) else ""
        prev = tokens[i - 1].string if i else ""
        if tok.type != tokenize.NAME or nxt == "=" or prev == "." or tok.start[0] != 1:
            continue
        text = tok.string
        if text in models:
            text = "_m." + text
        elif text in {*BUILTIN_ANNOTATIONS}:
            text = "builtins." + text
        elif text in RUNTIME_HELPERS:
            text = "_rt." + text
        out = out[: tok.start[1]] + text + out[tok.end[1]:]
    return out


def test_annotations_qualified_as_the_tokenizer_cuts_them() -> None:
    """The client's `_Qualifier` (a regex over the annotation's tokens) qualifies every
    name Python's tokenizer finds where it did: strings, numbers, keyword arguments,
    attributes and comparison operators left as they are."""
    from generator.targets.python.client import _Qualifier

    models = {"Foo", "Bar", "x", "e5", "b"}
    annotations = [
        'Annotated[StrictStr, Field(pattern="^a\\\\"Foo=c$", max_length=5)]', "list[Foo] | None",
        "dict[str, Bar]", 'Literal["Foo", 1, -2]', "Annotated[int, Field(ge=1e5, le=0x1F)]",
        "x.Foo", "Foo == Bar", "Foo<=Bar", "str", "Annotated[list[Foo], unique_items, NOT_NULL]",
        'deprecated_field("a.b is deprecated")', "Foo(x=Bar, e5=1.5e5)", "bytes | float | bool",
        "'Foo' | Foo", 'Annotated[Foo | Bar, Tag("x \\\\u2028 y")]', "x[...] | b", "Foo(**Bar)",
    ]
    qualify = _Qualifier(models)
    changed = 0
    for annotation in annotations:
        expected = _qualified_by_tokenize(annotation, models)
        changed += expected != annotation
        assert qualify(annotation) == expected, annotation
    assert changed > len(annotations) // 2


def test_py_doc_of_one_line_as_of_many() -> None:
    """`py_doc`'s one-line shortcut gives what its general path does (the same text with
    a line break after it, which the general path strips)."""
    for text in ["", " ", "a", ' lead and "quotes" \\ ', "tab\there ", "é \u2028 x", '"""', "  x  "]:
        assert py_doc(text) == py_doc(text + "\n"), text
