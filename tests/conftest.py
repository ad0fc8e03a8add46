"""Fixtures: every spec is generated once per test run and shared between tests."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import pytest

from harness import Generated, generate, slug
from shared_data import ROOT, shared_path

if TYPE_CHECKING:
    from browser import Browser

OUR_SPEC = ROOT / "spec" / "openapi.yaml"


@pytest.fixture(scope="session")
def generated_for(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Generated]:
    """'ours' or an upstream spec name -> its generated, imported package (cached)."""
    cache: dict[str, Generated] = {}

    def get(name: str) -> Generated:
        if name not in cache:
            spec = OUR_SPEC if name == "ours" else shared_path("specs", name)
            root = tmp_path_factory.mktemp(slug(name))
            cache[name] = generate(spec, root, slug(name))
        return cache[name]

    return get


@pytest.fixture(scope="session")
def ours(generated_for: Callable[[str], Generated]) -> Generated:
    if not OUR_SPEC.exists():
        pytest.fail("spec/openapi.yaml is missing")
    return generated_for("ours")


@pytest.fixture(scope="session")
def browser() -> "Browser":
    """One headless Chromium for the whole run (installed on first use; closed at exit)."""
    from browser import shared_browser

    return shared_browser()


@pytest.fixture(scope="session")
def diff_version() -> Callable[[str], object]:
    """'openrouter/<file>.yaml' -> its diff Version (IR + validators), built once per run."""
    from diff_support import spec_version

    return spec_version
