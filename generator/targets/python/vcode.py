"""Straight-line Python that checks one type use or one named type.

`Coder.expr(expr, var, path)` gives the lines that check the value in `var`
whose path (a `(parent, key)` chain, built only when an error is reported or a
named type's checker is called) is the Python expression `path`; errors are
appended to the list `e`. Everything is decided here; the template only lays
out the functions. Spec text (names, enum values, patterns) reaches the code
only through `py_str` / `py_value`.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ...ir import (
    IR, AnyType, Array, Const, Constraints, Map, PatternProperty, Primitive, Ref, TypeExpr,
)
from ...patterns.linear import for_re2
from .escaping import py_str, py_value

_TYPE_TEST = {
    "string": "not isinstance({v}, str)",
    "integer": "not (type({v}) is int or is_int({v}))",
    "number": "not (type({v}) is float or type({v}) is int or is_num({v}))",
    "boolean": "type({v}) is not bool",
}


def shown(value: Any) -> str:
    """A JSON value as one line of text (for `expected`)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _num(value: float) -> str:
    return py_value(value)


class Coder:
    """Emits checks; collects the module constants they use."""

    def __init__(self, ir: IR, fn_names: dict[str, str]) -> None:
        self.ir = ir
        self.fn_names = fn_names  # IR type name -> checker function name
        self.constants: dict[str, str] = {}  # Python expression -> constant name
        self.sink = "e"  # the list errors go to (another one inside `not`)
        self._depth = 0

    def constant(self, expression: str, prefix: str) -> str:
        if expression not in self.constants:
            self.constants[expression] = f"_{prefix}{len(self.constants)}"
        return self.constants[expression]

    def err(self, path: str, keyword: str, expected: str, var: str) -> str:
        return f"{self.sink}.append(bad({path}, {py_str(keyword)}, {py_str(expected)}, {var}))"

    # ------------------------------------------------------------ type uses

    def expr(self, e: TypeExpr, var: str, path: str) -> list[str]:
        """Checks for the value in `var`, then for each of `e.also` (allOf members the
        IR's merge overrode: JSON Schema requires them to hold as well)."""
        lines = self._one(e, var, path)
        for a in e.also:
            lines += self.expr(a, var, path)
        return lines

    def named_also(self, name: str, var: str, path: str) -> list[str]:
        """Checks of a named type's own `also` (its checker runs them after its own)."""
        lines: list[str] = []
        for a in self.ir.types[name].also:
            lines += self.expr(a, var, path)
        return lines

    def _one(self, e: TypeExpr, var: str, path: str) -> list[str]:
        if isinstance(e, AnyType) and e.excluded == Const(value=None):  # an `also`: not null
            return [f"if {var} is None:", "    " + self.err(path, "type", "not null", var)]
        if isinstance(e, AnyType):
            return self._not(e.excluded, var, path) if e.excluded is not None else []
        core = self.core(e, var, path)
        if e.nullable and core:
            # a nullable use of a named type skips its checker for null, but not the
            # `also` members of that type, which may refuse null
            on_null = self.named_also(e.name, var, path) if isinstance(e, Ref) else []
            return [f"if {var} is not None:", *indent(core),
                    *(["else:", *indent(on_null)] if on_null else [])]
        return core

    def core(self, e: TypeExpr, var: str, path: str) -> list[str]:
        """Checks for a value that is not None-exempt (nullability handled by caller)."""
        if isinstance(e, Ref):
            return [f"{self.fn_names[e.name]}({var}, {path}, {self.sink})"]
        if isinstance(e, Primitive):
            return self._primitive(e, var, path)
        if isinstance(e, Array):
            return self._array(e, var, path)
        if isinstance(e, Map):
            return self._map(e, var, path)
        if isinstance(e, Const):
            return self.const(e.value, var, path)
        return []

    def _not(self, excluded: TypeExpr, var: str, path: str) -> list[str]:
        """An error when the value *matches* `excluded` (its checks find nothing)."""
        outer = self.sink
        self._depth += 1
        self.sink = f"n{self._depth}"
        inner = self.expr(excluded, var, path)
        sink = self.sink
        self.sink = outer
        self._depth -= 1
        error = self.err(path, "not", "a value that does not match the excluded schema", var)
        if not inner:
            return [error]
        return [f"{sink}: Errors = []", *inner, f"if not {sink}:", "    " + error]

    def const(self, value: Any, var: str, path: str) -> list[str]:
        if value is None:
            test = f"{var} is not None"
        elif isinstance(value, bool):
            test = f"{var} is not {value}"
        elif isinstance(value, str):
            test = f"{var} != {py_str(value)}"
        else:
            test = f"not equal({var}, {self.constant(py_value(value), 'C')})"
        return [f"if {test}:", "    " + self.err(path, "const", shown(value), var)]

    def _primitive(self, e: Primitive, var: str, path: str) -> list[str]:
        test = _TYPE_TEST.get(e.type, "False").format(v=var)
        checks = self._bounds(e.constraints, e.type, var, path)
        return self._typed(test, e.type, e.implicit, checks, var, path)

    def _typed(self, test: str, kind: str, implicit: bool, checks: list[str], var: str,
               path: str) -> list[str]:
        """`checks` for a value of the kind; other kinds are an error unless `implicit`."""
        if implicit:
            positive = test[len("not "):] if test.startswith("not ") else f"not ({test})"
            return [f"if {positive}:", *indent(checks)] if checks else []
        lines = [f"if {test}:", "    " + self.err(path, "type", kind, var)]
        if checks:
            lines += ["else:", *indent(checks)]
        return lines

    def _bounds(self, c: Constraints, kind: str, var: str, path: str) -> list[str]:
        """The checks of `c` that apply to the kind: bounds to numbers, lengths and a
        pattern to strings (the others are the kinds' own: `_sizes`)."""
        out: list[str] = []
        if kind not in ("integer", "number", "string") or c.is_empty():
            return out

        def add(test: str, keyword: str, expected: str) -> None:
            out.extend([f"if {test}:", "    " + self.err(path, keyword, expected, var)])

        if kind != "string":  # (bound, failing comparison, keyword, what is expected)
            for bound, fails, keyword, wanted in (
                    (c.minimum, "<", "minimum", ">="), (c.maximum, ">", "maximum", "<="),
                    (c.exclusive_minimum, "<=", "exclusiveMinimum", ">"),
                    (c.exclusive_maximum, ">=", "exclusiveMaximum", "<")):
                if bound is not None:
                    add(f"{var} {fails} {_num(bound)}", keyword, f"{wanted} {bound}")
            if c.multiple_of is not None:
                add(f"not multiple_of({var}, {_num(c.multiple_of)})", "multipleOf",
                    f"a multiple of {c.multiple_of}")
            return out
        if c.min_length is not None:
            add(f"len({var}) < {c.min_length}", "minLength",
                f"at least {c.min_length} character(s)")
        if c.max_length is not None:
            add(f"len({var}) > {c.max_length}", "maxLength",
                f"at most {c.max_length} character(s)")
        if c.pattern is not None:
            add(f"not matches({self.regex(c.pattern)}, {var})", "pattern",
                "a match for " + shown(c.pattern))
        return out

    def regex(self, pattern: str) -> str:
        """The module constant holding `pattern` compiled by RE2 (linear time; the target
        refused at generation time a pattern RE2 or Rust's regex cannot take)."""
        return self.constant(f"re2.compile({py_str(for_re2(pattern))})", "R")

    def _sizes(self, c: Constraints, var: str, path: str, items: bool) -> list[str]:
        out: list[str] = []
        low, high = (c.min_items, c.max_items) if items else (c.min_properties, c.max_properties)
        word = "Items" if items else "Properties"
        noun = "item(s)" if items else "property(ies)"
        if low is not None:
            out += [f"if len({var}) < {low}:",
                    "    " + self.err(path, "min" + word, f"at least {low} {noun}", var)]
        if high is not None:
            out += [f"if len({var}) > {high}:",
                    "    " + self.err(path, "max" + word, f"at most {high} {noun}", var)]
        if items and c.unique_items:
            out += [f"if not unique({var}):",
                    "    " + self.err(path, "uniqueItems", "unique items", var)]
        return out

    def _array(self, e: Array, var: str, path: str) -> list[str]:
        body = self._sizes(e.constraints, var, path, items=True)
        self._depth += 1
        i, x = f"i{self._depth}", f"x{self._depth}"
        inner = self.expr(e.items, x, f"({path}, {i})")
        n = len(e.prefix_items)
        for k, prefix in enumerate(e.prefix_items):
            check = self.expr(prefix, f"{var}[{k}]", f"({path}, {k})")
            if check:
                body += [f"if len({var}) > {k}:", *indent(check)]
        self._depth -= 1
        if inner and n:
            body += [f"for {i}, {x} in enumerate({var}[{n}:], {n}):", *indent(inner)]
        elif inner:
            body += [f"for {i}, {x} in enumerate({var}):", *indent(inner)]
        return self._typed(f"not isinstance({var}, list)", "array", e.implicit, body, var, path)

    def _map(self, e: Map, var: str, path: str) -> list[str]:
        body = self._sizes(e.constraints, var, path, items=False)
        self._depth += 1
        k, x = f"k{self._depth}", f"x{self._depth}"
        inner = self.expr(e.values, x, f"({path}, {k})")
        matched = f"m{self._depth}"
        by_pattern = self.patterns(e.pattern_properties, k, x, f"({path}, {k})", matched)
        self._depth -= 1
        if by_pattern and inner:
            body += [f"for {k}, {x} in {var}.items():", *indent(by_pattern),
                     f"    if not {matched}:", *indent(inner, 2)]
        elif by_pattern:
            body += [f"for {k}, {x} in {var}.items():", *indent(by_pattern)]
        elif inner:
            body += [f"for {k}, {x} in {var}.items():", *indent(inner)]
        return self._typed(f"not isinstance({var}, dict)", "object", e.implicit, body, var, path)

    def patterns(self, found: list[PatternProperty], key: str, value: str, path: str,
                 matched: str) -> list[str]:
        """For one (key, value) of an object: the checks of every `patternProperties`
        entry whose pattern the key matches; `matched` tells whether one did."""
        lines: list[str] = []
        for pp in found:
            regex = self.regex(pp.pattern)
            lines += [f"if isinstance({key}, str) and matches({regex}, {key}):",
                      f"    {matched} = True", *indent(self.expr(pp.type, value, path))]
        return [f"{matched} = False", *lines] if lines else []


def indent(lines: list[str], by: int = 1) -> list[str]:
    pad = "    " * by
    return [pad + line for line in lines]
