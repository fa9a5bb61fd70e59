"""Every test gets a scenario cache of its own, so no test reads what another one left."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def private_scenario_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The loader's reload cache in a fresh folder (beside, not in, the test's tmp_path)."""
    folder = tmp_path_factory.mktemp("scenario-cache")
    monkeypatch.setenv("RAPPORT_CACHE", str(folder))
    return folder
