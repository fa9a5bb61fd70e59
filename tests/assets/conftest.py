"""The art generator (tools/art) is a package beside the game, imported as its command line does."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest

TOOLS = Path(__file__).resolve().parents[2] / "tools"


def art_module(name: str) -> ModuleType:
    """`art.<name>` from tools/art (tools/ goes on the import path, as for tools/make_art.py)."""
    if str(TOOLS) not in sys.path:
        sys.path.insert(0, str(TOOLS))
    return importlib.import_module(f"art.{name}")


@pytest.fixture(scope="session")
def art_build() -> ModuleType:
    return art_module("build")


@pytest.fixture(scope="session")
def art_cast() -> ModuleType:
    return art_module("cast")
