"""Parse YAML or JSON text into plain JSON data, and find where a pointer is.

YAML is read with JSON-compatible scalar rules (YAML 1.2 core schema): `yes`,
`on` and dates stay strings, mapping keys become strings (`200:` is "200").
libyaml's C parser is used when PyYAML was built with it.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from . import pointer as jp

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseComposer: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """SafeLoader with the YAML 1.2 core schema's implicit types."""

    yaml_implicit_resolvers: dict[Any, Any] = {}


def _add(tag: str, pattern: str, first: str | list[str]) -> None:
    _Loader.add_implicit_resolver(tag, re.compile(pattern, re.X), list(first))


_add("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_add("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""])
_add(
    "tag:yaml.org,2002:int",
    r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$",
    "-+0123456789",
)
_add(
    "tag:yaml.org,2002:float",
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
    "-+0123456789.",
)


def _construct_mapping(loader: Any, node: Any, deep: bool = False) -> dict[str, Any]:
    loader.flatten_mapping(node)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, bool):
            key = "true" if key else "false"
        elif key is None:
            key = "null"
        result[str(key)] = loader.construct_object(value_node, deep=deep)
    return result


def _construct_int(loader: Any, node: Any) -> int:
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    return int(text, 0) if text.startswith("0x") else int(text)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str  # never a date object
)


class ParseError(Exception):
    """Syntax error with a 1-based line and column."""

    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def is_json(path_name: str, text: str) -> bool:
    return path_name.endswith(".json") or (
        not path_name.endswith((".yaml", ".yml")) and text.lstrip()[:1] in "{["
    )


def parse(text: str, as_json: bool) -> Any:
    """Parse text; raise ParseError with the position of a syntax error."""
    if as_json:
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise ParseError(exc.msg, exc.lineno, exc.colno) from None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(p for p in (exc.context, exc.problem) if p) or str(exc)
        if mark is None:
            raise ParseError(message, None, None) from None
        raise ParseError(message, mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as exc:
        raise ParseError(str(exc), None, None) from None


def locate(text: str, pointer: str) -> tuple[int, int] | None:
    """1-based (line, column) of the node at an (escaped) JSON pointer, if found.

    Composes the YAML node tree (JSON is YAML, too) only when an error needs a
    position, so the fast path never pays for marks.
    """
    try:
        node = yaml.compose(text, Loader=_BaseComposer)
    except yaml.YAMLError:
        return None
    best = node
    tokens = jp.split(pointer) if pointer else []
    for token in tokens:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if str(k.value) == token), None)
        elif isinstance(node, yaml.SequenceNode) and token.isdigit():
            index = int(token)
            match = node.value[index] if index < len(node.value) else None
        else:
            match = None
        if match is None:
            break
        node = best = match
    if best is None:
        return None
    return best.start_mark.line + 1, best.start_mark.column + 1
