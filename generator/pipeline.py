"""The whole job: spec -> IR -> rendered, formatted files per target.

A run with nothing changed is served from the result cache, so this module imports
only what that needs; each stage (reading, building, rendering: YAML, jsonpath, Jinja,
httpx) is imported by the function that runs it.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import json
import threading
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

from .output import cache, formatting
from .config import Config
from .errors import ConfigError, Diagnostics
from .targets.paths import builtin_templates

if TYPE_CHECKING:
    from .ir import IR
    from .source.loader import Workspace
    from .targets.base import Files


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
    return config.resolve(config.cache_dir) if config.cache_dir else cache.default_dir()


def load_ir(config: Config) -> tuple[IR, Diagnostics]:
    with _no_full_collections():
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
        from .source.remote import fetch

        return fetch(config.spec_url, cache_dir(config))
    return config.resolve(config.spec)


def open_workspace(config: Config, diags: Diagnostics, spec: Path | None = None) -> Workspace:
    """The spec's files, read, with the configured overlays applied to its root."""
    from .source.loader import open_spec
    from .source.overlay import apply_overlays

    spec = spec or spec_file(config)
    if config.spec_url:
        ws = open_spec(spec, cache_dir(config), config.spec_url, local_refs=False)
    else:
        ws = open_spec(spec, cache_dir(config), _display(config, spec))
    overlays = [config.resolve(p) for p in config.overlays]
    apply_overlays(ws, overlays, diags, {p: _display(config, p) for p in overlays})
    return ws


def _load(config: Config, spec: Path | None = None) -> tuple[IR, Diagnostics, dict[Path, bytes]]:
    """The IR, its diagnostics, and every spec file read with the bytes read."""
    from .builder import build_ir

    diags = Diagnostics()
    ws = open_workspace(config, diags, spec)
    ir = build_ir(ws, diags, config.operations)
    return ir, diags, {path: doc.text.encode("utf-8") for path, doc in ws.docs.items()}


# Config fields that do not change a run's output, or whose content is keyed instead
# (the spec's and the overlays' files, the templates folder's files).
_NOT_OPTIONS = {"root", "out", "cache_dir", "use_cache", "spec", "templates", "overlays", "jobs"}


def _results(config: Config, folder: Path | None, spec: Path) -> cache.Results:
    """The result cache for this run: keyed by respgen's code, the templates, the
    options, the spec's name here and the overlays' content; the entry, by the content
    of every spec file read."""
    templates = [builtin_templates() / name for name in config.targets]
    if config.templates:
        templates = [config.resolve(config.templates) / name for name in config.targets] + templates
    try:
        overlays = [cache.sha(config.resolve(p).read_bytes()) for p in config.overlays]
        options = {f.name: getattr(config, f.name) for f in fields(config)
                   if f.name not in _NOT_OPTIONS}  # every option, whoever adds it
        base = "\0".join([cache.respgen_digest(), cache.folder_digest(templates),
                          repr(sorted(options.items())), repr(overlays),
                          config.spec_url or _display(config, spec)])
    except OSError:
        folder, base = None, ""
    return cache.Results(folder, base, spec.resolve())


def render_target(ir: IR, config: Config, name: str) -> Files:
    import jinja2

    from .targets.base import get_target
    from .targets.render import environment, template_error

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


# Handed each target's files as soon as they are rendered (cold runs only), with the
# types' fingerprints (a function giving them: the first caller computes them, so the
# writing, which needs them only for the manifest once the files are written, overlaps
# them): `generate` writes the files while the next target renders.
Sink = Callable[[str, "Files", Callable[[], dict[str, str]]], None]


class _Once:
    """A value computed once, by whichever thread asks first (the others wait for it)."""

    def __init__(self, make: Callable[[], dict[str, str]]) -> None:
        self._make = make
        self._lock = threading.Lock()
        self._value: dict[str, str] | None = None

    def __call__(self) -> dict[str, str]:
        with self._lock:
            if self._value is None:
                self._value = self._make()
            return self._value


