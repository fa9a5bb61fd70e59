"""Short interface sounds at the player's volume; no audio device (or a missing file) is never an
error."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pygame

from game.logs import Log
from game.ui.assets import ASSETS_DIR

log = Log("game.ui")

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
VOLUME = 0.6  # 0–1: the sounds' own level at 100 %, under the player's music or a meeting


class Sounds:
    """Plays the bundled sounds by name at `volume` percent; silent at 0 or without a device."""

    def __init__(self, folder: Path = ASSETS_DIR / "sounds", volume: int = 100) -> None:
        self.folder = folder
        self._volume = volume
        self._loaded: dict[str, pygame.mixer.Sound | None] = {}
        self._available: bool | None = None  # unknown until the first sound is wanted
        self.played: list[str] = []  # names played, newest last (tests read it)

    def open(self) -> None:
        """Open the audio device now rather than at the first sound (once the window shows)."""
        if self._volume > 0:
            self._ready()

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

    @property
    def volume(self) -> int:
        """Percent of the sounds' own level; 0 plays nothing."""
        return self._volume

    @volume.setter
    def volume(self, percent: int) -> None:
        self._volume = percent
        for sound in self._loaded.values():
            if sound is not None:
                sound.set_volume(self._level)

    @property
    def enabled(self) -> bool:
        return self._volume > 0

    @property
    def _level(self) -> float:
        return VOLUME * self._volume / 100

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
        sound.set_volume(self._level)
        return sound
