"""Surface cues: naive strategies, random play and where the best choice sits.

Hand-made scenarios pin the verdicts; Hypothesis compares every naive run and the
random expectation with brute force over the real engine.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, given, settings

from game.core.analysis import SCORE_FARMING, analyze
from game.core.engine import TIMER, Playthrough
from game.core.model import Scenario
from game.core.scoring import overall, percents
from game.core.surface import (
    NAIVE_SUCCESS,
    STRATEGIES,
    Strategy,
    look,
    surface_report,
    words,
)
from tests.core.builders import build, end, pick
from tests.core.test_analysis import small_scenarios


def by_id(strategy_id: str) -> Strategy:
    return next(s for s in STRATEGIES if s.id == strategy_id)


def report_of(data: dict[str, Any]) -> Any:
    scenario = build(data)
    analysis = analyze(scenario)
    assert analysis.ranges is not None
    return surface_report(scenario, analysis.ranges)


def run_of(report: Any, strategy_id: str) -> Any:
    return next(r for r in report.runs if r.strategy == strategy_id)


# Two decisions; the best line is the longest both times.
LONG_WINS: dict[str, Any] = {
    "start": "a",
    "cast": {"c": {"name": "Ines"}},
    "nodes": {
        "a": {
            "text": "Hello",
            "choices": [
                pick("No.", "lost", scores={"empathy": -1}),
                pick("Oh no, you're soaked! Where are you headed?", "b", scores={"empathy": 2}),
            ],
        },
        "b": {
            "text": "Which one?",
            "choices": [
                pick("The compact storm umbrella fits your bag and your walk.", "won",
                     scores={"upsell": 2}),
                pick("Cheapest.", "meh", scores={"upsell": -1}),
            ],
        },
        "won": end("success"),
        "meh": end("partial"),
        "lost": end("failure"),
    },
}  # fmt: skip


def test_look_reads_only_the_surface() -> None:
    seen = look("Sorry, Ines! Would you like our $15 USB mouse? It's 20% off.", ["ines"])
    assert seen.question and seen.addresses
    assert seen.feeling == 1  # sorry
    assert seen.price == 2  # $15 and 20%
    assert seen.words == 12
    assert seen.warmth == 1 + 1 + 1 - 2
    assert not look("Aisle four, next to the buckets.").addresses
    assert look("You're drenched.").addresses
    assert words("You’re right: $150, 20%.") == ["you're", "right", "$150", "20%"]


def test_always_longest_wins_when_the_best_line_is_always_the_longest() -> None:
    report = report_of(LONG_WINS)
    longest = run_of(report, "longest")
    assert longest.succeeds and longest.success_ending == "won"
    assert longest.decisions == (2, 1) and longest.overall == 100.0
    shortest = run_of(report, "shortest")
    assert not shortest.succeeds and shortest.ending == "lost"
    [problem] = [p for p in report.problems("a") if "longest" in p.message]
    assert problem.code == NAIVE_SUCCESS and problem.severity == "warning"
    assert "always choosing the longest line reaches the success ending `won`" in problem.message
    assert "a new hire can win by length" in problem.message
    assert [p.node for p in report.best_is_longest] == ["a", "b"]
    assert report.position_counts() == {1: 1, 2: 1}


def test_position_strategies_take_the_last_choice_when_fewer_are_shown() -> None:
    report = report_of(LONG_WINS)
    # Only two choices are ever shown, so choices 3 to 6 would repeat "last".
    assert {r.strategy for r in report.runs} >= {"choice-1", "choice-2", "last"}
    assert "choice-3" not in {r.strategy for r in report.runs}
    assert run_of(report, "choice-2").decisions == (2, 2)
    assert run_of(report, "choice-1").ending == "lost"


def test_ties_go_to_the_player_so_a_verdict_never_depends_on_the_order() -> None:
    data = {
        "start": "a",
        "nodes": {
            "a": {
                "text": "Hi",
                "choices": [
                    pick("Nope.", "lost", scores={"empathy": -1}),
                    pick("Sure.", "won", scores={"empathy": 1}),  # as short as "Nope."
                ],
            },
            "won": end("success"),
            "lost": end("failure"),
        },
    }
    shortest = run_of(report_of(data), "shortest")
    assert shortest.succeeds and shortest.ending == "won"


def test_a_strategy_caught_in_a_loop_never_finishes() -> None:
    data = {
        "start": "a",
        "nodes": {
            "a": {
                "text": "Hi",
                "choices": [pick("Go round again.", "a"), pick("End.", "done")],
            },
            "done": end("success"),
        },
    }
    report = report_of(data)
    longest = run_of(report, "longest")
    assert not longest.finishes and longest.ending is None and not longest.succeeds
    assert run_of(report, "shortest").succeeds
    assert report.random.outcomes["success"] == 100.0


def test_random_play_is_an_exact_expectation() -> None:
    data = {
        "start": "a",
        "nodes": {
            "a": {
                "text": "Hi",
                "choices": [
                    pick("x", "won", scores={"empathy": 3}),
                    pick("y", "b", scores={"empathy": -3}),
                ],
            },
            "b": {
                "text": "Again",
                "choices": [pick("z", "lost"), pick("w", "meh", scores={"empathy": 1})],
            },
            "won": end("success"),
            "meh": end("partial"),
            "lost": end("failure"),
        },
    }
    report = report_of(data)
    # Empathy -3..3: 1/2 * 3 + 1/4 * -3 + 1/4 * -2 = 0.25 -> (0.25 + 3) / 6 = 54.2%
    assert report.random.overall == 54.2
    assert report.random.outcomes == {"success": 50.0, "partial": 25.0, "failure": 25.0}
    assert report.random.percent == (54.2, None, None)


def test_the_report_is_json_ready_and_lists_every_strategy() -> None:
    report = report_of(LONG_WINS)
    data = report.to_dict()
    assert data["decision_points"] == 2
    assert data["best_is_longest"] == ["a", "b"]
    assert data["best_position"] == {"1": 1, "2": 1}
    first = data["strategies"][0]
    assert first["strategy"] == "longest" and first["success_ending"] == "won"
    assert first["choices"] == [2, 1]
    assert data["random"]["outcomes"]["success"] == 25.0


# -- brute force --------------------------------------------------------------------
def _allowed(strategy: Strategy, playthrough: Playthrough, names: list[str]) -> list[Any]:
    shown = playthrough.choices
    if not shown:
        return [TIMER] if playthrough.timer_seconds is not None else []
    keys = [strategy.key(look(c.text, names), n, len(shown)) for n, c in enumerate(shown, 1)]
    return [n for n, k in enumerate(keys, 1) if k == max(keys)]


def _explore(scenario: Scenario, strategy: Strategy | None) -> list[Any]:
    """Finished playthroughs a strategy allows (all shown choices when None), with
    their probability under uniform random play; stops after 10 steps."""
    names = [m.name.lower() for m in scenario.cast.values()]
    found: list[Any] = []

    def walk(playthrough: Playthrough, chance: Fraction, depth: int) -> None:
        if playthrough.finished:
            found.append((playthrough.raw_scores, playthrough.ending, chance))
            return
        if depth > 10:
            return
        if strategy is None:
            options: list[Any] = list(range(1, len(playthrough.choices) + 1)) or (
                [TIMER] if playthrough.timer_seconds is not None else []
            )
        else:
            options = _allowed(strategy, playthrough, names)
        for option in options:
            playthrough.decide(option)
            walk(playthrough, chance / len(options), depth + 1)
            playthrough.undo()

    walk(Playthrough(scenario), Fraction(1), 0)
    return found


def _loop_free(scenario: Scenario) -> bool:
    analysis = analyze(scenario)
    return analysis.playthroughs is not None and not any(
        p.code == SCORE_FARMING for p in analysis.problems
    )


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_scenarios())
def test_naive_runs_and_random_play_equal_brute_force(data: dict[str, Any]) -> None:
    scenario = build(data)
    analysis = analyze(scenario)
    if analysis.ranges is None or analysis.errors or not _loop_free(scenario):
        return
    report = surface_report(scenario, analysis.ranges)
    for run in report.runs:
        strategy = by_id(run.strategy)
        finals = _explore(scenario, strategy)
        successes = [f for f in finals if f[1].outcome == "success"]
        assert run.succeeds == bool(successes), run.strategy
        if finals:
            top = max(overall(percents(f[0], analysis.ranges)) or 0.0 for f in finals)
            assert run.finishes
            assert abs((run.overall or 0.0) - top) <= 0.05, run.strategy
    finals = _explore(scenario, None)
    assert abs(sum(f[2] for f in finals) - 1) == 0
    success = sum((f[2] for f in finals if f[1].outcome == "success"), Fraction(0))
    assert abs(report.random.outcomes["success"] - float(success * 100)) <= 0.05 + 1e-9