def run(config: Config, sink: Sink | None = None) -> Result:
    """Render every configured target, from the result cache when nothing changed
    (then `sink` is never called)."""
    folder = cache_dir(config)
    formatting.configure(folder, always=config.format or config.templates is not None)
    spec = spec_file(config)
    results = _results(config, folder, spec)
    hit = results.load()
    if hit is not None:
        return Result(hit["diagnostics"], hit["files"], hit["fingerprints"], hit["operations"], True)
    from . import parallel

    with _no_full_collections():
        ir, diags, inputs = _load(config, spec)
        # Independent once the IR is built: one job per target, then the diagnostics'
        # lines (their positions are looked up here) and the fingerprints, on every core.
        jobs: list[Callable[[], Any]] = [functools.partial(render_target, ir, config, name)
                                         for name in config.targets]
        jobs += [lambda: [str(d) for d in diags.sorted()], lambda: type_fingerprints(ir)]
        # Rendered here, one by one (one core, or a platform that does not fork): each
        # handed over at once, to be written while the next renders; not when black
        # formats every file (it forks, which it may not while the writing thread runs).
        if sink is not None and not parallel.forks(len(jobs), workers(config)) \
                and not formatting.black_always():
            later = _Once(functools.partial(type_fingerprints, ir))
            files = _render_into(sink, ir, config, later)
            lines = [str(d) for d in diags.sorted()]
            fingerprints = later()  # (here while the last target's files are written)
        else:
            *rendered, lines, fingerprints = parallel.run_jobs(jobs, workers(config))
            files = dict(zip(config.targets, rendered))
            if sink is not None:  # forked: each written once all are rendered
                for name in config.targets:
                    sink(name, files[name], functools.partial(dict, fingerprints))
    result = Result(lines, files, fingerprints, len(ir.operations))
    results.store(inputs, {
        "diagnostics": result.diagnostics, "files": files,
        "fingerprints": result.fingerprints, "operations": result.operations})
    return result


def _render_into(sink: Sink, ir: IR, config: Config,
                 fingerprints: Callable[[], dict[str, str]]) -> dict[str, Files]:
    """Render the targets one by one, each handed to `sink` at once; the targets that
    make many files quickly (`Target.many_files`) first, so that their files are
    written while the others render. Returned in the configured order."""
    from .targets.base import get_target

    rendered: dict[str, Files] = {}
    for name in sorted(config.targets, key=lambda name: not get_target(name).many_files):
        rendered[name] = render_target(ir, config, name)
        sink(name, rendered[name], fingerprints)
    return {name: rendered[name] for name in config.targets}


@contextlib.contextmanager
def _no_full_collections() -> Iterator[None]:
    """No full garbage collection while the spec is read, the IR built and the targets
    rendered: they make millions of objects that live to the end and almost no cycles,
    and each full collection scanned them all again (a fifth of a cold run's time).
    Young objects are still collected, so short-lived cycles do not pile up. Forked
    workers inherit this, so no collector walks (and copies) the shared pages."""
    was = gc.get_threshold()
    gc.set_threshold(was[0], was[1], 1 << 30)
    try:
        yield
    finally:
        gc.set_threshold(*was)


def workers(config: Config) -> int:
    """Processes to render with: `jobs`, or (0) one per core this process may use."""
    from .parallel import cores

    return config.jobs or cores()


def type_fingerprints(ir: IR) -> dict[str, str]:
    """A short hash per named type, so `check` can say which types changed. Hashed from
    the `respgen ir` form, where rare facts appear only when they hold, so a respgen
    that learns a new fact does not report every type as changed."""
    from .ir import to_data

    return {name: hashlib.sha256(json.dumps(to_data(t), sort_keys=True).encode()).hexdigest()[:16]
            for name, t in ir.types.items()}
