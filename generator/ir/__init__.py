"""The intermediate representation: the contract between a spec and every target.

Plain dataclasses, no behaviour beyond dumping. A spec becomes an `IR`: operations
(method, path, parameters, bodies, responses, event streams) and a table of named types.
Uses of a type are `TypeExpr`s (a reference to a named type, or an inline
primitive/array/map/const/any), each carrying `nullable`.

Nullability always lives on the *use* of a type: OpenAPI 3.0 `nullable: true`,
3.1 `type: [T, "null"]`, `anyOf: [T, {type: "null"}]`, `null` inside `enum` and
a bare `{nullable: true}` union member all become `nullable=True` on the
TypeExpr, and never on a named type's definition (a named schema that admits null makes
every reference to it nullable; `admits_null` records it, for a validator of the type).

`also` (on every TypeExpr and named type): further schemas a value must match,
as JSON Schema 2020-12 reads an `allOf` whose members the merge could not
combine (two members define the same property, union or pattern differently:
the type itself is the merge, where the later member wins, as inheritance
reads it). Targets that check values (validators) check `also` too; typed
targets (the models) take the merge.

`examples` on a TypeExpr: the spec's examples written on that use, where no named
type or field holds them (an `anyOf`/`oneOf` member, array `items`, a `$ref` with an
`example` beside it...). Annotations, not facts: not compared, in the dump only when set.
`dump_json(ir)` gives stable, sorted JSON (`respgen ir`)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Union

from ..errors import Location

# ---------------------------------------------------------------- constraints


@dataclass(kw_only=True)
class Constraints:
    """Validation bounds that ride on a type use (JSON Schema keywords)."""

    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    exclusive_maximum: float | None = None
    multiple_of: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    min_items: int | None = None
    max_items: int | None = None
    unique_items: bool = False
    min_properties: int | None = None
    max_properties: int | None = None

    def is_empty(self) -> bool:  # as `self == Constraints()`, by one dict comparison
        return vars(self) == _UNBOUNDED


_UNBOUNDED = vars(Constraints())  # what `Constraints.is_empty` compares with


# ------------------------------------------------------------- type expressions


@dataclass(kw_only=True)
class Ref:
    """A use of the named type `name` (a key of `IR.types`)."""

    name: str
    nullable: bool = False
    also: list["TypeExpr"] = field(default_factory=list)  # see the module docstring
    examples: list[Any] = field(default_factory=list, compare=False)  # the use's own
    kind: str = field(default="ref", init=False)


@dataclass(kw_only=True)
class Primitive:
    """string | integer | number | boolean, with an optional format and bounds."""

    type: str
    format: str | None = None
    constraints: Constraints = field(default_factory=Constraints)
    nullable: bool = False
    implicit: bool = False  # no `type` stated: see ObjectType.implicit
    also: list["TypeExpr"] = field(default_factory=list)  # see the module docstring
    examples: list[Any] = field(default_factory=list, compare=False)  # the use's own
    kind: str = field(default="primitive", init=False)


@dataclass(kw_only=True)
class Array:
    """A JSON array. `prefix_items[i]` is the type of item i (`prefixItems`);
    `items` is the type of every item after those (all of them when none)."""

    items: "TypeExpr"
    constraints: Constraints = field(default_factory=Constraints)
    nullable: bool = False
    implicit: bool = False  # no `type` stated: see ObjectType.implicit
    prefix_items: list["TypeExpr"] = field(default_factory=list)  # `prefixItems`: item i
    also: list["TypeExpr"] = field(default_factory=list)  # see the module docstring
    examples: list[Any] = field(default_factory=list, compare=False)  # the use's own
    kind: str = field(default="array", init=False)


@dataclass(kw_only=True)
class PatternProperty:
    """`patternProperties`: the value of every key `pattern` matches (a regular
    expression, searched) must be of `type`; such keys are not "additional"."""

    pattern: str
    type: "TypeExpr"


@dataclass(kw_only=True)
class Map:
    """A JSON object used as a dictionary: string keys, `values` for every value
    (every value whose key no `pattern_properties` pattern matches)."""

    values: "TypeExpr"
    constraints: Constraints = field(default_factory=Constraints)
    nullable: bool = False
    implicit: bool = False  # no `type` stated: see ObjectType.implicit
    pattern_properties: list[PatternProperty] = field(default_factory=list)
    also: list["TypeExpr"] = field(default_factory=list)  # see the module docstring
    examples: list[Any] = field(default_factory=list, compare=False)  # the use's own
    kind: str = field(default="map", init=False)


@dataclass(kw_only=True)
class Const:
    """Exactly one JSON value (`const`, or `{type: "null"}` as Const(None))."""

    value: Any
    nullable: bool = False
    also: list["TypeExpr"] = field(default_factory=list)  # see the module docstring
    examples: list[Any] = field(default_factory=list, compare=False)  # the use's own
    kind: str = field(default="const", init=False)


@dataclass(kw_only=True)
class AnyType:
    """Any JSON value (`{}` or `true`); null included, so `nullable` is always True.

    `excluded` (`not`): a value matching that type is *not* accepted, null
    included; `false` is any value except any value: AnyType(excluded=AnyType()).
    Targets that cannot express negation (the models) accept any value."""

    nullable: bool = True
    excluded: "TypeExpr | None" = None
    also: list["TypeExpr"] = field(default_factory=list)  # see the module docstring
    examples: list[Any] = field(default_factory=list, compare=False)  # the use's own
    kind: str = field(default="any", init=False)

    def __post_init__(self) -> None:
        self.nullable = True

    def __setattr__(self, name: str, value: object) -> None:
        object.__setattr__(self, name, True if name == "nullable" else value)


TypeExpr = Union[Ref, Primitive, Array, Map, Const, AnyType]

# ------------------------------------------------------------------ named types


@dataclass(kw_only=True)
class Field:
    """A property of an object type."""

    name: str  # the wire name, exactly as in the spec
    type: TypeExpr
    required: bool = False
    has_default: bool = False
    default: Any = None
    deprecated: bool = False
    read_only: bool = False
    write_only: bool = False
    description: str | None = None
    examples: list[Any] = field(default_factory=list)


@dataclass(kw_only=True)
class Discriminator:
    """How a union picks its variant: `property`'s value -> variant type name."""

    property: str
    mapping: dict[str, str]
    inferred: bool = False  # True when read off single-value enum/const tags


