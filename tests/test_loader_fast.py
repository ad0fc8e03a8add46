"""The YAML fast path (yaml-rs, generator/source/yaml_fast.py) reads a text exactly as
the libyaml path does, or leaves it to libyaml: the same corpus goes through both and
every outcome (the value, compared by `repr` so 1, 1.0 and True differ; or the error
with its line, column and pointer) must be equal."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from generator.source import json_positions, yaml_fast, yaml_positions
from generator.source import pointer as jp
from generator.source.yaml_json import ParseError, locate, parse
from tests.shared_data import LATEST_SPEC, shared_path, upstream_specs

ROOT = Path(__file__).resolve().parents[1]
OPENAI_SPEC = "openai/2025-04-29-498c71d.yaml"


def outcome(text: str, fast: bool) -> tuple[object, ...]:
    try:
        return ("ok", repr(parse(text, False, fast=fast)))
    except ParseError as exc:
        return ("error", exc.message, exc.line, exc.column, exc.pointer)
    except RecursionError:
        return ("too deep",)


def assert_same(text: str) -> None:
    if yaml_fast.load(text) is yaml_fast.MISS:
        return  # both paths are libyaml's: nothing to compare (and no second parse)
    assert outcome(text, True) == outcome(text, False), repr(text[:200])


# Plain scalars where YAML 1.1, YAML 1.2 and parsers disagree: booleans, nulls, numbers
# in every base and spelling, dates, infinities, huge and tiny numbers.
SCALARS = """yes no on off y n Yes NO True TRUE true false False FALSE tRue null Null NULL ~ nUll
0 -0 +0 007 000 0o17 0O17 0x1F 0X1F -0x1F +0o7 0b101 0B1 1_000 _5 ._5 +_1 1e_1 0x1_0 1,000 1:30
1:30:00 -1:30 0777 09 08.5 1.0 1. .5 -.5 +.5 1e3 1E3 1e+3 1.5e-3 -1e3 1.0e3 1e 1.e3 .e3 .inf -.inf
+.inf .Inf .INF .InF .NaN .nan .NAN .nAn inf nan NaN Infinity 2001-12-14 2001-12-14t21:59:43.10-05:00
123456789012345678901234567890 -9223372036854775809 9223372036854775808 1e400 -1e400 1e309 4.9e-324
1e-400 0.1 0.30000000000000004 1e23 3.14159265358979323846 -0.0 ++1 --1 0x 0o 0xg = <<
""".split()

DOCUMENTS = [
    "", "\n", "# only a comment\n", "---\n", "--- a\n", "a\n", "a: 1\n---\nb: 2\n", "a: 1\n...\n",
    "%YAML 1.1\n---\nv: yes\n", "v: 'yes'\n", 'v: "0x1F"\n', "v: !!str 1\n", "v: !!int '1'\n",
    "v: !!binary aGk=\n", "v: !!set {a}\n", "v: !!timestamp 2001-01-01\n", "v: !custom x\n",
    "a: !\n", "a: !!null ''\n", "a: 1\na: 2\n", "1: a\n'1': b\n", "true: a\nTrue: b\n",
    "null: a\n~: b\n", "0x10: a\n16: b\n", "a: &x 1\nb: *x\n", "a: &x {k: 1}\nb:\n  <<: *x\n  j: 2\n",
    "<<: {a: 1}\n", "*x\n", "a: &anchor\n", "\ufeffa: 1\n", "a: 1\n\ufeffb: 2\n",
    'a: "\\ud800"\n', 'a: "\\ud83d\\ude00"\n', 'a: "\\x41\\u00e9\\U0001F600\\N\\_\\L\\P\\0\\a\\e"\n',
    "a: |\n  x\n  y\n", "a: >\n  x\n  y\n\n  z\n", "a: |-\n  x\n", "a: >+\n  x\n\n",
    "a: x\n  y\n\n  z\n", "a: 'it''s'\n", 'a: "multi\n  line"\n', "a: b: c\n", "a:\r\n  b: 1\r\n",
    "a: 1_0\r\nb: 2\r\n", "a: x\rb: y\r", "a:\tb\n", "\ta: 1\n", "a: [1, 2,]\n", "a: {b: 1, c}\n",
    "? a\n: 1\n", "? [a]\n: 1\n", "[a]: 1\n", "{a: 1}: 2\n", "[1,2]: a\n", "a: #c\n  1\n", "a: b #c\n",
    "a: b#c\n", "- a\n- b\n", "a:\n- 1\n- 2\n", "a: - 1\n", "a: @x\n", "a: `x\n", "a: %x\n",
    "a: 1\n b: 2\n", '"quoted key": 1\n', "a: \u2028x\n", "a: \x85x\n", "a: \x07\n", "a: \x7f\n",
    "a: \ufffe\n", '{"a":1,"b":[true,null]}', '{"a": 1, "a": 2}', "[a:]\n", "{a:}\n", "[+ A:]\n",
    "{a:1}\n", "1.5: a\n", ".inf: a\n", "a: 1.0\nb: 1\nc: 1.0e0\n", "a: b!c\nd: e&f\n",
    "a: " + "[" * 300 + "]" * 300 + "\n", "- " * 20_000 + "a\n",
    "".join(" " * i + "a:\n" for i in range(300)), "".join(" " * i + "a:\n" for i in range(130)),
    "a: " + "9" * 400 + "\n", "a: 0x" + "f" * 300 + "\n", "a:\n  b: 1\n" * 2,
    # from the YAML test suite: where YAML 1.2 (yaml-rs) and libyaml part
    '{"foo"\n: "bar"}\n', "{foo\n: bar}\n", "{x: :x}\n", '- { "key":value }\n- { "key"::value }\n',
    "{ ?foo: bar,\nbar: 42\n}\n", "- [ : empty key ]\n- [: another empty key]\n", "- ::vector\n",
    "[:x]\n", "[?x]\n", "- |+\n   ", "foo: |\n  x\n   ", ":\n\n\n", ":", "- :\n",
    'plain key: in-line value\n: # Both empty\n"quoted key":\n- entry\n', "k: {\n k\n :\n v\n }\n",
    "grammar: 'root ::= x'\n", "pattern: '(?::[^@]*)?'\n",
    # anchors and aliases (read fast when libyaml's events show they read alike)
    "a: &x {k: 1}\nb: *x\n", "a: &x [1, 2]\nb: [*x, *x]\n", "a: &x\n  k: [1]\nb: *x\n",
    "a: &x\nb: *x\n", "- &x a\n- *x\n- *x\n", "a: [&x 1, *x]\n", "a: {&x k: v, b: *x}\n",
    "&x k: 1\n*x : 2\n", "&x k: 1\nb: {*x : 2}\n", "&r {a: 1}\n", '"k": &a "v"\nj: *a\n',
    "a: &x 'it''s &y'\nb: *x\n", "a: &x 1\nb: &x 2\nc: *x\n", "a: &x [1, *x]\n", "a: *x\n",
    "a: &x.y 1\nb: *x.y\n", "a: &x:y 1\n", "a: &x 1\nb: *x:\n", "a: &x !!str 1\nb: *x\n",
    "a: &x {<<: {}}\n", "a: &x 1\nb: *x\n---\nc: *x\n", "a: &x 1_0\nb: *x\n",
    "a: &x 1\nb: [*x,*x]\n", "a: &x\n  - 1\n  - &y {z: *x}\nb: *y\n", "a: b # &x\n",
    # guards' characters in quoted and block scalars (code samples)
    'a: "x &y !z 0b1 1_000 [a:] <<: v {x: :x}"\nb: |\n  &q !t <<: [a:] :x\n  - ::v\n',
    "a: '&y !z'\nb: >-\n  0x1_0 &a\n   *a\n", "a: x &y\n", "a: [x, &y]\n", 'a: "\\ud800 &y"\n',
]


def _laughs(levels: int) -> str:
    """Nested aliases: 9 ** levels nodes once expanded (a bomb from 6 levels on)."""
    lines = ["l0: &a0 [" + ", ".join(["lol"] * 9) + "]"]
    lines += [f"l{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_aliases_that_add_few_nodes_read_fast_and_alike() -> None:
    text = _laughs(4)  # 9 ** 4 nodes: read (and copied per alias) by yaml-rs
    data = yaml_fast.load(text)
    assert data is not yaml_fast.MISS and len(data["l3"][8][8][8]) == 9
    assert_same(text)


@pytest.mark.parametrize("levels", [6, 9])
def test_alias_bombs_stay_with_libyaml_and_its_limit(levels: int) -> None:
    text = _laughs(levels)
    assert yaml_fast.load(text) is yaml_fast.MISS
    if levels == 9:  # 9 ** 9 nodes: libyaml's path refuses it before expanding
        outcome_ = outcome(text, True)
        assert outcome_[0] == "error" and "an alias bomb?" in str(outcome_[1])


def test_every_scalar_form_reads_the_same_on_both_paths() -> None:
    # every spelling of up to three characters from the alphabet of numbers, too
    alphabet = "0123456789.eE+-_xoXObB"
    short = ["".join(p) for n in (1, 2, 3) for p in itertools.product(alphabet, repeat=n)]
    for scalar in SCALARS + short:
        for text in (f"v: {scalar}\n", f"[{scalar}]\n", f"{scalar}: v\n"):
            assert_same(text)


@pytest.mark.parametrize("text", DOCUMENTS, ids=range(len(DOCUMENTS)))
def test_documents_read_the_same_on_both_paths(text: str) -> None:
    assert_same(text)


@pytest.mark.parametrize("text", [
    "a: &x [1, *x]\n", "a: &x 1\nb: &x 2\nc: *x\n", "a: &x:y 1\nb: *x:y\n", "a: b # &x\n",
    "a: &x !t 1\nb: *x\n", "a: x &y\n", "a: !t x\n", "<<: {}\n", "%YAML 1.2\n---\na: 1\n", "a: 1\n---\n", "a:\tb\n",
    "a: \x85\n", "[a:]\n", "a: 1_000\n", "a: [+0x1]\n", "a: 0b1\n", " " * 257 + "a: 1\n",
    "- " * 200 + "a\n", "a: 1\n\ufeffb: 1\n",
])
def test_what_could_read_differently_goes_to_libyaml(text: str) -> None:
    assert yaml_fast.load(text) is yaml_fast.MISS


def test_keys_become_text_as_on_the_libyaml_path() -> None:
    text = "200: a\ntrue: b\n~: c\n1.5: d\n1e3: e\n"
    assert yaml_fast.load(text) == {"200": "a", "true": "b", "null": "c", "1.5": "d",
                                    "1000.0": "e"}
    assert_same(text)


def test_the_fast_path_reads_this_repository_spec() -> None:
    for path in sorted((ROOT / "spec").rglob("*.yaml")):
        text = path.read_text()
        assert yaml_fast.load(text) is not yaml_fast.MISS, path
        assert_same(text)


@pytest.mark.parametrize("name", upstream_specs())
def test_real_specs_read_the_same_on_both_paths(name: str) -> None:
    text = shared_path("specs", name).read_text()
    assert_same(text)  # JSON is YAML too: the .json specs go through both YAML paths
    if name.endswith(".yaml"):  # anchors, and code samples full of `&`, `!`, `: :x`
        assert yaml_fast.load(text) is not yaml_fast.MISS


def _pointers(data: object, at: str = "") -> list[str]:
    found = [at]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _pointers(value, jp.join(at, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _pointers(value, jp.join(at, index))
    return found


JSON_TEXT = """{"a": {"b~c": [1, {"d/e": "x\\u00e9\\n"}, [], {}], "\\u0041": null},
  "long": "\u00e9\U0001F600 text", "after": [ true ,false, {"k": -1.5e3}],
  "a.b": {"": {"deep": [[[["here"]]]]}}}"""


def test_json_positions_are_those_composing_gives() -> None:
    texts = [JSON_TEXT, "[1, [2, 3], {\"x\": [4]}]", "{}", "[]"]
    for name in upstream_specs():
        if name.endswith(".json"):
            texts.append(shared_path("specs", name).read_text())
    for text in texts:
        data = json.loads(text)
        pointers = _pointers(data)[::7] + ["/a/zz", "/a/b~0c/9", "/after/x", "/nope/deeper"]
        for pointer in pointers:
            assert json_positions.locate(text, jp.split(pointer) if pointer else []) \
                == _composed(text, pointer), pointer


def _composed(text: str, pointer: str) -> tuple[int, int] | None:
    """The position by composing the text as YAML (what `locate` does for non-JSON)."""
    saved = json_positions.locate, yaml_positions.locate
    try:
        json_positions.locate = yaml_positions.locate = lambda text, tokens: None  # type: ignore[assignment]
        return locate(text, pointer)
    finally:
        json_positions.locate, yaml_positions.locate = saved  # type: ignore[assignment]


def test_json_positions_where_composing_fails() -> None:
    text = '{"a": "\\ud83d\\ude00",\n "b": 1}'  # libyaml refuses surrogate escapes
    assert _composed(text, "/b") is None
    assert locate(text, "/b") == (2, 7)


def test_yaml_flow_text_falls_back_to_composing() -> None:
    assert json_positions.locate("{a: [1, 2]}", ["a", "1"]) is None
    assert locate("{a: [1, 2]}", "/a/1") == (1, 9)
    assert json_positions.locate("a: 1\n", ["a"]) is None


TRICKY_YAML = """# a comment first
openapi: 3.1.0
'quoted key': {flow: [1, 2]}
"double \\u00e9": 'it''s'
key with spaces: value with colon:x
a:b: c
list:
- first
- second: 2
  third: 3
