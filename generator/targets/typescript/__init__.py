"""The TypeScript target: types and zod v4 schemas (`generated/typescript/`)."""

from .target import TARGET

__all__ = ["TARGET"]
