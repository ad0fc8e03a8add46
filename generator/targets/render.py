"""Jinja environments: one per target, user templates first, then respgen's."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

import jinja2


def builtin_templates() -> Path:
    """respgen's own templates/ folder (source checkout, or installed data)."""
    here = Path(__file__).resolve().parents[2] / "templates"
    if here.is_dir():
        return here
    return Path(sys.prefix) / "share" / "respgen" / "templates"


def environment(target: str, override: Path | None,
                filters: dict[str, Callable[..., Any]]) -> jinja2.Environment:
    """An environment for one target: `override/<target>` beats `templates/<target>`."""
    folders = []
    if override is not None:
        folders.append(str(override / target))
    folders.append(str(builtin_templates() / target))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.filters.update(filters)
    return env
