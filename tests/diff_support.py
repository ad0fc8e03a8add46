"""Real spec versions for the diff tests: each built once per run (IR and, on first
use, its generated validators), shared by tests/test_diff*.py through `spec_version`."""

from __future__ import annotations

import functools

from generator.diff import Version, load_ir
from shared_data import shared_path


@functools.lru_cache(maxsize=None)
def _version(name: str) -> Version:
    return Version(load_ir(shared_path("specs", name)))


def spec_version(name: str) -> Version:
    """'openrouter/<file>.yaml' -> its Version, cached for the whole run."""
    shared_path("specs", name)  # skips cleanly when ../shared is absent
    return _version(name)
