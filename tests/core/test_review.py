"""The coaching review: each decision beside the best one at that point."""

from __future__ import annotations

from game.core.analysis import analyze
from game.core.review import review
from tests.core.builders import LOANER, build


def test_review_names_the_better_choice_and_its_outlook() -> None:
    scenario = build(LOANER)
    analysis = analyze(scenario)
    first = review(scenario, analysis, [1])[0]
    assert first.best == 2 and first.best_text == "Which car would you like?"
    assert first.taken_outlook == 0.0 and first.best_outlook == 100.0
    assert not first.was_best
    assert all(r.was_best for r in review(scenario, analysis, [2, 2]))
