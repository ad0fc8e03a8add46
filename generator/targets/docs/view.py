"""View models for `templates/docs/*.md.j2`: every decision made here.

Templates only lay out what this module computes. Attributes ending in `_md`
are safe Markdown (built with `escaping`); every other text attribute is raw
spec text, and the templates pass it through an escaping filter.
Headings are registered with the page's `Anchors` in the order the template
writes them, so every `#anchor` we link to is the one a renderer makes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...ir import IR, EnumType, Field, NamedType, ObjectType, Parameter, Ref, TypeExpr
from .escaping import md_code, md_fence, md_link, value_text
from .naming import Anchors
from .examples import given_examples
from .types import Labels, example_of


ALSO_WHY = "as JSON Schema reads the spec: the validators check it, the models take the type above"


@dataclass
class FieldView:
    name: str  # raw wire name (the heading shows it as code)
    anchor: str
    type_md: str  # label, and "nullable"
    type_cell_md: str  # the label for a table cell
    required: bool
    nullable: bool
    deprecated: bool
    description: str | None
    facts_md: list[str]  # bullet lines after Type/Required
    variants_md: list[str]  # for a union-typed field: one line per variant


@dataclass
class FieldsView:
    """The fields of one object type, as a table plus one section per field."""

    owner_md: str  # link to the object's page
    fields: list[FieldView] = field(default_factory=list)
    extra_md: str | None = None  # additionalProperties, when typed or forbidden


def heading_text(text: str) -> str:
    """The plain text a heading shows for spec text (whitespace folded)."""
    return " ".join(text.split())


def code_heading_text(value: object) -> str:
    """The plain text of a heading made of one `md_code` span."""
    return value_text(value).replace("\n", " ")


def field_view(ir: IR, labels: Labels, anchors: Anchors, name: str, type_: TypeExpr,
               required: bool, source: Field | Parameter) -> FieldView:
    """One field (or parameter): every fact the spec gives about it."""
    anchor = anchors.add(code_heading_text(name))
    named = ir.types.get(type_.name) if isinstance(type_, Ref) else None
    description = source.description
    if description is None and named is not None and named.inline:
        description = named.description
    deprecated = source.deprecated or (named is not None and named.deprecated)
    facts = [f"**{name}:** {value}" for name, value in field_facts(ir, labels, type_, source)]
    label = labels.label(type_) + (" · nullable" if type_.nullable else "")
    return FieldView(name, anchor, label, labels.label(type_, cell=True), required, type_.nullable, deprecated, description,
                     facts, labels.variants(type_))


def field_facts(ir: IR, labels: Labels, type_: TypeExpr,
                source: Field | Parameter) -> list[tuple[str, str]]:
    """(fact, safe text in the labels' syntax) for one field or parameter, in page order:
    default, bounds, possible values, what JSON Schema also asks, read/write-only, example."""
    code = labels.syntax.code
    named = ir.types.get(type_.name) if isinstance(type_, Ref) else None
    facts: list[tuple[str, str]] = []
    if isinstance(source, Field) and source.has_default:
        facts.append(("Default", code(source.default)))
    elif isinstance(named, EnumType) and named.has_default:
        facts.append(("Default", code(named.default)))
    bounds = labels.bounds_of(type_)
    if bounds:
        facts.append(("Bounds", " · ".join(bounds)))
    values = labels.values(type_)
    if values is not None:
        facts.append(("Possible values", values))
    also = labels.also(type_.also)
    if also is not None:
        facts.append(("JSON Schema also requires", f"{also} ({ALSO_WHY})"))
    if isinstance(source, Field) and source.read_only:
        facts.append(("Read-only", "sent by the server, never by the client."))
    if isinstance(source, Field) and source.write_only:
        facts.append(("Write-only", "sent by the client, never returned."))
    given = source.examples or given_examples(ir, type_)
    example = given[0] if given else example_of(ir, type_)
    facts.append(("Example", code(example) + ("" if given else " (derived from the type)")))
    return facts


def fields_view(ir: IR, labels: Labels, anchors: Anchors, t: ObjectType) -> FieldsView:
    view = FieldsView(owner_md=labels.ref(t.name))
    for f in t.fields:
        view.fields.append(field_view(ir, labels, anchors, f.name, f.type, f.required, f))
    extra = t.additional_properties
    patterns = [f"a property whose name matches {md_code(pp.pattern)} is {labels.label(pp.type)}"
                for pp in t.pattern_properties]
    if extra is False:
        view.extra_md = "No other properties are allowed."
    elif extra is not True:
        view.extra_md = f"Other properties are allowed; each value is {labels.label(extra)}."
    if patterns:
        text = "; ".join(patterns)
        view.extra_md = f"{text[0].upper()}{text[1:]} (checked by the validators). " \
                        f"{view.extra_md or ''}".rstrip()
    return view


def type_example_md(ir: IR, t: NamedType) -> tuple[str, bool]:
    """A fenced JSON example of a named type, and whether the spec gave it."""
    if t.examples:
        return md_fence(t.examples[0]), True
    return md_fence(example_of(ir, Ref(name=t.name))), False


def link(text_md: str, href: str) -> str:
    return md_link(text_md, href)
