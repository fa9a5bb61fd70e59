"""Grades and pass marks: one judgement of a result for every presenter."""

from __future__ import annotations

import pytest

from game.core.grades import NOT_SCORED, grade, passes


@pytest.mark.parametrize(
    ("overall", "expected"),
    [
        (100.0, "Excellent"),
        (85.0, "Excellent"),
        (84.9, "Good"),
        (70.0, "Good"),
        (50.0, "Fair"),
        (49.9, "Keep practising"),
        (0.0, "Keep practising"),
        (None, NOT_SCORED),
    ],
)
def test_grade_follows_the_floors(overall: float | None, expected: str) -> None:
    assert grade(overall) == expected


def test_a_pass_mark_is_reached_at_or_above_it_and_never_unscored() -> None:
    assert passes(60.0) and passes(75.0, 75.0)
    assert not passes(59.9) and not passes(74.9, 75.0)
    assert not passes(None, 0.0)
