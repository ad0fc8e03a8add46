"""Jinja environments: one per target, user templates first, then respgen's."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any, Callable

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .paths import builtin_templates as builtin_templates  # re-exported


def environment(target: str, override: Path | None,
                filters: dict[str, Callable[..., Any]]) -> ImmutableSandboxedEnvironment:
    """An environment for one target: `override/<target>` beats `templates/<target>`.

    Sandboxed: a templates folder may come from a repository you generate in (its
    pyproject.toml names it), so a template reaches no Python internals (`__globals__`,
    `__subclasses__`, ...) and mutates nothing it is given."""
    folders = []
    if override is not None:
        folders.append(str(override / target))
    folders.append(str(builtin_templates() / target))
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader(folders),
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
