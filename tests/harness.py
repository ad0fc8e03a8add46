"""Generate a spec into a temporary folder, import the package, look up types."""

from __future__ import annotations

import functools
import importlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from pydantic import TypeAdapter

from generator import pipeline
from generator.config import Config
from generator.ir import IR, Ref
from generator.output.writer import write_target
from generator.source.loader import open_spec
from generator.targets.python.models import ModelsView, build_view
from generator.targets.python.types import TypeMapper


@dataclass
class Generated:
    spec: Path
    out: Path  # the python target folder (holds pyproject.toml and the package)
    package: str
    ir: IR
    view: ModelsView
    module: ModuleType  # <package>.models
    notes: list[str] = field(default_factory=list)  # generation's diagnostics, as printed

    def adapter(self, ir_name: str) -> TypeAdapter[Any]:
        """A pydantic TypeAdapter for the named IR type (class, enum, alias or Literal)."""
        mapper = TypeMapper(self.ir, self.view.names)
        annotation = mapper.core(Ref(name=ir_name))
        return _adapter(self.module, annotation)

    def field_adapter(self, ir_name: str, wire: str) -> TypeAdapter[Any]:
        cls = next(c for c in self.view.classes if c.name == self.view.names[ir_name])
        t = self.ir.types[ir_name]
        py = TypeMapper(self.ir, self.view.names).field_names(t)[wire]  # type: ignore[arg-type]
        f = next(f for f in cls.fields if f.name == py)
        return _adapter(self.module, f.annotation)


_CACHE: dict[str, TypeAdapter[Any]] = {}


def _adapter(module: ModuleType, annotation: str) -> TypeAdapter[Any]:
    key = f"{module.__name__}:{annotation}"
    if key not in _CACHE:
        names = _Names(module)
        value = eval(annotation, vars(module), names)  # our own generated annotation text
        if isinstance(value, str):  # a forward reference, quoted in the module
            value = eval(value, vars(module), names)
        _CACHE[key] = TypeAdapter(value)
    return _CACHE[key]


class _Names(dict[str, Any]):
    """What an annotation of a models module may name. A split package's `models.py`
    only names the models (loaded on access); the rest (`StrictStr`, `Tag`...) is what
    every module of its `_models/` imports."""

    def __init__(self, module: ModuleType) -> None:
        super().__init__()
        self.module = module
        where: dict[str, str] = getattr(module, "_MODULES", {})
        self.imports = vars(importlib.import_module(
            f"{module.__package__}._models.{min(where.values())}")) if where else {}

    def __missing__(self, name: str) -> Any:
        if name in getattr(self.module, "__all__", ()):
            return getattr(self.module, name)
        if name in self.imports:
            return self.imports[name]
        raise KeyError(name)  # then the module's globals, then builtins


@functools.lru_cache(maxsize=2)  # the large specs hold hundreds of MB each
def spec_data(spec: Path) -> Any:
    """A spec's root document as read (parsed once, not per test: seconds on a large spec)."""
    return open_spec(spec).root.data


def slug(text: str) -> str:
    return "pkg_" + re.sub(r"[^0-9a-zA-Z]+", "_", text).strip("_").lower()


def generate(spec: Path, root: Path, package: str, **options: Any) -> Generated:
    """Run the whole pipeline for the python target and import the result
    (`options`: further Config fields, as [tool.respgen] would give them)."""
    config = Config(spec=spec, out=root, targets=("python",), package=package, root=root,
                    use_cache=False, **options)
    ir, diags = pipeline.load_ir(config)
    files = pipeline.render_target(ir, config, "python")
    write_target(root / "python", files, {"target": "python"})
    out = root / "python"
    if str(out) not in sys.path:
        sys.path.insert(0, str(out))
    module = importlib.import_module(f"{package}.models")
    return Generated(spec, out, package, ir, build_view(ir), module,
                     [str(d) for d in diags.sorted()])
