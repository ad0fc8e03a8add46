"""What a target is, and how targets are found.

A target is a folder in `templates/` plus one small Python module that builds
the files from the IR. Targets register under the `respgen.targets` entry-point
group, so a package outside this repo can add one.
"""

from __future__ import annotations

import keyword
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

import jinja2

from ..errors import ConfigError

if TYPE_CHECKING:
    from ..config import Config
    from ..ir import IR

Files = dict[str, str]  # path relative to the target's output folder -> text


def package_name(config: "Config", ir: "IR") -> str:
    """The generated package's name: config's, else the spec's `info.title` in snake
    case, ASCII only ("Acme Responses API" -> "acme_responses_api"; "api" when empty)."""
    if config.package:
        return config.package
    ascii_title = unicodedata.normalize("NFKD", ir.title).encode("ascii", "ignore").decode()
    name = re.sub(r"[^0-9a-z]+", "_", ascii_title.lower()).strip("_") or "api"
    if name[0].isdigit():
        name = "api_" + name
    return name + "_" if keyword.iskeyword(name) else name


@dataclass(frozen=True)
class Target:
    """A code generation target.

    name:      the output sub-folder and the `--target` value
    render:    (ir, config, env) -> files
    filters:   the Jinja filters that escape spec text for this language
    format:    (path, text) -> formatted text, or None
    template_safe: names (fnmatch patterns) of template values that the target's Python
               code computed and already escaped (e.g. `*_md`: Markdown built by the docs
               view); any other value a template outputs must go through one of `filters`
               (tests/test_template_escaping.py enforces this)
    many_files: the target makes many files for little rendering (a page or a schema per
               type): `generate` renders it before the others, so that its files are
               written while they render
    """

    name: str
    description: str
    render: Callable[["IR", "Config", jinja2.Environment], Files]
    filters: dict[str, Callable[..., object]]
    format: Callable[[str, str], str] | None = None
    template_safe: tuple[str, ...] = ()
    many_files: bool = False


# respgen's own targets: the package under generator/targets/ of each name.
BUILTIN = ("python", "docs", "typescript", "jsonschema", "html")


def _builtin(name: str) -> Target:
    import importlib

    target: Target = importlib.import_module(f"{__package__}.{name}").TARGET
    return target


def available_targets() -> dict[str, Target]:
    """Every installed target, by name (respgen's own ones always included)."""
    from importlib.metadata import entry_points  # plugins only: a 20 ms import

    found = {name: _builtin(name) for name in BUILTIN}
    for ep in entry_points(group="respgen.targets"):
        if ep.name in found:
            continue
        found[ep.name] = _load_plugin(ep.name, ep.load)
    return dict(sorted(found.items()))


def _load_plugin(name: str, load: Callable[[], Target]) -> Target:
    try:
        return load()
    except Exception as exc:  # a broken plugin must not break respgen
        raise ConfigError(f"target {name!r} failed to load: {exc}") from exc


def get_target(name: str) -> Target:
    """One target, loading only it: a built-in name is respgen's own target (a plugin
    cannot take it over), so neither the other targets nor the plugin list are read."""
    if name in BUILTIN:
        return _builtin(name)
    from importlib.metadata import entry_points

    for ep in entry_points(group="respgen.targets", name=name):
        return _load_plugin(name, ep.load)
    raise ConfigError(f"unknown target {name!r}; installed: {', '.join(available_targets())}")
