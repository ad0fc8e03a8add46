"""libyaml's path: the YAML texts the fast path (`yaml_fast`) leaves, every error with
its line and column, alias bombs refused before anything is expanded, and positions
found by composing the text. Imported only when one of these is needed."""

from __future__ import annotations

import functools
import re
from typing import Any

import yaml

from . import numbers
from . import pointer as jp
from .limits import MAX_NODES
from .yaml_json import DuplicateKey, ParseError

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


_MERGE = "tag:yaml.org,2002:merge"


def _key(loader: Any, key_node: Any) -> str:
    """A mapping key as the string it becomes (`200` and "200", `true` and `True` meet)."""
    key = loader.construct_object(key_node, deep=True)
    if isinstance(key, numbers.Refused):
        return key.text  # a key is text: a huge number there is just its digits
    if isinstance(key, bool):
        return "true" if key else "false"
    return "null" if key is None else str(key)


def _construct_mapping(loader: Any, node: Any, deep: bool = False) -> dict[str, Any]:
    own = sum(1 for k, _ in node.value if k.tag != _MERGE)
    loader.flatten_mapping(node)
    first_own = len(node.value) - own  # merged pairs come first and may be overridden
    seen: set[str] = set()
    result: dict[str, Any] = {}
    for index, (key_node, value_node) in enumerate(node.value):
        key = _key(loader, key_node)
        if index >= first_own:
            if key in seen:
                raise DuplicateKey()
            seen.add(key)
        result[key] = loader.construct_object(value_node, deep=deep)
    return result


def _construct_int(loader: Any, node: Any) -> int | numbers.Refused:
    value = numbers.integer(loader.construct_scalar(node))
    if isinstance(value, numbers.Refused):
        loader._respgen_refused = True
    return value


def _children(node: Any) -> list[tuple[str, Any]]:
    if isinstance(node, yaml.MappingNode):
        return [(str(k.value), v) for k, v in node.value] + [("", k) for k, _ in node.value]
    if isinstance(node, yaml.SequenceNode):
        return [(str(i), v) for i, v in enumerate(node.value)]
    return []


def _check_expansion(root: Any) -> None:
    """Refuse a node graph whose aliases expand past MAX_NODES, or that contains itself."""
    sizes: dict[int, int] = {}
    state: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            sizes[key] = 1 + sum(sizes[id(c)] for _, c in _children(node))
            state[key] = 2
            continue
        if state.get(key) == 2:
            continue
        if state.get(key) == 1:
            mark = node.start_mark
            raise ParseError("a YAML alias refers to a node that contains it (a recursive "
                             "structure JSON cannot hold): refused", mark.line + 1, mark.column + 1,
                             _path_to(root, node), syntax=False)
        state[key] = 1
        stack.append((node, True))
        stack.extend((c, False) for _, c in _children(node) if state.get(id(c)) != 2)
    if sizes[id(root)] <= MAX_NODES:
        return
    tokens: list[str] = []
    node = root
    while True:  # descend to the node where the expansion fans out
        kids = [(t, c) for t, c in _children(node) if t or not isinstance(node, yaml.MappingNode)]
        if not kids:
            break
        token, child = max(kids, key=lambda kc: sizes[id(kc[1])])
        if sizes[id(child)] * 2 <= sizes[id(node)]:
            break
        node, tokens = child, [*tokens, token]
    mark = node.start_mark
    raise ParseError(f"YAML aliases expand to {sizes[id(root)]:,} nodes, over the limit of "
                     f"{MAX_NODES:,} (an alias bomb?): refused", mark.line + 1, mark.column + 1,
                     jp.join("", *tokens), syntax=False)


# Where an anchor (`&name`) can start; without one there is no alias to expand.
_ANCHOR = re.compile(r"(?:^|[\s\[{,:]|\ufeff)&[^\s,\[\]{}]", re.M)


def _path_to(root: Any, target: Any) -> str:
    """The pointer of the first place (breadth first) where a node appears."""
    queue: list[tuple[Any, list[str]]] = [(root, [])]
    seen: set[int] = set()
    while queue:
        node, tokens = queue.pop(0)
        if node is target:
            return jp.join("", *tokens)
        if id(node) in seen:
            continue
        seen.add(id(node))
        kids = _children(node)
        queue.extend((c, [*tokens, t]) for t, c in kids
                     if t or not isinstance(node, yaml.MappingNode))
    return ""


def _get_single_data(self: Any) -> Any:
    node = self.get_single_node()
    if node is None:
        return None
    if _ANCHOR.search(getattr(self, "_respgen_text", "&x")):
        _check_expansion(node)
    return self.construct_document(node)


def _not_json(loader: Any, node: Any) -> None:
    raise yaml.constructor.ConstructorError(
        None, None, f"the YAML type {node.tag!r} is not JSON data: refused", node.start_mark)


def _construct_float(loader: Any, node: Any) -> float | numbers.Refused:
    value = numbers.from_float(node.value, float(loader.construct_yaml_float(node)))
    if isinstance(value, numbers.Refused):
        loader._respgen_refused = True
    return value


_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
for _tag in ("binary", "set", "omap", "pairs"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _not_json)
_Loader.get_single_data = _get_single_data
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str  # never a date object
)


def find_duplicate(text: str) -> ParseError:
    """Where the first repeated mapping key is (JSON is YAML too), as a ParseError."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError:
        return ParseError("duplicate key", None, None, syntax=False)
    stack: list[tuple[Any, str]] = [(root, "")]
    visited: set[int] = set()
    found: list[tuple[int, int, str, str]] = []
    while stack:
        node, ptr = stack.pop()
        if id(node) in visited:
            continue
        visited.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for k, v in node.value:
                try:
                    name = _key(loader, k)
                except yaml.YAMLError:
                    name = str(k.value)
                if name in seen and k.tag != _MERGE:
                    found.append((k.start_mark.line, k.start_mark.column, name, ptr))
                seen.add(name)
                stack.append((v, jp.join(ptr, name)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((v, jp.join(ptr, i)) for i, v in enumerate(node.value))
    loader.dispose()
    if found:
        line, column, name, ptr = min(found)
        return ParseError(f"duplicate key {name!r} (each key may appear once)",
                          line + 1, column + 1, jp.join(ptr, name), syntax=False)
    return ParseError("duplicate key", None, None, syntax=False)


def load(text: str) -> tuple[Any, bool]:
    """(data, whether a number no target can hold was read) through libyaml; raise
    ParseError with the position of a syntax error."""
    loader = _Loader(text)
    loader._respgen_text = text
    try:
        data = loader.get_single_data()
    except DuplicateKey:
        raise find_duplicate(text) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(p for p in (exc.context, exc.problem) if p) or str(exc)
        if mark is None:
            raise ParseError(message, None, None) from None
        raise ParseError(message, mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as exc:
        raise ParseError(str(exc), None, None) from None
    finally:
        loader.dispose()
    return data, getattr(loader, "_respgen_refused", False)


@functools.lru_cache(maxsize=2)
def _compose(text: str) -> Any:
    """The YAML node tree of a text (kept for the last two texts: several warnings
    in one file cost one composition)."""
    try:
        return yaml.compose(text, Loader=_BaseComposer)
    except (yaml.YAMLError, RecursionError):
        return None


def composed_position(text: str, tokens: list[str]) -> tuple[int, int] | None:
    """1-based (line, column) of the deepest node along `tokens` in the composed text."""
    node = _compose(text)
    if node is None:
        return None
    best = node
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
