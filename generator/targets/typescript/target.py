"""TypeScript target: an npm package of types and zod v4 schemas (`<out>/typescript/`)."""

from __future__ import annotations

import json
import re

import jinja2

from ...config import Config
from ...ir import IR
from ...patterns import refuse_unsupported
from ...patterns.ecma import ecma_refusal
from ..base import Files, Target, package_name
from ..lines import trim_lines
from .escaping import ts_comment, ts_doc, ts_str
from .models import build_view

_SEMVER = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$")
_NPM_NAME = re.compile(r"^(?:@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*$")


def _json_str(text: str) -> str:
    """A JSON string (package.json): ASCII only, so nothing can end it early."""
    return json.dumps(text, ensure_ascii=True)


def npm_version(version: str) -> str:
    """The spec's version when it is semver, else 0.0.0 (npm requires semver)."""
    return version if _SEMVER.match(version) else "0.0.0"


def render(ir: IR, config: Config, env: jinja2.Environment) -> Files:
    package = package_name(config, ir).lower().replace("_", "-")
    if not _NPM_NAME.match(package):
        from ...errors import ConfigError

        raise ConfigError(f"package name {package_name(config, ir)!r} is not a valid npm package name")
    refuse_unsupported(ir, "typescript", "JavaScript's RegExp would throw", ecma_refusal)
    context = {
        "view": build_view(ir), "package": package, "title": ir.title or "API",
        "version": npm_version(ir.version or ""), "source": ir.source,
    }
    return {
        "package.json": env.get_template("package.json.j2").render(context),
        "tsconfig.json": env.get_template("tsconfig.json.j2").render(context),
        "src/index.ts": env.get_template("index.ts.j2").render(context),
        "src/models.ts": env.get_template("models.ts.j2").render(context),
        "src/schemas.ts": env.get_template("schemas.ts.j2").render(
            {**context, "assertions": False, "runtime": "./runtime.js", "models": "./models.js"}),
        # The same schemas built with zod's types plus a type-equality assertion per
        # type (schema vs type): compiled by the tests, not shipped (tsconfig and
        # package.json take src/ only). It is what proves the shipped schemas' types.
        "check/schemas.ts": env.get_template("schemas.ts.j2").render(
            {**context, "assertions": True, "runtime": "../src/runtime.js",
             "models": "../src/models.js"}),
        "src/runtime.ts": env.get_template("runtime.ts.j2").render(context),
    }


def _format(path: str, text: str) -> str:
    """Trailing spaces off and one final newline (the templates lay out the rest)."""
    return trim_lines(text).strip("\n") + "\n"


TARGET = Target(
    name="typescript",
    description="TypeScript types and zod v4 schemas (an npm package)",
    render=render,
    filters={"tsstr": ts_str, "tsdoc": ts_doc, "tscomment": ts_comment, "jsonstr": _json_str},
    format=_format,
    # Values models.py computed for models.ts.j2, escaped there:
    #   name, schema, shape: identifiers from naming.type_names (the IR name when it is an
    #     ASCII identifier, else PascalCase words; keywords and module names get `_`);
    #   key, zod_key: escaping.ts_key (a bare identifier, else a ts_str literal, `[...]`
    #     for `__proto__`);
    #   type, checked: TypeScript types from types.TypeMapper.ts (names above, scalar
    #     keywords, literal types through ts_str / ts_number);
    #   zod, zod_suffix: zod expressions from types.TypeMapper.zod and models.py (every
    #     string through ts_str / ts_value, every number through ts_number, which
    #     refuses anything but a number).
    #   runtime, models: constant import paths (set in render above);
    #   holder, types: naming.HOLDER and naming.TYPES, constant identifiers.
    template_safe=("name", "schema", "shape", "key", "zod_key", "type", "checked", "zod",
                   "zod_suffix", "runtime", "models", "holder", "types"),
)
