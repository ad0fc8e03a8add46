"""View models for the TypeScript templates: every decision made here.

For each named IR type: its TypeScript declaration (an interface for objects,
a type alias for everything else), its zod shape (`<Name>Shape`, inferred, never
annotated), the exported schema `<Name>Schema`, typed `Schema<Name>`
(`z.ZodType<Name, Name>`), and, in check/schemas.ts only, the compile-time
assertion that the shape's inferred input type (and output type, when no default
fills a field) is exactly the declared type. That assertion is what makes the
schema's type sound, so the schema is cast to it (`as unknown as`) instead of
annotated: a structural assignability check against `z.ZodType` costs tsc more
than inferring. The shipped src/schemas.ts builds the same shapes with zod typed
`any` (no inference at all); check/schemas.ts builds them with zod's types. models.ts
declares the types and exports the schemas (a type and a schema may share a name
there); schemas.ts refers to the types as `T.<name>`, so no name of theirs clashes.
Shapes and schemas are static members of one class (`HOLDER`), referred to as
`HOLDER.<name>`: tsc resolves such a reference without walking back over every
module-level declaration before it (quadratic in the number of schemas).
Definitions come in dependency order; a reference to a schema defined later
(a cycle) is a getter inside an object shape, else `z.lazy`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...ir import (
    IR, AliasType, Const, EnumType, Field, ObjectType, Ref, Type, TypeExpr, UnionType,
)
from ...ir.tags import dispatch
from ...ir.walk import type_refs
from .escaping import ts_doc, ts_key, ts_str, ts_value
from .naming import HOLDER, TYPES, schema_name, shape_name, type_names
from .types import TypeMapper, scalar_literal


@dataclass
class TsField:
    key: str  # property key in the interface
    zod_key: str  # key in the shape's object literal
    optional: bool
    readonly: bool
    type: str
    zod: str
    getter: bool
    doc: str | None


@dataclass
class TsDecl:
    name: str
    schema: str
    shape: str
    doc: str | None
    kind: str  # "interface" | "alias"
    type: str = ""  # alias: the type expression
    fields: list[TsField] = field(default_factory=list)
    index: bool = False  # interface: `[key: string]: unknown` (extra properties allowed)
    zod: str = ""  # alias: the zod expression; interface: the object constructor
    zod_suffix: str = ""  # checks after an object's shape
    checked: str = ""  # the type the shape's input must equal
    check_output: bool = True  # also assert z.output (no defaults fill anything)


@dataclass
class TsView:
    decls: list[TsDecl]
    names: dict[str, str]  # IR name -> TypeScript name
    holder: str = HOLDER  # the class whose static members the shapes and schemas are
    types: str = TYPES  # schemas.ts's name for models.ts (`import type * as T`)


def build_view(ir: IR) -> TsView:
    names = type_names(list(ir.types))
    order = _definition_order(ir)
    defined: set[str] = set()
    mapper = TypeMapper(ir, names, prefix_value=HOLDER + ".", defined=lambda n: n in defined)
    decls = []
    for ir_name in order:
        decls.append(_decl(ir.types[ir_name], names[ir_name], mapper, ir))
        defined.add(ir_name)
    return TsView(decls, names)


def _doc(text: str | None, deprecated: bool = False, *notes: str) -> str | None:
    parts = [ts_doc(p) for p in (text or "", *notes) if p]
    if deprecated:
        parts.append("@deprecated")
    return "\n\n".join(p for p in parts if p) or None


def _decl(t: Type, name: str, mapper: TypeMapper, ir: IR) -> TsDecl:
    decl = TsDecl(name, schema_name(name), shape_name(name),
                  _doc(t.description, t.deprecated), "alias", checked=f"{TYPES}.{name}")
    if isinstance(t, ObjectType):
        decl.kind = "interface"
        decl.fields = [_field(f, mapper) for f in t.fields]
        extra = True if t.pattern_properties else t.additional_properties  # as the models read it
        decl.index = extra is not False
        decl.zod = "z.strictObject" if extra is False else "z.looseObject"
        if not isinstance(extra, bool):
            known = "[" + ", ".join(ts_str(f.name) for f in t.fields) + "]"
            decl.zod_suffix = f".superRefine(extraValues({mapper.zod(extra)}, {known}))"
        if any(f.read_only for f in t.fields):
            decl.checked = f"Mutable<{TYPES}.{name}>"
        decl.check_output = not any(_has_default(f, mapper) for f in t.fields)
    elif isinstance(t, EnumType):
        decl.type = mapper.enum_ts(t)
        decl.zod = mapper.enum_zod(t)
    elif isinstance(t, UnionType):
        _union(decl, t, mapper, ir)
    elif isinstance(t, AliasType):
        decl.type = mapper.ts(t.target)
        decl.zod = mapper.zod(t.target)
    return decl


def _has_default(f: Field, mapper: TypeMapper) -> bool:
    return not f.required and f.has_default and mapper.default_ok(f.type, f.default)


def _field(f: Field, mapper: TypeMapper) -> TsField:
    mapper.late.clear()
    zod = mapper.zod(f.type)
    getter = bool(mapper.late)
    if getter:  # inside a getter the reference is evaluated late: no z.lazy needed
        saved, mapper.defined = mapper.defined, None
        zod = mapper.zod(f.type)
        mapper.defined = saved
    if not f.required:
        if f.has_default and mapper.default_ok(f.type, f.default):
            zod += f".default({mapper.default_expr(f.default)})"
        else:
            zod += ".optional()"
    notes = []
    if f.has_default and f.default is not None:
        notes.append(f"Default: `{ts_value(f.default)}`.")
    if f.write_only:
        notes.append("Write-only: sent by the client, never returned.")
    return TsField(
        key=ts_key(f.name), zod_key=ts_key(f.name, literal=True), optional=not f.required,
        readonly=f.read_only, type=mapper.ts(f.type), zod=zod, getter=getter,
        doc=_doc(f.description, f.deprecated, *notes),
    )


def _union(decl: TsDecl, t: UnionType, mapper: TypeMapper, ir: IR) -> None:
    parts = list(dict.fromkeys(mapper.ts(v) for v in t.variants))
    decl.type = " | ".join(parts) if parts else "never"
    tag = _discriminator(t, mapper, ir)
    if tag is not None:
        refs = [v.name for v in t.variants if isinstance(v, Ref)]  # all of them (_discriminator)
        shapes = [mapper.prefix_value + shape_name(mapper.names[n]) for n in refs]
        decl.zod = f"z.discriminatedUnion({ts_str(tag)}, [{', '.join(dict.fromkeys(shapes))}])"
        variants = [ir.types[n] for n in refs]
        if any(isinstance(o, ObjectType) and any(f.read_only for f in o.fields) for o in variants):
            decl.checked = f"Mutable<{TYPES}.{decl.name}>"
        decl.check_output = not any(isinstance(o, ObjectType) and any(
            _has_default(f, mapper) for f in o.fields) for o in variants)
        return
    zods = list(dict.fromkeys(mapper.zod(v) for v in t.variants))
    decl.zod = zods[0] if len(zods) == 1 else f"z.union([{', '.join(zods)}])"
    d = dispatch(ir, t)
    if d is not None:  # the tag decides (shared values, several per variant, unknown kept)
        table = []
        for value, indices in d.groups.items():
            group = list(dict.fromkeys(mapper.zod(t.variants[i]) for i in indices))
            table.append(f"{ts_str(value)}: "
                         + (group[0] if len(group) == 1 else f"z.union([{', '.join(group)}])"))
        keep = ", true" if t.keeps_unknown else ""
        decl.zod = f"tagged({ts_str(d.property)}, {{ {', '.join(table)} }}{keep})"
        if t.keeps_unknown:  # its tag typed UnknownTag: `x.type === "a"` still narrows
            decl.type = f"{decl.type} | UnknownVariant<{ts_str(d.property)}>"


def _discriminator(t: UnionType, mapper: TypeMapper, ir: IR) -> str | None:
    """The tag property when zod can dispatch on it (every variant an object defined
    above with a required, non-null literal tag, no tag value twice), else None."""
    d = t.discriminator
    if d is None or len(t.variants) < 2 or t.keeps_unknown:
        return None
    seen: set[object] = set()
    for v in t.variants:
        if not isinstance(v, Ref) or v.nullable or mapper.defined is None or not mapper.defined(v.name):
            return None
        obj = ir.types.get(v.name)
        if not isinstance(obj, ObjectType):
            return None
        f = next((f for f in obj.fields if f.name == d.property), None)
        if f is None or not f.required or f.type.nullable:
            return None
        tag = _tag(f.type, mapper)
        if tag is None or tag[0] in seen:
            return None
        seen.add(tag[0])
    return d.property


def _tag(e: TypeExpr, mapper: TypeMapper) -> tuple[object] | None:
    if isinstance(e, Ref):
        return mapper.enum_tag(e.name)
    if isinstance(e, Const) and e.value is not None and scalar_literal(e.value):
        return (e.value,)
    return None


def _definition_order(ir: IR) -> list[str]:
    """IR names, each after the types it uses (cycles broken in name order)."""
    deps = {n: sorted({r for r in type_refs(t, also=False) if r in ir.types})
            for n, t in ir.types.items()}
    order: list[str] = []
    state: dict[str, int] = {}

    def visit(n: str) -> None:
        if state.get(n):
            return
        state[n] = 1
        for d in deps[n]:
            visit(d)
        state[n] = 2
        order.append(n)

    for n in sorted(deps):
        visit(n)
    return order
