"""View model for the generated client (`templates/python/client.py.j2`, `_errors.py.j2`).

Every decision about the SDK surface is made here, from the IR's operations:
which resource and method name an operation gets, its keyword arguments (path,
query and header parameters, and the request body's fields), what a success
returns (a model, bytes, nothing, or an event stream), which tags of a stream's
event union are known, which events carry output text, and the exception class
of every status (client_errors.py), and the client's defaults (client_defaults.py).
Templates only lay the results out.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

from ...config import Config
from ...ir import IR, Content, ObjectType, Operation, Primitive, Ref, TypeExpr, UnionType
from ...words import pascal
from ..base import package_name
from .client_defaults import ClientDefaults, client_defaults
from .client_names import group, method_names, resource_of, unique
from .client_errors import PyError, envelope_model, error_classes, shared_error_model
from .escaping import py_doc, py_str
from .naming import endpoint_names, field_names
from .paging import pagination
from .types import TypeMapper

# Keyword arguments every method has; fields and parameters never take these names.
OPTIONS = ("extra_headers", "extra_query", "timeout")
RESERVED = frozenset({*OPTIONS, "self", "stream", "body"})
# Lower-case names an annotation may use, which a method named alike would shadow.
BUILTIN_ANNOTATIONS = frozenset({"str", "int", "float", "bool", "list", "dict", "bytes"})
RUNTIME_HELPERS = frozenset({"NOT_NULL", "unique_items", "deprecated_field"})
LINE = 88  # black's line length
JSON_MEDIA = re.compile(r"^application/([\w.+-]*\+)?json\b")
# An annotation's tokens as Python's tokenizer cuts them, for `_Qualifier`: a string
# (the names in it untouched), a number (`1e5` holds no name), a name (group 1), an
# operator (group 2: `==` is not the `=` of a keyword argument). A regex, not
# `tokenize`: the same tokens for what annotations hold, without its start-up cost.
_ANNOTATION_TOKEN = re.compile(
    r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|\d[\w.]*|([^\W\d]\w*)'
    r"|(==|!=|<=|>=|:=|->|\*\*=?|//=?|<<=?|>>=?|[-+*/%&|^@]=|[^\s\w])")


@dataclass
class PyArg:
    name: str  # the keyword argument
    key: str  # wire name (parameters) or model field name (body)
    location: str  # path | query | header | body
    annotation: str
    required: bool
    wire: str = ""  # the name on the wire (a body field's JSON name)
    runtime: str = ""  # the annotation itself, where `annotation` names an alias

    @property
    def value(self) -> str:
        """The annotation as code that runs (aliases exist only for type checkers)."""
        return self.runtime or self.annotation

    @property
    def text(self) -> str:
        """The parameter as it stands in a signature (8 spaces in), laid out as
        black would when it is simple, so black rarely has to run on it."""
        if self.required:
            return f"        {self.name}: {self.annotation},"
        line = f"        {self.name}: {self.annotation} | _b.NotGiven = _b.NOT_GIVEN,"
        inner = f"            {self.annotation} | _b.NotGiven"
        if len(line) <= LINE:
            return line
        if len(inner) <= LINE and "#" not in inner:
            return f"        {self.name}: (\n{inner}\n        ) = _b.NOT_GIVEN,"
        return line


@dataclass
class PyOperation:
    name: str  # "POST /responses", for messages
    method_name: str
    endpoint: str  # module-level Endpoint variable
    aliases: list[tuple[str, str]]  # module-level type aliases the signature uses
    accept: str | None  # media types, from the spec
    stream_accept: str | None
    content_type: str | None
    http_method: str
    path: str
    doc: str | None
    args: list[PyArg]
    success: str  # json | bytes | none | events
    returns: str  # annotation of a non-streamed result
    body: str | None  # runtime expression of the body type
    body_whole: bool  # True: one `body` argument; False: the body's fields
    response: str | None
    events: str | None  # annotation of one event (streaming operations)
    streamable: bool  # both a JSON result and an event stream: `stream=` chooses
    stream_in_body: bool
    raw_events: bool
    tag: str | None
    tags: list[str]
    sentinel: str | None
    text_tags: list[str]
    text_field: str | None
    errors: list[tuple[int, str]]
    statuses: list[int]  # every documented error status
    error_model: str | None = None  # annotation of an undocumented status's body
    page_item: str | None = None  # a paginated list: the annotation of one item
    page_fields: list[str] = field(default_factory=list)  # python names of PAGE_FIELDS
    types_function: str = ""  # the function building the endpoint's `Types`


    @property
    def types(self) -> str:
        """The arguments of the endpoint's `Types(...)` on one line (laid out later):
        every model it names is loaded on the endpoint's first call, not at import."""
        params = [a for a in self.args if a.location != "body"]
        parts = [f"{key}={value}" for key, value in (
            ("body", self.body), ("response", self.response), ("events", self.events)) if value]
        if self.errors:
            parts.append("errors={" + ", ".join(f"{s}: {a}" for s, a in self.errors) + "}")
        if self.error_model:
            parts.append(f"error_model={self.error_model}")
        if params:
            parts.append("params={" + ", ".join(
                f"{py_str(a.location + ':' + a.key)}: {a.value}" for a in params) + "}")
        return ", ".join(parts)

    def located(self, location: str) -> list[PyArg]:
        """The arguments sent in `location` (path, query, header or body)."""
        return [a for a in self.args if a.location == location]

    @property
    def arguments(self) -> list[tuple[str, str]]:
        """("location:wire name", keyword argument) where the two differ (Python string
        literals), for errors that name the argument."""
        return [(py_str(f"{a.location}:{a.wire}"), py_str(a.name)) for a in self.args
                if a.wire != a.name]


