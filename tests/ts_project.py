"""Generated TypeScript for a spec, plus a test module `checks.ts` beside it:
every example as a typed constant with its zod schema, and the bad payloads."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from examples import checked
from harness import Generated

from generator.config import Config
from generator.ir import (
    IR, AliasType, Array, EnumType, Map, ObjectType, Ref, TypeExpr, UnionType,
)
from generator.ir.tags import dispatch
from generator.pipeline import render_target
from generator.targets.typescript.escaping import ts_key, ts_str, ts_value
from generator.targets.typescript.models import build_view
from generator.targets.typescript.types import TypeMapper


@dataclass
class Case:
    where: str
    value: Any
    valid: bool  # what the Python models say (an upstream mistake is invalid)


@dataclass
class TsSpec:
    slug: str
    folder: Path
    cases: list[Case] = field(default_factory=list)
    bad: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    enums: list[tuple[str, bool]] = field(default_factory=list)  # (IR name, open)


def render(ir: IR, folder: Path) -> None:
    config = Config(out=folder, targets=("typescript",), package="openresponses", use_cache=False)
    for path, text in render_target(ir, config, "typescript").items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)


def request_ref(ir: IR) -> Ref:
    op = next(o for o in ir.operations if o.path == "/responses" and o.method == "post")
    assert op.request_body is not None
    ref = op.request_body.content[0].type
    assert isinstance(ref, Ref)
    return ref


def write(g: Generated, root: Path, slug: str,
          bad: list[tuple[str, dict[str, Any], tuple[str, ...]]] | None = None,
          good: dict[str, Any] | None = None) -> TsSpec:
    """Render the TypeScript target for g's IR into root/slug and write checks.ts."""
    spec = TsSpec(slug, root / slug)
    render(g.ir, spec.folder)
    names = build_view(g.ir).names
    mapper = TypeMapper(g.ir, names, prefix_type="M.", prefix_value="M.")
    lines = ['import { z } from "zod";', 'import * as M from "./src/models.js";',
             'import { extraValues, jsonEquals, openEnum, openIntEnum, pattern, uniqueItems } '
             'from "./src/runtime.js";', 'import type { UnknownVariant } from "./src/runtime.js";',
             ""]
    rows = []
    for ex, problem in checked(g):
        assert ex.expr is not None
        valid = problem is None or not problem.startswith("rejected")
        n = len(spec.cases)
        spec.cases.append(Case(ex.where, ex.value, valid))
        ts_type = mapper.ts(ex.expr) if valid else "unknown"
        literal = typed_value(g.ir, ex.expr, ex.value) if valid else ts_value(ex.value)
        lines.append(f"const ex{n}: {ts_type} = {literal};")
        rows.append(f"  [{ts_str(ex.where)}, {_schema(mapper, ex.expr)}, ex{n}, {str(valid).lower()}],")
    lines.append("export const cases: Array<[string, z.ZodType, unknown, boolean]> = [")
    lines += rows
    lines.append("];")
    lines.append("export const bad: Array<[string, z.ZodType, unknown, string[]]> = [")
    if bad:
        schema = _schema(mapper, request_ref(g.ir))
        for label, patch, loc in bad:
            spec.bad.append((label, loc))
            payload = ts_value({**(good or {}), **patch})
            lines.append(f"  [{ts_str(label)}, {schema}, {payload}, {ts_value(list(loc))}],")
    lines.append("];")
    lines.append("export const enums: Array<[string, z.ZodType, string, boolean]> = [")
    if bad:
        for name, t in sorted(g.ir.types.items()):
            if isinstance(t, EnumType) and t.base == "string" and len(t.values) > 1:
                spec.enums.append((name, t.open))
                schema = _schema(mapper, Ref(name=name))
                lines.append(f"  [{ts_str(name)}, {schema}, \"a-value-from-the-future\", "
                             f"{str(t.open).lower()}],")
                lines.append(f"  [{ts_str(name)}, {schema}, {ts_str(t.values[0])}, true],")
    lines.append("];")
    (spec.folder / "checks.ts").write_text("\n".join(lines) + "\n")
    return spec


