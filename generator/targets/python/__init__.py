"""The Python target: a pydantic v2 package (`generated/python/`)."""

from .target import TARGET

__all__ = ["TARGET"]
