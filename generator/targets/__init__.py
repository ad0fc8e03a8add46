"""Code generation targets: one folder per language, each shaped the same."""

from __future__ import annotations

import importlib
from typing import Any


def target_of(package: str, name: str) -> Any:
    """A target package's `TARGET`, imported on first use (its module `__getattr__`): a
    command that reads one module of a target (`diff` reads the naming) loads no more."""
    if name == "TARGET":
        return importlib.import_module(f"{package}.target").TARGET
    raise AttributeError(f"module {package!r} has no attribute {name!r}")
