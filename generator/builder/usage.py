"""Which side of the wire each type is on, and what follows from it.

An enum reachable from any response or stream event is *open*: a client must
not fail when the server starts sending a new value. Enums reachable only from
requests stay closed (strict), so a typo is caught before it is sent.
"""

from __future__ import annotations

from ..ir import IR, EnumType
from ..ir.walk import exprs_of_operations, reachable, refs


def side_roots(ir: IR) -> dict[str, list[str]]:
    roots: dict[str, list[str]] = {"request": [], "response": []}
    for side, e in exprs_of_operations(ir):
        roots[side].extend(refs(e))
    return roots


def mark_open_enums(ir: IR) -> None:
    response_side = reachable(ir, side_roots(ir)["response"])
    for name, t in ir.types.items():
        if isinstance(t, EnumType):
            t.open = name in response_side
