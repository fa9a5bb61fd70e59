"""Analysis: exact ranges, counts, best playthroughs and the problems it finds.

The Hypothesis properties compare the analysis with brute force: every path
through the state graph, played with the real engine.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core.analysis import (
    DEAD_END,
    NEXT_LOOP,
    SCORE_FARMING,
    TOO_MANY_CHOICES,
    UNREACHABLE_ENDING,
    UNREACHABLE_NODE,
    analyze,
)
from game.core.decisions import play_decisions
from game.core.engine import TIMER, Playthrough
from game.core.scoring import overall, percents
from tests.core.builders import LOANER, build, end, pick


def codes(data: dict[str, Any]) -> set[str]:
    return {p.code for p in analyze(build(data)).problems}


def test_loaner_ranges_count_and_best() -> None:
    analysis = analyze(build(LOANER))
    assert [(r.min, r.max) for r in analysis.ranges or ()] == [(-2, 3), (0, 3), (-3, 3)]
    assert analysis.playthroughs == 5
    assert analysis.best == (2, 2)
    assert analysis.best_ending == "test_drive"
    assert (analysis.shortest, analysis.longest) == (1, 3)
    assert analysis.problems == ()


def test_dead_end_when_every_choice_is_hidden() -> None:
    data = {
        "start": "a",
        "variables": {"ok": False},
        "nodes": {
            "a": {"text": "A", "choices": [pick("x", "b"), pick("y", "e")]},
            "b": {"text": "B", "choices": [pick("only if ok", "e", **{"if": "ok"})]},
            "e": end(),
        },
    }
    problems = analyze(build(data)).problems
    dead = [p for p in problems if p.code == DEAD_END]
    assert dead and dead[0].node == "b" and "(with ok=false)" in dead[0].message


def test_loop_without_exit_is_a_dead_end() -> None:
    data = {
        "start": "a",
        "nodes": {
            "a": {"text": "A", "choices": [pick("loop", "b"), pick("end", "e")]},
            "b": {"text": "B", "choices": [pick("back", "c")]},
            "c": {"text": "C", "choices": [pick("again", "b")]},
            "e": end(),
        },
    }
    assert DEAD_END in codes(data)


def test_loop_that_changes_a_score_is_score_farming() -> None:
    data = {
        "start": "a",
        "nodes": {
            "a": {
                "text": "A",
                "choices": [pick("praise", "b", scores={"empathy": 1}), pick("end", "e")],
            },
            "b": {"text": "B", "choices": [pick("again", "a"), pick("end", "e")]},
            "e": end(),
        },
    }
    analysis = analyze(build(data))
    farming = [p for p in analysis.problems if p.code == SCORE_FARMING]
    assert farming and "empathy" in farming[0].message
    assert analysis.ranges is None


def test_loop_that_scores_nothing_is_allowed_and_unbounded() -> None:
    data = {
        "start": "a",
        "nodes": {
            "a": {
                "text": "A",
                "choices": [pick("ask again", "b"), pick("good", "e", scores={"empathy": 2})],
            },
            "b": {
                "text": "B",
                "choices": [pick("back", "a"), pick("bad", "f", scores={"empathy": -1})],
            },
            "e": end(),
            "f": end("failure"),
        },
    }
    analysis = analyze(build(data))
    assert analysis.errors == ()
    assert analysis.playthroughs is None and analysis.longest is None
    assert analysis.ranges is not None and (analysis.ranges[0].min, analysis.ranges[0].max) == (
        -1,
        2,
    )
    assert analysis.best == (2,)


def test_loop_with_balanced_scores_keeps_exact_range() -> None:
    # +1 then -1 round the loop: no farming, and the potentials keep the range exact.
    data = {
        "start": "a",
        "nodes": {
            "a": {
                "text": "A",
                "choices": [pick("up", "b", scores={"upsell": 1}), pick("stop", "e")],
            },
            "b": {
                "text": "B",
                "choices": [
                    pick("down", "a", scores={"upsell": -1}),
                    pick("stop", "f", scores={"upsell": 2}),
                ],
            },
            "e": end(),
            "f": end("partial"),
        },
    }
    analysis = analyze(build(data))
    assert analysis.errors == ()
    assert analysis.ranges is not None and (analysis.ranges[2].min, analysis.ranges[2].max) == (
        0,
        3,
    )


def test_next_loop_is_reported() -> None:
    data = {
        "start": "a",
        "nodes": {
            "a": {"text": "A", "choices": [pick("x", "b"), pick("y", "e")]},
            "b": {"text": "B", "next": "c"},
            "c": {"text": "C", "next": "b"},
            "e": end(),
        },
    }
    assert NEXT_LOOP in codes(data)


def test_more_than_six_visible_choices_is_an_error() -> None:
    data = {
        "start": "a",
        "nodes": {"a": {"text": "A", "choices": [pick(str(i), "e") for i in range(7)]}, "e": end()},
    }
    assert TOO_MANY_CHOICES in codes(data)


def test_unreachable_nodes_and_endings_are_warnings() -> None:
    data = {
        "start": "a",
        "nodes": {
            "a": {"text": "A", "choices": [pick("x", "e")]},
            "lonely": {"text": "L", "choices": [pick("x", "other")]},
            "e": end(),
            "other": end("failure"),
        },
    }
    analysis = analyze(build(data))
    found = {(p.code, p.node, p.severity) for p in analysis.problems}
    assert (UNREACHABLE_NODE, "lonely", "warning") in found
    assert (UNREACHABLE_ENDING, "other", "warning") in found
    assert analysis.endings["other"] == ("failure", False)


def test_state_budget_makes_the_analysis_approximate_not_slow() -> None:
    data = {
        "start": "a",
        "variables": {"n": 0},
        "nodes": {
            "a": {
                "text": "A",
                "choices": [pick("more", "a", set={"n": "n + 1"}), pick("end", "e")],
            },
            "e": end(),
        },
    }
    analysis = analyze(build(data), max_states=50)
    assert analysis.approximate
    assert analysis.states == 50


# -- brute force ------------------------------------------------------------------


def brute_force(scenario: Any) -> dict[str, Any]:
    """Every complete playthrough along state-simple paths, with the real engine."""
    finals: list[tuple[tuple[int, int, int], list[Any], str]] = []
    farming = False

    def walk(decisions: list[Any], seen: dict[Any, tuple[int, int, int]]) -> None:
        nonlocal farming
        p = play_decisions(scenario, decisions, to_ending=False)
        key = (p.current.id, tuple(p.values.values()))
        if key in seen:
            if seen[key] != p.raw_scores:
                farming = True
            return
        if p.finished:
            finals.append((p.raw_scores, decisions, p.ending.outcome))  # type: ignore[union-attr]
            return
        options: list[Any] = list(range(1, len(p.choices) + 1))
        if p.timer_seconds is not None:
            options.append(TIMER)
        for option in options:
            walk([*decisions, option], {**seen, key: p.raw_scores})

    walk([], {})
    return {"finals": finals, "farming": farming}


@st.composite
def small_scenarios(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(2, 6))
    endings = draw(st.integers(1, 3))
    names = [f"n{i}" for i in range(count)] + [f"e{i}" for i in range(endings)]
    score = st.dictionaries(
        st.sampled_from(["empathy", "anticipation", "upsell"]), st.integers(-3, 3), max_size=2
    )
    nodes: dict[str, Any] = {}
    for i in range(count):
        later = names[i + 1 :] if draw(st.booleans()) else names  # loops allowed sometimes
        choices = []
        for _ in range(draw(st.integers(1, 3))):
            choice: dict[str, Any] = {
                "text": "c",
                "goto": draw(st.sampled_from(later)),
                "scores": draw(score),
            }
            if draw(st.integers(0, 3)) == 0:
                choice["if"] = draw(
                    st.sampled_from(["flag", "not flag", "n > 0", "n == 0 or flag"])
                )
            if draw(st.integers(0, 3)) == 0:
                choice["set"] = draw(
                    st.sampled_from(
                        [{"flag": True}, {"n": 1}, {"n": "n + 0"}, {"flag": "not flag"}]
                    )
                )
            choices.append(choice)
        node: dict[str, Any] = {"text": "t", "choices": choices}
        if draw(st.integers(0, 4)) == 0:
            node["timer"] = {
                "seconds": 5,
                "goto": draw(st.sampled_from(later)),
                "scores": draw(score),
            }
        nodes[names[i]] = node
    for j in range(endings):
        nodes[f"e{j}"] = {
            "ending": {
                "title": "E",
                "outcome": draw(st.sampled_from(["success", "partial", "failure"])),
                "scores": draw(score),
            }
        }
    return {"start": "n0", "variables": {"flag": False, "n": 0}, "nodes": nodes}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_scenarios())
def test_analysis_equals_brute_force(data: dict[str, Any]) -> None:
    scenario = build(data)
    analysis = analyze(scenario)
    truth = brute_force(scenario)
    finals = truth["finals"]
    has_farming = any(p.code == SCORE_FARMING for p in analysis.problems)
    if truth["farming"] or has_farming:
        # A farming loop found by brute force must be reported, unless no ending can
        # be reached from it (then it is a dead end instead).
        if truth["farming"] and not has_farming:
            assert any(p.code == DEAD_END for p in analysis.problems)
        return
    if not finals:
        assert analysis.ranges is None
        return
    assert analysis.ranges is not None
    for c in range(3):
        values = [f[0][c] for f in finals]
        assert (analysis.ranges[c].min, analysis.ranges[c].max) == (min(values), max(values))
    assert analysis.shortest == min(len(f[1]) for f in finals)
    if analysis.playthroughs is not None:
        assert analysis.playthroughs == len(finals)
        assert analysis.longest == max(len(f[1]) for f in finals)
    # The best playthrough is real, and no playthrough has a higher overall.
    assert analysis.best is not None
    best = play_decisions(scenario, list(analysis.best), to_ending=False)
    assert best.finished and best.current.id == analysis.best_ending
    best_overall = overall(percents(best.raw_scores, analysis.ranges))
    top = max((overall(percents(f[0], analysis.ranges)) or 0.0) for f in finals)
    # Equal up to rounding: percents are rounded to one decimal and so is their mean,
    # so two playthroughs with the same exact overall can show 0.1 apart.
    assert (best_overall or 0.0) >= top - 0.1 - 1e-9


@settings(max_examples=100, deadline=None)
@given(small_scenarios(), st.lists(st.integers(0, 5), max_size=8))
def test_undo_restores_the_exact_state_property(data: dict[str, Any], picks: list[int]) -> None:
    playthrough = Playthrough(build(data))
    snapshots = []
    for pick_index in picks:
        if playthrough.finished:
            break
        options: list[Any] = list(range(1, len(playthrough.choices) + 1))
        if playthrough.timer_seconds is not None:
            options.append(TIMER)
        if not options:  # a dead end: nothing to decide
            break
        snapshots.append(
            (
                playthrough.current,
                playthrough.values,
                playthrough.scores,
                playthrough.path,
                playthrough.passage,
            )
        )
        playthrough.decide(options[pick_index % len(options)])
    while snapshots:
        assert playthrough.undo()
        assert (
            playthrough.current,
            playthrough.values,
            playthrough.scores,
            playthrough.path,
            playthrough.passage,
        ) == snapshots.pop()


@settings(max_examples=100, deadline=None)
@given(small_scenarios(), st.lists(st.integers(0, 5), max_size=8))
def test_saved_playthrough_plays_on_identically(data: dict[str, Any], picks: list[int]) -> None:
    scenario = build(data)
    original = Playthrough(scenario)
    for pick_index in picks:
        if original.finished:
            break
        copy = Playthrough.from_dict(scenario, original.to_dict())
        options: list[Any] = list(range(1, len(original.choices) + 1))
        if original.timer_seconds is not None:
            options.append(TIMER)
        if not options:
            break
        decision = options[pick_index % len(options)]
        a, b = original.decide(decision), copy.decide(decision)
        assert a == b
        assert (original.current, original.values, original.scores, original.path) == (
            copy.current,
            copy.values,
            copy.scores,
            copy.path,
        )
