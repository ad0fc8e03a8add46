"""Python target: which files to write, and how they are laid out (black's style)."""

from __future__ import annotations

import re

import jinja2

from ...config import Config
from ...output.formatting import black_always, format_python
from ...ir import IR
from ...patterns import refuse_unsupported
from ...patterns.linear import linear_refusal
from ..base import Files, Target, package_name
from .client import build_client
from .escaping import FILTERS
from .models import build_view
from .pyformat import lay_out
from .validators import build_validators


# A PEP 440 release version (a spec's `info.version` is free text; pip needs this).
_PEP440 = re.compile(r"^\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?$")


def render(ir: IR, config: Config, env: jinja2.Environment) -> Files:
    view = build_view(ir)
    package = package_name(config, ir)
    if not package.isidentifier():
        from ...errors import ConfigError

        raise ConfigError(f"package name {package!r} is not a valid Python identifier")
    refuse_unsupported(ir, "python", "its engines are RE2 and Rust's regex", linear_refusal)
    client = build_client(ir, view.names, config, package)
    validators = build_validators(ir, view.names)
    context = {
        "view": view, "client": client, "package": package, "title": ir.title or "API",
        "version": ir.version or "0.0.0", "source": ir.source,
        "package_version": ir.version if _PEP440.match(ir.version) else "0.0.0",
        "needs_re2": validators.uses_re,
    }
    files = {
        "pyproject.toml": env.get_template("pyproject.toml.j2").render(context),
        f"{package}/__init__.py": env.get_template("__init__.py.j2").render(context),
        f"{package}/_runtime.py": env.get_template("_runtime.py.j2").render(context),
        f"{package}/models.py": env.get_template("models.py.j2").render(context),
        f"{package}/_errors.py": env.get_template("_errors.py.j2").render(
            {**context, "errors": client.errors}),
        f"{package}/_sse.py": env.get_template("_sse.py.j2").render(context),
        f"{package}/_lenient.py": env.get_template("_lenient.py.j2").render(context),
        f"{package}/_raw.py": env.get_template("_raw.py.j2").render(context),
        f"{package}/_http.py": env.get_template("_http.py.j2").render(context),
        f"{package}/_pages.py": env.get_template("_pages.py.j2").render(context),
        f"{package}/_base.py": env.get_template("_base.py.j2").render(context),
        f"{package}/client.py": env.get_template("client.py.j2").render(
            {**context, "view": client}),
        f"{package}/_checks.py": env.get_template("_checks.py.j2").render(context),
        f"{package}/validators.py": env.get_template("validators.py.j2").render(
            {**context, "view": validators}),
        f"{package}/py.typed": "",
    }
    if view.modules:
        files[f"{package}/_models/__init__.py"] = '"""The modules behind ``models`` (private)."""\n'
        module = env.get_template("model_module.py.j2")
        for m in view.modules:
            files[f"{package}/_models/{m.name}.py"] = module.render({**context, "module": m})
    return files


def _format(path: str, text: str) -> str:
    """black's layout: without black for respgen's templates (`pyformat`), with it
    for a templates override, `--format`, or what `pyformat` does not cover."""
    if not path.endswith(".py"):
        return text
    if not black_always():
        done = lay_out(text)
        if done is not None:
            return done
    return format_python(text)


TARGET = Target(
    name="python",
    description="pydantic v2 models and an httpx client (an installable, typed package)",
    render=render,
    filters=FILTERS,
    format=_format,
    # Python source built by models.py: identifiers from naming.py (`name`, enum `members`,
    # the checked `package`), annotations/defaults/configs whose every literal went
    # through py_str/py_value, docstring bodies from py_doc.
    template_safe=("name", "base", "members", "doc", "config", "extra_annotation",
                   "annotation", "default", "package",
                   # model_modules.py: module and class names (identifiers) a module imports
                   "imports",
                   # built by client.py: identifiers from naming, literals through py_str,
                   # annotations from types.py, integers
                   "method_name", "returns", "endpoint", "events", "response", "body",
                   "attr", "sync_class", "async_class", "aliases", "errors", "status",
                   "http_method", "path", "accept", "stream_accept", "content_type",
                   "tag", "tags", "sentinel", "text_tags", "text_field", "text",
                   "base_url", "api_key_env", "auth", "base_url_text", "api_key_env_text",
                   "error_model", "arguments", "page_item", "page_fields", "types",
                   "types_function",
                   # built by validators.py/vcode.py: constants and tables whose literals
                   # went through py_str/py_value, checker bodies, class-name identifiers
                   "constants", "tables", "type_name"),
)
