"""A `oneOf` whose members overlap is read as `anyOf` ("one of these shapes").

JSON Schema's `oneOf` rejects a value that matches two members. Real specs list
members that share a tag value (`type: message` on an easy-input message and on
the item union that holds the full input message), so a plain user message
matches both and an exact checker refuses a request the server accepts. Such a
union is read with anyOf meaning in every target (`exclusive` off, which the
validators and JSON Schema bundles read; the models and zod dispatch by
structure either way), with one note naming the `oneOf` and the members. Members
whose tags keep them apart stay exclusive.
"""

from __future__ import annotations

from ..errors import Diagnostics
from ..ir import IR, Ref, TypeExpr, UnionType
from ..ir.tags import shared_tag
from ..source.loader import Workspace


def read_overlapping_oneofs(ir: IR, ws: Workspace, diags: Diagnostics) -> None:
    said: set[tuple[str, ...]] = set()  # a union copied by an allOf merge is noted once
    for name in sorted(ir.types, key=lambda n: (ir.types[n].inline, n)):
        t = ir.types[name]
        if not isinstance(t, UnionType) or not t.exclusive:
            continue
        found = shared_tag(ir, t)
        if found is None:
            continue
        i, j, value = found
        t.exclusive = False
        members = tuple(e.name if isinstance(e, Ref) else "" for e in t.variants)
        if members in said:
            continue
        said.add(members)
        prop = t.discriminator.property if t.discriminator else "type"
        diags.note(ws.origin_location(t.origin, "oneOf"),
                   f"oneOf members {_member(t.variants[i], i)} and {_member(t.variants[j], j)} "
                   f"overlap (both allow {prop} {value!r}); read as anyOf")


def _member(e: TypeExpr, index: int) -> str:
    return f"{index} ({e.name})" if isinstance(e, Ref) else str(index)
