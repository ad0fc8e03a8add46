"""Visit every type use (TypeExpr) in an IR, or just in one named type."""

from __future__ import annotations

from typing import Iterator

from . import (
    IR, AliasType, AnyType, Array, Map, ObjectType, Operation, Primitive, Ref, Type, TypeExpr,
    UnionType,
)


def exprs_of_type(t: Type, also: bool = True) -> Iterator[TypeExpr]:
    """The top-level type uses inside one named type (not recursing into refs);
    without `also`, only those the models read (see `ir.py`)."""
    if also:
        for a in t.also:
            yield from _deep(a)
    if isinstance(t, ObjectType):
        for f in t.fields:
            yield from _deep(f.type, also)
        if not isinstance(t.additional_properties, bool):
            yield from _deep(t.additional_properties, also)
        for pp in t.pattern_properties:
            yield from _deep(pp.type, also)
    elif isinstance(t, UnionType):
        for v in t.variants:
            yield from _deep(v, also)
    elif isinstance(t, AliasType):
        yield from _deep(t.target, also)


def top_uses(t: Type) -> list[TypeExpr]:
    """The type uses directly in one named type (each holds the rest of `exprs_of_type`)."""
    roots = list(t.also)
    if isinstance(t, ObjectType):
        roots += [f.type for f in t.fields]
        if not isinstance(t.additional_properties, bool):
            roots.append(t.additional_properties)
        roots += [pp.type for pp in t.pattern_properties]
    elif isinstance(t, UnionType):
        roots += t.variants
    elif isinstance(t, AliasType):
        roots.append(t.target)
    return roots


def type_refs(t: Type, also: bool = True) -> list[str]:
    """The names of the named types among `exprs_of_type(t, also)`, in its order: one
    plain recursion instead of a generator per nested use (several times faster: the
    targets ask it of every type, the jsonschema target of each type once a run)."""
    out: list[str] = []
    for use in top_uses(t)[0 if also else len(t.also):]:
        if type(use) is Ref and not (also and use.also):  # most uses: no call
            out.append(use.name)
        elif type(use) is not Primitive or (also and use.also):
            _refs_into(use, also, out)
    return out


def _refs_into(e: TypeExpr, also: bool, out: list[str]) -> None:
    """`_deep(e, also)`'s Refs, appended to `out`."""
    if isinstance(e, Ref):
        out.append(e.name)
    if also and e.also:
        for a in e.also:
            _refs_into(a, True, out)
    if isinstance(e, Array):
        for p in e.prefix_items:
            _refs_into(p, also, out)
        _refs_into(e.items, also, out)
    elif isinstance(e, Map):
        _refs_into(e.values, also, out)
        for pp in e.pattern_properties:
            _refs_into(pp.type, also, out)
    elif isinstance(e, AnyType) and e.excluded is not None:
        _refs_into(e.excluded, also, out)


def exprs_of_operations(ir: IR) -> Iterator[tuple[str, TypeExpr]]:
    """(side, expr) for every type use in operations; side is 'request' or 'response'."""
    for op in ir.operations:
        yield from exprs_of_operation(op)


def exprs_of_operation(op: Operation) -> Iterator[tuple[str, TypeExpr]]:
    """(side, expr) for the top-level type uses of one operation."""
    for p in op.parameters:
        yield "request", p.type
    if op.request_body:
        for c in op.request_body.content:
            if c.type is not None:
                yield "request", c.type
    for r in op.responses:
        for c in r.content:
            if c.type is not None:
                yield "response", c.type


def all_exprs(ir: IR) -> Iterator[TypeExpr]:
    for t in ir.types.values():
        yield from exprs_of_type(t)
    for _, e in exprs_of_operations(ir):
        yield from _deep(e)


def _deep(e: TypeExpr, also: bool = True) -> Iterator[TypeExpr]:
    yield e
    if also:
        for a in e.also:
            yield from _deep(a)
    if isinstance(e, Array):
        for p in e.prefix_items:
            yield from _deep(p, also)
        yield from _deep(e.items, also)
    elif isinstance(e, Map):
        yield from _deep(e.values, also)
        for pp in e.pattern_properties:
            yield from _deep(pp.type, also)
    elif isinstance(e, AnyType) and e.excluded is not None:
        yield from _deep(e.excluded, also)


def deep(e: TypeExpr, also: bool = True) -> Iterator[TypeExpr]:
    """`e` and every type use inside it (not recursing into refs)."""
    return _deep(e, also)


def refs(e: TypeExpr, also: bool = True) -> Iterator[str]:
    """Names of the named types an expression uses directly."""
    for sub in _deep(e, also):
        if isinstance(sub, Ref):
            yield sub.name


def side_roots(ir: IR) -> dict[str, list[str]]:
    """'request' / 'response' -> the named types the operations use directly on that side."""
    roots: dict[str, list[str]] = {"request": [], "response": []}
    for side, e in exprs_of_operations(ir):
        roots[side].extend(refs(e))
    return roots


def reachable(ir: IR, roots: list[str], also: bool = True,
              uses: dict[str, list[str]] | None = None) -> set[str]:
    """Names of every named type reachable from `roots` through type uses
    (without `also`: through the uses the models read). `uses`, when given, keeps each
    type's direct uses for the next call with the same IR and `also` (a target that
    walks from hundreds of roots walks each type's expressions once)."""
    uses = {} if uses is None else uses
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        name = stack.pop()
        if name in seen or name not in ir.types:
            continue
        seen.add(name)
        direct = uses.get(name)
        if direct is None:
            direct = uses[name] = type_refs(ir.types[name], also)
        stack.extend(direct)
    return seen
