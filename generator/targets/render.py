"""Jinja environments: one per target, user templates first, then respgen's."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any, Callable, MutableMapping

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .paths import builtin_templates as builtin_templates  # re-exported


def environment(target: str, override: Path | None,
                filters: dict[str, Callable[..., Any]]) -> jinja2.Environment:
    """An environment for one target: `override/<target>` beats `templates/<target>`.

    With an override folder, sandboxed: a templates folder may come from a repository
    you generate in (its pyproject.toml names it), so a template reaches no Python
    internals (`__globals__`, `__subclasses__`, ...) and mutates nothing it is given;
    respgen's own templates render with it too, since an override may import or extend
    them. Without one, only respgen's own templates run: they are trusted, and a plain
    environment skips the sandbox's check on every attribute a template reads (the
    output is the same, tests/hostile/test_template_sandbox.py). That one is made once
    per target and process, so its templates compile once however many runs use them
    (Jinja still reloads a template whose file changed: `_Loader` looks once a run)."""
    if override is not None:
        return _environment(_SandboxedEnvironment,
                            [override / target, builtin_templates() / target], filters)
    try:
        key = (target, tuple(sorted(filters.items())))
        own = _OWN.get(key)
    except TypeError:  # an unhashable filter: nothing to share by
        return _environment(_Environment, [builtin_templates() / target], filters)
    if own is None:
        from .compiled import CompiledTemplates

        own = _OWN[key] = _environment(_Environment, [builtin_templates() / target], filters)
        own.bytecode_cache = CompiledTemplates(own)  # compiled once per installation
    elif isinstance(own.loader, _Loader):
        own.loader.runs += 1
    return own


class _Loader(jinja2.FileSystemLoader):
    """Asks whether a template's file changed once per run of the environment, not on
    every `get_template` Jinja makes: each page's `{% import %}` is one, and each was a
    `stat` (~3 us: 5% of the docs target). `runs` counts the runs."""

    def __init__(self, folders: list[str]) -> None:
        super().__init__(folders)
        self.runs = 0

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        last = [self.runs, True]  # the run it was last looked at in, and the answer

        def once_a_run() -> bool:
            if last[0] != self.runs:
                last[:] = [self.runs, uptodate()]
            return bool(last[1])

        return source, filename, once_a_run


class _Environment(jinja2.Environment):
    """Each template's globals in one dict, not Jinja's ChainMap over the environment's.

    Jinja reads them on every render: a Context copies their keys into a set, and each
    `{% import %}` subtracts the imported template's from it, both through
    ChainMap's Python-level iteration and lookups (~40% of a docs page's fixed cost:
    ~11 ms of 1,700 pages). A dict does both in C. The one difference, that a change
    to the environment's globals after a template loaded would not reach it, never
    arises: respgen sets no globals, and Jinja's own are fixed."""

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


class _SandboxedEnvironment(_Environment, ImmutableSandboxedEnvironment):
    """The sandbox, with the same globals."""


_OWN: dict[tuple[str, tuple[tuple[str, Callable[..., Any]], ...]], jinja2.Environment] = {}


def _environment(kind: type[jinja2.Environment], folders: list[Path],
                 filters: dict[str, Callable[..., Any]]) -> jinja2.Environment:
    env = kind(
        loader=_Loader([str(f) for f in folders]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.filters.update(filters)
    return env


def template_error(exc: jinja2.TemplateError) -> str:
    """A template failure as one line: the template and line it happened in, and what."""
    where = ""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = f"{exc.filename or exc.name}:{exc.lineno}: "
    else:  # Jinja rewrites the traceback: template frames carry the template's file and line
        frames = [f for f in traceback.extract_tb(exc.__traceback__)
                  if f.name == "top-level template code" or f.name.startswith(("block ", "macro "))
                  or f.filename.endswith(".j2")]
        if frames:
            where = f"{frames[-1].filename}:{frames[-1].lineno}: "
    return where + " ".join(str(exc.message or type(exc).__name__).split())
