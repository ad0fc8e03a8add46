"""Compare operations: presence, parameters, request bodies, status codes, content types."""

from __future__ import annotations

from ..ir import Content, Operation, Parameter, RequestBody, Response
from .change import BOTH, NONE, REQUEST, RESPONSE, Context, show
from .exprs import compare_expr


def op_key(o: Operation) -> str:
    return f"{o.method.upper()} {o.path}"


def compare_operations(base: Context, old: list[Operation], new: list[Operation]) -> None:
    olds = {op_key(o): o for o in old}
    news = {op_key(o): o for o in new}
    for key in sorted(set(olds) | set(news), key=lambda k: (k.split(" ", 1)[1], k)):
        ctx = Context("operation", key, BOTH, base.renames, base.new_types, base.old_types, base.out)
        a, b = olds.get(key), news.get(key)
        if b is None:
            ctx.add("", "operation", "removed", key, None, BOTH, "operation removed")
        elif a is None:
            ctx.add("", "operation", "added", None, key, NONE, "operation added")
        else:
            _operation(ctx, a, b)


def _operation(ctx: Context, a: Operation, b: Operation) -> None:
    if a.deprecated != b.deprecated:
        ctx.add("", "deprecated", "added" if b.deprecated else "removed", a.deprecated,
                b.deprecated, NONE, "deprecated" if b.deprecated else "no longer deprecated")
    if a.operation_id != b.operation_id:
        ctx.add("", "operation", "changed", a.operation_id, b.operation_id, NONE,
                f"operationId {a.operation_id} -> {b.operation_id}")
    _parameters(ctx.with_sides(REQUEST), a.parameters, b.parameters)
    _body(ctx.with_sides(REQUEST), a.request_body, b.request_body)
    _responses(ctx.with_sides(RESPONSE), a.responses, b.responses)


def _parameters(ctx: Context, old: list[Parameter], new: list[Parameter]) -> None:
    olds = {(p.location, p.name): p for p in old}
    news = {(p.location, p.name): p for p in new}
    for key, p in olds.items():
        where = f"{key[0]} parameter `{key[1]}`"
        q = news.get(key)
        if q is None:
            ctx.add(f"{key[0]}:{key[1]}", "parameter", "removed", show(p.type), None, REQUEST, f"{where} removed")
            continue
        path = f"{key[0]}:{key[1]}"
        if p.required != q.required:
            ctx.add(path, "required", "added" if q.required else "removed", p.required, q.required,
                    REQUEST if q.required else NONE,
                    f"{where} becomes " + ("required" if q.required else "optional"))
        if p.deprecated != q.deprecated:
            ctx.add(path, "deprecated", "added" if q.deprecated else "removed", p.deprecated,
                    q.deprecated, NONE, f"{where} " + ("deprecated" if q.deprecated else "no longer deprecated"))
        compare_expr(ctx, path, p.type, q.type)
    for key, q in news.items():
        if key not in olds:
            kind = "required" if q.required else "optional"
            ctx.add(f"{key[0]}:{key[1]}", "parameter", "added", None, show(q.type),
                    REQUEST if q.required else NONE, f"{kind} {key[0]} parameter `{key[1]}` added")


def _body(ctx: Context, a: RequestBody | None, b: RequestBody | None) -> None:
    if a is None and b is None:
        return
    if a is None or b is None:
        required = bool(b and b.required)
        ctx.add("body", "operation", "added" if b else "removed", a is not None, b is not None,
                REQUEST if (b is None or required) else NONE,
                "request body " + ("added" if b else "removed"))
        return
    if a.required != b.required:
        ctx.add("body", "required", "added" if b.required else "removed", a.required, b.required,
                REQUEST if b.required else NONE,
                "request body becomes " + ("required" if b.required else "optional"))
    _contents(ctx, "body", a.content, b.content, REQUEST)


def _responses(ctx: Context, old: list[Response], new: list[Response]) -> None:
    olds = {r.status: r for r in old}
    news = {r.status: r for r in new}
    for status in olds:
        if status not in news:
            ctx.add(status, "status code", "removed", status, None, NONE, f"status {status} removed")
    for status, r in news.items():
        if status not in olds:
            ctx.add(status, "status code", "added", None, status, NONE, f"status {status} added")
        else:
            _contents(ctx, status, olds[status].content, r.content, NONE)


def _contents(ctx: Context, where: str, old: list[Content], new: list[Content], removal: frozenset[str]) -> None:
    olds = {c.media_type: c for c in old}
    news = {c.media_type: c for c in new}
    for media in olds:
        if media not in news:
            ctx.add(f"{where} {media}", "content type", "removed", media, None, removal,
                    f"{where}: content type {media} removed")
    for media, c in news.items():
        if media not in olds:
            ctx.add(f"{where} {media}", "content type", "added", None, media, NONE,
                    f"{where}: content type {media} added")
            continue
        a = olds[media]
        if a.type is not None and c.type is not None:
            compare_expr(ctx, f"{where} {media}", a.type, c.type)
        elif a.type is not c.type:
            ctx.add(f"{where} {media}", "type", "changed", show(a.type), show(c.type), NONE,
                    f"{where} {media}: schema {show(a.type)} -> {show(c.type)}")
        if a.event_stream != c.event_stream or a.sentinel != c.sentinel:
            ctx.add(f"{where} {media}", "content type", "changed", a.sentinel, c.sentinel, NONE,
                    f"{where} {media}: event stream or sentinel changed")
