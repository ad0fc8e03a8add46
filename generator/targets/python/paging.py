"""Which list operations the generated client paginates (`_pages.py.j2`).

A GET whose JSON response is a page of items (`data`), says whether more follow
(`has_more`) and names its last item (`last_id`), and which takes an `after`
query parameter, returns a `Page`: iterating it fetches the next pages with
`after=<last_id>`.
"""

from __future__ import annotations

from typing import Callable

from ...ir import Array, ObjectType, Operation, Primitive, Ref, TypeExpr
from .naming import field_names
from .types import TypeMapper

# A page of a list: its items, whether more follow, the last item's id (the cursor),
# and the query parameter that asks for the items after it.
PAGE_FIELDS = ("data", "has_more", "last_id")
PAGE_CURSOR = "after"


def pagination(op: Operation, t: TypeExpr, mapper: TypeMapper,
               qualify: Callable[[str], str]) -> tuple[str | None, list[str]]:
    """A GET whose response is a page (`data` array, boolean `has_more`, string `last_id`)
    and which takes an `after` query parameter is paginated: the annotation of one item,
    and the Python names of the page's fields."""
    obj = mapper.ir.types.get(t.name) if isinstance(t, Ref) else None
    if op.method != "get" or not isinstance(obj, ObjectType) or not any(
            p.location == "query" and p.name == PAGE_CURSOR for p in op.parameters):
        return None, []
    fields = {f.name: f for f in obj.fields}
    if not all(name in fields for name in PAGE_FIELDS):
        return None, []
    items, more, last = (fields[name].type for name in PAGE_FIELDS)
    if not (isinstance(items, Array) and isinstance(more, Primitive) and more.type == "boolean"
            and isinstance(last, Primitive) and last.type == "string"):
        return None, []
    py = field_names([f.name for f in obj.fields])
    return qualify(mapper.annotation(items.items)), [py[name] for name in PAGE_FIELDS]

