"""`walk.type_refs` (one recursion, for speed) names exactly the Refs `exprs_of_type`
yields, in its order, with and without `also`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.ir import (
    AliasType, AnyType, Array, Const, Field, Map, ObjectType, PatternProperty, Primitive, Ref,
    UnionType,
)
from generator.ir.walk import exprs_of_type, type_refs

if TYPE_CHECKING:
    from generator.ir import Type
    from harness import Generated


def _slow(t: "Type", also: bool) -> list[str]:
    return [e.name for e in exprs_of_type(t, also) if isinstance(e, Ref)]


def test_every_kind_of_nesting() -> None:
    def r(name: str, **kw: object) -> Ref:
        return Ref(name=name, **kw)  # type: ignore[arg-type]

    nested = Array(items=Map(values=r("map_value", also=[r("also_in_map")]),
                             pattern_properties=[PatternProperty(pattern="^x", type=r("pp"))]),
                   prefix_items=[r("prefix")], also=[Array(items=r("also_items"))])
    types: list[Type] = [
        ObjectType(name="o", fields=[Field(name="a", type=nested),
                                     Field(name="b", type=AnyType(excluded=r("not"))),
                                     Field(name="c", type=Primitive(type="string",
                                                                    also=[r("prim_also")])),
                                     Field(name="d", type=r("plain")),
                                     Field(name="e", type=r("ref", also=[r("ref_also")]))],
                   additional_properties=r("extra"), also=[r("type_also")],
                   pattern_properties=[PatternProperty(pattern="^y", type=r("opp"))]),
        UnionType(name="u", variants=[r("v1"), Const(value=1, also=[r("c_also")]), Primitive(type="string")]),
        AliasType(name="a", target=Map(values=r("aliased"))),
    ]
    for t in types:
        for also in (True, False):
            assert type_refs(t, also) == _slow(t, also)
    assert "also_in_map" in type_refs(types[0]) and "also_in_map" not in type_refs(types[0], False)


def test_a_whole_spec(ours: "Generated") -> None:
    for t in ours.ir.types.values():
        for also in (True, False):
            assert type_refs(t, also) == _slow(t, also)
