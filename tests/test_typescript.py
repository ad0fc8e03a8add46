"""The TypeScript target: `tsc --strict --noEmit` passes on what it generates for
spec/ and every upstream spec (one tsc program for all of them), every example
compiles as a typed constant and parses with its zod schema in node, and bad
payloads are rejected by zod at the same path as by the Python models."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest

import node_tools
from harness import Generated, generate, slug
from shared_data import ROOT, SEED_SPEC, upstream_specs
from test_bad_payloads import BAD, GOOD
from ts_project import RUNNER, TsSpec, narrowing, write

SPECS = ["ours", *upstream_specs()]
HOSTILE = "*/ ${x} `tick` \u2028 \" ' \\ </script> @param x"


@dataclass
class Run:
    specs: dict[str, TsSpec]
    tsc_output: str
    tsc_code: int
    results: dict[str, Any]
    narrowings: int  # functions in ours' narrowing.ts

    def errors(self, folder: str) -> list[str]:
        return [line for line in self.tsc_output.splitlines() if line.startswith(f"{folder}/")]


def hostile_spec(folder: Path) -> Path:
    """Names and text that TypeScript must not trip on."""
    schemas: dict[str, Any] = {
        "class": {"type": "object", "description": HOSTILE, "properties": {
            "__proto__": {"type": "string", "description": HOSTILE},
            "id": {"type": "integer", "readOnly": True},
            HOSTILE: {"type": "string", "enum": [HOSTILE, "a`b", "${y}"], "default": "${y}"},
            "if": {"$ref": "#/components/schemas/string"},
        }, "examples": [{HOSTILE: "a`b", "if": {"$dollar": 1}}]},
        # (no example sets __proto__: zod's parsed object cannot hold that key)
        "string": {"type": "object", "additionalProperties": {"type": "integer"},
                   "properties": {"$dollar": {"type": "integer", "maximum": 3}},
                   "examples": [{"$dollar": 1, "n": 2}, {"n": "x"}, {"$dollar": 9}]},
        "foo-bar": {"type": "string", "enum": ["x", "y"], "deprecated": True},
        "FooBar": {"type": "string", "pattern": "^[a-z]+$", "description": "*/ alert(1) /*"},
        "Tree": {"type": "object", "properties": {
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}},
            "name": {"type": ["string", "null"], "maxLength": 3}},
            "examples": [{"name": "a", "children": [{"name": None, "children": []}]}]},
    }
    spec = folder / "hostile.json"
    spec.write_text(json.dumps({"openapi": "3.1.0", "info": {"title": HOSTILE, "version": "1"},
                                "paths": {}, "components": {"schemas": schemas}}))
    return spec


@pytest.fixture(scope="module")
def run(generated_for: Callable[[str], Generated],
        tmp_path_factory: pytest.TempPathFactory) -> Run:
    root = node_tools.project(tmp_path_factory.mktemp("typescript"))
    specs: dict[str, TsSpec] = {}
    bad = [(label, patch, loc) for label, patch, loc, _ in BAD]
    for name in SPECS:
        with_bad = name in ("ours", SEED_SPEC)
        specs[name] = write(generated_for(name), root, slug(name),
                            bad if with_bad else None, GOOD)
    narrowings = narrowing(generated_for("ours").ir, specs["ours"].folder)
    g = generate(hostile_spec(root), root / "hostile-py", "pkg_hostile_ts")
    specs["hostile"] = write(g, root, "hostile")
    # A mutant: ours with one field's `| null` dropped; its assertion must fail.
    for part in ("src", "check"):
        mutant = root / "mutant" / part
        mutant.mkdir(parents=True)
        for file in (root / slug("ours") / part).iterdir():
            (mutant / file.name).write_text(file.read_text())
    models = (root / "mutant" / "src" / "models.ts").read_text()
    models = re.sub(r"^(  \w+\?: \w+) \| null;", r"\1;", models, count=1, flags=re.M)
    (root / "mutant" / "src" / "models.ts").write_text(models)
    folders = [s.slug for s in specs.values()] + ["mutant"]
    groups = [[f"{f}/src/*.ts", f"{f}/check/*.ts", f"{f}/checks.ts", f"{f}/narrowing.ts"]
              for f in folders]
    tsc_code, tsc_output = node_tools.tsc(root, [sum(groups[0::2], []), sum(groups[1::2], [])])
    folders = [s.slug for s in specs.values()]
    node_tools.transpile(root, [p for f in folders for p in (root / f).rglob("*.ts")])
    out = node_tools.node(root, RUNNER, *folders)
    assert out.returncode == 0, out.stderr[-3000:]
    return Run(specs, tsc_output, tsc_code, json.loads(out.stdout), narrowings)


@pytest.mark.parametrize("name", SPECS)
def test_tsc_strict_passes(run: Run, name: str) -> None:
    spec = run.specs[name]
    assert (spec.folder / "src" / "models.ts").stat().st_size > 10_000
    assert run.errors(spec.slug) == [], "\n".join(run.errors(spec.slug)[:30])


def test_the_assertions_check_the_shipped_declarations(run: Run) -> None:
    """check/schemas.ts (compiled here, not shipped) is src/schemas.ts, its schemas built
    with zod's own types instead of zod typed `any` and `@ts-nocheck`, plus one
    type-equality assertion per schema: the same schemas, line for line."""
    spec = run.specs["ours"]
    shipped = (spec.folder / "src" / "schemas.ts").read_text()
    checked = (spec.folder / "check" / "schemas.ts").read_text()
    assertions = [line for line in checked.splitlines() if line.startswith("type _")]
    assert len(assertions) >= shipped.count("Schema = Schemas.") > 100
    assert "Expect<Equal<" not in shipped and 'from "zod"' not in shipped
    assert shipped.startswith("// @ts-nocheck\n") and "@ts-nocheck" not in checked
    assert 'import { z } from "zod";' in checked
    # the same schemas after the header and the imports
    shipped_body = shipped.split('\nimport type * as T from "./models.js";\n', 1)[1]
    shipped_body = re.sub(r"^\nconst \{ z, [^}]*\} =\n  untyped;\n", "", shipped_body, count=1)
    checked_body = checked.split('\nimport type * as T from "../src/models.js";\n', 1)[1]
    rest = [line for line in checked_body.splitlines() if not line.startswith("type _")]
    assert "\n".join(rest).rstrip("\n") == shipped_body.rstrip("\n")
    package = json.loads((spec.folder / "package.json").read_text())
    assert package["files"] == ["dist", "src"]


def test_a_response_union_narrows_on_its_tag(run: Run) -> None:
    """`if (x.type === "message")` narrows a response union to the message variant,
    though the union also keeps unknown items (narrowing.ts compiles only then)."""
    assert run.narrowings >= 5
    slug = run.specs["ours"].slug
    errors = [e for e in run.errors(slug) if e.startswith(f"{slug}/narrowing.ts(")]
    assert errors == [], "\n".join(errors[:10])


def test_a_wrong_type_fails_the_compile_time_assertion(run: Run) -> None:
    errors = run.errors("mutant")
    assert errors and all("TS2344" in e or "TS2322" in e for e in errors), errors[:5]
    assert run.tsc_code != 0  # the mutant is the only thing that fails
    others = [e for e in run.tsc_output.splitlines()
              if re.match(r"^[\w./-]+\(\d+", e) and not e.startswith("mutant/")]
    assert others == []


@pytest.mark.parametrize("name", [*SPECS, "hostile"])
def test_examples_compile_and_parse_with_zod(run: Run, name: str) -> None:
    spec = run.specs[name]
    results = run.results[spec.slug]["cases"]
    assert len(results) == len(spec.cases) and spec.cases
    problems = []
    for case, (ok, why) in zip(spec.cases, results):
        if case.valid and not ok:
            problems.append(f"{case.where}: zod rejects it: {why}")
        elif case.valid and why:
            problems.append(f"{case.where}: {why}")
        elif not case.valid and ok:
            problems.append(f"{case.where}: the Python models reject it, zod accepts it")
    valid = sum(c.valid for c in spec.cases)
    print(f"\n{name}: {len(spec.cases)} examples, {valid} typed and parsed, "
          f"{len(spec.cases) - valid} rejected (as by the Python models)")
    assert problems == [], "\n".join(problems[:20])


@pytest.mark.parametrize("name", ["ours", SEED_SPEC], ids=["spec", "upstream-seed"])
def test_bad_payloads_rejected_at_the_field(run: Run, name: str) -> None:
    if name not in run.specs:
        pytest.skip("../shared is not available")
    spec = run.specs[name]
    results = run.results[spec.slug]["bad"]
    assert len(results) == len(BAD)
    for (label, loc), paths in zip(spec.bad, results):
        assert paths is not None, f"{label}: zod accepted it"
        assert any(tuple(p[: len(loc)]) == loc for p in paths), (label, paths)


@pytest.mark.parametrize("name", ["ours", SEED_SPEC], ids=["spec", "upstream-seed"])
def test_response_side_enums_are_open_request_side_closed(run: Run, name: str) -> None:
    if name not in run.specs:
        pytest.skip("../shared is not available")
    spec = run.specs[name]
    assert any(open_ for _, open_ in spec.enums) and not all(open_ for _, open_ in spec.enums)
    results = run.results[spec.slug]["enums"]
    assert len(results) == 2 * len(spec.enums)
    wrong = [spec.enums[i // 2] for i, ok in enumerate(results) if not ok]
    assert wrong == []


def test_the_committed_package_builds_and_runs(tmp_path: Path) -> None:
    """generated/typescript with its own tsconfig: tsc emits dist/, node imports it."""
    package = tmp_path / "openresponses"
    shutil.copytree(ROOT / "generated" / "typescript", package)
    node_tools.project(tmp_path)
    (package / "node_modules").symlink_to(node_tools.node_modules(), target_is_directory=True)
    build = subprocess.run(["node", str(package / "node_modules" / "typescript" / "bin" / "tsc"),
                            "-p", "."], cwd=package, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout[-3000:]
    assert (package / "dist" / "index.d.ts").exists()
    script = f"""
