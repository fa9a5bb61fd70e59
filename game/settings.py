"""Player settings: name, text size and speed, timers, motion, contrast, display, volume,
self-voicing, the default mode, and whether the introduction has been seen.

Settings live as JSON in the config folder (game.folders) and are written
atomically. No pygame here: the window reads these values. Files of version 1
had `sound` (on or off) where there is now `volume`; `Settings.from_dict` reads
them (off is 0 %, on the default volume).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from game.core.modes import MODES
from game.folders import settings_path

SETTINGS_FORMAT = "rapport-settings"
SETTINGS_VERSION = 2  # 2: volume replaced sound; timers, reduced motion, voice, introduction
MAX_SETTINGS_BYTES = 64 * 1024  # bytes; a settings file is a few hundred
MAX_LRS_KEYS = 20  # entries in the `lrs` object (docs/lms.md lists the ones read)
MAX_LRS_VALUE_CHARS = 2000  # characters in one `lrs` value (an address, a path, a key)

# Text size steps: a factor on every font, from a laptop to a meeting-room projector.
TEXT_SIZES: dict[str, float] = {
    "standard": 1.0,
    "large": 1.2,
    "larger": 1.4,
    "projector": 1.65,
}
TEXT_SIZE_LABELS = {
    "standard": "Standard",
    "large": "Large",
    "larger": "Larger",
    "projector": "Projector",
}
# Text speed: characters revealed per second; None shows each line at once.
TEXT_SPEEDS: dict[str, float | None] = {
    "slow": 25.0,
    "normal": 50.0,
    "fast": 110.0,
    "instant": None,
}
TEXT_SPEED_LABELS = {"slow": "Slow", "normal": "Normal", "fast": "Fast", "instant": "Instant"}
# Time to read: a factor on every timer's seconds; None switches timers off (the
# result is then recorded as untimed).
TIMER_FACTORS: dict[str, float | None] = {
    "normal": 1.0,
    "longer": 1.5,
    "longest": 2.0,
    "off": None,
}
TIMER_LABELS = {"normal": "Normal", "longer": "1.5× longer", "longest": "2× longer", "off": "Off"}
VOLUMES = tuple(range(0, 101, 10))  # percent of the sounds' own level, in steps
DEFAULT_VOLUME = 80  # percent


class SettingsError(Exception):
    """Settings that cannot be written; the message is one sentence for the player."""


NO_LRS: Mapping[str, str] = MappingProxyType({})  # no learning-record settings


class Settings(NamedTuple):
    """Everything the player can change; every field has a safe default.

    A NamedTuple: the window reads it before its first frame, and Python makes a
    NamedTuple class several times faster than a frozen dataclass.
    """

    player_name: str = ""
    text_size: str = "standard"
    text_speed: str = "normal"
    timers: str = "normal"
    reduced_motion: bool = False  # no slides or fades (the typewriter is the text speed)
    high_contrast: bool = False
    fullscreen: bool = False
    volume: int = DEFAULT_VOLUME  # percent; 0 is silent
    voice: bool = False  # self-voicing: the screen is read aloud
    default_mode: str = "coach"
    # Whether the first-run introduction was shown. True unless this is a first
    # run (no settings file yet): `load_settings` then says False.
    intro_seen: bool = True
    # Where learning records go (game/lrs/config.py reads it; docs/lms.md). Kept out
    # of repr: it may hold the LRS password.
    lrs: Mapping[str, str] = NO_LRS

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={value!r}"
            for name, value in zip(self._fields, self, strict=True)
            if name != "lrs"
        )
        return f"Settings({shown})"

    @property
    def text_scale(self) -> float:
        return TEXT_SIZES[self.text_size]

    @property
    def chars_per_s(self) -> float | None:
        return TEXT_SPEEDS[self.text_speed]

    @property
    def timer_factor(self) -> float | None:
        """What every timer's seconds are multiplied by; None when timers are off."""
        return TIMER_FACTORS[self.timers]

    @property
    def sound(self) -> bool:
        """Whether sounds play at all."""
        return self.volume > 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": SETTINGS_FORMAT,
            "version": SETTINGS_VERSION,
            **self._asdict(),
            "lrs": dict(self.lrs),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Settings:
        """Read what is valid and keep the default for anything missing or wrong.

        A hand-edited file with one bad value should not cost the player every
        other setting, so each field is checked on its own. A file of version 1
        says `sound` (true or false) instead of `volume`: off becomes volume 0,
        on the default volume.
        """
        defaults = cls()
        chosen: dict[str, Any] = {}
        allowed: dict[str, tuple[Any, ...]] = {
            "text_size": tuple(TEXT_SIZES),
            "text_speed": tuple(TEXT_SPEEDS),
            "timers": tuple(TIMER_FACTORS),
            "volume": VOLUMES,
            "default_mode": MODES,
        }
        if "volume" not in data and isinstance(data.get("sound"), bool):
            data = {**data, "volume": DEFAULT_VOLUME if data["sound"] else 0}
        for name in cls._fields:
            value = data.get(name)
            default = getattr(defaults, name)
            if name == "lrs":
                ok = _is_lrs_section(value)
            elif isinstance(default, bool):
                ok = isinstance(value, bool)
            elif name == "volume":
                ok = isinstance(value, int) and not isinstance(value, bool) and value in VOLUMES
            elif name in allowed:
                ok = value in allowed[name]
            else:  # the player name: checked again where it is used
                ok = isinstance(value, str) and len(value) <= 200
            if ok:
                chosen[name] = value
        return defaults._replace(**chosen)


def _is_lrs_section(value: Any) -> bool:
    """A flat object of short text values: what the learning-record settings can be."""
    return (
        isinstance(value, dict)
        and len(value) <= MAX_LRS_KEYS
        and all(
            isinstance(k, str) and isinstance(v, str) and len(v) <= MAX_LRS_VALUE_CHARS
            for k, v in value.items()
        )
    )


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """The saved settings, or the defaults with a sentence saying why they were not read.

    A missing file is normal (a first run: the introduction is due) and gives
    no message. A damaged file is left as it is until the player changes a
    setting.
    """
    path = path or settings_path()
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_SETTINGS_BYTES + 1)
    except FileNotFoundError:
        return Settings(intro_seen=False), None
    except OSError as error:
        return Settings(), (
            f"Your settings in {path} could not be read ({error.strerror or error}); "
            "the defaults are used."
        )
    if len(raw) > MAX_SETTINGS_BYTES:
        return (
            Settings(),
            f"Your settings file {path} is too large to be real; the defaults are used.",
        )
    import json  # only when there is a file: a first run's first frame goes without

    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return Settings(), f"Your settings file {path} is damaged; the defaults are used."
    if not isinstance(data, dict) or data.get("format") != SETTINGS_FORMAT:
        return Settings(), f"{path} is not a Rapport settings file; the defaults are used."
    return Settings.from_dict(data), None


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically; SettingsError says why when that fails."""
    import json

    from game.saves import SaveWriteError, write_atomic

    path = path or settings_path()
    text = json.dumps(settings.to_dict(), ensure_ascii=False, indent=2) + "\n"
    try:
        write_atomic(path, text.encode("utf-8"))
    except SaveWriteError as error:
        raise SettingsError(f"Your settings could not be saved: {error}") from None
