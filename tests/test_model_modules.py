"""A big package's models live in lazily loaded modules of `_models/`: which module
holds what (generator/targets/python/model_modules.py), and what importing one model
loads (the real spec's package, built once per run)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Callable

from generator.targets.python.model_modules import MAX_NAME, SPLIT_AT, split
from harness import Generated
from shared_data import LATEST_SPEC

# A -> B -> C, D -> C, a cycle E <-> F reached from A, and a cycle G <-> H nothing reaches.
DEPS = {"C": [], "B": ["C"], "F": ["E"], "E": ["F"], "A": ["B", "E"], "D": ["C"],
        "H": ["G"], "G": ["H"]}
ORDER = ["C", "B", "F", "E", "A", "D", "H", "G"]


def test_definitions_share_a_module_when_the_same_entry_points_reach_them() -> None:
    modules = {m.name: m for m in split(ORDER, DEPS)}
    members = {name: m.members for name, m in modules.items()}
    assert members == {"c": ["C"], "a": ["B", "F", "E", "A"], "d": ["D"], "g": ["H", "G"]}
    assert modules["a"].imports == ["c"] and modules["d"].imports == ["c"]
    assert modules["c"].imports == [] and modules["g"].imports == []


def test_modules_import_one_another_without_cycles() -> None:
    deps = {f"T{i}": [f"T{j}" for j in range(i) if (i * 7 + j) % 5 == 0] for i in range(60)}
    deps["T3"].append("T50")  # a cycle T3 -> T50 -> ... -> T3, if T50 reaches T3
    deps["T50"].append("T3")
    modules = {m.name: m for m in split(list(deps), deps)}
    where = {n: m.name for m in modules.values() for n in m.members}
    assert where["T3"] == where["T50"]
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, f"import cycle {path + (name,)}"
        if name not in done:
            for other in modules[name].imports:
                visit(other, path + (name,))
            done.add(name)

    for name in modules:
        visit(name, ())


def test_module_names_are_short_identifiers_and_unique() -> None:
    long = "VeryLong" * 10
    deps: dict[str, list[str]] = {long: [], long + "X": [], "If": [], "if_": []}
    names = [m.name for m in split(list(deps), deps)]
    assert len(set(names)) == 4
    assert all(n.isidentifier() and len(n) <= MAX_NAME + 2 for n in names)
    assert "if" not in names  # a keyword is no module name


def test_importing_one_model_loads_only_what_it_refers_to(
        generated_for: Callable[[str], Generated]) -> None:
    g = generated_for(LATEST_SPEC)
    assert len(g.module.__all__) > SPLIT_AT
    modules = sorted(p.stem for p in (g.out / g.package / "_models").glob("*.py"))
    code = (f"import sys; from {g.package} import ResponsesRequest; "
            f"print(sorted(m.rsplit('.', 1)[1] for m in sys.modules "
            f"if m.startswith('{g.package}._models.')))")
    run = subprocess.run([sys.executable, "-c", code], cwd=g.out, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    loaded = eval(run.stdout)  # noqa: S307 - a list of module names printed above
    assert "responses_request" in loaded and 1 < len(loaded) < len(modules) / 4
    # ... and `models` still names every model: the same objects, whichever way reached
    assert g.module.ResponsesRequest is getattr(__import__(g.package), "ResponsesRequest")
    assert Path(sys.modules[g.module.ResponsesRequest.__module__].__file__ or "").parent.name \
        == "_models"


def test_importing_the_client_loads_no_model_until_an_endpoint_is_used(
        generated_for: Callable[[str], Generated]) -> None:
    """The client's endpoints build their types on first use (`Endpoint.types`)."""
    g = generated_for(LATEST_SPEC)
    code = (f"import sys\n"
            f"def loaded(): return sum(m.startswith('{g.package}._models.') for m in sys.modules)\n"
            f"from {g.package} import AsyncClient, Client\n"
            f"from {g.package} import client\n"
            f"print(loaded())\n"
            f"endpoint = client._POST_RESPONSES\n"
            f"print(loaded())\n"
            f"print(endpoint.body.__name__, endpoint.body is endpoint.types.body, loaded() > 0)\n")
    run = subprocess.run([sys.executable, "-c", code], cwd=g.out, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split("\n")[:3] == ["0", "0", "ResponsesRequest True True"]
