"""The TypeScript target's proof that nothing from a spec escaped into live code.

For every corpus case at once (one tsc program, one node process per step):
  - the package compiles under `tsc --strict --noEmit`;
  - every module has the benign spec's code shape: the TypeScript AST (parsed by the
    TypeScript compiler API) with identifiers blanked, string literals blanked and
    comments dropped, top-level statements and a class's members sorted, equals the
    benign baseline's, so a payload added no statement, call, expression or template literal;
  - importing the package (transpiled to JS) in node prints nothing and writes no
    marker file, and every exported zod schema runs;
  - each payload round-trips as data through `HostileSchema` (a property named by it,
    an enum value, a const, a pattern, a default), read from JSON, not from our escaper.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from node_tools import node, project, transpile, tsc
from payloads import MARKER, NAMES

if TYPE_CHECKING:
    from checkers import Case

SHAPE = r"""
import ts from "typescript";
import { readFileSync, writeFileSync } from "node:fs";
function shape(node) {
  let label = ts.SyntaxKind[node.kind];
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) label = "Id";
  else if (ts.isStringLiteral(node)) label = "Str";
  else if (ts.isNumericLiteral(node)) label = "Num:" + node.text;
  const kids = [];
  ts.forEachChild(node, (child) => { kids.push(shape(child)); });
  if (ts.isClassDeclaration(node)) kids.sort();  // members in name order, like statements
  return kids.length ? label + "(" + kids.join(",") + ")" : label;
}
const out = {};
for (const file of JSON.parse(readFileSync(process.argv[2], "utf8"))) {
  const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  out[file] = {
    parse_errors: sf.parseDiagnostics.length,
    statements: sf.statements.map(shape).sort(),
  };
}
writeFileSync("ts-shapes.json", JSON.stringify(out));
"""

RUN = r"""
import { readFileSync, writeFileSync } from "node:fs";
function same(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
}
const fails = [];
const counts = {};
for (const [folder, payload, names] of JSON.parse(readFileSync("ts-cases.json", "utf8"))) {
  const m = await import(`./${folder}/out/typescript/src/index.js`);
  const schemas = Object.entries(m).filter(([k]) => k.endsWith("Schema"));
  counts[folder] = schemas.length;
  for (const [, schema] of schemas) schema.safeParse({});  // every schema runs
  if (payload !== null) {
    const data = { [payload]: payload, kind: payload, tag: payload, choice: payload,
                   code: payload, nested: { [payload]: 1 } };
    const r = m.HostileSchema.safeParse(data);
    if (!r.success) fails.push([folder, "rejected", JSON.stringify(r.error.issues).slice(0, 300)]);
    else if (!same(r.data, data)) fails.push([folder, "changed", JSON.stringify(r.data).slice(0, 300)]);
    const filled = m.HostileSchema.parse({});
    if (filled[payload] !== payload) fails.push([folder, "default", JSON.stringify(filled).slice(0, 300)]);
    for (const key of ["kind", "tag"]) {
      if (m.HostileSchema.safeParse({ [key]: payload + "x" }).success) fails.push([folder, key + " not checked"]);
    }
  } else {
    const data = Object.fromEntries(names.map((n) => [n, n]));
    const r = m.AllNamesSchema.safeParse(data);
    if (!r.success || !same(r.data, data)) fails.push([folder, "AllNames", JSON.stringify(r)]);
    for (const n of names) {
      if (!m.NameEnumSchema.safeParse(n).success) fails.push([folder, "NameEnum", n]);
    }
  }
}
writeFileSync("ts-results.json", JSON.stringify({ fails, counts }));
"""


def check_typescript(cases: list[Case]) -> None:
    base = cases[0].root.parent
    project(base)  # node_modules (typescript, zod) and a package.json of type module
    folders = [c.root.relative_to(base).as_posix() for c in cases]
    benign = cases[0].root.parent / "benign"
    for case in cases:
        for rel, text in case.files["typescript"].items():
            if rel.endswith(".json"):
                json.loads(text)
    # 1. one tsc program over every case's package
    code, output = tsc(base, [[f"{f}/out/typescript/src/*.ts" for f in folders]])
    assert code == 0, f"tsc --strict failed on the hostile corpus:\n{output[-4000:]}"
    # 2. code shape against the benign baseline
    sources = [f"{f}/out/typescript/{rel}" for f, c in zip(folders, cases)
               for rel in c.files["typescript"] if rel.endswith(".ts")]
    sources += [f"benign/out/typescript/{rel}" for rel in cases[0].baseline["typescript"]
                if rel.endswith(".ts")]
    (base / "ts-shape-files.json").write_text(json.dumps(sources))
    run = node(base, SHAPE, "ts-shape-files.json")
    assert run.returncode == 0, run.stderr[-3000:]
    shapes = json.loads((base / "ts-shapes.json").read_text())
    assert benign.is_dir()
    for folder, case in zip(folders, cases):
        for rel in case.files["typescript"]:
            if not rel.endswith(".ts"):
                continue
            mine = shapes[f"{folder}/out/typescript/{rel}"]
            assert mine["parse_errors"] == 0, (case.name, rel)
            if case.payload is not None:
                want = shapes[f"benign/out/typescript/{rel}"]["statements"]
                got = mine["statements"]
                diff = [(g, w) for g, w in zip(got, want) if g != w][:2]
                assert got == want, (case.name, rel, "code shape changed", len(got), len(want), diff)
    # 3. import in node: nothing printed, no marker; payloads round-trip as data
    transpile(base, [base / s for s in sources if not s.startswith("benign/")])
    names = [n for n in NAMES if n != "__proto__"]  # a documented zod limit (README)
    (base / "ts-cases.json").write_text(json.dumps(
        [[f, c.payload, names] for f, c in zip(folders, cases)]))
    run = node(base, RUN)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout == "", f"importing generated TypeScript printed: {run.stdout[:500]!r}"
    assert not list(base.rglob(MARKER + "*")), "a payload ran: the marker file exists"
    result = json.loads((base / "ts-results.json").read_text())
    assert not result["fails"], result["fails"][:5]
    names_folder = folders[[c.name for c in cases].index("names")]
    assert result["counts"][names_folder] >= len(NAMES) + 2, result["counts"][names_folder]
