"""JSON Schema target: a bundled 2020-12 schema per operation body, response and
stream event (`<out>/jsonschema/`), and an index of them."""

from __future__ import annotations

import json
import re
from typing import Any

import jinja2

from ...config import Config
from ...ir import IR, Operation
from ...misleading import in_json
from ...words import words
from ..base import Files, Target
from ..docs.escaping import md_cell, md_cell_code
from ..docs.naming import MAX_SLUG, page_names
from ..jsontext import dumps_indented
from .schema import Bundler

_SAFE_PATH = re.compile(r"^[a-z0-9][a-z0-9-]*/[A-Za-z0-9][A-Za-z0-9.-]*$")
_STATUS = re.compile(r"^[0-9A-Za-z]{1,8}$")  # 200, 2XX, default


def _slug(text: str, limit: int = MAX_SLUG) -> str:
    """A kebab-case file name part from spec text: ASCII letters, digits and `-` only,
    at most `limit` characters (never `..`, `/` or an empty name)."""
    return "-".join(w.lower() for w in words(text))[:limit].rstrip("-") or "x"


def _status(status: str) -> str:
    """A response status as a file name part: lower-cased when it is a status code or
    `default` (`4XX` and `4xx` name one file on a case-insensitive file system: the
    second is numbered), else a slug (a spec may use any key, `../x` included)."""
    return status.lower() if _STATUS.match(status) else _slug(status, 32)


def schemas(ir: IR) -> dict[str, tuple[str, dict[str, Any]]]:
    """File path -> (what it describes, schema), for every body, response and event.
    Folders are operation slugs, unique and at most MAX_SLUG characters (the docs
    target's page naming); file names are built from slugs only, numbered on a clash."""
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    bundler = Bundler(ir)
    folders = page_names(sorted({_op_key(op) for op in ir.operations}), "x")
    for op in ir.operations:
        folder = folders[_op_key(op)]
        label = f"{op.method.upper()} {op.path}"
        items = []
        if op.request_body:
            items += [(f"request {c.media_type}", "request", c) for c in op.request_body.content]
        for r in op.responses:
            items += [(f"{r.status} {c.media_type}", f"response-{_status(r.status)}", c)
                      for c in r.content]
        for what, stem, c in items:
            if c.type is None:
                continue
            if c.event_stream:
                what, stem = f"{what} event data", f"{stem}-event"
            elif c.media_type != "application/json":
                stem = f"{stem}-{_slug(c.media_type, 64)}"
            path = f"{folder}/{stem}.schema.json"
            n = 2
            while path in out:
                path = f"{folder}/{stem}-{n}.schema.json"
                n += 1
            if not _SAFE_PATH.match(path):  # README.md.j2 writes it as a link target
                raise ValueError(f"unsafe schema file path {path[:200]!r}")
            out[path] = (f"{label} {what}", bundler.bundle(c.type, f"{label} {what}"))
    return out


def _op_key(op: Operation) -> str:
    return op.operation_id or f"{op.method} {op.path}"


def render(ir: IR, config: Config, env: jinja2.Environment) -> Files:
    found = schemas(ir)
    defs: dict[str, str] = {}
    joined: dict[tuple[str, ...], str] = {}
    files = {path: _text(schema, defs, joined) + "\n" for path, (_, schema) in found.items()}
    rows = [(path, what) for path, (what, _) in sorted(found.items())]
    files["README.md"] = env.get_template("README.md.j2").render(
        title=ir.title or "API", source=ir.source, rows=rows)
    return files


def _text(schema: dict[str, Any], defs: dict[str, str],
          joined: dict[tuple[str, ...], str] | None = None) -> str:
    """`in_json(json.dumps(schema, indent=2, ensure_ascii=False))`, with each `$defs`
    entry encoded once per run (`defs`: name -> its text at its depth), and each set of
    them joined once (`joined`): a type shared by many bundles is encoded once, not per
    file (by `jsontext`, json's text faster)."""
    head = in_json(dumps_indented({k: v for k, v in schema.items() if k != "$defs"}))
    if not schema.get("$defs"):
        return head
    joined = {} if joined is None else joined
    key = tuple(schema["$defs"])
    body = joined.get(key)
    if body is None:
        entries = []
        for name, value in schema["$defs"].items():
            if name not in defs:  # one render's defs: one schema per name (the Bundler's)
                defs[name] = in_json(json.dumps(name, ensure_ascii=False) + ": "
                                     + dumps_indented(value).replace("\n", "\n    "))
            entries.append("    " + defs[name])
        body = joined[key] = ",\n".join(entries)
    return head[:-2] + ',\n  "$defs": {\n' + body + "\n  }\n}"


TARGET = Target(
    name="jsonschema",
    description="JSON Schema 2020-12: a bundled schema per operation body, response and event",
    render=render,
    filters={"mdcell": md_cell, "mdcode": md_cell_code},  # the docs target's Markdown escaping
    # `path` (a link target in README.md.j2): a file path made by schemas() from slugs
    # only (ASCII letters, digits, `-`, `.`, `/`), checked against _SAFE_PATH there.
    template_safe=("path",),
    many_files=True,  # a schema per operation body, response and event
)
