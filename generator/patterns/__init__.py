"""Regular expressions from a spec (`pattern`, `patternProperties` keys): which engine
takes which (`linear.py`: RE2 and Rust regex, the Python target's; `ecma.py`: the
TypeScript target's `RegExp`), which backtrack super-linearly (`redos.py`), and where
each is in the spec. A target refuses, at generation time and at the pattern's place,
one its engine cannot take: never a package that breaks when it is imported or used."""

from __future__ import annotations

from typing import Callable

from ..errors import Location, SpecError
from ..ir import IR, Map, ObjectType
from ..ir.walk import all_exprs


def patterns_in(ir: IR) -> list[str]:
    """Every pattern the IR's types and operations use, sorted."""
    found: set[str] = set()
    for t in ir.types.values():
        if isinstance(t, ObjectType):
            found.update(pp.pattern for pp in t.pattern_properties)
    for e in all_exprs(ir):
        constraints = getattr(e, "constraints", None)
        if constraints is not None and constraints.pattern is not None:
            found.add(constraints.pattern)
        if isinstance(e, Map):
            found.update(pp.pattern for pp in e.pattern_properties)
    return sorted(found)


def refuse_unsupported(ir: IR, target: str, engine: str,
                       refusal: Callable[[str], str | None]) -> None:
    """SpecError at the first pattern (in spec order) that `refusal` gives a reason for."""
    refused = [(p, why) for p in patterns_in(ir) if (why := refusal(p)) is not None]
    if not refused:
        return
    here = Location(ir.source)
    place = {p: ir.pattern_sites.get(p, here) for p, _ in refused}
    pattern, why = min(refused, key=lambda r: (place[r[0]].file, place[r[0]].line or 0,
                                               place[r[0]].column or 0, r[0]))
    raise SpecError(place[pattern], f"pattern {pattern!r:.80} cannot be used by the {target} "
                                    f"target ({engine}: {why}): refused")