@dataclass
class PyResource:
    attr: str
    sync_class: str
    async_class: str
    operations: list[PyOperation] = field(default_factory=list)


@dataclass
class ClientView(ClientDefaults):
    resources: list[PyResource] = field(default_factory=list)
    errors: list[PyError] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def aliases(self) -> list[tuple[str, str]]:
        """Every operation's type aliases (for type checkers only)."""
        return [a for r in self.resources for o in r.operations for a in o.aliases]


class _Qualifier:
    """Rewrites an annotation so it names models as `_m.X`, builtins as
    `builtins.x` and runtime helpers as `_rt.x` (strings inside are untouched)."""

    def __init__(self, model_names: set[str]) -> None:
        self.models = model_names
        self._done: dict[str, str] = {}  # annotations repeat across operations

    def __call__(self, annotation: str) -> str:
        done = self._done.get(annotation)
        if done is None:
            done = self._done[annotation] = self._qualify(annotation)
        return done

    def _qualify(self, annotation: str) -> str:
        first = annotation.split("\n", 1)[0]  # (one line: annotations are)
        tokens = list(_ANNOTATION_TOKEN.finditer(first))
        out: list[str] = []
        at = 0
        for i, tok in enumerate(tokens):
            if tok.lastindex != 1:
                continue  # not a name
            if i + 1 < len(tokens) and tokens[i + 1].group() == "=" or \
                    i and tokens[i - 1].group() == ".":
                continue  # a keyword argument, an attribute
            text = tok.group()
            if text in self.models:
                text = "_m." + text
            elif text in BUILTIN_ANNOTATIONS:
                text = "builtins." + text
            elif text in RUNTIME_HELPERS:
                text = "_rt." + text
            else:
                continue
            out += (annotation[at:tok.start()], text)
            at = tok.end()
        out.append(annotation[at:])
        return "".join(out)


