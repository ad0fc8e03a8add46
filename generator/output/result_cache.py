"""Skip the whole pipeline when nothing it reads has changed.

An entry is keyed by respgen's version, the options, every template file the
targets use and the root spec's bytes; it records the SHA-256 of every other
spec file the build read (through `$ref`s) and is used only if they all still
match. It holds the rendered, formatted files and the per-type fingerprints.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .. import __version__
from ..config import Config
from ..targets.render import builtin_templates


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def key(config: Config, spec: Path) -> str | None:
    h = hashlib.sha256(f"respgen {__version__}\0".encode())
    h.update(repr((config.package, config.targets, config.operations, config.spec_url)).encode())
    folders = [builtin_templates()]
    if config.templates:
        folders.insert(0, config.resolve(config.templates))
    try:
        h.update(spec.read_bytes())
        for overlay in config.overlays:  # overlays change what the spec says
            h.update(b"\0overlay\0" + config.resolve(overlay).read_bytes())
        for folder in folders:
            for target in config.targets:
                for path in sorted((folder / target).rglob("*")) if (folder / target).is_dir() else []:
                    if path.is_file():
                        h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
        generator_dir = Path(__file__).parents[1]
        for path in sorted(generator_dir.rglob("*.py")):  # a changed generator invalidates too
            h.update(str(path.stat().st_mtime_ns).encode() + str(path.stat().st_size).encode())
    except OSError:
        return None
    return h.hexdigest()


def load(cache_dir: Path | None, entry_key: str | None) -> dict[str, Any] | None:
    if cache_dir is None or entry_key is None:
        return None
    try:
        data = json.loads((cache_dir / "results" / f"{entry_key}.json").read_bytes())
        for path, digest in data["inputs"].items():
            if _sha(Path(path).read_bytes()) != digest:
                return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return data if isinstance(data, dict) else None


def store(cache_dir: Path | None, entry_key: str | None, inputs: list[Path],
          payload: dict[str, Any]) -> None:
    if cache_dir is None or entry_key is None:
        return
    try:
        data = {**payload, "inputs": {str(p): _sha(p.read_bytes()) for p in inputs}}
        folder = cache_dir / "results"
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
        os.replace(tmp, folder / f"{entry_key}.json")
    except (OSError, TypeError, ValueError):
        pass
