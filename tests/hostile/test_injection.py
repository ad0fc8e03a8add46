"""The injection corpus: every payload in every sink, generated for every installed
target, then proved inert by that target's checker (tests/hostile/checkers.py).

    payloads (payloads.py) x sinks (corpus.SINKS) x targets (available_targets())

plus one spec carrying every hostile *name* (keywords, builtins, dunders of Python and
TypeScript, names differing only in case or punctuation) as schema, property and enum
value. The test prints what it covered."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from checkers import CHECKERS, Case
from corpus import SINKS, names_spec, spec_for
from generator import pipeline
from generator.config import Config
from generator.output.writer import write_target
from generator.misleading import C0, MISLEADING
from generator.targets.base import available_targets
from payloads import NAMES, PAYLOADS

TARGETS = sorted(available_targets())
BENIGN = "benign text"


def _render(spec: dict[str, object], root: Path, package: str) -> dict[str, dict[str, str]]:
    root.mkdir(parents=True, exist_ok=True)
    path = root / "openapi.json"
    path.write_text(json.dumps(spec), encoding="ascii")  # \\u escapes: lone surrogates too
    config = Config(spec=path, out=root / "out", targets=tuple(TARGETS), package=package,
                    root=root, use_cache=False)
    ir, _ = pipeline.load_ir(config)
    files = {}
    for name in TARGETS:
        files[name] = pipeline.render_target(ir, config, name)
        write_target(root / "out" / name, files[name], {"target": name})
    return files


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> list[Case]:
    base = tmp_path_factory.mktemp("hostile")
    baseline = _render(spec_for(BENIGN), base / "benign", "hostile_benign")
    out = []
    for i, (name, payload) in enumerate(PAYLOADS.items()):
        package = f"hostile_{i}"
        files = _render(spec_for(payload), base / package, package)
        out.append(Case(name, payload, base / package, package, files, baseline))
    files = _render(names_spec(NAMES), base / "names", "hostile_names")
    out.append(Case("names", None, base / "names", "hostile_names", files, {}))
    return out


def test_every_target_has_a_checker() -> None:
    missing = [t for t in TARGETS if t not in CHECKERS]
    assert not missing, f"no injection checker for target(s) {missing}: add one to tests/hostile/checkers.py"


SAFE_PATH = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*$")


@pytest.mark.parametrize("target", TARGETS)
def test_file_names_never_come_raw_from_a_spec(cases: list[Case], target: str) -> None:
    """Every target: file names are plain (no `..`, no absolute path, no odd characters,
    at most 120 characters a part) and every file is UTF-8 text."""
    for case in cases:
        for rel, text in case.files[target].items():
            assert SAFE_PATH.match(rel) and ".." not in rel.split("/"), (case.name, rel)
            assert all(len(part) <= 120 for part in rel.split("/")), (case.name, rel)
            text.encode("utf-8")


@pytest.mark.parametrize("target", TARGETS)
def test_no_payload_escapes(cases: list[Case], target: str) -> None:
    if target not in CHECKERS:
        pytest.fail(f"no checker for {target}")  # also reported by the test above
    CHECKERS[target](cases)
    print(f"\n{target}: {len(PAYLOADS)} payloads x {len(SINKS)} sinks = "
          f"{len(PAYLOADS) * len(SINKS)} placements proved inert, plus {len(NAMES)} hostile names")
    print("sinks: " + "; ".join(f"{k} ({v})" for k, v in SINKS.items()))
    print("payloads: " + ", ".join(PAYLOADS))


def test_hostile_names_keep_their_wire_names(cases: list[Case]) -> None:
    case = next(c for c in cases if c.name == "names")
    script = f"""
import json, sys
from {case.package} import models as m
names = json.loads(sys.argv[1])
data = {{n: n for n in names}}
assert m.AllNames.model_validate(data).model_dump(mode="json") == data
assert sorted(v.value for v in m.NameEnum) == sorted(names)
classes = {{n for n in m.__all__}}
assert len(classes) >= len(names) + 2, len(classes)
"""
    run = subprocess.run([sys.executable, "-c", script, json.dumps(NAMES)], cwd=case.root,
                         capture_output=True, text=True, env={"PYTHONPATH": str(case.out("python"))})
    assert run.returncode == 0, run.stderr[-2000:]
    pages = [p for p in case.files["docs"] if p.startswith("types/")]
    assert len(pages) == len(set(pages)) >= len(NAMES) + 2


def test_generated_python_passes_mypy_and_black(cases: list[Case]) -> None:
    """One mypy --strict call over every corpus package (fast), black --check on all."""
    folders = [str(c.out("python")) for c in cases]
    packages = [c.package for c in cases]
    env = {"MYPYPATH": ":".join(folders), "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                          *[a for p in packages for a in ("-p", p)]],
                         capture_output=True, text=True, env=env, cwd=cases[0].root.parent)
    assert run.returncode == 0, run.stdout[-3000:]
    black = subprocess.run([sys.executable, "-m", "black", "--check", "-q", *folders],
                           capture_output=True, text=True)
    assert black.returncode == 0, black.stderr[-3000:]


def test_spec_keys_never_leave_the_target_folder(tmp_path: Path) -> None:
    """A response status or media type is any string in a spec: `../` in one must not
    become a path (the jsonschema target once wrote `response-../../x.schema.json`)."""
    spec = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {
        "post": {"operationId": "../../op", "responses": {
            "../../../escaped": {"description": "d", "content": {
                "application/json": {"schema": {"type": "string"}}}},
            "200": {"description": "d", "content": {
                "application/../../../esc": {"schema": {"type": "string"}}}}}}}}}
    files = _render(spec, tmp_path / "keys", "keys")
    for target, found in files.items():
        for rel in found:
            assert SAFE_PATH.match(rel) and ".." not in rel.split("/"), (target, rel)
    outside = [p for p in tmp_path.rglob("*") if "esc" in p.name
               and not p.resolve().is_relative_to((tmp_path / "keys" / "out").resolve())]
    assert not outside, outside


@pytest.mark.parametrize("rel", ["../x", "a/../../x", "/etc/x", "a//b", "./a", "a\\..\\b",
                                 "a\0b", "x" * 256, ""])
def test_writing_refuses_a_path_outside_the_target(tmp_path: Path, rel: str) -> None:
    """Defence in depth: whatever a target (or plugin) returns, nothing is written outside."""
    from generator.errors import ConfigError

    with pytest.raises(ConfigError, match="inside its target folder"):
        write_target(tmp_path / "out" / "t", {"ok.txt": "x", rel: "x"}, {"target": "t"})
    assert not (tmp_path / "out" / "t").exists() and not (tmp_path / "x").exists()


@pytest.mark.parametrize("target", TARGETS)
def test_no_misleading_character_reaches_a_file(cases: list[Case], target: str) -> None:
    """Bidi controls, C1 controls (CSI, NEL), line separators, the BOM and C0 controls
    (generator/misleading.py) are escaped or replaced in every file of every target:
    none reaches a reader's editor or terminal raw (the corpus carries each of them)."""
    carried = {ord(c) for p in PAYLOADS.values() for c in p}
    assert {0x9B, 0x85, 0x2028, 0x202E, 0x200F, 0x061C, 0xFEFF, 0x1B} <= carried
    banned = (MISLEADING | C0) - {0x0A}
    for case in cases:
        for rel, text in case.files[target].items():
            raw = sorted({f"U+{ord(c):04X}" for c in text if ord(c) in banned})
            assert not raw, (case.name, rel, raw)