-
  fourth: 4
- - nested
  - items
nested:
  # a comment inside
  child: |
    # not a comment
    not_a_key: x
  sibling: >
    folded
  empty:
  after empty: 1
  seq:
    - a: 1
      b:
        - x
        - y
    - plain
      continued
  '200':
    description: ok
  200x: 1
last: end
"""


def test_yaml_positions_are_those_composing_gives() -> None:
    texts = [TRICKY_YAML] + [p.read_text() for p in sorted((ROOT / "spec").rglob("*.yaml"))]
    texts.append(shared_path("specs", LATEST_SPEC).read_text())
    texts.append(shared_path("specs", OPENAI_SPEC).read_text())  # an anchor, code samples
    for text in texts:
        pointers = _pointers(parse(text, False))
        if len(pointers) > 2000:
            pointers = pointers[::97]
        # and pointers that end below what is there (a diagnostic's place in an `allOf`
        # member it inherits): the deepest node found, as composing gives
        absent = [pointer + tail for pointer in pointers[::29] for tail in ("/nope", "/9/x")]
        found = missing = 0
        for pointer in pointers + absent + ["/nope", "/nested/nope", "/list/9", "/list/x"]:
            position = yaml_positions.locate(text, jp.split(pointer) if pointer else [])
            if position is not None:  # None: `locate` composes
                found += 1
                missing += pointer in absent
                assert position == _composed(text, pointer), pointer
        assert found > len(pointers) // 2
        assert missing > len(absent) // 4


def test_yaml_positions_leave_aliases_and_flow_to_composing() -> None:
    text = "a: &x {b: 1}\nc: *x\nd: &y\n  e: 1\nf: *y\n"
    for pointer in ("/a", "/d", "/nope"):  # an anchor: the node's place is the `&`
        assert yaml_positions.locate(text, jp.split(pointer)) == _composed(text, pointer)
    for pointer in ("/c", "/f", "/a/b", "/d/e", "/d/z", "/f/e"):  # at an alias, or below an anchor
        assert yaml_positions.locate(text, jp.split(pointer)) is None
        assert locate(text, pointer) == _composed(text, pointer)
    assert yaml_positions.locate("a: {b: 1}\n", ["a", "b"]) is None
    assert locate("a: {b: 1}\n", "/a/b") == (1, 8)
