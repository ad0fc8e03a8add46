"""Shared by the validator tests: the generated validators module of a spec,
the request type's name, and the JSON pointer of an IR type's schema."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from harness import Generated

from generator import pipeline
from generator.config import Config
from generator.targets.render import environment
from generator.targets.python.target import TARGET


def validators(g: Generated) -> ModuleType:
    return importlib.import_module(f"{g.package}.validators")


def request_type(g: Generated) -> str:
    """The Python name of POST /responses' request body type."""
    op = next(o for o in g.ir.operations if o.path == "/responses" and o.method == "post")
    assert op.request_body is not None
    ref = op.request_body.content[0].type
    return g.view.names[ref.name]  # type: ignore[union-attr]


def compile_schema(schema: Any, folder: Path, package: str) -> Any:
    """Generate and import the validators of a one-schema spec (`Root`), unformatted."""
    spec = {"openapi": "3.1.0", "info": {"title": "suite", "version": "1"}, "paths": {},
            "components": {"schemas": {"Root": schema}}}
    folder.mkdir(parents=True)
    (folder / "spec.json").write_text(json.dumps(spec))
    config = Config(spec=folder / "spec.json", out=folder, targets=("python",), package=package,
                    root=folder, use_cache=False)
    ir, _ = pipeline.load_ir(config)
    env = environment("python", None, TARGET.filters)
    files = TARGET.render(ir, config, env)
    for path in (f"{package}/__init__.py", f"{package}/_checks.py", f"{package}/validators.py"):
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(files[path] if not path.endswith("__init__.py") else "")
    sys.path.insert(0, str(folder))
    try:
        return importlib.import_module(f"{package}.validators")
    finally:
        sys.path.remove(str(folder))