@dataclass(kw_only=True)
class NamedType:
    """Common attributes of every named type."""

    name: str
    description: str | None = None
    deprecated: bool = False
    examples: list[Any] = field(default_factory=list)
    origin: str = ""  # file#pointer of the defining schema
    inline: bool = False  # True when named by respgen from the schema's path
    admits_null: bool = False  # the component schema itself admits null (its uses all do)
    also: list[TypeExpr] = field(default_factory=list)  # see the module docstring
    twin_of: str = ""  # the request side's strict twin of this named type (see `open`)


@dataclass(kw_only=True)
class ObjectType(NamedType):
    """An object with known fields. `additional_properties`: True (anything),
    False (forbidden) or the TypeExpr every extra value must match; a key that a
    `pattern_properties` pattern matches is not extra. Typed targets (the models)
    accept any value under such keys; validators check them.

    `implicit` (here and on Primitive, Array, Map): the schema states no
    `type`; its kind was read off its keywords (`properties`, `items`, bounds
    such as `minimum` or `minLength`). JSON Schema applies those keywords only
    to values of that kind, so a validator accepts any value of another kind;
    typed targets (the models) use the kind as if it were stated."""

    fields: list[Field] = field(default_factory=list)
    additional_properties: bool | TypeExpr = True
    constraints: Constraints = field(default_factory=Constraints)
    implicit: bool = False
    pattern_properties: list[PatternProperty] = field(default_factory=list)
    kind: str = field(default="object", init=False)


@dataclass(kw_only=True)
class EnumType(NamedType):
    """A fixed set of values. `open`: unknown values are accepted (response side).

    Openness is a property of the direction of use: a type reachable from a
    request and from a response (a response echoing the request's settings)
    is split in two, the response side's (open enums, unions that keep unknown
    tags) under the spec's name and a strict twin for the request side
    (`twin_of` names the original; requests refer to the twin). A tag a union
    dispatches on is never open."""

    values: list[Any] = field(default_factory=list)
    base: str = "string"  # string | integer | number | boolean | mixed
    open: bool = False
    has_default: bool = False
    default: Any = None
    kind: str = field(default="enum", init=False)


@dataclass(kw_only=True)
class UnionType(NamedType):
    """One of several variants (anyOf/oneOf, or a list of JSON types)."""

    variants: list[TypeExpr] = field(default_factory=list)
    exclusive: bool = False  # oneOf
    discriminator: Discriminator | None = None
    keeps_unknown: bool = False  # response side: an unknown tag is kept, as raw data
    kind: str = field(default="union", init=False)


@dataclass(kw_only=True)
class AliasType(NamedType):
    """A named schema that is a primitive, array, map, const, any or another ref."""

    target: TypeExpr
    kind: str = field(default="alias", init=False)


Type = Union[ObjectType, EnumType, UnionType, AliasType]

# ------------------------------------------------------------------- operations


