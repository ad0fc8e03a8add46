"""Formatting with black, remembered by content hash.

black is the slowest step of generation; output that did not change is never
formatted twice (entries keyed by SHA-256 of the unformatted text and black's
version).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import black

_MODE = black.Mode(target_versions={black.TargetVersion.PY311})
_cache_dir: Path | None = None


def configure(cache_dir: Path | None) -> None:
    global _cache_dir
    _cache_dir = cache_dir


def format_python(text: str) -> str:
    key = hashlib.sha256(f"black-{black.__version__}\0".encode() + text.encode()).hexdigest()
    entry = _cache_dir / "black" / key if _cache_dir else None
    if entry is not None:
        try:
            return entry.read_text(encoding="utf-8")
        except OSError:
            pass
    formatted = black.format_str(text, mode=_MODE)
    if entry is not None:
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(formatted)
            os.replace(tmp, entry)
        except OSError:
            pass
    return formatted


__all__ = ["configure", "format_python"]
