"""Every real spec in ../shared generates a package that imports, type-checks
(mypy --strict), is black-formatted, and round-trips every example it carries."""

from __future__ import annotations

import subprocess
import sys
from typing import Callable

import pytest

from examples import checked
from harness import Generated
from reference import Reference
from shared_data import upstream_specs

from generator.source.loader import open_spec

SPECS = upstream_specs()
needs_specs = pytest.mark.skipif(not SPECS, reason="../shared/specs is not available")
params = pytest.mark.parametrize("name", SPECS or ["-"])


@needs_specs
@params
def test_generated_package_typechecks_and_is_formatted(
    name: str, generated_for: Callable[[str], Generated]
) -> None:
    g = generated_for(name)
    assert (g.out / g.package / "py.typed").exists()
    assert len(g.module.__all__) > 50
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-p", g.package],
        cwd=g.out, capture_output=True, text=True,
    )
    assert mypy.returncode == 0, (mypy.stdout + mypy.stderr)[-3000:]
    black = subprocess.run([sys.executable, "-m", "black", "--check", "--quiet", g.package],
                           cwd=g.out, capture_output=True, text=True)
    assert black.returncode == 0, black.stderr[-2000:]


@needs_specs
@params
def test_every_example_round_trips(name: str, generated_for: Callable[[str], Generated]) -> None:
    """Each example parses with its model and dumps back to the same JSON.

    An example the generated model rejects must also be rejected by the
    reference (the raw schema checked by the `jsonschema` library): those are
    upstream mistakes (e.g. a required field missing from the example), counted
    and printed, never hidden.
    """
    g = generated_for(name)
    reference = Reference(open_spec(g.spec).root.data)
    total, upstream_invalid, ours = 0, [], []
    for ex, problem in checked(g):
        total += 1
        if problem is None:
            continue
        if problem.startswith("rejected") and not reference.is_valid(ex.pointer, ex.value):
            upstream_invalid.append(f"{ex.where}: {problem}")
        else:
            ours.append(f"{ex.where}: {problem}")
    print(f"\n{name}: {total} examples, {total - len(upstream_invalid) - len(ours)} round-tripped, "
          f"{len(upstream_invalid)} invalid upstream (the reference rejects them too)")
    for line in upstream_invalid:
        print("  upstream:", line[:160])
    assert total > 0
    assert not ours, "\n".join(ours[:20])


def test_every_example_in_our_spec_round_trips(ours: Generated) -> None:
    problems = []
    total = 0
    for ex, problem in checked(ours):
        total += 1
        if problem is not None:
            problems.append(f"{ex.where}: {problem}")
    print(f"\nspec/: {total} examples, all round-tripped" if not problems else "")
    assert total > 100
    assert problems == []
