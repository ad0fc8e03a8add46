"""Python target: which files to write, and how to format them (black)."""

from __future__ import annotations

import jinja2

from ...config import Config
from ...format_cache import format_python
from ...ir import IR
from ..base import Files, Target
from .escaping import py_doc, py_str
from .models import build_view
from .validators import build_validators


def _toml_str(text: str) -> str:
    return py_str(text)  # a TOML basic string uses the same escapes


def render(ir: IR, config: Config, env: jinja2.Environment) -> Files:
    view = build_view(ir)
    package = config.package
    if not package.isidentifier():
        from ...errors import ConfigError

        raise ConfigError(f"package name {package!r} is not a valid Python identifier")
    context = {
        "view": view, "package": package, "title": ir.title or "API",
        "version": ir.version or "0.0.0", "source": ir.source,
    }
    files = {
        "pyproject.toml": env.get_template("pyproject.toml.j2").render(context),
        f"{package}/__init__.py": env.get_template("__init__.py.j2").render(context),
        f"{package}/_runtime.py": env.get_template("_runtime.py.j2").render(context),
        f"{package}/models.py": env.get_template("models.py.j2").render(context),
        f"{package}/_checks.py": env.get_template("_checks.py.j2").render(context),
        f"{package}/validators.py": env.get_template("validators.py.j2").render(
            {**context, "view": build_validators(ir)}),
        f"{package}/py.typed": "",
    }
    return files


def _format(path: str, text: str) -> str:
    return format_python(text) if path.endswith(".py") else text


TARGET = Target(
    name="python",
    description="pydantic v2 models (an installable, typed package)",
    render=render,
    filters={"pystr": py_str, "pydoc": py_doc, "tomlstr": _toml_str},
    format=_format,
)
