"""Shared by the validator tests: the generated validators module of a spec,
the request type's name, and the JSON pointer of an IR type's schema."""

from __future__ import annotations

import importlib
from types import ModuleType

from harness import Generated


def validators(g: Generated) -> ModuleType:
    return importlib.import_module(f"{g.package}.validators")


def request_type(g: Generated) -> str:
    """The Python name of POST /responses' request body type."""
    op = next(o for o in g.ir.operations if o.path == "/responses" and o.method == "post")
    assert op.request_body is not None
    ref = op.request_body.content[0].type
    return g.view.names[ref.name]  # type: ignore[union-attr]
