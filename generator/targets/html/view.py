"""View models for `templates/html/*.html.j2`: every decision made here.

Attributes ending in `_html` (and `anchor`, `*_href`: slugs and paths we made) are safe
HTML built with `escaping`; every other text attribute is raw spec text, and the
templates pass it through an escaping filter. Type labels, bounds, enum values and
examples are the docs target's (`docs/types.py`, `docs/view.py`), written in HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...ir import IR, AliasType, Content, EnumType, ObjectType, Operation, Ref, Type, UnionType
from ..docs.naming import page_names
from ..docs.pages import ResponseView, content_facts, object_of, op_key, summary, used_by
from ..docs.types import Labels, Syntax, bounds, example_of
from ..docs.view import ALSO_WHY
from .escaping import code, h, json_block, link
from .fields import FieldRow, Rows

HTML = Syntax(h, code, link, ".html")
DEPTH = 3  # levels of nested fields opened in place on an operation page


@dataclass
class ContentView:
    media_type: str
    type_html: str
    stream: bool
    sentinel: str | None
    tag_html: str = ""
    events_html: list[tuple[str, str]] = field(default_factory=list)  # (tag value, type)


@dataclass
class AuthView:
    """How a request carries the API key: in a header or the query, under `name`."""

    where: str
    name: str
    value: str  # e.g. "Bearer <API key>"


@dataclass
class OperationPage:
    path_href: str  # relative to the site folder
    root_href: str  # from the page to the site's root folder
    title: str
    method: str
    route: str
    operation_id: str
    description: str | None
    deprecated: bool
    auth: AuthView | None = None
    parameters: list[tuple[str, list[FieldRow]]] = field(default_factory=list)
    body_required: bool = False
    body_description: str | None = None
    body_contents: list[ContentView] = field(default_factory=list)
    body_fields: list[FieldRow] = field(default_factory=list)
    body_of_html: str = ""
    responses: list[ResponseView[ContentView]] = field(default_factory=list)


@dataclass
class TypePage:
    path_href: str  # relative to the site folder
    root_href: str
    name: str
    kind: str
    description: str | None
    deprecated: bool
    fields: list[FieldRow] = field(default_factory=list)
    extra_html: str = ""
    values_html: list[str] = field(default_factory=list)
    default_html: str = ""
    open_enum: bool = False
    variants_html: list[str] = field(default_factory=list)
    discriminator_html: str = ""
    mapping_html: list[tuple[str, str]] = field(default_factory=list)
    alias_html: str = ""
    bounds_html: list[str] = field(default_factory=list)
    also_html: str = ""
    example_html: str = ""
    example_given: bool = False
    used_by_html: list[str] = field(default_factory=list)


@dataclass
class SiteView:
    title: str
    version: str
    source: str
    root_href: str
    operations: list[OperationPage]
    types: list[tuple[str, TypePage, str]]  # (link, page, summary text)
    search: list[list[str]]  # [name, what, href from the root]


def build_view(ir: IR) -> SiteView:
    slugs = page_names(list(ir.types), "type")
    ops = {op_key(op): op for op in ir.operations}
    op_slugs = page_names(list(ops), "operation")
    users = used_by(ir)
    here, there = Labels(ir, slugs, "", HTML), Labels(ir, slugs, "../types/", HTML)
    types = [_type_page(ir, n, ir.types[n], here, users.get(n, []), op_slugs)
             for n in sorted(ir.types)]
    operations = [_operation_page(ir, ops[k], f"operations/{op_slugs[k]}.html", there)
                  for k in sorted(ops, key=lambda k: (ops[k].path, ops[k].method, k))]
    index = Labels(ir, slugs, "types/", HTML)
    search = [[f"{p.method} {p.route}", "operation", p.path_href] for p in operations]
    for p in types:
        search.append([p.name, p.kind, p.path_href])
        search += [[f.name, f"field of {p.name}", f"{p.path_href}#{f.anchor}"] for f in p.fields]
    return SiteView(ir.title or "API", ir.version or "", ir.source, "", operations,
                    [(index.ref(p.name), p, summary(p.description)) for p in types], search)


def _type_page(ir: IR, name: str, t: Type, labels: Labels,
               users: list[tuple[str, str]], op_slugs: dict[str, str]) -> TypePage:
    page = TypePage(f"types/{labels.pages[name]}.html", "../", name, labels.kind(name),
                    t.description, t.deprecated)
    if isinstance(t, ObjectType):
        page.fields = Rows(ir, labels, 0).of_object(t)
        page.bounds_html = bounds(t.constraints, HTML)
        extra = t.additional_properties
        page.extra_html = "No other properties are allowed." if extra is False else (
            "" if extra is True else f"Other properties are allowed; each value is "
                                     f"{labels.label(extra)}.")
    elif isinstance(t, EnumType):
        page.values_html = [code(v) for v in t.values]
        page.default_html = code(t.default) if t.has_default else ""
        page.open_enum = t.open
    elif isinstance(t, UnionType):
        page.variants_html = [labels.variant(v) for v in t.variants]
        if t.discriminator is not None:
            page.discriminator_html = code(t.discriminator.property)
            page.mapping_html = [(code(v), labels.ref(n) if n in ir.types else h(n))
                                 for v, n in sorted(t.discriminator.mapping.items())]
    elif isinstance(t, AliasType):
        page.alias_html = labels.label(t.target) + (" · nullable" if t.target.nullable else "")
        page.bounds_html = labels.bounds_of(t.target)
        page.values_html = [v for v in [labels.values(t.target)] if v]
    also = labels.also(t.also)
    page.also_html = f"{also} ({h(ALSO_WHY)})" if also else ""
    example: Any = t.examples[0] if t.examples else example_of(ir, Ref(name=name))
    page.example_html, page.example_given = json_block(example), bool(t.examples)
    page.used_by_html = [labels.ref(u) if kind == "type" else
                         link(h(u), f"../operations/{op_slugs[u]}.html") for kind, u in users]
    return page


def _operation_page(ir: IR, op: Operation, path: str, labels: Labels) -> OperationPage:
    rows = Rows(ir, labels, DEPTH)
    title = op.summary or op.operation_id or f"{op.method.upper()} {op.path}"
    page = OperationPage(path, "../", title, op.method.upper(), op.path, op.operation_id,
                         op.description, op.deprecated)
    auth = getattr(ir, "auth", None)  # IR.auth: the spec's security scheme (issue 12)
    if auth is not None:
        page.auth = AuthView(auth.location, auth.name, f"{auth.prefix}<API key>")
    for location in ("path", "query", "header", "cookie"):
        params = [rows.row(p.name, p.type, p.required, p, (location,))
                  for p in op.parameters if p.location == location]
        if params:
            page.parameters.append((f"{location.capitalize()} parameters", params))
    body = op.request_body
    if body is not None:
        page.body_required, page.body_description = body.required, body.description
        page.body_contents = [_content(ir, labels, c) for c in body.content]
        target = object_of(ir, body.content)
        if target is not None:
            page.body_fields = rows.of_object(target, ("body",))
            page.body_of_html = labels.ref(target.name)
    for r in op.responses:
        anchor = "r-" + rows.anchors.add("response " + r.status)
        page.responses.append(ResponseView(r.status, anchor, r.description,
                                           [_content(ir, labels, c) for c in r.content]))
    return page


def _content(ir: IR, labels: Labels, c: Content) -> ContentView:
    type_html, tag_html, events_html = content_facts(ir, labels, c)
    return ContentView(c.media_type, type_html, c.event_stream, c.sentinel, tag_html or "",
                       events_html)
