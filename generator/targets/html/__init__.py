"""The html target: a static HTML reference site (`generated/html/`)."""

from .target import TARGET

__all__ = ["TARGET"]
