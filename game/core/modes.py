"""The mode a scenario is played in: coaching or assessment (one definition for every presenter).

Standard library only. Settings, saves, the window's options, the terminal's
`--mode` and the picker all take their modes from here.
"""

from __future__ import annotations

from enum import StrEnum


class Mode(StrEnum):
    """How a playthrough is coached. The value is what files and command lines say."""

    COACH = "coach"  # the coach comments after every choice; one choice may be taken back
    ASSESS = "assess"  # no hints while playing; all feedback comes in the debrief

    @property
    def label(self) -> str:
        """The mode's name for people: "Coaching" or "Assessment"."""
        return "Coaching" if self is Mode.COACH else "Assessment"

    @property
    def coaching(self) -> bool:
        """Feedback after every choice, and a choice may be taken back."""
        return self is Mode.COACH


MODES: tuple[str, ...] = tuple(mode.value for mode in Mode)


def parse_mode(text: str) -> Mode:
    """`text` as a Mode; ValueError naming the modes when it is not one."""
    try:
        return Mode(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a mode; use {' or '.join(MODES)}") from None
