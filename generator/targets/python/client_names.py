"""Names of the generated client's resources and methods, from the IR's operations:
a CRUD verb for `/<resource>` and `/<resource>/{id}`, else the operationId, never one
that shadows an attribute of the client or of a resource."""

from __future__ import annotations

import keyword

from ...ir import Operation
from ...words import snake
from .naming import CLIENT_MODULE_NAMES

# A CRUD verb for `/<resource>` and `/<resource>/{id}`; anything else is named by operationId.
VERBS = {("post", False): "create", ("get", False): "list", ("get", True): "retrieve",
         ("patch", True): "update", ("put", True): "replace", ("delete", True): "delete"}
# Attributes of the generated clients, which a resource must not shadow.
CLIENT_ATTRS = frozenset({"close", "aclose", "api_key", "base_url", "timeout", "max_retries",
                          "backoff_base", "backoff_max", "max_retry_after", "headers",
                          "with_options", "pool_timeout", "max_line_bytes",
                          "idempotency_header", "strict_response_validation"})
# Attributes of every resource, which a method must not take.
RESOURCE_ATTRS = frozenset({"with_raw_response"})


def resource_of(path: str) -> str:
    static = [s for s in path.strip("/").split("/") if s and not s.startswith("{")]
    name = snake(static[0]) if static else "root"
    if not name or not name.isidentifier() or keyword.iskeyword(name) or name in (
            CLIENT_ATTRS) or name.startswith("_"):
        name = "api_" + name
    return name


def group(ops: list[tuple[str, Operation]]) -> dict[str, list[Operation]]:
    out: dict[str, list[Operation]] = {}
    for res, op in ops:
        out.setdefault(res, []).append(op)
    return out


def method_names(ops: list[Operation]) -> list[tuple[str, Operation]]:
    def verb(op: Operation) -> str | None:
        segments = [s for s in op.path.strip("/").split("/") if s]
        rest = segments[1:]
        if any(not s.startswith("{") for s in rest) or len(rest) > 1:
            return None
        return VERBS.get((op.method, bool(rest)))

    def by_id(op: Operation) -> str:
        name = snake(op.operation_id) or f"{op.method}_{snake(op.path)}"
        return name if name.isidentifier() and not keyword.iskeyword(name) else f"op_{name}"

    first = [verb(op) for op in ops]
    counts = {n: first.count(n) for n in first if n}
    used: set[str] = set()
    out = []
    for name, op in zip(first, ops):
        base = name if name and counts[name] == 1 else by_id(op)
        candidate, n = base, 2
        while candidate in used or candidate.startswith("_") or candidate in RESOURCE_ATTRS \
                or candidate in CLIENT_MODULE_NAMES:
            candidate, n = f"{base}_{n}", n + 1
        used.add(candidate)
        out.append((candidate, op))
    return out


def unique(base: str, used: set[str], suffix: str = "_") -> str:
    candidate = base if base not in used else base + suffix
    n = 2
    while candidate in used:
        candidate, n = f"{base}{suffix}{n}", n + 1
    used.add(candidate)
    return candidate
