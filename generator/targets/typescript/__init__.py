"""The TypeScript target: types and zod v4 schemas (`generated/typescript/`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import target_of

if TYPE_CHECKING:
    from .target import TARGET as TARGET

__all__ = ["TARGET"]


def __getattr__(name: str) -> Any:
    return target_of(__name__, name)
