"""The JSON Schema target: bundled 2020-12 schemas (`generated/jsonschema/`)."""

from .target import TARGET

__all__ = ["TARGET"]
