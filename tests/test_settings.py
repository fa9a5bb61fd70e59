"""Settings: defaults, a JSON round trip in the config folder, tolerance of damage, RAPPORT_HOME."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import platformdirs
import pytest

from game.folders import config_folder, data_folder, settings_path
from game.settings import (
    DEFAULT_VOLUME,
    TEXT_SIZES,
    TIMER_FACTORS,
    Settings,
    SettingsError,
    load_settings,
    save_settings,
)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RAPPORT_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_rapport_home_holds_both_the_config_and_the_data_folder(home: Path) -> None:
    assert config_folder() == home / "config"
    assert data_folder() == home / "data"
    assert settings_path() == home / "config" / "settings.json"


def test_without_rapport_home_the_platform_folders_are_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("RAPPORT_HOME")
    assert config_folder() == Path(platformdirs.user_config_dir("rapport", appauthor=False))
    assert data_folder() == Path(platformdirs.user_data_dir("rapport", appauthor=False))


def test_a_first_run_gets_the_defaults_without_a_message_and_the_introduction_is_due() -> None:
    assert load_settings() == (Settings(intro_seen=False), None)
    assert Settings().intro_seen  # anyone with a settings file has played before


def test_settings_survive_a_round_trip_through_the_file() -> None:
    chosen = Settings(
        player_name="Zoé",
        text_size="projector",
        text_speed="instant",
        high_contrast=True,
        fullscreen=True,
        volume=30,
        timers="off",
        reduced_motion=True,
        voice=True,
        default_mode="assess",
        intro_seen=False,
    )
    save_settings(chosen)
    assert load_settings() == (chosen, None)
    assert json.loads(settings_path().read_text(encoding="utf-8"))["player_name"] == "Zoé"


def test_there_are_at_least_three_text_sizes_up_to_projector_size() -> None:
    assert len(TEXT_SIZES) >= 3
    assert max(TEXT_SIZES.values()) >= 1.6
    assert Settings(text_size="projector").text_scale == max(TEXT_SIZES.values())
    assert Settings(text_speed="instant").chars_per_s is None


def test_a_damaged_file_gives_the_defaults_and_a_message_and_stays_as_it_is() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00\x01 not json")
    settings, message = load_settings()
    assert settings == Settings()
    assert message is not None and str(path) in message and "defaults" in message
    assert path.read_bytes() == b"\x00\x01 not json"


def test_one_bad_value_costs_only_that_setting() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    document = {
        **Settings(text_size="large", volume=0).to_dict(),
        "text_speed": "ludicrous",
        "extra": 1,
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    settings, message = load_settings()
    assert message is None
    assert (settings.text_size, settings.sound, settings.text_speed) == ("large", False, "normal")


@pytest.mark.parametrize(("sound", "volume"), [(False, 0), (True, DEFAULT_VOLUME)])
def test_a_version_1_file_with_sound_on_or_off_becomes_a_volume(sound: bool, volume: int) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    old = {"format": "rapport-settings", "version": 1, "text_size": "large", "sound": sound}
    path.write_text(json.dumps(old), encoding="utf-8")
    settings, message = load_settings()
    assert message is None
    assert (settings.volume, settings.sound, settings.text_size) == (volume, sound, "large")
    assert settings.intro_seen and settings.timers == "normal" and not settings.reduced_motion
    save_settings(settings)
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["version"] == 2 and written["volume"] == volume and "sound" not in written


@pytest.mark.parametrize("volume", [-10, 55, 110, "80", True, None])
def test_a_volume_off_the_steps_keeps_the_default(volume: object) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({**Settings().to_dict(), "volume": volume}), encoding="utf-8")
    assert load_settings()[0].volume == DEFAULT_VOLUME


def test_timers_can_be_lengthened_or_switched_off() -> None:
    factors = {t: Settings(timers=t).timer_factor for t in TIMER_FACTORS}
    assert factors == {"normal": 1.0, "longer": 1.5, "longest": 2.0, "off": None}


def test_a_settings_file_of_another_program_is_not_read() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"text_size": "large"}), encoding="utf-8")
    settings, message = load_settings()
    assert settings == Settings() and message is not None


def test_a_failed_save_says_why_and_keeps_the_old_file(monkeypatch: pytest.MonkeyPatch) -> None:
    save_settings(Settings(text_size="large"))
    before = settings_path().read_bytes()

    def read_only(*_: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(os, "replace", read_only)
    with pytest.raises(SettingsError, match=r"could not be saved.*read-only"):
        save_settings(Settings(text_size="projector"))
    assert settings_path().read_bytes() == before


def test_the_lrs_section_stays_out_of_repr_and_the_default_is_shared_read_only() -> None:
    settings = Settings(lrs={"password": "s3cret", "endpoint": "https://lrs.example/xapi/"})
    assert "s3cret" not in repr(settings) and "text_size='standard'" in repr(settings)
    with pytest.raises(TypeError):
        Settings().lrs["password"] = "leaked"  # type: ignore[index]
    assert Settings().lrs == {} and Settings().to_dict()["lrs"] == {}
    assert settings.to_dict()["lrs"] == {
        "password": "s3cret",
        "endpoint": "https://lrs.example/xapi/",
    }
