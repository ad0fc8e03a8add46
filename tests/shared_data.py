"""The one way tests reach ../shared (real specs, seed page, JSON Schema suite).

Everything there is data beside the clone; when it is absent the tests that
need it skip with a clear reason instead of failing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_SPEC = "openrouter/2026-03-26-a935d65c6.yaml"
LATEST_SPEC = "openrouter/2026-08-22-90c493767.yaml"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the calling test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared is not available ({path} missing); real-spec tests skipped")
    return path


def upstream_specs() -> list[str]:
    """Every real spec, as 'openrouter/<file>', 'openresponses/<file>', 'openai/<file>'
    (may be empty)."""
    specs = SHARED / "specs"
    if not specs.is_dir():
        return []
    found = sorted(p for p in (specs / "openrouter").glob("*.yaml"))
    found += sorted(p for p in (specs / "openresponses").glob("*.json"))
    found += sorted(p for p in (specs / "openai").glob("*.yaml"))
    return [str(p.relative_to(specs)) for p in found]
