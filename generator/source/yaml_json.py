"""Parse YAML or JSON text into plain JSON data, and find where a pointer is.

YAML is read with JSON-compatible scalar rules (YAML 1.2 core schema): `yes`,
`on` and dates stay strings, mapping keys become strings (`200:` is "200").
`yaml_fast` reads most specs (yaml-rs) where its result is provably the same;
the rest, and every error, go through libyaml's C parser (`yaml_libyaml`, imported
only then: PyYAML costs ~9 ms to import).
"""

from __future__ import annotations

import json
import re
from typing import Any

from . import json_positions, numbers
from . import pointer as jp
from . import yaml_fast, yaml_positions


class DuplicateKey(Exception):
    """A mapping names the same key twice (the second one would silently win)."""


class ParseError(Exception):
    """Syntax error with a 1-based line and column."""

    def __init__(self, message: str, line: int | None, column: int | None,
                 pointer: str = "", syntax: bool = True) -> None:
        super().__init__(message)
        self.syntax = syntax  # False: well-formed text respgen refuses (duplicates, bombs)
        self.message = message
        self.line = line
        self.column = column
        self.pointer = pointer


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise DuplicateKey()
    return result


class _NotJsonNumber(Exception):
    """NaN, Infinity or -Infinity: Python's json reads them, JSON has no such numbers."""


def _no_constant(name: str) -> Any:
    raise _NotJsonNumber(name)


def _constant_error(text: str, name: str) -> ParseError:
    found = re.search(r"[:\[,]\s*(" + re.escape(name) + r")\b", text)
    where = found.start(1) if found else 0
    line = text.count("\n", 0, where) + 1
    column = where - (text.rfind("\n", 0, where) + 1) + 1
    return ParseError(f"{name} is not a JSON number: refused", line, column, syntax=False)


def is_json(path_name: str, text: str) -> bool:
    return path_name.endswith(".json") or (
        not path_name.endswith((".yaml", ".yml")) and text.lstrip()[:1] in "{["
    )


def parse(text: str, as_json: bool, fast: bool = True) -> Any:
    """Parse text; raise ParseError with the position of a syntax error (`fast=False`:
    YAML through libyaml only, as the tests compare)."""
    if as_json:
        refused: list[numbers.Refused] = []

        def number(parse: Any) -> Any:
            def hook(literal: str) -> Any:
                value = parse(literal)
                if isinstance(value, numbers.Refused):
                    refused.append(value)
                return value
            return hook

        try:
            data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant,
                              parse_float=number(numbers.json_float),
                              parse_int=number(numbers.integer))
        except _NotJsonNumber as exc:
            raise _constant_error(text, exc.args[0]) from None
        except json.JSONDecodeError as exc:
            raise ParseError(exc.msg, exc.lineno, exc.colno) from None
        except DuplicateKey:
            from .yaml_libyaml import find_duplicate

            raise find_duplicate(text) from None
        return _no_refused(text, data) if refused else data
    data = yaml_fast.load(text) if fast else yaml_fast.MISS
    if data is not yaml_fast.MISS:
        return data
    from .yaml_libyaml import load  # PyYAML: imported only for a text yaml-rs does not read

    data, any_refused = load(text)
    return _no_refused(text, data) if any_refused else data


def _no_refused(text: str, data: Any) -> Any:
    """Raise for the first number no target can hold (`numbers.Refused`), at its place."""
    found = numbers.first_refused(data)
    if found is None:
        return data
    pointer, bad = found
    line, column = locate(text, pointer) or (None, None)
    raise ParseError(bad.message(), line, column, pointer, syntax=False)


def locate(text: str, pointer: str) -> tuple[int, int] | None:
    """1-based (line, column) of the node at an (escaped) JSON pointer, if found.

    Called only when a message needs a position. JSON text is stepped through with
    the json module's scanner (`json_positions`), block-style YAML is searched line by
    line (`yaml_positions`); other text is composed.
    """
    tokens = jp.split(pointer) if pointer else []
    found = json_positions.locate(text, tokens) or yaml_positions.locate(text, tokens)
    if found is not None:
        return found
    from .yaml_libyaml import composed_position

    return composed_position(text, tokens)