def build_client(ir: IR, names: dict[str, str], config: Config | None = None,
                 package: str | None = None) -> ClientView:
    config = config or Config()
    mapper = TypeMapper(ir, names)
    qualify = _Qualifier(set(names.values()))
    resources: dict[str, PyResource] = {}
    statuses: set[int] = set()
    skipped: list[str] = []
    ops: list[tuple[str, Operation]] = []
    for op in sorted(ir.operations, key=lambda o: (o.path, o.method)):
        if op.request_body is not None and _json(op.request_body.content) is None:
            skipped.append(f"{op.method.upper()} {op.path}")
            continue
        ops.append((resource_of(op.path), op))
    taken_attrs: set[str] = set()
    for res, _ in ops:
        if res not in resources:
            attr = res if res not in taken_attrs else res + "_"
            taken_attrs.add(attr)
            cls = pascal(res) or "Root"
            resources[res] = PyResource(attr, f"_{cls}Resource", f"_Async{cls}Resource")
    endpoints = endpoint_names([op for _, op in ops])
    for res, members in group(ops).items():
        for method_name, op in method_names(members):
            py_op = _operation(op, method_name, endpoints[id(op)], mapper, qualify,
                               config.sse_sentinel)
            resources[res].operations.append(py_op)
            statuses.update(py_op.statuses)
    all_ops = [o for r in resources.values() for o in r.operations]
    fallback = shared_error_model([a for o in all_ops for _, a in o.errors]) or envelope_model(
        ir, lambda ref: qualify(mapper.annotation(ref)))
    for number, py_op in enumerate(all_ops, 1):
        py_op.error_model = py_op.error_model or fallback
        py_op.types_function = _types_function(py_op.endpoint, number)
    return ClientView(**vars(client_defaults(ir, config, package or package_name(config, ir))),
                      resources=sorted(resources.values(), key=lambda r: r.attr),
                      errors=error_classes(statuses), skipped=skipped)


def _types_function(endpoint: str, number: int) -> str:
    """`_types_POST_RESPONSES`, or `_types_<number>` where that name would not leave
    `def <name>() -> _b.Types:` on one line (black would then split the annotation
    into a tuple). No endpoint or alias name starts with `_types`: those begin with
    `_` and upper case letters."""
    name = "_types" + endpoint
    return name if len(f"def {name}() -> _b.Types:") <= LINE else f"_types_{number}"


def _json(content: list[Content]) -> Content | None:
    return next((c for c in content if JSON_MEDIA.match(c.media_type)), None)


def _operation(op: Operation, method_name: str, endpoint: str, mapper: TypeMapper,
               qualify: _Qualifier, sentinel_option: str | None = None) -> PyOperation:
    success = [r for r in op.responses if r.status.startswith("2")]
    content = [c for r in success for c in r.content]
    json_c = _json(content)
    stream_c = next((c for c in content if c.event_stream), None)
    other = next((c for c in content if not c.event_stream and c is not json_c), None)
    preferred = json_c or other or stream_c
    accept = preferred.media_type if preferred is not None else None
    body_media = _json(op.request_body.content) if op.request_body else None
    if json_c is not None and json_c.type is not None:
        kind, response = "json", qualify(mapper.annotation(json_c.type))
        returns = response
    elif stream_c is not None:
        kind, response, returns = "events", None, "None"
    elif other is not None:
        kind, response, returns = "bytes", None, "bytes"
    else:
        kind, response, returns = "none", None, "None"
    args, body_expr, whole, stream_in_body = _args(op, mapper, qualify, stream_c is not None)
    aliases = []
    for a in args:  # long or escaped annotations get a module-level alias: short signatures
        if "Annotated[" in a.annotation or "\\" in a.annotation or len(a.annotation) > 50:
            aliases.append((f"{endpoint}_{a.name}", a.annotation))
            a.runtime, a.annotation = a.annotation, aliases[-1][0]
    events = tag = sentinel = text_field = None
    tags: list[str] = []
    text_tags: list[str] = []
    raw = False
    if stream_c is not None:
        sentinel = stream_c.sentinel or sentinel_option
        if stream_c.type is None or (isinstance(stream_c.type, Primitive)
                                     and stream_c.type.type == "string"):
            raw, events = True, "builtins.str"
        else:
            events = qualify(mapper.annotation(stream_c.type))
            tag, tags, text_tags, text_field = _event_tags(stream_c.type, mapper)
    page_item: str | None = None
    page_fields: list[str] = []
    if kind == "json" and json_c is not None and json_c.type is not None:
        page_item, page_fields = pagination(op, json_c.type, mapper, qualify)
    statuses: list[int] = []
    errors = []  # status -> annotation of its JSON body, where the spec gives one
    error_model = None  # of `default`, `4XX` and `5XX`: the first with a JSON body
    for r in op.responses:
        body = _json(r.content)
        annotation = qualify(mapper.annotation(body.type)) if body and body.type else None
        if r.status.isdigit() and int(r.status) >= 400:
            statuses.append(int(r.status))
            if annotation is not None:
                errors.append((int(r.status), annotation))
        elif r.status.upper() in ("DEFAULT", "4XX", "5XX") and error_model is None:
            error_model = annotation
    name = f"{op.method.upper()} {op.path}"
    doc = py_doc(_wrap("\n\n".join(
        p for p in (f"`{name}`", op.summary or "", op.description or "") if p)))
    return PyOperation(
        name=py_str(name), method_name=method_name,
        endpoint=endpoint, aliases=aliases,
        accept=py_str(accept) if accept else None,
        stream_accept=py_str(stream_c.media_type) if stream_c else None,
        content_type=py_str(body_media.media_type) if body_media else None,
        http_method=py_str(op.method.upper()), path=py_str(op.path), doc=doc, args=args,
        success=kind, returns=returns, body=body_expr, body_whole=whole, response=response,
        events=events, streamable=kind == "json" and stream_c is not None,
        stream_in_body=stream_in_body, raw_events=raw, tag=py_str(tag) if tag else None,
        tags=[py_str(t) for t in tags], sentinel=py_str(sentinel) if sentinel else None,
        text_tags=[py_str(t) for t in text_tags],
        text_field=py_str(text_field) if text_field else None, errors=errors, statuses=statuses,
        error_model=error_model, page_item=page_item,
        page_fields=[py_str(f) for f in page_fields])


