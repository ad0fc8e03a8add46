"""Generated Python is laid out as black would, without black
(generator/targets/python/layout.py, pyformat.py): the same text as black's on
statements built to hit each of black's splitting rules, and a default `generate`
never imports black (the real specs' output is checked by `black --check` in
tests/test_upstream_specs.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import black
import pytest

from generator.targets.python import pyformat
from shared_data import ROOT
from test_format_units import CASES as FORMAT_CASES

MODE = black.Mode(target_versions={black.TargetVersion.PY311})
N = "N" * 24
CASES = {
    "alias unions": f"X: TypeAlias = {N}One | {N}Two | {N}Three | list[{N}]\n"
                    f"Y: TypeAlias = {N}One | {N}Two | Literal[\"a\"] | None\n"
                    f"Z: TypeAlias = Annotated[{N}One | {N}Two | {N}Three, Field(discriminator=\"type\")]\n",
    "fields": f"class M(Model):\n    x: Annotated[list[{N}] | None, NOT_NULL] = Field(None, alias=\"annotations\")\n"
              f"    y: Annotated[Annotated[list[StrictStr], Field(max_length=2)] | None, NOT_NULL, {N}] = None\n",
    "calls and displays": f"_E1 = frozenset({{\"{N}a\", \"{N}b\", \"{N}c\", \"{N}d\", \"{N}e\"}})\n"
                          f"_E2 = frozenset({{\"{N}a\", \"b\", \"c\"}})\n"
                          f"_T: dict[str, Choice] = {{\"a\": ((_v_{N},), (\"{N}\",), ()), \"b\": ((_v_B,), (\"B\",), ())}}\n",
    "signatures": f"def f(self, endpoint: Endpoint[Any, Any], request: httpx.Request, stream: bool) -> httpx.Response:\n    pass\n\n\n"
                  f"async def g(self, *, a: {N} | None = None, b: {N} | {N} | None = None, c: int = 1) -> X | AsyncStream[{N}]:\n    pass\n\n\n"
                  f"def h({N.lower()}_parameter_name_that_is_long: {N} | {N}) -> None:\n    pass\n",
    "conditions and returns": f"def f():\n    if self.text_field is None or getattr(event, \"type\", None) not in self.text_tags_{N}:\n"
                              f"        return error_class(status)(message, status=status, body=body, headers={N})\n"
                              f"    return [x for x in {N} if x not in {N}] if {N} else {N}_{N}\n",
    "strings and numbers": "x = \"one of \\\"and\\\", \\\"or\\\"\"\ny = 'it is \\x1b'\nz = 1E5 + 0XAB + 1.E3\n",
    "for loops": f"def f():\n    for error in exc.errors(include_url=False, include_input=False, include_context=False)[\n        :limit\n    ]:\n        pass\n"
                 f"    for key, value in sorted({N}.items(), key=lambda kv: (kv[0], len(kv[1])), reverse=True):\n        pass\n",
    "await": f"async def f():\n    return await self._paginate(endpoint, _next_page(request, endpoint.cursor, after_{N}))\n",
    "lambdas": f"class M(Model):\n    x: Annotated[list[{N}], Field(default_factory=lambda: [{N}(a=1, b=2)], min_length=1)] = None\n",
    "a docstring ending in a quote, too long for its closing quotes":
        "class A:\n    def f(self) -> None:\n        \"\"\"T\n\n        " + "x" * 75 + "\\\"\"\"\"\n\n"
        "    def g(self) -> None:\n        \"\"\"T\n\n        " + "x" * 140 + "\\\"\\\"\\\"\"\"\"\n",
    "an exploded call with magic commas": f"_POST: _b.Endpoint[_m.{N}{N}, _m.{N}] = _b.Endpoint(\n"
                                          f"    name=\"POST /x\",\n    errors={{\n        400: _m.A,\n    }},\n)\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_same_text_as_black(name: str) -> None:
    text = CASES[name]
    laid = pyformat.lay_out(text)
    assert laid is not None, "this shape is one the port covers"
    assert laid == black.format_str(text, mode=MODE)
    assert pyformat.lay_out(laid) == laid  # stable


@pytest.mark.parametrize("name", sorted(FORMAT_CASES))
def test_same_as_black_or_handed_to_black(name: str) -> None:
    """The black-path cases: either laid out exactly as black, or refused (None)."""
    text = FORMAT_CASES[name]
    laid = pyformat.lay_out(text)
    assert laid is None or laid == black.format_str(text, mode=MODE)


def test_default_generate_never_imports_black(tmp_path: Path) -> None:
    """A cold `generate` of spec/: black stays out of the process; with --format it
    is used, and changes nothing."""
    probe = ("import sys\nfrom generator.cli import main\n"
             "try:\n    main(sys.argv[1:])\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
             "print('black' in sys.modules)\n")
    spec = ROOT / "spec" / "openapi.yaml"
    for extra, expected in (((), "False"), (("--format",), "True")):
        run = subprocess.run(
            [sys.executable, "-c", probe, "generate", "--spec", str(spec), "--out",
             str(tmp_path / f"out{len(extra)}"), "--no-cache", "--target", "python",
             "--package", "openresponses", *extra],
            cwd=tmp_path, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        assert run.stdout.strip().splitlines()[-1] == expected
    python = tmp_path / "out0" / "python"
    assert (python / "openresponses" / "models.py").read_bytes() == \
        (tmp_path / "out1" / "python" / "openresponses" / "models.py").read_bytes()


def _shape_cases() -> list[list[str]]:
    """Statements of each shape `pyshapes` knows, at lengths around every threshold."""
    cases: list[list[str]] = []
    for depth in (0, 1, 3):
        i = "    " * depth
        for n in range(4, 100, 3):
            a, b = "a" * n, "B" * (n // 2 + 1)
            cases += [[f"{i}validate_{a} = validator(_v_{a})"],
                      [f"{i}self.{a} = _r.raw_response(resource.{b})"],
                      [f"{i}{a}{b} = f(x)"], [f"{i}x = f({a}{b})"],
                      [f"{i}_E{n} = frozenset({{\"{a}\", \"b\", \"{b}\"}})"],
                      [f"{i}_E{n} = frozenset({{\"{a}\", x.y, \"{b}\", \"c\" \"d\"}})"],
                      [f"{i}_X{n} = \"one of \\\"{a}\\\", \\\"{b}\\\"\""],
                      [f"{i}_X{n} = 'it\\'s {a}'"], [f"{i}{b} = \"{a}{a}\""],
                      [f"{i}__all__ = [", f"{i}    \"{a}\",", f"{i}    \"{b}{a}\",", f"{i}]"],
                      [f"{i}V: dict[str, C] = {{", f"{i}    \"{a}\": _v_{a},", f"{i}    \"{b}\": m.x,",
                       f"{i}    \"{b}{a}\": \"{a}_{b}\",", f"{i}}}"],
                      [f"{i}_T_{a}: dict[str, Choice] = {{\"{b}\": ((_v_{a},), (\"{b}\",), ()), "
                       f"\"b\": ((_v_B, _v_{b}), (\"B\", \"{a}\"), ((\"x\", 1),))}}"],
                      [f"{i}X = [{a}, f({b},), g(1, None), ({b},)]"],
                      [f"{i}X = {{\"{a}\": [(\"{b}\", x.y), {a}]}}"],
                      [f"{i}e.append(bad((p, \"{a}\"), \"type\", \"{b}\", v))"],
                      [f"{i}by_tag(d, p, e, \"_shape\", _T_{a}, _T_{b}_absent, _T_other, True)"],
                      [f"{i}f(x, ((a, {b}), c), y, k={a})"], [f"{i}f({a}{b})"],
                      [f"{i}e.append(bad(((p, \"{a}\"), i1), \"type\", \"string\", x1))"],
                      [f"{i}_T_{b}: dict[str, Choice] = {{\"{a}\": ((_v_{a}, _v_{b}, _v_{a}{b}), "
                       f"(\"{a}{b}\", \"{b}\"), ((\"x\", 1),)), \"b\": [{b}, {{\"{a}\": {b}}}]}}"],
                      [f"{i}return _b.Types(body=_m.{b}, errors={{400: _m.{a}, 401: _m.{b}}}, "
                       f"params={{\"path:{a}\": StrictStr, \"query:{b}\": Annotated[int, F(ge=1)] | None}})"],
                      [f"{i}return f({a}{b})"], [f"{i}return g(h({a}, {b}), {b}={{\"x\": ({a}, {b})}})"],
                      [f"{i}{b}: TypeAlias = Literal[\"{a}\"] | {b} | list[{a}] | None"],
                      [f"{i}X: TypeAlias = Annotated[{a}, Tag(\"{a}{b}\")] | Annotated[{b}, Tag(\"{b}\")] | f(x)"],
                      [f"{i}{a} = {b} | {a}[{b}, {{\"x\": 1}}] | {b}{a}"], [f"{i}X: T = {a} | {b}"],
                      [f"{i}X: T = {a} | {b} + 1 | c"], [f"{i}X: T = {a}[1][2] | {b} | c"],
                      [f"{i}{b}: TypeAlias = Annotated[Annotated[{a}, Tag(\"{a}\")] | {b} | None, "
                       f"Discriminator(tag_of(\"type\", {{\"{a}\": \"{b}\", \"b\": \"{a}\"}}))]"],
                      [f"{i}{b} = X[{a} | {b}, Field(discriminator=\"{a}\")]"],
                      [f"{i}X: T = f({a}(1, {b}), g({b}), h)"],
                      [f"{i}_T_{b}_other: Choice = ((_v_{a},), (\"{a}\",), ())"],
                      [f"{i}def _v_{a}(d: Any, p: Any, e: Errors) -> None:"],
                      [f"{i}def f_{b}({a}: Any) -> x.Y:"],
                      [f"{i}def f(self_{a}: A, {b}: B, c: C, {b}{a}: D):"]]
            cases += [[f"{i}_{a}: X[_m.{b}{a}, None] = f(", f"{i}    x={{1: _m.{b}}},",
                       f"{i}    y=g(\"{a}\", {b}),", f"{i})"]]
            for x in ("", "x", "xy"):  # a column apart: black's thresholds differ by one
                cases += [[f"{i}_{b}{a}{x}: _b.Endpoint[_m.{b}, None] = _b.Endpoint(",
                           f"{i}    name=\"GET /{a}\",", f"{i}    types=_t_{a},", f"{i})"],
                          [f"{i}{a}{x}: Annotated[{b} | None, NOT_NULL] = None"],
                          [f"{i}_{b}{x}: TypeAlias = Annotated[{a}, Field(ge=0)] | None"],
                          [f"{i}_{b}{x}: TypeAlias = {a} | list[{b}]"], [f"{i}_{x}: T = {a} | f({b})"],
                          [f"{i}{b}{x}: {a} = {a}.PNG"], [f"{i}f{x}: {b} | None = {a}.{b}"],
                          [f"{i}f{x}: Annotated[Annotated[list[{a}], F(max_length=8)] | None, N] = None"],
                          [f"{i}b{x}: Annotated[dict[str, {b}] | None, N] = Field(None, alias=\"{a}\")"],
                          [f"{i}t{x}: Annotated[int | None, F(\"x\")] = Field(default_factory={a}, le=1)"]]
    return cases


def test_known_shapes_as_the_port_lays_them_out() -> None:
    """`pyshapes` (the common shapes laid out directly) gives the same lines as
    `layout.split` (black's splitting, ported) at every length it takes on."""
    from generator.targets.python import layout, pyshapes

    known = 0
    for statement in _shape_cases():
        depth = (len(statement[0]) - len(statement[0].lstrip(" "))) // 4
        fast = pyshapes.lay_out(statement)
        if fast is not None:
            known += 1
            assert fast == layout.split([part.strip(" ") for part in statement], depth), statement
    assert known > len(_shape_cases()) // 2  # the shapes are taken, not passed on


def test_known_shapes_on_our_spec_as_the_port_lays_them_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every statement of spec/'s Python output that `pyshapes` lays out, `layout.split`
    lays out the same (the shapes as the templates really write them)."""
    from generator.config import Config
    from generator.pipeline import load_ir
    from generator.targets.base import get_target
    from generator.targets.python import layout, pyshapes
    from generator.targets.render import environment

    config = Config(root=ROOT, spec=ROOT / "spec" / "openapi.yaml", use_cache=False,
                    package="openresponses", targets=("python",))
    ir, _ = load_ir(config)
    target = get_target("python")
    files = target.render(ir, config, environment("python", None, target.filters))
    known: list[tuple[list[str], list[str]]] = []
    shapes = pyshapes.lay_out

    def spy(statement: list[str]) -> list[str] | None:
        lines = shapes(statement)
        if lines is not None:
            known.append((statement, lines))
        return lines

    monkeypatch.setattr(pyshapes, "lay_out", spy)
    for path, text in files.items():
        if path.endswith(".py"):
            assert pyformat.lay_out(text) is not None, path
    assert len(known) > 300  # most long statements take the direct way
    for statement, lines in known:
        depth = (len(statement[0]) - len(statement[0].lstrip(" "))) // 4
        assert lines == layout.split([part.strip(" ") for part in statement], depth), statement


def test_unsure_is_the_one_alternation() -> None:
    """`pyshapes._unsure` (its kinds searched apart) finds what the one alternation it
    replaced finds, on texts with and without each kind, alone and mixed."""
    import itertools
    import re

    from generator.targets.python import pyshapes

    alternation = re.compile(r"[#'\\;]|\*\*|:=|[\w)\]}\"] \(|(?<![\w.])(?:\d[\w.]*[.A-Za-z]|\.\d)")
    pieces = ["a", "(b, c)", "#", "'", "\\", ";", "**", ":=", "f (x)", ") (", "1e5", "x1.5",
              ".5", "1.", "0x1F", "a.1b", "12", " ", "x = y", '"" (']
    texts = ["".join(p) for n in (1, 2, 3) for p in itertools.product(pieces, repeat=n)]
    found = 0
    for text in texts:
        expected = alternation.search(text) is not None
        found += expected
        assert pyshapes._unsure(text) == expected, text
    assert 0 < found < len(texts)


def _cut_by_tokens(inner: str, separator: str = ",") -> list[str] | None:
    """`pybodies.cut` as it was: one loop over every string, bracket and separator."""
    import re

    pieces = re.compile(r'(")(?:[^"\\\n]|\\.)*"|([(\[{])|([)\]}])|(' + re.escape(separator) + ")")
    pairs = {"(": ")", "[": "]", "{": "}"}
    parts: list[str] = []
    stack: list[str] = []
    start = 0
    for match in pieces.finditer(inner):
        kind = match.lastindex
        if kind == 1:
            if match.start() and re.match(r"\w", inner[match.start() - 1]):
                return None
        elif kind == 2:
            stack.append(pairs[match.group(2)])
        elif kind == 3:
            if not stack or stack.pop() != match.group(3):
                return None
        elif not stack:
            parts.append(inner[start:match.start()].strip(" "))
            start = match.end()
    if stack:
        return None
    last = inner[start:].strip(" ")
    return [*parts, last] if last else None


def test_cut_as_the_token_loop_did() -> None:
    """`pybodies.cut` (str methods over blanked strings and the bracket skeleton) cuts
    every text as the loop over its tokens did: nested and crossed brackets, strings
    holding brackets, separators and escaped quotes, prefixed strings, magic commas,
    non-ASCII text, both separators."""
    import itertools

    from generator.targets.python.pybodies import cut

    pieces = ["a", ", ", " | ", "(", ")", "[", "]", "{", "}", '"x, (y"', '"a\\"b"', 'b"s"',
              '"', "é", " ", ","]
    texts = ["".join(p) for n in (1, 2, 3) for p in itertools.product(pieces, repeat=n)]
    texts += ["".join(p) for p in itertools.product(pieces[:8] + ['"x, (y"', 'b"s"'], repeat=4)]
    texts += ['"k": ((_v_A,), ("A",), ()), "l": ((_v_B, _v_C), ("B", "C"), ("x | y",))',
              "A | B[x, y] | C(z=1)", "f(a, [b, {c: d}], e)", "f(a, [b, {c: d)], e)"]
    cuts = 0
    for text in texts:
        for separator in (",", " | "):
            expected = _cut_by_tokens(text, separator)
            cuts += expected is not None and len(expected) > 1
            assert cut(text, separator) == expected, (text, separator)
    assert cuts > 500  # many texts cut in two or more
