"""The mode: one definition of coaching and assessment."""

from __future__ import annotations

import pytest

from game.core.modes import MODES, Mode, parse_mode


def test_modes_are_written_as_files_and_command_lines_write_them() -> None:
    assert MODES == ("coach", "assess")
    assert str(Mode.COACH) == "coach" and Mode("assess") is Mode.ASSESS


def test_only_coaching_gives_feedback_after_every_choice() -> None:
    assert Mode.COACH.coaching and not Mode.ASSESS.coaching
    assert (Mode.COACH.label, Mode.ASSESS.label) == ("Coaching", "Assessment")


def test_an_unknown_mode_is_refused_with_the_modes_named() -> None:
    assert parse_mode("assess") is Mode.ASSESS
    with pytest.raises(ValueError, match="coach or assess"):
        parse_mode("practice")
