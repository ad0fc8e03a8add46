"""View models for `templates/python/models.py.j2`: every decision made here.

Templates only lay out what this module computes: class and field names,
annotations, defaults, docstrings, and the order of definitions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...ir import IR, AliasType, EnumType, Field, ObjectType, Ref, UnionType
from ...ir.tags import dispatch
from ...ir.walk import exprs_of_type
from .escaping import py_doc, py_str
from .model_modules import SPLIT_AT, split
from .naming import class_names, member_names, mentions
from .types import TypeMapper


@dataclass
class PyField:
    name: str
    annotation: str
    default: str | None
    doc: str | None


@dataclass
class PyClass:
    name: str
    doc: str | None
    fields: list[PyField]
    config: str | None = None
    extra_annotation: str | None = None


@dataclass
class PyEnum:
    name: str
    base: str
    members: list[tuple[str, str]]
    doc: str | None


@dataclass
class PyAlias:
    name: str
    annotation: str
    doc: str | None


@dataclass
class PyModule:
    """One module of `_models/` (a split `models.py`)."""

    name: str
    enums: list[PyEnum]
    definitions: list[PyClass | PyAlias]
    imports: list[str]  # the sibling modules it imports (all their names)


@dataclass
class ModelsView:
    enums: list[PyEnum] = field(default_factory=list)
    classes: list[PyClass] = field(default_factory=list)
    aliases: list[PyAlias] = field(default_factory=list)
    definitions: list[PyClass | PyAlias] = field(default_factory=list)  # import order
    exports: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # IR name -> Python name
    modules: list[PyModule] = field(default_factory=list)  # when split: `_models/`
    where: list[tuple[str, str]] = field(default_factory=list)  # when split: name, module


def build_view(ir: IR) -> ModelsView:
    names = class_names(list(ir.types))
    mapper = TypeMapper(ir, names)
    view = ModelsView(names=names)
    for ir_name, t in ir.types.items():
        if isinstance(t, EnumType):
            if mapper.is_emitted(ir_name) and t.base in ("string", "integer"):
                view.enums.append(_enum(t, names[ir_name]))
        elif isinstance(t, ObjectType):
            view.classes.append(_class(t, names[ir_name], mapper))
        elif isinstance(t, UnionType):
            view.aliases.append(_union(t, names[ir_name], mapper))
        elif isinstance(t, AliasType):
            view.aliases.append(PyAlias(names[ir_name], mapper.annotation(t.target), _doc(t.description)))
    view.enums.sort(key=lambda e: e.name)
    view.classes.sort(key=lambda c: c.name)
    view.aliases.sort(key=lambda a: a.name)
    deps = _dependencies(ir, view, names)
    view.definitions = _definition_order(view, deps)
    view.exports = sorted([e.name for e in view.enums] + [c.name for c in view.classes]
                          + [a.name for a in view.aliases])
    if len(view.exports) > SPLIT_AT:
        _split(view, deps)
    return view


def _split(view: ModelsView, deps: dict[str, list[str]]) -> None:
    """`models.py` names every model; each lives in a module of `_models/`, loaded on
    first use (`model_modules`)."""
    items: dict[str, PyEnum | PyClass | PyAlias] = {e.name: e for e in view.enums}
    items.update((d.name, d) for d in view.definitions)
    for m in split(list(items), {n: deps.get(n, []) for n in items}):
        members = [items[n] for n in m.members]
        view.modules.append(PyModule(
            m.name, [e for e in members if isinstance(e, PyEnum)],
            [d for d in members if not isinstance(d, PyEnum)], m.imports))
        view.where.extend((n, m.name) for n in m.members)
    view.where.sort()


def _doc(text: str | None, *extra: str) -> str | None:
    parts = [p for p in (text or "", *extra) if p]
    return py_doc("\n\n".join(parts)) if parts else None


def _enum(t: EnumType, name: str) -> PyEnum:
    base = ("OpenStrEnum" if t.open else "StrEnum") if t.base == "string" else (
        "OpenIntEnum" if t.open else "IntEnum")
    values = [py_str(v) if isinstance(v, str) else str(v) for v in t.values]
    return PyEnum(name, base, list(zip(member_names(t.values), values)), _doc(t.description))


def _class(t: ObjectType, name: str, mapper: TypeMapper) -> PyClass:
    py_names = mapper.field_names(t)
    fields = [_field(f, py_names[f.name], mapper, name) for f in t.fields]
    cls = PyClass(name, _doc(t.description, ".. deprecated::" if t.deprecated else ""), fields)
    if t.pattern_properties:
        pass  # keys matching a pattern are not extra: accept any (the validators check them)
    elif t.additional_properties is False:
        cls.config = 'ConfigDict(extra="forbid")'
    elif not isinstance(t.additional_properties, bool):
        cls.extra_annotation = f"dict[str, {mapper.annotation(t.additional_properties)}]"
    return cls


def _field(f: Field, py_name: str, mapper: TypeMapper, owner: str) -> PyField:
    core = mapper.core(f.type)
    or_none = f"{core} | None" if core not in ("JsonValue", "None") else core
    annotation = or_none if f.type.nullable else core  # mapper.annotation(f.type)
    meta: list[str] = []
    default: str | None = None
    factory = False
    if f.required:
        pass
    elif f.has_default and f.default is not None:
        default = mapper.default_expr(f.type, f.default)
        factory = isinstance(f.default, (list, dict))
    else:
        annotation = or_none
        default = "None"
        if not f.type.nullable and core not in ("JsonValue", "None"):
            meta.append("NOT_NULL")
    if f.deprecated:
        meta.append(f"deprecated_field({py_str(f'{owner}.{f.name} is deprecated')})")
    if meta:
        annotation = f"Annotated[{annotation}, {', '.join(meta)}]"
    args = []
    if default is not None:
        args.append(f"default_factory=lambda: {default}" if factory else default)
    if py_name != f.name:
        args.append(f"alias={py_str(f.name)}")
    if factory or (args and py_name != f.name):
        rendered: str | None = f"Field({', '.join(args)})"
    else:
        rendered = default
    notes = []
    if f.deprecated:
        notes.append("Deprecated.")
    if f.read_only:
        notes.append("Read-only: sent by the server, never by the client.")
    if f.write_only:
        notes.append("Write-only: sent by the client, never returned.")
    return PyField(py_name, annotation, rendered, _doc(f.description, " ".join(notes)))


def _union(t: UnionType, name: str, mapper: TypeMapper) -> PyAlias:
    inner = _joined([mapper.annotation(v) for v in t.variants])
    tag = mapper.discriminator(t)
    if tag is not None:
        inner = f"Annotated[{inner}, Field(discriminator={py_str(tag)})]"
    else:
        inner = _dispatched(t, mapper) or inner
    return PyAlias(name, inner, _doc(t.description))


def _joined(annotations: list[str]) -> str:
    parts = list(dict.fromkeys(annotations))
    return " | ".join(parts)


def _dispatched(t: UnionType, mapper: TypeMapper) -> str | None:
    """A union whose tag decides but that pydantic's plain discriminator cannot take
    (several tag values per variant, a value several variants share, unknown tags
    kept): one choice per group of variants a value selects, each `Tag`ged with its
    annotation, picked by `tag_of`; an unknown tag is an error, or (`keeps_unknown`)
    an `UnknownVariant` holding the raw data."""
    d = dispatch(mapper.ir, t)
    if d is None:
        return None
    choices: dict[str, str] = {}  # label -> annotation
    table: dict[str, str] = {}  # tag value -> label
    for value, indices in d.groups.items():
        label = _joined([mapper.annotation(t.variants[i]) for i in indices])
        choices[label] = label
        table[value] = label
    if len(choices) == 1 and not t.keeps_unknown:
        return next(iter(choices))  # the variants pin the only values: nothing to pick
    parts = [f"Annotated[{a}, Tag({py_str(label)})]" for label, a in choices.items()]
    if t.keeps_unknown:
        parts.append("Annotated[UnknownVariant, Tag(UNKNOWN_TAG)]")
    pairs = ", ".join(f"{py_str(v)}: {py_str(label)}" for v, label in table.items())
    keep = ", keep_unknown=True" if t.keeps_unknown else ""
    return (f"Annotated[{' | '.join(parts)}, "
            f"Discriminator(tag_of({py_str(d.property)}, {{{pairs}}}{keep}))]")


def _dependencies(ir: IR, view: ModelsView, names: dict[str, str]) -> dict[str, list[str]]:
    """The classes, aliases and enums each class or alias refers to (Python names): by
    its types, and by the enum members its fields' defaults name."""
    defined = [c.name for c in view.classes] + [a.name for a in view.aliases]
    enums = {e.name for e in view.enums}
    every = {*defined, *enums}
    ir_of = {py: ir_name for ir_name, py in names.items()}
    deps = {name: {names[e.name] for e in exprs_of_type(ir.types[ir_of[name]], also=False)
                   if isinstance(e, Ref) and names[e.name] in every}
            for name in defined}
    for c in view.classes:
        deps[c.name].update(w for f in c.fields if f.default
                            for w in _IDENTIFIER.findall(f.default) if w in enums)
    return {n: sorted(d) for n, d in deps.items()}


