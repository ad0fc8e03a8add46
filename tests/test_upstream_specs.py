"""Every real spec in ../shared generates a package that imports, type-checks
(mypy --strict), is black-formatted, and round-trips every example it carries."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from typing import Any, Callable

import pytest
from pydantic import BaseModel, TypeAdapter

from examples import checked
from generator import ir as ir_module
from generator.pipeline import type_fingerprints
from harness import Generated, spec_data
from reference import Reference
from shared_data import upstream_specs


SPECS = upstream_specs()
needs_specs = pytest.mark.skipif(not SPECS, reason="../shared/specs is not available")
params = pytest.mark.parametrize("name", SPECS or ["-"])


GROUPS = 2  # one mypy and one black run per group: one per core, with pytest -n 2


def static_checks(packages: list[Generated]) -> dict[str, str]:
    """One `mypy --strict` and one `black --check` over the packages: package -> the
    problems reported in it (problems no package owns, e.g. mypy not starting, in all)."""
    path = os.pathsep.join(str(g.out) for g in packages)
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental",
         *(arg for g in packages for arg in ("-p", g.package))],
        env={**os.environ, "MYPYPATH": path}, capture_output=True, text=True)
    black = subprocess.run([sys.executable, "-m", "black", "--check",
                            *(str(g.out / g.package) for g in packages)],
                           capture_output=True, text=True)
    lines = (mypy.stdout + mypy.stderr + black.stderr).splitlines()
    stray = [line for line in lines if ": error:" in line or line.startswith("error")
             if not any(f"{g.package}/" in line for g in packages)]
    return {g.package: "\n".join(stray + [line for line in lines if f"{g.package}/" in line])
            for g in packages}


@needs_specs
@pytest.mark.parametrize("group", range(GROUPS))
def test_generated_packages_typecheck_and_are_formatted(
    group: int, generated_for: Callable[[str], Generated]
) -> None:
    """Every upstream package (each spec generated once per run, shared with the other
    tests) passes mypy --strict and black --check, checked in as few runs as the cores."""
    packages = [generated_for(name) for name in SPECS[group::GROUPS]]
    for g in packages:
        assert (g.out / g.package / "py.typed").exists()
        assert len(g.module.__all__) > 50
    problems = {k: v for k, v in static_checks(packages).items() if v}
    assert problems == {}, "\n".join(f"{k}:\n{v[-2000:]}" for k, v in problems.items())


def _plain_data(value: Any) -> Any:
    """`ir.to_data` as first written (one call per value): the reference the faster one
    must equal, since `check` compares the hashes of it stored in manifests."""
    if type(value) in ir_module._ATOMS:
        return value
    dumped = ir_module._dumped(type(value))
    if dumped is None:
        if isinstance(value, dict):
            return {str(k): _plain_data(v) for k, v in value.items()}
        return [_plain_data(v) for v in value] if isinstance(value, list) else value
    out: dict[str, Any] = {}
    for name, unstated in dumped:
        item = getattr(value, name)
        if unstated is not ir_module._MISSING and (
                not item if unstated is ir_module._EMPTY else item == unstated):
            continue
        if type(item) is ir_module.Constraints:
            item = {k: v for k, v in _plain_data(item).items() if v not in (None, False)}
            if not item:
                continue
        out[name] = _plain_data(item)
    return out


def _reference_fingerprints(g: Generated) -> dict[str, str]:
    return {name: hashlib.sha256(json.dumps(_plain_data(t), sort_keys=True).encode()).hexdigest()[:16]
            for name, t in g.ir.types.items()}


@needs_specs
@params
def test_type_fingerprints_are_the_reference_hashes(
        name: str, generated_for: Callable[[str], Generated]) -> None:
    """The hashes `generate` stores in manifests and `check` compares are those of the
    plain dump, type by type, on every real spec (and ours, below)."""
    g = generated_for(name)
    assert type_fingerprints(g.ir) == _reference_fingerprints(g)


def test_type_fingerprints_of_our_spec_are_the_reference_hashes(ours: Generated) -> None:
    assert type_fingerprints(ours.ir) == _reference_fingerprints(ours)


@needs_specs
@params
def test_every_model_and_union_builds(name: str, generated_for: Callable[[str], Generated]) -> None:
    """Models are built on first use: build each one (and a TypeAdapter per alias), so
    a schema pydantic refuses (e.g. two variants mapped to one tag) fails here."""
    g = generated_for(name)
    problems = []
    for export in g.module.__all__:
        value = getattr(g.module, export)
        try:
            if isinstance(value, type) and issubclass(value, BaseModel):
                value.model_rebuild(force=True)
            elif not isinstance(value, type):
                TypeAdapter(value)
        except Exception as exc:  # noqa: BLE001 - every failure is listed
            problems.append(f"{export}: {str(exc).splitlines()[0]}")
    assert problems == [], "\n".join(problems[:20])


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
    reference = Reference(spec_data(g.spec))
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
