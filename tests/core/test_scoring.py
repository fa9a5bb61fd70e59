"""Scoring: percents against the analysed range, not-assessed competencies, overall."""

import pytest

from game.core.analysis import analyze
from game.core.decisions import play_decisions
from game.core.scoring import Range, overall, percent, result_of
from tests.core.builders import LOANER, build


@pytest.mark.parametrize(
    ("raw", "low", "high", "expected"),
    [
        (5, -6, 7, 84.6),
        (3, 0, 4, 75.0),
        (-6, -6, 7, 0.0),
        (7, -6, 7, 100.0),
        (1, 0, 8, 12.5),
        (1, 0, 16, 6.3),  # 6.25 rounds half up
        (2, 2, 2, None),
    ],
)
def test_percent_is_one_decimal_against_the_range(
    raw: int, low: int, high: int, expected: float | None
) -> None:
    assert percent(raw, Range(low, high)) == expected


def test_overall_is_the_mean_of_assessed_percents() -> None:
    assert overall([84.6, 75.0, None]) == 79.8
    assert overall([None, None, None]) is None
    assert overall([100.0, 0.0, 50.0]) == 50.0
    assert overall([33.3, 33.4, 33.4]) == 33.4  # 33.3666… rounds to one decimal


def test_result_matches_the_json_contract() -> None:
    scenario = build(LOANER)
    analysis = analyze(scenario)
    assert analysis.ranges is not None
    playthrough = play_decisions(scenario, ["t", 2, 1], to_ending=False)
    playthrough.add_time(42.0)
    data = result_of(playthrough, analysis.ranges).to_dict()
    assert data["scenario"] == "loaner"
    assert data["ending"] == "test_drive" and data["outcome"] == "success"
    assert data["path"] == ["arrive", "customer_waits", "arrive_again", "picks_model", "test_drive"]
    assert data["choices"][0] == {"node": "arrive", "number": "t", "text": ""}
    assert data["choices"][1]["number"] == 2
    assert data["scores"] == {"empathy": 1, "anticipation": 0, "upsell": 1}
    assert data["range"]["empathy"] == {"min": -2, "max": 3}
    assert data["percent"] == {"empathy": 60.0, "anticipation": 0.0, "upsell": 66.7}
    assert data["overall"] == 42.2
    assert data["seconds"] == 42.0


def test_result_of_an_unfinished_playthrough_is_refused() -> None:
    scenario = build(LOANER)
    analysis = analyze(scenario)
    assert analysis.ranges is not None
    with pytest.raises(ValueError, match="not reached an ending"):
        result_of(play_decisions(scenario, [], to_ending=False), analysis.ranges)
