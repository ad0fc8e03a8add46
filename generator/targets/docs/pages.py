"""The pages: one per operation, one per named type, and the index."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ...ir import (
    IR, AliasType, Content, EnumType, ObjectType, Operation, Ref, Type, UnionType,
)
from ...ir.tags import dispatch
from ...ir.walk import exprs_of_operations, refs, type_refs
from .escaping import md_code, md_inline
from .naming import Anchors, page_names
from .types import Labels, bounds
from .view import ALSO_WHY, FieldsView, FieldView, code_heading_text, field_view, fields_view, \
    heading_text, link, type_example_md


@dataclass
class TypePage:
    path: str  # relative to the docs folder
    name: str
    kind: str
    description: str | None
    deprecated: bool
    fields: FieldsView | None = None
    values_md: list[str] = field(default_factory=list)  # enum: one code span per value
    default_md: str | None = None
    open_enum: bool = False
    variants_md: list[str] = field(default_factory=list)
    discriminator_md: str | None = None  # the tag property, as code
    mapping_md: list[tuple[str, str]] = field(default_factory=list)  # (value, type link)
    alias_md: str | None = None
    bounds_md: list[str] = field(default_factory=list)
    also_md: str | None = None  # what JSON Schema asks beyond the type (ir `also`)
    example_md: str = ""
    example_given: bool = False
    used_by_md: list[str] = field(default_factory=list)
    keeps_unknown: bool = False  # a response-side union keeps an object with an unknown tag
    twin_of_md: str | None = None  # a request side's strict twin: a link to the original


@dataclass
class ContentView:
    media_type: str
    type_md: str
    stream: bool
    sentinel: str | None
    events_md: list[tuple[str, str]] = field(default_factory=list)  # (tag value, type link)
    tag_md: str | None = None


C = TypeVar("C")


@dataclass
class ResponseView(Generic[C]):
    """One response: its contents in the page's own ContentView (docs, html)."""

    status: str
    anchor: str
    description: str | None
    contents: list[C]


@dataclass
class OperationPage:
    path: str
    title: str
    anchor: str
    method: str
    route: str
    operation_id: str
    description: str | None
    deprecated: bool
    parameters: dict[str, list[FieldView]] = field(default_factory=dict)  # by location
    body_anchor: str | None = None
    body_required: bool = False
    body_description: str | None = None
    body_contents: list[ContentView] = field(default_factory=list)
    body_fields: FieldsView | None = None
    responses_anchor: str | None = None
    responses: list[ResponseView[ContentView]] = field(default_factory=list)


@dataclass
class IndexRow:
    link_md: str
    kind: str
    summary: str  # raw text (first paragraph of the description)
    deprecated: bool


@dataclass
class DocsView:
    title: str
    version: str
    source: str
    operations: list[tuple[str, OperationPage]]  # (link markdown, page)
    types: list[IndexRow]
    type_pages: list[TypePage]


def build_view(ir: IR) -> DocsView:
    type_slugs = page_names(list(ir.types), "type")
    op_keys = {op_key(op): op for op in ir.operations}
    op_slugs = page_names(list(op_keys), "operation")
    users = used_by(ir)
    here = Labels(ir, type_slugs, "")
    type_pages = [_type_page(ir, name, ir.types[name], here, users.get(name, []),
                             op_slugs) for name in sorted(ir.types)]
    ops = []
    there = Labels(ir, type_slugs, "../types/")
    for key in sorted(op_keys, key=lambda k: (op_keys[k].path, op_keys[k].method, k)):
        page = _operation_page(ir, op_keys[key], f"operations/{op_slugs[key]}.md", there)
        ops.append((link(md_code(f"{page.method} {page.route}"), page.path), page))
    index = Labels(ir, type_slugs, "types/")
    rows = [IndexRow(index.ref(p.name), p.kind, summary(p.description), p.deprecated)
            for p in type_pages]
    return DocsView(ir.title or "API", ir.version or "", ir.source, ops, rows, type_pages)


def op_key(op: Operation) -> str:
    return op.operation_id or f"{op.method} {op.path}"


def summary(text: str | None) -> str:
    if not text:
        return ""
    first = text.replace("\r\n", "\n").split("\n\n")[0]
    first = " ".join(first.split())
    return first if len(first) <= 160 else first[:157].rstrip() + "..."


def used_by(ir: IR) -> dict[str, list[tuple[str, str]]]:
    """type name -> [(kind, user)]: types and operations that use it directly."""
    found: dict[str, set[tuple[str, str]]] = {}
    for name, t in ir.types.items():
        for r in type_refs(t, also=False):  # the fields as the docs show them
            if r != name:
                found.setdefault(r, set()).add(("type", name))
    for op in ir.operations:
        one = IR(title="", version="", openapi="", source="", operations=[op])
        for _, e in exprs_of_operations(one):
            for r in refs(e):
                found.setdefault(r, set()).add(("operation", op_key(op)))
    return {k: sorted(v) for k, v in found.items()}


