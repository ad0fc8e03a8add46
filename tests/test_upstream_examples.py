"""Every example keyword OpenAI's POST /responses reaches survives into the IR, where the
docs and html targets show it (issue 11, point 7): on a property, an `anyOf`/`oneOf`
member, array `items`, a `$ref` with an example beside it. One that does not is listed
here with the reason, so a new loss fails the test."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Callable

import pytest

from example_census import ir_examples, spec_examples
from harness import Generated, generate, spec_data
from openai_requests import OPENAI_SPEC
from shared_data import upstream_specs
from vendor_support import mini_spec

from generator.ir.walk import all_exprs

# pointer of the example keyword -> why the IR does not carry it (none on OpenAI's today)
DROPPED: dict[str, str] = {}


def lost(g: Generated, path: str) -> list[str]:
    found = spec_examples(spec_data(g.spec), path, "post")
    kept = ir_examples(g.ir, path, "post")
    return [e.pointer for e in found if (e.place, e.value) not in kept]


def test_census_sees_examples_on_members_items_and_refs(tmp_path: Path) -> None:
    g = generate(mini_spec(tmp_path), tmp_path / "out", "pkg_census")
    found = spec_examples(spec_data(g.spec), "/things", "post")
    assert {e.pointer.removeprefix("/components/schemas/Req/properties/") for e in found} >= {
        "temperature/anyOf/0/example", "file_ids/items/example", "seed/anyOf/0/example",
        "seed/anyOf/1/examples", "model/example"}
    assert lost(g, "/things") == []
    bare = copy.deepcopy(g.ir)  # the census fails when the uses drop theirs
    for e in all_exprs(bare):
        e.examples = []
    g.ir = bare
    assert {p.removeprefix("/components/schemas/Req/properties/") for p in lost(g, "/things")} \
        == {"seed/anyOf/0/example", "seed/anyOf/1/examples", "file_ids/items/example"}


@pytest.mark.skipif(OPENAI_SPEC not in upstream_specs(), reason="../shared/specs/openai missing")
def test_every_example_openai_post_responses_reaches_survives(
        generated_for: Callable[[str], Generated]) -> None:
    g = generated_for(OPENAI_SPEC)
    found = spec_examples(spec_data(g.spec), "/responses", "post")
    missing = lost(g, "/responses")
    print(f"\n{OPENAI_SPEC}: {len(found) - len(missing)} of {len(found)} example keywords "
          "POST /responses reaches survive in the IR")
    assert len(found) >= 20
    assert sorted(missing) == sorted(DROPPED), [p for p in missing if p not in DROPPED]
