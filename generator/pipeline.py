"""The whole job: spec -> IR -> rendered, formatted files per target."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from . import format_cache, parse_cache
from .builder import build_ir
from .config import Config
from .errors import Diagnostics
from .ir import IR, to_data
from .loader import open_spec
from .render import environment
from .targets.base import Files, get_target


@dataclass
class Result:
    ir: IR
    diagnostics: Diagnostics
    files: dict[str, Files]  # target name -> files


def cache_dir(config: Config) -> Path | None:
    if not config.use_cache:
        return None
    return config.resolve(config.cache_dir) if config.cache_dir else parse_cache.default_dir()


def load_ir(config: Config) -> tuple[IR, Diagnostics]:
    diags = Diagnostics()
    spec = config.resolve(config.spec)
    try:
        display = spec.resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        display = str(spec)
    ws = open_spec(spec, cache_dir(config), display)
    return build_ir(ws, diags, config.operations), diags


def render_target(ir: IR, config: Config, name: str) -> Files:
    target = get_target(name)
    override = config.resolve(config.templates) if config.templates else None
    env = environment(name, override, target.filters)
    files = target.render(ir, config, env)
    if target.format is not None:
        files = {path: target.format(path, text) for path, text in files.items()}
    return files


def run(config: Config) -> Result:
    format_cache.configure(cache_dir(config))
    ir, diags = load_ir(config)
    files = {name: render_target(ir, config, name) for name in config.targets}
    return Result(ir, diags, files)


def type_fingerprints(ir: IR) -> dict[str, str]:
    """A short hash per named type, so `check` can say which types changed."""
    out = {}
    for name, t in ir.types.items():
        text = json.dumps(to_data(t), sort_keys=True, separators=(",", ":"))
        out[name] = hashlib.sha256(text.encode()).hexdigest()[:16]
    return out
