"""Fixtures for the loader tests."""

from __future__ import annotations

import pytest

from .support import VALID


@pytest.fixture
def valid() -> str:
    """A scenario that loads cleanly; tests break it one replacement at a time."""
    return VALID
