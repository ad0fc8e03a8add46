"""spec/ is our own document, but its facts must be the upstream version's.

Every type reachable from POST /responses must have the same name, kind,
fields (wire names, order, types, required, nullable, defaults, deprecated,
readOnly/writeOnly), enum values, const, bounds, formats, union variants and
discriminators as in the upstream file the seed page matches. Descriptions and
examples are ours, so they are not compared; spellings (3.0 `nullable` vs 3.1
type arrays, allOf wrappers) do not matter because the IR normalises them.
"""

from __future__ import annotations

from pathlib import Path

from generator.builder import build_ir
from generator.errors import Diagnostics
from generator.ir import IR
from generator.ir.compare import compare_types, reachable_from_operation
from generator.source.loader import open_spec
from shared_data import ROOT, SEED_SPEC, shared_path


OPERATION = ("POST /responses",)


def _ir(path: Path) -> IR:
    """The IR of POST /responses alone: inline types are named from the paths of
    this operation's schemas, not from unrelated operations elsewhere in the file."""
    return build_ir(open_spec(path), Diagnostics(), OPERATION)


def test_spec_facts_match_upstream_seed_version() -> None:
    ours = _ir(ROOT / "spec" / "openapi.yaml")
    upstream = _ir(shared_path("specs", SEED_SPEC))
    # bodies only: the header parameters are ours (tested below), not upstream's
    ours_reach = reachable_from_operation(ours, "/responses", "post", parameters=False)
    theirs_reach = reachable_from_operation(upstream, "/responses", "post", parameters=False)
    assert len(theirs_reach) > 150
    assert sorted(ours_reach - theirs_reach) == [], "types only spec/ has"
    assert sorted(theirs_reach - ours_reach) == [], "types spec/ is missing"
    differences = compare_types(upstream, ours, theirs_reach)
    assert [str(d) for d in differences] == []


def test_operation_facts_match_upstream() -> None:
    ours = _ir(ROOT / "spec" / "openapi.yaml")
    upstream = _ir(shared_path("specs", SEED_SPEC))

    def shape(ir: IR) -> dict[str, object]:
        op = next(o for o in ir.operations if o.path == "/responses" and o.method == "post")
        assert op.request_body is not None
        return {
            "operation_id": op.operation_id,
            "request": [(c.media_type, c.type) for c in op.request_body.content],
            "required": op.request_body.required,
            "responses": {r.status: [(c.media_type, c.type, c.event_stream, c.sentinel)
                                     for c in r.content] for r in op.responses},
        }

    assert shape(ours) == shape(upstream)


def test_spec_has_our_header_parameters_and_descriptions_of_our_own() -> None:
    ours = _ir(ROOT / "spec" / "openapi.yaml")
    upstream = _ir(shared_path("specs", SEED_SPEC))
    op = next(o for o in ours.operations if o.path == "/responses")
    assert {p.name.lower() for p in op.parameters if p.location == "header"} >= {
        "x-session-id", "x-openrouter-metadata"}
    reach = reachable_from_operation(upstream, "/responses", "post")
    assert reach <= set(ours.types)
    same = [n for n in reach if ours.types[n].description
            and ours.types[n].description == upstream.types[n].description]
    assert same == [], "descriptions copied from upstream"
