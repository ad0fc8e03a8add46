"""The single configuration object: defaults < [tool.respgen] in pyproject.toml < CLI."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class Config:
    """Every option respgen has. Paths are relative to `root` unless absolute."""

    spec: Path = Path("spec/openapi.yaml")
    spec_url: str | None = None  # an https:// URL read instead of `spec` (source/remote.py)
    overlays: tuple[Path, ...] = ()  # OpenAPI Overlay files applied in order (source/overlay.py)
    out: Path = Path("generated")
    targets: tuple[str, ...] = ("python",)
    templates: Path | None = None  # a folder whose templates override respgen's
    package: str | None = None  # the generated package's name; None: from the spec's title
    operations: tuple[str, ...] = ()  # e.g. ("POST /responses",); empty: all of them
    cache_dir: Path | None = None  # None: the user cache folder; see parse_cache
    use_cache: bool = True
    root: Path = field(default=Path("."), compare=False)

    def resolve(self, path: Path) -> Path:
        return path if path.is_absolute() else self.root / path

    def with_overrides(self, **changes: Any) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def find_pyproject(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_config(start: Path | None = None) -> Config:
    """Config from the nearest pyproject.toml's [tool.respgen] (or defaults)."""
    start = (start or Path.cwd()).resolve()
    pyproject = find_pyproject(start)
    if pyproject is None:
        return Config(root=start)
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{pyproject}: cannot read [tool.respgen]: {exc}") from None
    section = data.get("tool", {}).get("respgen", {})
    known = {f.name for f in fields(Config)} - {"root", "spec_url"}
    unknown = sorted(set(section) - known)
    if unknown:
        raise ConfigError(f"{pyproject}: unknown [tool.respgen] keys: {', '.join(unknown)}")
    values: dict[str, Any] = {}
    for key, value in section.items():
        if key == "spec" and isinstance(value, str) and value.startswith(("https://", "http://")):
            values["spec_url"] = value
        elif key in ("spec", "out", "templates", "cache_dir"):
            values[key] = Path(value)
        elif key == "overlays":
            values[key] = tuple(Path(v) for v in value)
        elif key in ("targets", "operations"):
            values[key] = tuple(value)
        else:
            values[key] = value
    return Config(root=pyproject.parent, **values)
