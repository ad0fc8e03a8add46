"""The whole job: spec -> IR -> rendered, formatted files per target."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .output import format_cache, result_cache
from .source import parse_cache
from .builder import build_ir
from .config import Config
from .errors import ConfigError, Diagnostics
from .ir import IR, to_data
from .source.loader import open_spec
from .targets.render import environment, template_error
from .targets.base import Files, get_target


@dataclass
class Result:
    diagnostics: list[str]  # warnings and notes, one line each
    files: dict[str, Files]  # target name -> files
    fingerprints: dict[str, str]  # type name -> short hash of its IR
    operations: int
    cached: bool = False


def cache_dir(config: Config) -> Path | None:
    if not config.use_cache:
        return None
    return config.resolve(config.cache_dir) if config.cache_dir else parse_cache.default_dir()


def load_ir(config: Config) -> tuple[IR, Diagnostics]:
    ir, diags, _ = _load(config)
    return ir, diags


def _load(config: Config) -> tuple[IR, Diagnostics, list[Path]]:
    diags = Diagnostics()
    spec = config.resolve(config.spec)
    try:
        display = spec.resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        display = str(spec)
    ws = open_spec(spec, cache_dir(config), display)
    ir = build_ir(ws, diags, config.operations)
    return ir, diags, list(ws.docs)


def render_target(ir: IR, config: Config, name: str) -> Files:
    target = get_target(name)
    override = config.resolve(config.templates) if config.templates else None
    env = environment(name, override, target.filters)
    try:
        files = target.render(ir, config, env)
    except jinja2.TemplateError as exc:  # a user's template: one line, exit 2
        raise ConfigError(f"template error in target {name!r}: {template_error(exc)}") from None
    if target.format is not None:
        files = {path: target.format(path, text) for path, text in files.items()}
    return files


def run(config: Config) -> Result:
    """Render every configured target, from the result cache when nothing changed."""
    folder = cache_dir(config)
    format_cache.configure(folder)
    key = result_cache.key(config, config.resolve(config.spec)) if folder else None
    hit = result_cache.load(folder, key)
    if hit is not None:
        return Result(hit["diagnostics"], hit["files"], hit["fingerprints"], hit["operations"], True)
    ir, diags, inputs = _load(config)
    files = {name: render_target(ir, config, name) for name in config.targets}
    result = Result([str(d) for d in diags.sorted()], files, type_fingerprints(ir),
                    len(ir.operations))
    result_cache.store(folder, key, inputs, {
        "diagnostics": result.diagnostics, "files": files,
        "fingerprints": result.fingerprints, "operations": result.operations})
    return result


def type_fingerprints(ir: IR) -> dict[str, str]:
    """A short hash per named type, so `check` can say which types changed. Hashed from
    the `respgen ir` form, where rare facts appear only when they hold, so a respgen
    that learns a new fact does not report every type as changed."""
    return {name: hashlib.sha256(json.dumps(to_data(t), sort_keys=True).encode()).hexdigest()[:16]
            for name, t in ir.types.items()}