def _type_page(ir: IR, name: str, t: Type, labels: Labels,
               users: list[tuple[str, str]], op_slugs: dict[str, str]) -> TypePage:
    anchors = Anchors()
    anchors.add(heading_text(name))
    page = TypePage(f"types/{labels.pages[name]}.md", name, labels.kind(name), t.description,
                    t.deprecated)
    if isinstance(t, ObjectType):
        page.bounds_md = [b for b in _object_bounds(t)]
        anchors.add("Fields")
        page.fields = fields_view(ir, labels, anchors, t)
    elif isinstance(t, EnumType):
        page.values_md = [md_code(v) for v in t.values]
        page.default_md = md_code(t.default) if t.has_default else None
        page.open_enum = t.open
    elif isinstance(t, UnionType):
        page.variants_md = [labels.variant(v) for v in t.variants]
        d = dispatch(ir, t)
        if d is not None:  # every variant a value selects (two may share one)
            page.discriminator_md = md_code(d.property)
            page.mapping_md = [(md_code(value, True), " or ".join(
                labels.label(t.variants[i]) for i in indices)) for value, indices in d.groups.items()]
            page.keeps_unknown = t.keeps_unknown
        elif t.discriminator is not None:
            page.discriminator_md = md_code(t.discriminator.property)
            page.mapping_md = [(md_code(value, True), labels.ref(target) if target in ir.types
                                else md_inline(target))
                               for value, target in sorted(t.discriminator.mapping.items())]
    elif isinstance(t, AliasType):
        page.alias_md = labels.label(t.target) + (" · nullable" if t.target.nullable else "")
        page.bounds_md = labels.bounds_of(t.target)
        values = labels.values(t.target)
        if values:
            page.values_md = [values]
    page.twin_of_md = labels.ref(t.twin_of) if t.twin_of in ir.types else None
    also = labels.also(t.also)
    page.also_md = f"{also} ({ALSO_WHY})" if also else None
    page.example_md, page.example_given = type_example_md(ir, t)
    for kind, user in users:
        if kind == "type":
            page.used_by_md.append(labels.ref(user))
        else:
            page.used_by_md.append(link(md_inline(user), f"../operations/{op_slugs[user]}.md"))
    return page


def _object_bounds(t: ObjectType) -> list[str]:
    return bounds(t.constraints)


def _operation_page(ir: IR, op: Operation, path: str, labels: Labels) -> OperationPage:
    anchors = Anchors()
    title = op.summary or op.operation_id or f"{op.method.upper()} {op.path}"
    page = OperationPage(path, title, anchors.add(heading_text(title)), op.method.upper(),
                         op.path, op.operation_id, op.description, op.deprecated)
    for location in ("path", "query", "header", "cookie"):
        params = [p for p in op.parameters if p.location == location]
        if not params:
            continue
        anchors.add(f"{location.capitalize()} parameters")
        page.parameters[location] = [field_view(ir, labels, anchors, p.name, p.type,
                                                p.required, p) for p in params]
    body = op.request_body
    if body is not None:
        page.body_anchor = anchors.add("Request body")
        page.body_required = body.required
        page.body_description = body.description
        page.body_contents = [_content(ir, labels, c) for c in body.content]
        target = object_of(ir, body.content)
        if target is not None:
            page.body_fields = fields_view(ir, labels, anchors, target)
    if op.responses:
        page.responses_anchor = anchors.add("Responses")
    for r in op.responses:
        anchor = anchors.add(code_heading_text(r.status))
        page.responses.append(ResponseView(r.status, anchor, r.description,
                                           [_content(ir, labels, c) for c in r.content]))
    return page


def object_of(ir: IR, contents: list[Content]) -> ObjectType | None:
    """The object type of the first JSON-like body content, whose fields we list."""
    for c in contents:
        if isinstance(c.type, Ref) and not c.event_stream:
            t = ir.types.get(c.type.name)
            if isinstance(t, ObjectType):
                return t
    return None


def _content(ir: IR, labels: Labels, c: Content) -> ContentView:
    type_md, tag_md, events_md = content_facts(ir, labels, c)
    return ContentView(c.media_type, type_md, c.event_stream, c.sentinel, events_md, tag_md)


def content_facts(ir: IR, labels: Labels, c: Content) -> tuple[str, str | None,
                                                               list[tuple[str, str]]]:
    """A body's type label; for a stream of a union, the tag property (None if it has
    no discriminator) and its events: (tag value, type), or ("(any)", type) per variant.
    In the labels' syntax (table-cell safe, for Markdown)."""
    type_label = "no body" if c.type is None else labels.label(c.type) + (
        " · nullable" if c.type.nullable else "")
    t = ir.types.get(c.type.name) if c.event_stream and isinstance(c.type, Ref) else None
    if isinstance(t, UnionType) and t.discriminator is not None:
        code, text = labels.syntax.code, labels.syntax.text
        return type_label, code(t.discriminator.property), [
            (code(v, True), labels.ref(n) if n in ir.types else text(n))
            for v, n in sorted(t.discriminator.mapping.items())]
    if isinstance(t, UnionType):
        return type_label, None, [("(any)", labels.label(v, cell=True)) for v in t.variants]
    return type_label, None, []
