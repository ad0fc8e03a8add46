"""How deep one type may nest inline: arrays, maps, `not` and allOf parts in each other,
with no named type between them.

Every target writes such a type as nested code: Python validators as nested loops
(CPython refuses more than 20 nested blocks in a function), models as nested
annotations (at most 200 open brackets), TypeScript as nested zod calls. Real specs nest
at most 3 levels; past MAX_INLINE_DEPTH a spec is refused with one line (naming a level
with a `$ref` splits the nesting: each named type is its own function and annotation).
"""

from __future__ import annotations

import functools
from typing import Callable, Iterable

from ..errors import Location, SpecError
from ..ir import IR, AnyType, Array, Map, TypeExpr
from ..ir.walk import exprs_of_operation, top_uses
from ..source import pointer as jp
from ..source.loader import Workspace

MAX_INLINE_DEPTH = 8


def depth(e: TypeExpr, room: int = MAX_INLINE_DEPTH + 1) -> int:
    """Levels of inline nesting in `e` (0: nothing inside it), counted up to `room`."""
    if room <= 0:
        return 0
    inner: list[TypeExpr] = list(e.also)
    if isinstance(e, Array):
        inner += [*e.prefix_items, e.items]
    elif isinstance(e, Map):
        inner += [e.values, *(pp.type for pp in e.pattern_properties)]
    elif isinstance(e, AnyType) and e.excluded is not None:
        inner.append(e.excluded)
    return 1 + max((depth(sub, room - 1) for sub in inner), default=-1)


def reject_deep_nesting(ir: IR, ws: Workspace) -> None:
    """A SpecError at the first type (in name order, then operations) nested too deeply
    (its place is looked up only then: positions cost a parse of the file's layout)."""
    places: list[tuple[Callable[[], Location], Iterable[TypeExpr]]] = [
        (functools.partial(ws.origin_location, t.origin), top_uses(t))
        for _, t in sorted(ir.types.items())]
    places += [(functools.partial(ws.root.location, jp.join("/paths", op.path, op.method)),
                (e for _, e in exprs_of_operation(op))) for op in ir.operations]
    for where, exprs in places:  # (a use nests deeper than any use inside it)
        if max((depth(e) for e in exprs), default=0) > MAX_INLINE_DEPTH:
            raise SpecError(where(), f"a type nested more than {MAX_INLINE_DEPTH} levels deep "
                            "inline (arrays, maps and allOf parts in each other): refused "
                            "(name an inner level with a $ref)")
