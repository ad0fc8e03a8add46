"""Which side of the wire each type is on, and what follows from it.

A client must not fail when a server starts sending a value it does not know,
and must not send a value the server does not know. So strictness follows the
direction of use, not the type: an enum reachable from a response or stream
event is *open*, and a tagged union there keeps an item with an unknown tag;
everything a request reaches is strict.

A type reachable from both sides (a `Response` that echoes the request's
`reasoning`, `tool_choice`, `tools`...) is split: the spec's name stays on the
response side, and the request side gets a strict twin (`<Name>Param`, or
`<Name>Request` where the name already ends in Param: see `inline_names.twin_names`;
`twin_of` names the original) for every such type that is lenient itself or
reaches one that is. Requests then refer to the twins, so every target reads
strictness off the type alone, and the IR stays plain named types.
"""

from __future__ import annotations

from typing import Iterable

from ..ir import IR, EnumType, Ref, Type, TypeExpr, UnionType
from ..ir.clone import clone
from ..ir.tags import dispatch, tag_enums
from ..ir.walk import deep, exprs_of_type, reachable, side_roots
from .inline_names import twin_names


def apply_directions(ir: IR) -> None:
    """Give the request side strict twins of shared lenient types, then mark openness."""
    never_open = tag_enums(ir) | _nested_unions(ir)  # tags, and unions inside unions
    roots = side_roots(ir)
    response = reachable(ir, roots["response"])
    request = reachable(ir, roots["request"])
    twins = twin_names(ir, _needing_twins(ir, request & response, never_open))
    if twins:
        for name, twin in twins.items():
            t = clone(ir.types[name])
            t.name, t.twin_of = twin, name
            ir.types[twin] = t
        for name in sorted(request - response):
            if _uses_any(exprs_of_type(ir.types[name]), twins):
                # copied first: a use may be shared with another type (one that uses
                # no twin is left as it is, shared or not: nothing in it changes)
                ir.types[name] = clone(ir.types[name])
                for e in exprs_of_type(ir.types[name]):
                    _retarget(e, twins)
        for twin in twins.values():
            for e in exprs_of_type(ir.types[twin]):
                _retarget(e, twins)
        _retarget_requests(ir, twins)
        response = reachable(ir, roots["response"])
    for name, t in ir.types.items():
        if isinstance(t, (EnumType, UnionType)):
            if isinstance(t, EnumType):  # (one value renders as a literal: strict anyway)
                t.open = name in response and name not in never_open
            else:
                t.keeps_unknown = name in response and _lenient(ir, t, never_open)


def _lenient(ir: IR, t: Type, never_open: set[str]) -> bool:
    """Whether the response side reads this type differently from the request side.
    A tagged union that is itself a variant of a union is not: the outer union decides
    what an unknown object is (its siblings' tags are not unknown to it)."""
    if isinstance(t, EnumType):
        return t.name not in never_open and t.base in ("string", "integer") and len(t.values) > 1
    return isinstance(t, UnionType) and t.name not in never_open and dispatch(ir, t) is not None


def _nested_unions(ir: IR) -> set[str]:
    return {v.name for t in ir.types.values() if isinstance(t, UnionType)
            for v in t.variants if isinstance(v, Ref)
            and isinstance(ir.types.get(v.name), UnionType)}


def _needing_twins(ir: IR, shared: set[str], never_open: set[str]) -> set[str]:
    """Shared types that are lenient or reach a lenient shared type."""
    users: dict[str, set[str]] = {}
    for name in shared:
        for e in exprs_of_type(ir.types[name]):
            if isinstance(e, Ref) and e.name in shared:
                users.setdefault(e.name, set()).add(name)
    found = {n for n in shared if _lenient(ir, ir.types[n], never_open)}
    stack = list(found)
    while stack:
        for user in users.get(stack.pop(), ()):
            if user not in found:
                found.add(user)
                stack.append(user)
    return found


def _retarget(e: TypeExpr, twins: dict[str, str]) -> None:
    if isinstance(e, Ref) and e.name in twins:
        e.name = twins[e.name]


def _uses_any(exprs: Iterable[TypeExpr], twins: dict[str, str]) -> bool:
    return any(isinstance(e, Ref) and e.name in twins for e in exprs)


def _retarget_requests(ir: IR, twins: dict[str, str]) -> None:
    """Point every request-side use in operations (parameters, bodies) at the twins
    (a copy of the use, which may be shared with the response side)."""
    for op in ir.operations:
        for p in op.parameters:
            if _uses_any(deep(p.type), twins):
                p.type = clone(p.type)
                for e in deep(p.type):
                    _retarget(e, twins)
        for c in op.request_body.content if op.request_body else []:
            if c.type is not None and _uses_any(deep(c.type), twins):
                c.type = clone(c.type)
                for e in deep(c.type):
                    _retarget(e, twins)
