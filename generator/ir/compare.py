"""Compare the *facts* of two IRs (names, types, bounds, enums, nullability...).

Descriptions, examples, origins and the way a fact was spelled in the spec are
not facts: two specs that say the same thing give no differences. Used by the
fidelity test and as the base of spec-to-spec diffs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from . import IR, to_data
from .walk import exprs_of_operations, reachable, refs

NOT_FACTS = frozenset({"description", "examples", "origin", "inline", "summary"})


@dataclass(frozen=True)
class Difference:
    path: str  # e.g. "ResponsesRequest.fields[temperature].type.constraints.maximum"
    old: Any
    new: Any

    def __str__(self) -> str:
        return f"{self.path}: {self.old!r} -> {self.new!r}"


def facts(value: Any) -> Any:
    """IR data with only the facts left."""
    data = to_data(value)
    return _strip(data)


def _strip(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _strip(v) for k, v in data.items() if k not in NOT_FACTS}
    if isinstance(data, list):
        return [_strip(v) for v in data]
    return data


def operation_roots(ir: IR, path: str | None = None, method: str | None = None,
                    parameters: bool = True) -> list[str]:
    """Named types used directly by the operations (optionally one of them)."""
    ops = [o for o in ir.operations
           if (path is None or o.path == path) and (method is None or o.method == method)]
    if not parameters:
        ops = [replace(o, parameters=[]) for o in ops]
    sub = IR(title="", version="", openapi="", source="", types=ir.types, operations=ops)
    return [n for _, e in exprs_of_operations(sub) for n in refs(e)]


def reachable_from_operation(ir: IR, path: str, method: str, parameters: bool = True) -> set[str]:
    return reachable(ir, operation_roots(ir, path, method, parameters))


def compare_types(old: IR, new: IR, names: set[str] | None = None) -> list[Difference]:
    """Differences between the named types of two IRs (all, or only `names`). A request
    side's strict twin is left out: its facts are its original's (a spec change shows
    there once)."""
    wanted = names if names is not None else set(old.types) | set(new.types)
    wanted = {n for n in wanted if not any(
        getattr(ir.types.get(n), "twin_of", "") for ir in (old, new))}
    out: list[Difference] = []
    for name in sorted(wanted):
        a, b = old.types.get(name), new.types.get(name)
        if a is None or b is None:
            out.append(Difference(name, "present" if a else None, "present" if b else None))
            continue
        _diff(name, facts(a), facts(b), out)
    return out


def _diff(path: str, a: Any, b: Any, out: list[Difference]) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            if key not in a or key not in b:
                out.append(Difference(f"{path}.{key}", a.get(key), b.get(key)))
            else:
                _diff(f"{path}.{key}", a[key], b[key], out)
    elif isinstance(a, list) and isinstance(b, list) and _named_list(a) and _named_list(b):
        left = {item["name"]: item for item in a}
        right = {item["name"]: item for item in b}
        for key in list(left) + [k for k in right if k not in left]:
            if key not in left or key not in right:
                out.append(Difference(f"{path}[{key}]", "present" if key in left else None,
                                      "present" if key in right else None))
            else:
                _diff(f"{path}[{key}]", left[key], right[key], out)
        shared = [k for k in left if k in right]
        if shared != [k for k in right if k in left]:
            out.append(Difference(f"{path}.order", shared, [k for k in right if k in left]))
    elif a != b or type(a) is not type(b) and not _same_number(a, b):
        out.append(Difference(path, a, b))


def _named_list(items: list[Any]) -> bool:
    return bool(items) and all(isinstance(i, dict) and "name" in i and "type" in i for i in items)


def _same_number(a: Any, b: Any) -> bool:
    return isinstance(a, (int, float)) and isinstance(b, (int, float)) and a == b \
        and not isinstance(a, bool) and not isinstance(b, bool)
