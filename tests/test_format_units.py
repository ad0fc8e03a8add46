"""format_python sends black only the statements it would change, yet gives exactly
what black gives for the whole module: checked here on modules built to hit every rule
in generator/output/format_units.py (the real specs' output is checked by black --check in
tests/test_upstream_specs.py)."""

from __future__ import annotations

import black
import pytest

from generator.output import formatting as format_cache
from generator.output.format_units import units

LONG = "A" * 30
CASES = {
    "long field in a class": f'''class M(Model):
    """Doc."""

    x: Annotated[Annotated[list[StrictStr], Field(max_length=2)] | None, NOT_NULL] = None
    """A field docstring."""
    y: int = 1
''',
    "long alias with its docstring": f'''X: TypeAlias = {LONG}One | {LONG}Two | {LONG}Three | list[{LONG}]
"""Doc of the alias, which is long: {" ".join(["word"] * 20)}"""


Z: TypeAlias = int
"""Ends in a space, which is no docstring's business here: {"word " * 20}"""


Y: TypeAlias = int
''',
    "long def signature in a class, decorated": f'''class C:
    @overload
    def f(self, *, a_parameter: int, {LONG.lower()}: str, another_one: float = 1e5) -> None: ...

    def g(self) -> None:
        if True:
            value = call(first_argument, second_argument, {LONG.lower()}, third_argument_x)
        else:
            """A docstring of an else block."""
            return None
''',
    "docstrings black pads or moves": f'''def f() -> None:
    """Ends in a quote \\""""


def g() -> None:
    """First line.
    last line is long: {" ".join(["word"] * 16)}"""


class H:
    x: int
    """Not a docstring, so a long last line stays.
    last line is long: {" ".join(["word"] * 16)}"""
''',
    "escapes black rewrites or keeps": '''class E:
    x: str = "it\\'s"
    """Lowercase escapes stay: \\x1b \\u2028 and \\\\N{{DASH}}."""
    y: int = 1
    """Uppercase ones change: \\x1B."""
    z: float = 1E5
''',
    "many long statements under the same headers, formatted together": "class B:\n" + "".join(
        f"    field_{i}: Annotated[Annotated[list[StrictStr], Field(max_length={i})] | None, NOT_NULL] = None\n"
        for i in range(60)) + "\n" + "\n".join(
        f"    @overload\n    def method_{i}(self, *, {LONG.lower()}: int, b_parameter: str = 'x') -> None: ...\n"
        for i in range(30)) + "\n\n" + "".join(
        f"Alias{i}: TypeAlias = {LONG}{i} | {LONG}Two | {LONG}Three | list[{LONG}]\n" for i in range(30)),
    "exploded lists of names": f'''__all__ = [
    "Short",
    "{LONG * 3}",
]


class L:
    names = [
        "{LONG * 3}",
    ]
    other = ["{LONG}", "{LONG}", "{LONG}", "{LONG}", "{LONG}", "{LONG}", "{LONG}",]
''',
    "a long comment line": f'''class K:
    # {"comment " * 12}
    x: int = 1
''',
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_same_as_black_on_the_whole_module(name: str) -> None:
    text = CASES[name]
    whole = black.format_str(text, mode=black.Mode(target_versions={black.TargetVersion.PY311}))
    format_cache.configure(None)
    assert format_cache.format_python(text) == whole
    assert format_cache.format_python(whole) == whole  # stable


def test_only_the_statement_goes_to_black() -> None:
    import ast

    text = CASES["long field in a class"]
    lines = text.splitlines(keepends=True)
    found = units(lines, ast.parse(text).body, 0, len(lines))
    assert found is not None and len(found) == 1
    assert (found[0].begin, found[0].end, found[0].headers) == (3, 4, ("class _:",))