_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")


def _definition_order(view: ModelsView, every_dep: dict[str, list[str]]) -> list[PyClass | PyAlias]:
    """Classes and aliases in dependency order, so annotations are plain expressions
    (no `from __future__ import annotations`: nothing to compile at import). A name
    a cycle makes used before its definition is quoted, and only then."""
    every: list[PyClass | PyAlias] = [*view.classes, *view.aliases]
    defs: dict[str, PyClass | PyAlias] = {d.name: d for d in every}
    deps = {n: [d for d in every_dep[n] if d in defs] for n in defs}
    order: list[str] = []
    state: dict[str, int] = {}

    def visit(n: str) -> None:
        if state.get(n):
            if state[n] == 1 and isinstance(defs[n], PyAlias):
                from ...errors import ConfigError

                raise ConfigError(f"the python target cannot express the recursive type alias {n} "
                                  "(a schema that contains itself only through arrays/unions)")
            return
        state[n] = 1
        for d in deps[n]:
            if d != n:
                visit(d)
        state[n] = 2
        order.append(n)

    for n in sorted(defs):
        visit(n)
    defined: set[str] = set()
    for n in order:
        later = {d for d in deps[n] if d not in defined}
        item = defs[n]
        if isinstance(item, PyAlias):
            item.annotation = _quote_if(item.annotation, later)
        else:
            later.add(n)  # a class is not defined inside its own body
            for f in item.fields:
                f.annotation = _quote_if(f.annotation, later)
            if item.extra_annotation:
                item.extra_annotation = _quote_if(item.extra_annotation, later)
        defined.add(n)
    return [defs[n] for n in order]


def _quote_if(annotation: str, forward: set[str]) -> str:
    if forward and any(mentions(annotation, n) for n in forward):
        return py_str(annotation)
    return annotation