@dataclass(kw_only=True)
class Content:
    """One media type of a body. For `text/event-stream`, `type` is the type of
    each event's `data` and `event_stream` is True."""

    media_type: str
    type: TypeExpr | None
    event_stream: bool = False
    sentinel: str | None = None  # e.g. "[DONE]" ends the stream
    examples: list[Any] = field(default_factory=list)


@dataclass(kw_only=True)
class Parameter:
    name: str
    location: str  # header | query | path | cookie
    type: TypeExpr
    required: bool = False
    deprecated: bool = False
    description: str | None = None
    examples: list[Any] = field(default_factory=list)


@dataclass(kw_only=True)
class RequestBody:
    required: bool = False
    content: list[Content] = field(default_factory=list)
    description: str | None = None


@dataclass(kw_only=True)
class Response:
    status: str  # "200", "4XX", "default"
    description: str | None = None
    content: list[Content] = field(default_factory=list)


@dataclass(kw_only=True)
class Operation:
    method: str  # lower case
    path: str
    operation_id: str
    summary: str | None = None
    description: str | None = None
    deprecated: bool = False
    parameters: list[Parameter] = field(default_factory=list)
    request_body: RequestBody | None = None
    responses: list[Response] = field(default_factory=list)


@dataclass(kw_only=True)
class Auth:
    """How a request carries the API key, read off the spec's security scheme:
    `location` "header" (the value is `prefix` + key, e.g. "Bearer ") or "query"."""

    location: str
    name: str
    prefix: str = ""


@dataclass(kw_only=True)
class IR:
    """Everything a target needs: the API's title/version, operations and types;
    `servers`: the spec's server URLs (variables at their defaults), in order;
    `auth`: the security scheme clients use (None: the spec declares none)."""

    title: str
    version: str
    openapi: str
    source: str
    operations: list[Operation] = field(default_factory=list)
    types: dict[str, Type] = field(default_factory=dict)
    servers: list[str] = field(default_factory=list)
    auth: Auth | None = None
    # Where each pattern (`pattern`, a `patternProperties` key) first appears in the spec,
    # so a target whose regex engine refuses one can say where. Not part of the dump.
    pattern_sites: dict[str, Location] = field(default_factory=dict, compare=False, repr=False)


# ------------------------------------------------------------------------ dump


_STATED_WHEN_SET: dict[str, Any] = {
    "implicit": False, "excluded": None, "prefix_items": [], "also": [], "pattern_properties": [],
    "admits_null": False, "servers": [], "auth": None, "keeps_unknown": False, "twin_of": ""}


_NOT_DUMPED, _ATOMS = frozenset({"pattern_sites"}), frozenset({str, int, float, bool, type(None)})
_EXPRS = (Ref, Primitive, Array, Map, Const, AnyType)
_MISSING, _EMPTY = object(), object()  # never left out; left out when empty (a use's examples)
_DUMPED: dict[type, tuple[tuple[str, Any], ...] | None] = {}


def _dumped(cls: type) -> tuple[tuple[str, Any], ...] | None:
    """A dataclass's dumped fields, each with the value it is left out at (or _MISSING);
    None for any other class. Looked up once per class, not once per value."""
    if cls not in _DUMPED:
        _DUMPED[cls] = None if not is_dataclass(cls) else tuple(
            (f.name, _EMPTY if f.name == "examples" and issubclass(cls, _EXPRS)
             else _STATED_WHEN_SET.get(f.name, _MISSING))
            for f in fields(cls) if f.name not in _NOT_DUMPED)
    return _DUMPED[cls]


def to_data(value: Any) -> Any:
    """Plain JSON data for any IR value (dataclasses become sorted mappings)."""
    if (cls := type(value)) in _ATOMS:
        return value
    dumped = _DUMPED[cls] if cls in _DUMPED else _dumped(cls)
    if dumped is None:
        if isinstance(value, dict):
            return {str(k): to_data(v) for k, v in value.items()}
        return [to_data(v) for v in value] if isinstance(value, list) else value
    out: dict[str, Any] = {}
    for name, unstated in dumped:
        item = getattr(value, name)
        if unstated is not _MISSING and (not item if unstated is _EMPTY else item == unstated):
            continue  # rare facts (a use's examples too): only in the dump when they hold
        if (kind := type(item)) is list:  # (of dataclasses or atoms: one call fewer each)
            out[name] = [v if type(v) in _ATOMS else to_data(v) for v in item]
        elif kind is not Constraints:
            out[name] = item if kind in _ATOMS else to_data(item)
        elif bounds := {k: v for k, v in vars(item).items() if v not in (None, False)}:
            out[name] = bounds  # (its fields are atoms: as to_data's, without the call)
    return out


def dump_json(ir: IR) -> str:
    """Stable JSON: keys sorted, types by name, operations by path and method."""
    return json.dumps(to_data(ir), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