def typed_value(ir: IR, e: TypeExpr, value: Any) -> str:
    """ts_value(value), each object that a response union keeps as an unknown item (a tag
    no variant has) cast to `UnknownVariant`: a literal cannot have that type otherwise,
    its tag type being branded so that the union narrows on its known tags."""
    if isinstance(e, Array) and isinstance(value, list):
        return "[" + ", ".join(typed_value(ir, e.items, v) for v in value) + "]"
    if isinstance(e, Map) and isinstance(value, dict) and value and not e.pattern_properties:
        return "{" + ", ".join(f"{ts_key(str(k), literal=True)}: {typed_value(ir, e.values, v)}"
                               for k, v in value.items()) + "}"
    t = ir.types.get(e.name) if isinstance(e, Ref) and value is not None else None
    if isinstance(t, AliasType):
        return typed_value(ir, t.target, value)
    if isinstance(t, ObjectType) and isinstance(value, dict) and value:
        fields = {f.name: f.type for f in t.fields}
        return "{" + ", ".join(
            f"{ts_key(str(k), literal=True)}: "
            + (typed_value(ir, fields[k], v) if k in fields else ts_value(v))
            for k, v in value.items()) + "}"
    if isinstance(t, UnionType):
        d = dispatch(ir, t)
        if d is not None and isinstance(value, dict):
            tag = value.get(d.property)
            indices = d.groups.get(tag) if isinstance(tag, str) else None
            if indices is None and t.keeps_unknown:
                return f"({ts_value(value)} as unknown as UnknownVariant<{ts_str(d.property)}>)"
            if indices is not None and len(indices) == 1:
                return typed_value(ir, t.variants[indices[0]], value)
        for v in t.variants:  # the first variant that finds an unknown item in the value
            text = typed_value(ir, v, value)
            if "as unknown as UnknownVariant<" in text:
                return text
    return ts_value(value)


def narrowing(ir: IR, folder: Path) -> int:
    """Write folder/narrowing.ts: for every response-side union that keeps unknown
    items, a function per tag value that one variant alone carries, which compiles
    only if comparing the tag with that value narrows the union to the variant; and,
    with `@ts-expect-error`, that the union itself (unknown items included) is not
    that variant. Returns the number of functions."""
    names = build_view(ir).names
    lines = ['import type * as M from "./src/models.js";',
             'import type { UnknownVariant } from "./src/runtime.js";', ""]
    n = 0
    for name, t in sorted(ir.types.items()):
        d = dispatch(ir, t) if isinstance(t, UnionType) and t.keeps_unknown else None
        if d is None:
            continue
        union, key = f"M.{names[name]}", ts_str(d.property)
        for value, indices in d.groups.items():
            variant = t.variants[indices[0]]
            if len(indices) != 1 or not isinstance(variant, Ref):
                continue
            known = f"M.{names[variant.name]}"
            lines += [f"export function narrow{n}(x: {union}): {known} | undefined {{",
                      f"  if (x[{key}] === {ts_str(value)}) return x;",
                      "  // @ts-expect-error: not narrowed, the union is not this variant",
                      f"  const all: {known} = x;",
                      "  return undefined;", "}",
                      f"export const kept{n}: {union} = {{}} as UnknownVariant<{key}>;"]
            n += 1
    (folder / "narrowing.ts").write_text("\n".join(lines) + "\n")
    return n


def _schema(mapper: TypeMapper, e: TypeExpr) -> str:
    return mapper.zod(e)


RUNNER = r"""
// For each spec folder: parse every example with its schema, and every bad payload.
function jsonEquals(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => k in b && jsonEquals(a[k], b[k]));
}

function covers(out, input) {  // the parsed value keeps everything the input had
  if (Array.isArray(input)) {
    return Array.isArray(out) && out.length === input.length && input.every((v, i) => covers(out[i], v));
  }
  if (input !== null && typeof input === "object") {
    return out !== null && typeof out === "object" && Object.keys(input).every((k) => covers(out[k], input[k]));
  }
  return jsonEquals(out, input);
}

function paths(issues, base = []) {  // every issue path, unions' inner issues included
  const out = [];
  for (const issue of issues) {
    const here = [...base, ...issue.path.map(String)];
    out.push(here);
    for (const branch of issue.errors ?? []) out.push(...paths(branch, here));
    if (issue.issues) out.push(...paths(issue.issues, here));
  }
  return out;
}

const results = {};
for (const slug of process.argv.slice(2)) {
  const m = await import(`./${slug}/checks.js`);
  const cases = m.cases.map(([where, schema, value, valid]) => {
    const r = schema.safeParse(value);
    if (!r.success) return [false, JSON.stringify(r.error.issues[0]).slice(0, 300)];
    return [true, covers(r.data, value) ? null : "parsed value lost data: " + JSON.stringify(r.data).slice(0, 200)];
  });
  const bad = m.bad.map(([label, schema, value, loc]) => {
    const r = schema.safeParse(value);
    return r.success ? null : paths(r.error.issues);
  });
  const enums = m.enums.map(([name, schema, value, expected]) => schema.safeParse(value).success === expected);
  results[slug] = { cases, bad, enums };
}
console.log(JSON.stringify(results));
"""
