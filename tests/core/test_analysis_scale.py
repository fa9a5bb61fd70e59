"""The analysis at scale: lanes agree with state-by-state exploration, and past the
state budget the analysis is approximate but sound (never wrong, only less precise).

The properties draw random scenarios: loop-free ones for the lanes, and any kind
(loops included) analysed with a tiny state budget, checked against brute force.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generated import big_scenario
from game.core.analysis import (
    APPROXIMATE,
    DEAD_END,
    SCORE_FARMING,
    UNBOUNDED,
    UNREACHABLE_ENDING,
    UNREACHABLE_NODE,
    Analysis,
    _analyze,
    _from_lanes,
    analyze,
)
from game.core.decisions import play_decisions
from game.core.engine import TIMER, Playthrough
from game.core.lanes import MAX_VALUES, LanePlan
from game.core.model import Scenario
from game.core.review import review
from game.core.scoring import percents
from tests.core.builders import build, end, pick
from tests.core.test_analysis import brute_force, small_scenarios

SCORE = st.dictionaries(
    st.sampled_from(["empathy", "anticipation", "upsell"]), st.integers(-3, 3), max_size=2
)
CONDITIONS = ["flag", "not flag", "n > 0", "n == 0 or flag", "n >= 2", "not (flag and n > 1)"]
SETS: list[dict[str, Any]] = [
    {"flag": True},
    {"n": 1},
    {"n": "n + 1"},
    {"flag": "not flag"},
    {"n": "n + 1", "flag": "n > 1"},
]


@st.composite
def loop_free_scenarios(draw: st.DrawFn) -> dict[str, Any]:
    """Forward-only gotos, `next` passages with `set`s, timers, up to 8 choices, endings."""
    count = draw(st.integers(2, 8))
    endings = draw(st.integers(1, 3))
    names = [f"n{i}" for i in range(count)] + [f"e{j}" for j in range(endings)]
    nodes: dict[str, Any] = {}
    for i in range(count):
        later = names[i + 1 :]
        if i > 0 and draw(st.integers(0, 5)) == 0:
            passage: dict[str, Any] = {"text": "p", "next": draw(st.sampled_from(later))}
            if draw(st.booleans()):
                passage["set"] = draw(st.sampled_from(SETS))
            nodes[names[i]] = passage
            continue
        choices = []
        for _ in range(draw(st.integers(1, 8))):
            choice: dict[str, Any] = {
                "text": "c",
                "goto": draw(st.sampled_from(later)),
                "scores": draw(SCORE),
            }
            if draw(st.integers(0, 2)) == 0:
                choice["if"] = draw(st.sampled_from(CONDITIONS))
            if draw(st.integers(0, 2)) == 0:
                choice["set"] = draw(st.sampled_from(SETS))
            choices.append(choice)
        node: dict[str, Any] = {"text": "t", "choices": choices}
        if draw(st.integers(0, 3)) == 0:
            node["timer"] = {
                "seconds": 5,
                "goto": draw(st.sampled_from(later)),
                "scores": draw(SCORE),
            }
            if draw(st.booleans()):
                node["timer"]["set"] = draw(st.sampled_from(SETS))
        if draw(st.integers(0, 6)) == 0:
            node["set"] = draw(st.sampled_from(SETS))
        nodes[names[i]] = node
    for j in range(endings):
        nodes[f"e{j}"] = end(
            draw(st.sampled_from(["success", "partial", "failure"])), **draw(SCORE)
        )
    return {"start": "n0", "variables": {"flag": False, "n": 0}, "nodes": nodes}


def by_lanes(scenario: Scenario) -> Analysis:
    plan = LanePlan.build(scenario)
    assert plan is not None, "a loop-free scenario with few values is analysed in lanes"
    plan.explore()
    return _from_lanes(plan)


def report(analysis: Analysis) -> dict[str, Any]:
    data = analysis.to_dict()
    data["problems"] = sorted(
        (p.code, p.severity, p.node, p.choice_index) for p in analysis.problems
    )
    return data


def every_path(scenario: Scenario, limit: int = 200) -> list[list[Any]]:
    """Up to `limit` decision lists that end or get stuck, never entering a state twice."""
    found: list[list[Any]] = []

    def walk(decisions: list[Any], seen: frozenset[Any]) -> None:
        if len(found) >= limit:
            return
        p = play_decisions(scenario, decisions, to_ending=False)
        key = (p.current.id, tuple(p.values.values()))
        options: list[Any] = list(range(1, len(p.choices) + 1))
        if p.timer_seconds is not None:
            options.append(TIMER)
        if p.finished or key in seen or not options:
            found.append(decisions)
            return
        for option in options:
            walk([*decisions, option], seen | {key})

    walk([], frozenset())
    return found


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(loop_free_scenarios())
def test_lanes_report_exactly_what_state_by_state_exploration_reports(data: dict[str, Any]) -> None:
    scenario = build(data)
    one_by_one = _analyze(scenario, 10**6)
    lanes = by_lanes(scenario)
    assert report(lanes) == report(one_by_one)
    if one_by_one.ranges is None:
        return
    for decisions in every_path(scenario, 20):
        if play_decisions(scenario, decisions, to_ending=False).finished:
            assert review(scenario, lanes, decisions) == review(scenario, one_by_one, decisions)


def test_lanes_agree_on_a_generated_scenario_with_timers_and_passages() -> None:
    scenario = big_scenario(300, flags=4, timers=True)
    lanes = analyze(scenario)
    assert report(lanes) == report(_analyze(scenario, 10**6))
    assert lanes.states > 1_000 and not lanes.approximate
    assert lanes.best is not None
    best = play_decisions(scenario, list(lanes.best), to_ending=False)
    assert best.finished and best.current.id == lanes.best_ending


def test_too_many_value_combinations_are_explored_one_by_one() -> None:
    flags = 9  # 512 combinations
    assert 2**flags > MAX_VALUES
    nodes: dict[str, Any] = {}
    for i in range(flags):
        goto = f"n{i + 1}" if i + 1 < flags else "e"
        nodes[f"n{i}"] = {"choices": [pick("set", goto, set={f"f{i}": True}), pick("skip", goto)]}
    nodes["e"] = end()
    scenario = build(
        {"start": "n0", "variables": {f"f{i}": False for i in range(flags)}, "nodes": nodes}
    )
    plan = LanePlan.build(scenario)
    assert plan is not None and plan.explore() is None
    analysis = analyze(scenario)
    assert not analysis.approximate and analysis.playthroughs == 2**flags


# -- past the state budget -----------------------------------------------------------


def node_graph_loops(scenario: Scenario) -> bool:
    nodes = scenario.nodes

    def targets(node_id: str) -> list[str]:
        node = nodes[node_id]
        if node.ending is not None:
            return []
        if node.next is not None:
            return [node.next]
        found = [c.goto for c in node.choices]
        return found + ([node.timer.goto] if node.timer else [])

    state: dict[str, int] = {}

    def visit(node_id: str) -> bool:
        state[node_id] = 1
        for w in targets(node_id):
            if state.get(w) == 1 or (w not in state and visit(w)):
                return True
        state[node_id] = 2
        return False

    return any(visit(n) for n in nodes if n not in state)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(small_scenarios(), loop_free_scenarios()), st.integers(1, 6))
def test_past_the_budget_the_analysis_is_sound(data: dict[str, Any], budget: int) -> None:
    scenario = build(data)
    exact = _analyze(scenario, 10**6)
    approximate = analyze(scenario, max_states=budget)
    assert approximate.approximate or exact.states <= budget
    truth = brute_force(scenario)
    finals = truth["finals"]
    codes = {p.code for p in approximate.errors}
    # A scenario without errors gets none (but a stand-in's endless bounds, said as such);
    # one with errors may be described otherwise (a loop that scores, never ending, is a
    # dead end exactly and may look like score farming from fewer states).
    if not exact.errors:
        assert codes <= {UNBOUNDED}
    if UNBOUNDED in codes:
        assert node_graph_loops(scenario)
    # Nothing reachable is called unreachable.
    reached = {
        node
        for decisions in every_path(scenario)
        for node in play_decisions(scenario, decisions, to_ending=False).path
    }
    for problem in approximate.problems:
        if problem.code in (UNREACHABLE_NODE, UNREACHABLE_ENDING):
            assert problem.node not in reached
    for ending, (_, reachable) in approximate.endings.items():
        assert reachable or ending not in reached
    # Without errors the loader accepts it, so it must be playable: it has ranges.
    assert approximate.errors or approximate.ranges is not None
    assert exact.errors or exact.ranges is not None
    # A scenario that plays is never called unplayable, and its bounds hold every score.
    if exact.ranges is not None and not exact.errors and UNBOUNDED not in codes:
        assert approximate.ranges is not None
    if approximate.ranges is not None and not truth["farming"]:
        for scores, _, _ in finals:
            for c in range(3):
                assert approximate.ranges[c].min <= scores[c] <= approximate.ranges[c].max
            assert all(p is None or 0.0 <= p <= 100.0 for p in percents(scores, approximate.ranges))
    if approximate.best is not None:
        best = play_decisions(scenario, list(approximate.best), to_ending=False)
        assert best.finished and best.current.id == approximate.best_ending
    if approximate.approximate:
        assert APPROXIMATE in {p.code for p in approximate.warnings}
        assert approximate.playthroughs is None and approximate.shortest is None


def twenty_flags(flags: int = 20) -> Scenario:
    """Set or skip each flag, then check them all: loop-free, about 2 million states."""
    nodes: dict[str, Any] = {}
    for i in range(flags):
        goto = f"n{i + 1}" if i + 1 < flags else "check0"
        nodes[f"n{i}"] = {
            "text": f"Step {i}",
            "choices": [
                pick("set", goto, set={f"f{i}": True}, scores={"empathy": 1}),
                pick("skip", goto, scores={"upsell": 1}),
            ],
        }
    for i in range(flags):
        goto = f"check{i + 1}" if i + 1 < flags else "good"
        nodes[f"check{i}"] = {
            "text": f"Check {i}",
            "choices": [
                pick("it was set", goto, **{"if": f"f{i}"}, scores={"anticipation": 1}),
                pick("give up", "bad", **{"if": f"not f{i}"}),
            ],
        }
    nodes["good"] = end("success", empathy=2)
    nodes["bad"] = end("failure")
    return build(
        {"start": "n0", "variables": {f"f{i}": False for i in range(flags)}, "nodes": nodes}
    )


def test_a_loop_free_scenario_with_twenty_flags_analyses_to_sound_bounds_and_plays() -> None:
    scenario = twenty_flags()
    analysis = analyze(scenario, max_states=5_000)
    assert analysis.approximate and analysis.errors == ()
    assert analysis.ranges is not None
    spans = [(r.min, r.max) for r in analysis.ranges]
    assert spans == [(0, 22), (0, 20), (0, 20)]  # here the bounds are the true extremes
    assert analysis.endings == {"good": ("success", True), "bad": ("failure", True)}
    assert not [p for p in analysis.problems if p.code in (UNREACHABLE_NODE, DEAD_END)]
    playthrough = play_decisions(scenario, [1] * 40, to_ending=False)
    assert playthrough.current.id == "good"
    assert percents(playthrough.raw_scores, analysis.ranges) == (100.0, 100.0, 0.0)
    review(scenario, analysis, [1] * 40)  # the debrief can read it


def praise_loop(limit: int) -> Scenario:
    return build(
        {
            "start": "hub",
            "variables": {"n": 0},
            "nodes": {
                "hub": {
                    "text": "The customer waits.",
                    "choices": [
                        pick(
                            "Praise them again",
                            "hub",
                            **{"if": f"n < {limit}"},
                            set={"n": "n + 1"},
                            scores={"empathy": 1},
                        ),
                        pick("Finish", "done", scores={"upsell": 1}),
                    ],
                },
                "done": end(),
            },
        }
    )


def test_a_scoring_loop_with_a_bound_is_exact_within_the_budget() -> None:
    analysis = analyze(praise_loop(3))
    assert analysis.errors == () and not analysis.approximate
    assert analysis.ranges is not None and (analysis.ranges[0].min, analysis.ranges[0].max) == (
        0,
        3,
    )
    top = play_decisions(
        praise_loop(3), [1, 1, 1, 1], to_ending=False
    )  # after three, only "Finish" is left
    assert percents(top.raw_scores, analysis.ranges)[0] == 100.0


def test_a_scoring_loop_bounded_past_the_budget_is_reported_not_guessed() -> None:
    analysis = analyze(praise_loop(1_000_000), max_states=100)
    assert analysis.ranges is None
    [problem] = [p for p in analysis.errors if p.code == UNBOUNDED]
    assert problem.node == "hub" and "empathy" in problem.message
    assert SCORE_FARMING not in {p.code for p in analysis.problems}


def test_a_loop_that_scores_nothing_stays_playable_past_the_budget() -> None:
    data = {
        "start": "ask",
        "variables": {"n": 0},
        "nodes": {
            "ask": {
                "text": "Anything else?",
                "choices": [
                    pick("Ask again", "ask", set={"n": "n + 1"}),
                    pick("Offer the upgrade", "done", scores={"upsell": 2}),
                ],
            },
            "done": end(),
        },
    }
    scenario = build(data)
    analysis = analyze(scenario, max_states=20)
    assert analysis.approximate and analysis.errors == ()
    assert analysis.ranges is not None and (analysis.ranges[2].min, analysis.ranges[2].max) == (
        2,
        2,
    )
    assert analysis.best is not None
    assert (
        play_decisions(scenario, list(analysis.best), to_ending=False).current.id
        == analysis.best_ending
        == "done"
    )


@pytest.mark.parametrize("budget", [1, 2, 3])
def test_even_the_smallest_budget_gives_a_sound_report(budget: int) -> None:
    scenario = build(
        {
            "start": "a",
            "nodes": {
                "a": {"choices": [pick("x", "b", scores={"empathy": 1}), pick("y", "e")]},
                "b": {"choices": [pick("z", "e", scores={"empathy": 2})]},
                "e": end(),
            },
        }
    )
    analysis = analyze(scenario, max_states=budget)
    assert analysis.ranges is not None
    assert (analysis.ranges[0].min, analysis.ranges[0].max) == (0, 3)


def test_playthrough_of_a_big_scenario_still_plays() -> None:
    scenario = twenty_flags()
    playthrough = Playthrough(scenario)
    while not playthrough.finished:
        playthrough.choose(len(playthrough.choices))
    assert playthrough.current.id == "bad"
