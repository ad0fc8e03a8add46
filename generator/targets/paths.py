"""Where respgen's own templates are (without importing Jinja: a run with nothing
changed keys its result cache on them and renders nothing)."""

from __future__ import annotations

import sys
from pathlib import Path


def builtin_templates() -> Path:
    """respgen's own templates/ folder (source checkout, or installed data)."""
    here = Path(__file__).resolve().parents[2] / "templates"
    if here.is_dir():
        return here
    return Path(sys.prefix) / "share" / "respgen" / "templates"
