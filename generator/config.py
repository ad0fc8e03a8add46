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
    cache_dir: Path | None = None  # None: the user cache folder; see output/cache.py
    # The generated client (docs/generated-python.md); None: read off the spec.
    base_url: str | None = None  # default: the spec's first server URL
    api_key_env: str | None = None  # default: <PACKAGE>_API_KEY
    auth: str | None = None  # "bearer" | "header:<Name>" | "query:<name>" | "none"
    sse_sentinel: str | None = None  # a stream's end `data` besides "[DONE]"
    use_cache: bool = True
    format: bool = False  # run black over generated Python even from respgen's own templates
    jobs: int = 0  # processes rendering the targets at once; 0 (default): one per core
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
    if "auth" in values:
        check_auth(values["auth"], f"{pyproject}: [tool.respgen] auth")
    if "jobs" in values and (type(values["jobs"]) is not int or values["jobs"] < 0):
        raise ConfigError(f"{pyproject}: [tool.respgen] jobs must be a whole number "
                          "(0: one process per core, 1: no parallel processes)")
    for key in ("base_url", "api_key_env", "sse_sentinel"):
        if key in values and not (isinstance(values[key], str) and values[key].isprintable()):
            raise ConfigError(f"{pyproject}: [tool.respgen] {key} must be a one-line string")
    return Config(root=pyproject.parent, **values)


AUTH_FORMS = ("bearer", "none", "header:<Name>", "query:<name>")


def check_auth(value: object, where: str) -> str:
    """`value` if it is one of AUTH_FORMS, else a ConfigError naming `where`."""
    if isinstance(value, str):
        kind, _, name = value.partition(":")
        if value in ("bearer", "none") or (kind in ("header", "query") and name.strip()):
            return value
    raise ConfigError(f"{where}: {value!r} is not one of {', '.join(AUTH_FORMS)}")
