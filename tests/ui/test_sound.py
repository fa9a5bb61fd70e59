"""Sounds play by name, stay silent when muted, and never fail for want of an audio device."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.ui.sound import Sounds


def test_a_missing_audio_device_means_silence_not_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_device(*_: object, **__: object) -> None:
        raise pygame.error("No available audio device")

    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", no_device)
    sounds = Sounds()
    sounds.play("confirm")
    assert sounds._available is False
    assert sounds.played == ["confirm"]


def test_sounds_at_volume_zero_are_not_played() -> None:
    sounds = Sounds(volume=0)
    sounds.play("select")
    assert sounds.played == []


def test_the_volume_sets_the_level_of_every_sound_loaded_and_to_come() -> None:
    pygame.mixer.init()
    sounds = Sounds(volume=50)
    sounds.play("select")
    loaded = sounds._loaded["select"]
    assert loaded is not None and loaded.get_volume() == pytest.approx(0.3, abs=0.01)
    sounds.volume = 100
    assert loaded.get_volume() == pytest.approx(0.6, abs=0.01)
    sounds.play("confirm")
    confirm = sounds._loaded["confirm"]
    assert confirm is not None and confirm.get_volume() == pytest.approx(0.6, abs=0.01)


def test_a_missing_sound_file_stays_silent(tmp_path: Path) -> None:
    pygame.mixer.init()
    sounds = Sounds(folder=tmp_path)
    sounds.play("select")
    assert sounds._loaded == {"select": None}


def test_the_bundled_sounds_load() -> None:
    pygame.mixer.init()
    sounds = Sounds()
    for name in ("select", "confirm", "feedback-good", "feedback-bad", "ending-success"):
        sounds.play(name)
    assert all(sounds._loaded[name] is not None for name in sounds._loaded)
