"""Short interface sounds with a mute; no audio device (or a missing file) is never an error."""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

import pygame

from game.ui.assets import ASSETS_DIR

log = logging.getLogger("game.ui")

SOUND_NAMES = (
    "select",
    "confirm",
    "feedback-good",
    "feedback-bad",
    "timer-tick",
    "ending-success",
    "ending-partial",
    "ending-failure",
)
VOLUME = 0.6  # 0–1: sounds sit under the player's own music or a meeting


class Sounds:
    """Plays the bundled sounds by name; silent when muted or when there is no audio device."""

    def __init__(self, folder: Path = ASSETS_DIR / "sounds", enabled: bool = True) -> None:
        self.folder = folder
        self.enabled = enabled
        self._loaded: dict[str, pygame.mixer.Sound | None] = {}
        self._available: bool | None = None  # unknown until the first sound is wanted
        self.played: list[str] = []  # names played, newest last (tests read it)

    def _ready(self) -> bool:
        if self._available is None:
            try:
                if not pygame.mixer.get_init():
                    pygame.mixer.init()
                self._available = bool(pygame.mixer.get_init())
            except pygame.error as error:
                log.info("no audio device (%s); playing without sound", error)
                self._available = False
        return self._available

    def play(self, name: str) -> None:
        if not self.enabled:
            return
        self.played.append(name)
        del self.played[:-50]
        if not self._ready():
            return
        if name not in self._loaded:
            self._loaded[name] = self._load(name)
        sound = self._loaded[name]
        if sound is not None:
            # A device that went away mid-game: keep playing silently.
            with contextlib.suppress(pygame.error):
                sound.play()

    def _load(self, name: str) -> pygame.mixer.Sound | None:
        if name not in SOUND_NAMES:
            return None
        path = self.folder / f"{name}.wav"
        try:
            sound = pygame.mixer.Sound(path)
        except (pygame.error, OSError, FileNotFoundError) as error:
            log.warning("the sound %s could not be loaded (%s); it stays silent", path, error)
            return None
        sound.set_volume(VOLUME)
        return sound
