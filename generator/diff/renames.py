"""Find named types that were renamed between two versions.

A removed name and an added name are one type renamed when their facts are
equal once the type's own name is ignored and references to types renamed (or
still unmatched) are treated alike; or when they sit at the same place (same
field, same variant position, same operation body) of two matching types.
Matching repeats until nothing new is found, so a renamed request schema and
its ~90 renamed inline parts are all recognised.
"""

from __future__ import annotations

import difflib
import json
from typing import Any, Callable, Iterable, Iterator

from ..ir import IR, AliasType, Array, Map, ObjectType, Ref, Type, TypeExpr, UnionType
from ..ir.compare import facts

UNKNOWN = "?"


def find_renames(old: IR, new: IR) -> dict[str, str]:
    """old name -> new name for every type judged renamed."""
    removed = [n for n in old.types if n not in new.types]
    added = {n for n in new.types if n not in old.types}
    mapping: dict[str, str] = {}
    if not removed or not added:
        return mapping
    places: dict[tuple[str, ...], list[tuple[str, str]]] = {  # kept between rounds
        ("op",): _parallel_names(_operation_pairs(old, new))}
    while True:
        found = _by_shape(old, new, removed, added, mapping, False)
        found += _by_position(old, new, removed, added, mapping, places)
        if not found:  # only then pair look-alikes by the similarity of their names
            found = _by_shape(old, new, removed, added, mapping, True)
        if not found:
            return mapping


def _by_shape(old: IR, new: IR, removed: list[str], added: set[str], mapping: dict[str, str],
              ambiguous: bool) -> int:
    claimed = set(mapping.values())
    free_old = [n for n in removed if n not in mapping]
    free_new = sorted(n for n in added if n not in claimed)

    def old_name(n: str) -> str:
        return mapping.get(n, UNKNOWN if n in old.types and n not in new.types else n)

    def new_name(n: str) -> str:
        return UNKNOWN if n in added and n not in claimed else n

    groups: dict[str, tuple[list[str], list[str]]] = {}
    for n in free_old:
        groups.setdefault(_shape(old.types[n], old_name), ([], []))[0].append(n)
    for n in free_new:
        key = _shape(new.types[n], new_name)
        if key in groups:
            groups[key][1].append(n)
    found = 0
    for olds, news in groups.values():
        if not ambiguous and (len(olds) != 1 or len(news) != 1):
            continue
        for a, b in _pair(olds, news):
            mapping[a] = b
            found += 1
    return found


def _pair(olds: list[str], news: list[str]) -> Iterator[tuple[str, str]]:
    """Pair candidates of equal shape, the most similar names first."""
    if not olds or not news:
        return
    if len(olds) == 1 and len(news) == 1:
        yield olds[0], news[0]
        return
    scored = sorted(((-difflib.SequenceMatcher(None, a, b).ratio(), a, b) for a in olds for b in news))
    used_a: set[str] = set()
    used_b: set[str] = set()
    for _, a, b in scored:
        if a not in used_a and b not in used_b:
            used_a.add(a)
            used_b.add(b)
            yield a, b


def _shape(t: Type, rename: Callable[[str], str]) -> str:
    data = facts(t)
    data.pop("name", None)
    data.pop("open", None)
    return json.dumps(_subst(data, rename), sort_keys=True, default=repr)


def _subst(data: Any, rename: Callable[[str], str]) -> Any:
    if isinstance(data, dict):
        out = {k: _subst(v, rename) for k, v in data.items()}
        if data.get("kind") == "ref" and isinstance(data.get("name"), str):
            out["name"] = rename(data["name"])
        if isinstance(data.get("mapping"), dict) and "property" in data:
            out["mapping"] = {k: rename(v) if isinstance(v, str) else v
                              for k, v in data["mapping"].items()}
        return out
    if isinstance(data, list):
        return [_subst(v, rename) for v in data]
    return data


def _by_position(old: IR, new: IR, removed: list[str], added: set[str], mapping: dict[str, str],
                 places: dict[tuple[str, ...], list[tuple[str, str]]]) -> int:
    """`places`: ("type", old type, new type) or ("op",) -> the names of the types at the
    same places in both (found once per diff)."""
    claimed = set(mapping.values())
    free_old = {n for n in removed if n not in mapping}
    free_new = {n for n in added if n not in claimed}
    if not free_old or not free_new:
        return 0
    votes: dict[str, set[str]] = {}
    by_new: dict[str, set[str]] = {}

    def vote(pairs: list[tuple[str, str]]) -> None:
        for x, y in pairs:
            if x in free_old and y in free_new and old.types[x].kind == new.types[y].kind:
                votes.setdefault(x, set()).add(y)
                by_new.setdefault(y, set()).add(x)

    for name, t in old.types.items():
        target = mapping.get(name, name)
        if target in new.types:
            key = ("type", name, target)
            if key not in places:
                places[key] = _parallel_names(_type_pairs(t, new.types[target]))
            vote(places[key])
    vote(places[("op",)])
    found = 0
    for x, ys in sorted(votes.items()):
        if len(ys) == 1:
            (y,) = ys
            if len(by_new[y]) == 1:
                mapping[x] = y
                found += 1
    return found


def _parallel_names(pairs: Iterable[tuple[TypeExpr, TypeExpr]]) -> list[tuple[str, str]]:
    return [names for a, b in pairs for names in _parallel(a, b)]


def _parallel(a: TypeExpr, b: TypeExpr) -> Iterator[tuple[str, str]]:
    if isinstance(a, Ref) and isinstance(b, Ref):
        yield a.name, b.name
    elif isinstance(a, Array) and isinstance(b, Array):
        yield from _parallel(a.items, b.items)
    elif isinstance(a, Map) and isinstance(b, Map):
        yield from _parallel(a.values, b.values)


def _type_pairs(a: Type, b: Type) -> Iterator[tuple[TypeExpr, TypeExpr]]:
    if isinstance(a, ObjectType) and isinstance(b, ObjectType):
        fields = {f.name: f for f in b.fields}
        for f in a.fields:
            if f.name in fields:
                yield f.type, fields[f.name].type
    elif isinstance(a, UnionType) and isinstance(b, UnionType):
        if a.discriminator and b.discriminator:
            tags = b.discriminator.mapping
            for tag, name in a.discriminator.mapping.items():
                if tag in tags:
                    yield Ref(name=name), Ref(name=tags[tag])
        elif len(a.variants) == len(b.variants):
            yield from zip(a.variants, b.variants)
    elif isinstance(a, AliasType) and isinstance(b, AliasType):
        yield a.target, b.target


def _operation_pairs(old: IR, new: IR) -> Iterator[tuple[TypeExpr, TypeExpr]]:
    ops = {(o.method, o.path): o for o in new.operations}
    for o in old.operations:
        n = ops.get((o.method, o.path))
        if n is None:
            continue
        params = {(p.location, p.name): p for p in n.parameters}
        for p in o.parameters:
            if (p.location, p.name) in params:
                yield p.type, params[(p.location, p.name)].type
        if o.request_body and n.request_body:
            yield from _content_pairs(o.request_body.content, n.request_body.content)
        responses = {r.status: r for r in n.responses}
        for r in o.responses:
            if r.status in responses:
                yield from _content_pairs(r.content, responses[r.status].content)


def _content_pairs(a: list[Any], b: list[Any]) -> Iterator[tuple[TypeExpr, TypeExpr]]:
    by_media = {c.media_type: c for c in b}
    for c in a:
        other = by_media.get(c.media_type)
        if other is not None and c.type is not None and other.type is not None:
            yield c.type, other.type
