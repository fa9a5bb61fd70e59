"""The one scoring scale: standards add up over a choice's tags; strays beyond one point."""

from __future__ import annotations

from game.core.behaviours import ALLOWED_STRAY, BEHAVIOURS, BY_NAME, standard_of, strays
from game.core.model import COMPETENCIES


def test_every_behaviour_has_a_distinct_name_a_meaning_and_known_competencies() -> None:
    assert len(BY_NAME) == len(BEHAVIOURS) >= 20
    for behaviour in BEHAVIOURS:
        assert behaviour.meaning.endswith(".")
        assert behaviour.standard and set(behaviour.standard) <= set(COMPETENCIES)
        assert all(-3 <= v <= 3 and v != 0 for v in behaviour.standard.values())


def test_the_common_behaviours_of_the_scoring_guide_are_in_the_table() -> None:
    for name in (
        "discount-pitch",
        "protection-add-on",
        "apology",
        "apology-with-question",
        "question-wrong-moment",
        "dismiss-known-problem",
        "hold-firm",
    ):
        assert name in BY_NAME


def test_standards_add_up_over_tags_and_ignore_unknown_ones() -> None:
    assert standard_of(["apology", "need-question"]) == {"empathy": 2, "anticipation": 2}
    assert standard_of(["apology", "no-such-thing", "apology"]) == {"empathy": 1}
    assert standard_of([]) == {}


def test_a_stray_is_more_than_one_point_from_the_standard() -> None:
    assert ALLOWED_STRAY == 1
    assert strays(["discount-pitch"], (-2, 0, 0)) == []  # -2 vs -1: within one
    assert strays(["discount-pitch"], (0, 5, -1)) == []  # anticipation is not fixed
    [stray] = strays(["discount-pitch"], (-3, 0, -1))
    assert (stray.competency, stray.score, stray.standard) == ("empathy", -3, -1)
    # A competency the tags fix but the choice leaves out counts as 0.
    [missing] = strays(["second-pitch"], (-2, 0, 0))
    assert (missing.competency, missing.score, missing.standard) == ("upsell", 0, -2)
