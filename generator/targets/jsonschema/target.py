"""JSON Schema target: a bundled 2020-12 schema per operation body, response and
stream event (`<out>/jsonschema/`), and an index of them."""

from __future__ import annotations

import json
from typing import Any

import jinja2

from ...config import Config
from ...ir import IR
from ...words import words
from ..base import Files, Target
from ..docs.escaping import md_cell, md_cell_code
from .schema import bundle


def _slug(text: str) -> str:
    return "-".join(w.lower() for w in words(text)) or "x"


def schemas(ir: IR) -> dict[str, tuple[str, dict[str, Any]]]:
    """File path -> (what it describes, schema), for every body, response and event."""
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    cache: dict[str, Any] = {}
    for op in ir.operations:
        folder = _slug(op.operation_id or f"{op.method} {op.path}")
        label = f"{op.method.upper()} {op.path}"
        items = []
        if op.request_body:
            items += [(f"request {c.media_type}", "request", c) for c in op.request_body.content]
        for r in op.responses:
            items += [(f"{r.status} {c.media_type}", f"response-{r.status}", c) for c in r.content]
        for what, stem, c in items:
            if c.type is None:
                continue
            if c.event_stream:
                what, stem = f"{what} event data", f"{stem}-event"
            elif c.media_type != "application/json":
                stem = f"{stem}-{_slug(c.media_type)}"
            path = f"{folder}/{stem}.schema.json"
            n = 2
            while path in out:
                path = f"{folder}/{stem}-{n}.schema.json"
                n += 1
            out[path] = (f"{label} {what}", bundle(ir, c.type, f"{label} {what}", cache))
    return out


def render(ir: IR, config: Config, env: jinja2.Environment) -> Files:
    found = schemas(ir)
    files = {path: json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
             for path, (_, schema) in found.items()}
    rows = [(path, what) for path, (what, _) in sorted(found.items())]
    files["README.md"] = env.get_template("README.md.j2").render(
        title=ir.title or "API", source=ir.source, rows=rows)
    return files


TARGET = Target(
    name="jsonschema",
    description="JSON Schema 2020-12: a bundled schema per operation body, response and event",
    render=render,
    filters={"mdcell": md_cell, "mdcode": md_cell_code},  # the docs target's Markdown escaping
)
