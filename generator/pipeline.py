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
from .source.loader import Workspace, open_spec
from .source.overlay import apply_overlays
from .source.remote import fetch
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


def _display(config: Config, path: Path) -> str:
    try:
        return path.resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        return str(path)


def spec_file(config: Config) -> Path:
    """The spec's root file: the configured path, or the download of `spec_url`."""
    if config.spec_url:
        return fetch(config.spec_url, cache_dir(config))
    return config.resolve(config.spec)


def open_workspace(config: Config, diags: Diagnostics, spec: Path | None = None) -> Workspace:
    """The spec's files, read, with the configured overlays applied to its root."""
    spec = spec or spec_file(config)
    if config.spec_url:
        ws = open_spec(spec, cache_dir(config), config.spec_url, local_refs=False)
    else:
        ws = open_spec(spec, cache_dir(config), _display(config, spec))
    overlays = [config.resolve(p) for p in config.overlays]
    apply_overlays(ws, overlays, diags, {p: _display(config, p) for p in overlays})
    return ws


def _load(config: Config, spec: Path | None = None) -> tuple[IR, Diagnostics, list[Path]]:
    diags = Diagnostics()
    ws = open_workspace(config, diags, spec)
    ir = build_ir(ws, diags, config.operations)
    return ir, diags, ws.inputs()


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
    spec = spec_file(config)
    key = result_cache.key(config, spec) if folder else None
    hit = result_cache.load(folder, key)
    if hit is not None:
        return Result(hit["diagnostics"], hit["files"], hit["fingerprints"], hit["operations"], True)
    ir, diags, inputs = _load(config, spec)
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
