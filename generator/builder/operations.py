"""OpenAPI paths -> IR operations (parameters, bodies, responses, event streams)."""

from __future__ import annotations

from typing import Any

from ..source import pointer as jp
from ..errors import SpecError
from ..ir import Content, Operation, Parameter, RequestBody, Response
from ..source.loader import Document
from ..words import pascal
from .schemas import SchemaBuilder

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
EVENT_STREAM = "text/event-stream"


def build_operations(b: SchemaBuilder, wanted: set[str] | None = None) -> list[Operation]:
    """All operations, or only those named in `wanted` ("post /responses")."""
    root = b.ws.root
    paths = root.data.get("paths") or {}
    if not isinstance(paths, dict):
        raise SpecError(root.location("/paths"), "paths must be a mapping")
    ops = []
    for path, item in paths.items():
        item, doc, iptr = _deref(b, item, root, jp.join("/paths", path))
        if not isinstance(item, dict):
            continue
        shared = item.get("parameters") or []
        for method in METHODS:
            op = item.get(method)
            if wanted is not None and f"{method} {path}" not in wanted:
                continue
            if isinstance(op, dict):
                ops.append(_operation(b, path, method, op, shared, doc, jp.join(iptr, method)))
    return sorted(ops, key=lambda o: (o.path, METHODS.index(o.method)))


def _deref(b: SchemaBuilder, node: Any, doc: Document, ptr: str) -> tuple[Any, Document, str]:
    return b.ws.follow(node, doc, ptr)


def _operation(b: SchemaBuilder, path: str, method: str, op: dict[str, Any],
               shared: list[Any], doc: Document, ptr: str) -> Operation:
    op_id = op.get("operationId")
    if not isinstance(op_id, str) or not op_id:
        op_id = method + pascal(path) if pascal(path) else method
    hint = pascal(op_id)
    out = Operation(method=method, path=path, operation_id=op_id,
                    summary=_text(op.get("summary")), description=_text(op.get("description")),
                    deprecated=op.get("deprecated") is True)
    params: dict[tuple[str, str], Parameter] = {}
    for index, raw in enumerate(list(shared) + list(op.get("parameters") or [])):
        where = jp.join(ptr, "parameters", index)
        node, pdoc, pptr = _deref(b, raw, doc, where)
        if isinstance(node, dict) and "name" in node and "in" in node:
            p = _parameter(b, node, pdoc, pptr, hint)
            params[(p.location, p.name.lower() if p.location == "header" else p.name)] = p
    out.parameters = list(params.values())
    body = op.get("requestBody")
    if body is not None:
        node, bdoc, bptr = _deref(b, body, doc, jp.join(ptr, "requestBody"))
        if isinstance(node, dict):
            out.request_body = RequestBody(
                required=node.get("required") is True,
                description=_text(node.get("description")),
                content=_contents(b, node.get("content"), bdoc, jp.join(bptr, "content"),
                                  hint + "Request"),
            )
    responses = op.get("responses") or {}
    for status, raw in responses.items():
        node, rdoc, rptr = _deref(b, raw, doc, jp.join(ptr, "responses", status))
        if not isinstance(node, dict):
            continue
        suffix = "Response" if str(status) in ("200", "201") else "Response" + pascal(str(status))
        out.responses.append(Response(
            status=str(status), description=_text(node.get("description")),
            content=_contents(b, node.get("content"), rdoc, jp.join(rptr, "content"),
                              hint + suffix),
        ))
    return out


def _parameter(b: SchemaBuilder, node: dict[str, Any], doc: Document, ptr: str,
               hint: str) -> Parameter:
    name = str(node["name"])
    schema = node.get("schema", True)
    return Parameter(
        name=name, location=str(node["in"]),
        type=b.expr(schema, doc, jp.join(ptr, "schema"), hint + pascal(name)),
        required=node.get("required") is True, deprecated=node.get("deprecated") is True,
        description=_text(node.get("description")), examples=_media_examples(node),
    )


def _contents(b: SchemaBuilder, content: Any, doc: Document, ptr: str,
              hint: str) -> list[Content]:
    if not isinstance(content, dict):
        return []
    out = []
    for media, node in content.items():
        mptr = jp.join(ptr, media)
        if not isinstance(node, dict):
            continue
        schema = node.get("schema")
        stream = media.split(";")[0].strip() == EVENT_STREAM
        sentinel = node.get("x-speakeasy-sse-sentinel")
        type_ = None
        if schema is not None:
            sptr = jp.join(mptr, "schema")
            data = _event_data(b, schema, doc, sptr) if stream else None
            if data is not None:
                type_ = b.expr(data[0], data[1], data[2], hint + "Event")
            else:
                type_ = b.expr(schema, doc, sptr, hint + ("Event" if stream else ""))
        out.append(Content(media_type=media, type=type_, event_stream=stream,
                           sentinel=sentinel if isinstance(sentinel, str) else None,
                           examples=_media_examples(node)))
    return out


def _event_data(b: SchemaBuilder, schema: Any, doc: Document,
                ptr: str) -> tuple[Any, Document, str] | None:
    """For an SSE schema written as the message (`{data: Event}`), the event's schema."""
    node, ndoc, nptr = _deref(b, schema, doc, ptr)
    if not isinstance(node, dict):
        return None
    props = node.get("properties")
    if isinstance(props, dict) and set(props) <= {"data", "event", "id", "retry"} and "data" in props:
        return props["data"], ndoc, jp.join(nptr, "properties", "data")
    return None


def _media_examples(node: dict[str, Any]) -> list[Any]:
    out = []
    if "example" in node:
        out.append(node["example"])
    examples = node.get("examples")
    if isinstance(examples, dict):
        for ex in examples.values():
            if isinstance(ex, dict) and "value" in ex:
                out.append(ex["value"])
    return out


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None
