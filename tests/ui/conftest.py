"""Window tests run headless (SDL's dummy video and audio) with a private RAPPORT_HOME each."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.loader import DEFAULT_SCENARIOS_DIR, Library, load_library
from game.settings import Settings
from game.store import MemoryResultsStore
from game.ui.app import App
from game.ui.options import Options
from game.ui.services import StoreHandle
from game.ui.voice import SpeechBackend

MakeApp = Callable[..., App]


@pytest.fixture(autouse=True)
def rapport_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings, saves and progress go to a fresh folder; no real database is touched."""
    home = tmp_path / "home"
    monkeypatch.setenv("RAPPORT_HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))  # platformdirs, just in case
    monkeypatch.delenv("RAPPORT_DB", raising=False)
    monkeypatch.delenv("RAPPORT_FIRST_FRAME", raising=False)
    return home


@pytest.fixture(scope="session")
def shipped() -> Library:
    """The shipped scenario library, loaded once for the whole session."""
    return load_library(DEFAULT_SCENARIOS_DIR)


@pytest.fixture
def store() -> MemoryResultsStore:
    return MemoryResultsStore()


@pytest.fixture
def make_app(shipped: Library, store: MemoryResultsStore) -> Iterator[MakeApp]:
    """Build an App on simulated time with instant text, the shipped library and a fake store."""
    made: list[App] = []

    def build(
        library: Library | None = None,
        settings: Settings | None = None,
        results: Any = None,
        speech: SpeechBackend | None = None,
        **options: Any,
    ) -> App:
        options.setdefault("player", "Ana")
        chosen = settings or Settings(player_name="Ana", text_speed="instant", volume=0)
        app = App(
            Options(**options),
            library=library or shipped,
            store=StoreHandle.of(results or store),
            settings=chosen,
            fast=True,
            speech=speech,
        )
        made.append(app)
        return app

    yield build
    pygame.event.get()  # drain what is left (clear() would keep posted events' data alive)
    pygame.key.stop_text_input()
