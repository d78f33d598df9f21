"""Test-wide settings: caches go to a scratch folder, never into the working tree."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="session")
def _scratch_cache(tmp_path_factory):
    """Point every cache (loader, tokens, dates, entities) at a folder that dies with the run."""
    patch = pytest.MonkeyPatch()
    patch.setenv("HELPERS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    yield
    patch.undo()