def _args(op: Operation, mapper: TypeMapper, qualify: _Qualifier,
          streaming: bool) -> tuple[list[PyArg], str | None, bool, bool]:
    used = set(RESERVED)
    args: list[PyArg] = []
    body_expr, whole, stream_in_body = None, False, False
    body_c = _json(op.request_body.content) if op.request_body else None
    if body_c is not None and body_c.type is not None:
        body_expr = qualify(mapper.core(body_c.type))
        t = mapper.ir.types.get(body_c.type.name) if isinstance(body_c.type, Ref) else None
        if isinstance(t, ObjectType):
            py = mapper.field_names(t)
            for f in t.fields:
                if f.name == "stream" and streaming:
                    stream_in_body = True
                    continue
                name = unique(py[f.name], used)
                args.append(PyArg(name, py[f.name], "body", qualify(mapper.annotation(f.type)),
                                  f.required and not f.has_default, f.name))
        else:
            whole = True
            args.append(PyArg("body", "body", "body", qualify(mapper.annotation(body_c.type)),
                              bool(op.request_body and op.request_body.required), "*"))
    for location in ("path", "query", "header"):
        params = [p for p in op.parameters if p.location == location]
        py = field_names([p.name for p in params])
        for p in params:
            name = unique(py[p.name], used, "_" + location)
            args.append(PyArg(name, p.name, location, qualify(mapper.annotation(p.type)),
                              p.required or location == "path", p.name))
    args.sort(key=lambda a: not a.required)  # required first, stable
    return args, body_expr, whole, stream_in_body


def _wrap(text: str, width: int = 72) -> str:
    """Long docstring lines wrapped (words kept whole), so the method stays within
    black's line length; each line keeps its indentation."""
    out: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        indent = line[: len(line) - len(line.lstrip())]
        out.extend(textwrap.wrap(line, width, subsequent_indent=indent, break_long_words=False,
                                 break_on_hyphens=False) or [""])
    return "\n".join(out)


def _event_tags(t: TypeExpr, mapper: TypeMapper) -> tuple[str | None, list[str], list[str], str | None]:
    """The event union's tag property, its known values, and which of them carry text
    (`*output_text.delta` events with a string `delta`)."""
    u = mapper.ir.types.get(t.name) if isinstance(t, Ref) else None
    if not isinstance(u, UnionType) or u.discriminator is None:
        return None, [], [], None
    prop = u.discriminator.property
    tags = sorted(u.discriminator.mapping)
    text = []
    for value, variant in sorted(u.discriminator.mapping.items()):
        obj = mapper.ir.types.get(variant)
        if not (isinstance(obj, ObjectType) and re.search(r"(^|\.)output_text\.delta$", value)):
            continue
        delta = next((f for f in obj.fields if f.name == "delta"), None)
        if delta is not None and isinstance(delta.type, Primitive) and delta.type.type == "string":
            text.append(value)
    return prop, tags, text, "delta" if text else None