import * as api from "./openresponses/dist/index.js";
const good = api.OpenResponsesRequestSchema.parse({json.dumps(GOOD)});
const bad = api.OpenResponsesRequestSchema.safeParse({{ ...{json.dumps(GOOD)}, temperature: 5 }});
console.log(JSON.stringify([good.model, good.stream, bad.success, bad.error.issues[0].path]));
"""
    run_ = node_tools.node(tmp_path, script)
    assert run_.returncode == 0, run_.stderr
    assert json.loads(run_.stdout) == [GOOD["model"], False, False, ["temperature"]]


def test_hostile_text_stays_text(run: Run) -> None:
    verdicts = [c.valid for c in run.specs["hostile"].cases if c.where == "type string"]
    assert verdicts == [True, False, False]  # typed extra property and bound checked
    src = run.specs["hostile"].folder / "src"
    models = (src / "models.ts").read_text() + (src / "schemas.ts").read_text()
    assert "export interface class_ {" in models and "export interface string_ {" in models
    assert "export type FooBar = string;" in models and "export type FooBar_2 =" in models
    assert 'readonly id?: number;' in models
    assert '["__proto__"]: z.string()' in (src / "schemas.ts").read_text()
    assert "alert(1) /*" not in models.replace("*\\/ alert(1) /*", "")
    assert "\u2028" not in models and "@deprecated" in models
