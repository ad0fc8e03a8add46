"""The docs target: a Markdown API reference (`generated/docs/`)."""

from .target import TARGET

__all__ = ["TARGET"]
