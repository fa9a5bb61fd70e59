"""The engine: choices, conditions, sets, timers, `next`, endings, undo and saves.

Every play test runs twice: straight, and with a save and reload after every
decision (the save must carry the whole state).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from game.core.decisions import play_decisions
from game.core.engine import TIMER, PlayError, Playthrough, SaveError, ScenarioChangedError
from game.core.model import Scenario
from tests.core.builders import LOANER, build, end, pick

Decide = Callable[[Playthrough, object], Playthrough]


def straight(playthrough: Playthrough, decision: object) -> Playthrough:
    playthrough.decide(decision)  # type: ignore[arg-type]
    return playthrough


def through_save(playthrough: Playthrough, decision: object) -> Playthrough:
    playthrough.decide(decision)  # type: ignore[arg-type]
    saved = json.loads(json.dumps(playthrough.to_dict()))
    return Playthrough.from_dict(playthrough.scenario, saved)


@pytest.fixture(params=[straight, through_save], ids=["straight", "save-and-reload"])
def decide(request: pytest.FixtureRequest) -> Decide:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def loaner() -> Scenario:
    return build(LOANER)


def test_start_shows_visible_choices_in_file_order(loaner: Scenario) -> None:
    playthrough = Playthrough(loaner)
    assert playthrough.current.id == "arrive"
    assert [c.text for c in playthrough.choices] == [
        "They're all the same.",
        "Which car would you like?",
    ]
    assert playthrough.timer_seconds == 20
    assert not playthrough.finished


def test_choice_applies_set_scores_and_goto(loaner: Scenario, decide: Decide) -> None:
    playthrough = decide(Playthrough(loaner), 2)
    assert playthrough.current.id == "picks_model"
    assert playthrough.values == {"asked_model": True, "patience": 4}
    assert playthrough.scores == {"empathy": 2, "anticipation": 1, "upsell": 0}


def test_condition_unlocks_a_later_choice(loaner: Scenario, decide: Decide) -> None:
    playthrough = decide(Playthrough(loaner), 2)
    assert len(playthrough.choices) == 2  # asked_model and patience >= 4
    playthrough = decide(playthrough, 2)
    assert playthrough.finished
    assert playthrough.ending is not None and playthrough.ending.outcome == "success"
    assert playthrough.scores == {"empathy": 3, "anticipation": 3, "upsell": 3}


def test_timer_runs_out_through_a_next_chain(loaner: Scenario, decide: Decide) -> None:
    playthrough = decide(Playthrough(loaner), TIMER)
    assert playthrough.passage == ("customer_waits", "arrive_again")
    assert playthrough.current.id == "arrive_again"
    assert playthrough.scores["empathy"] == -1
    assert playthrough.path == ["arrive", "customer_waits", "arrive_again"]
    assert playthrough.timer_seconds is None


def test_ending_adds_its_scores(loaner: Scenario, decide: Decide) -> None:
    playthrough = decide(Playthrough(loaner), 1)
    assert playthrough.finished
    assert playthrough.scores == {"empathy": -2, "anticipation": 0, "upsell": -3}
    assert playthrough.decisions == [1]


def test_choice_not_shown_is_refused_with_what_can_be_chosen(loaner: Scenario) -> None:
    playthrough = Playthrough(loaner)
    with pytest.raises(PlayError, match=r"choice 3 is not shown at node `arrive`; choose 1 to 2"):
        playthrough.choose(3)
    playthrough.choose(2)
    with pytest.raises(PlayError, match="has no timer"):
        playthrough.let_timer_expire()


def test_nothing_can_be_chosen_after_the_ending(loaner: Scenario) -> None:
    playthrough = play_decisions(loaner, [1], to_ending=False)
    with pytest.raises(PlayError, match="already ended"):
        playthrough.choose(1)
    with pytest.raises(
        PlayError, match="ended at `keys_handed` after 1 decision, but 1 more was given"
    ):
        play_decisions(loaner, [1, 1], to_ending=False)


def test_undo_restores_the_exact_state(loaner: Scenario) -> None:
    playthrough = Playthrough(loaner)
    before = (playthrough.current, playthrough.values, playthrough.scores, playthrough.path)
    playthrough.let_timer_expire()
    playthrough.choose(2)
    assert playthrough.undo()
    assert playthrough.current.id == "arrive_again"
    assert playthrough.undo()
    assert (playthrough.current, playthrough.values, playthrough.scores, playthrough.path) == before
    assert playthrough.passage == ("arrive",)
    assert not playthrough.undo()


def test_node_set_runs_on_entry_and_sets_run_in_order() -> None:
    scenario = build(
        {
            "start": "a",
            "variables": {"n": 0, "flag": False},
            "nodes": {
                "a": {
                    "text": "A",
                    "set": {"n": 5},
                    "choices": [pick("go", "b", set={"n": "n + 1", "flag": "n == 6"})],
                },
                "b": {"text": "B", "set": {"n": "n * 1" if False else "n + 10"}, "next": "c"},
                "c": {"text": "C", "choices": [pick("x", "e", **{"if": "flag and n == 16"})]},
                "e": end(),
            },
        }
    )
    playthrough = Playthrough(scenario)
    assert playthrough.values == {"n": 5, "flag": False}
    playthrough.choose(1)
    assert playthrough.values == {"n": 16, "flag": True}
    assert len(playthrough.choices) == 1


def test_save_is_versioned_json_with_a_content_hash(loaner: Scenario) -> None:
    playthrough = play_decisions(loaner, [TIMER], to_ending=False)
    playthrough.add_time(12.5)
    data = playthrough.to_dict()
    assert data["save_version"] == 1 and data["min_compatible_version"] == 1
    assert data["content_hash"] == loaner.content_hash
    assert data["decisions"] == ["t"]
    restored = Playthrough.from_dict(loaner, json.loads(json.dumps(data)))
    assert restored.elapsed_s == 12.5
    assert restored.current.id == "arrive_again"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"save_version": 2}, "newer Rapport"),
        ({"save_version": 0}, "too old"),
        ({"format": "pickle"}, "not a Rapport save"),
        ({"scenario": "other"}, "for scenario `other`"),
        ({"decisions": [9]}, "do not fit"),
        ({"decisions": "1,2"}, "damaged"),
        ({"decisions": [True]}, "damaged"),
        ({"elapsed_s": -1}, "playing time"),
        ({"save_version": "1"}, "no version"),
    ],
)
def test_damaged_or_foreign_save_is_refused(
    loaner: Scenario, change: dict[str, Any], message: str
) -> None:
    data = {**Playthrough(loaner).to_dict(), **change}
    with pytest.raises(SaveError, match=message):
        Playthrough.from_dict(loaner, data)


def test_save_for_an_edited_scenario_is_refused_as_changed(loaner: Scenario) -> None:
    data = play_decisions(loaner, [2], to_ending=False).to_dict()
    edited = build({**LOANER, "hash": "h2"})
    with pytest.raises(ScenarioChangedError, match="has changed"):
        Playthrough.from_dict(edited, data)


def test_save_that_is_not_a_mapping_is_refused(loaner: Scenario) -> None:
    data: object
    for data in (None, [], "x", b"\x80\x04pickle"):
        with pytest.raises(SaveError):
            Playthrough.from_dict(loaner, data)


def test_visible_choices_are_worked_out_once_per_node(loaner: Scenario) -> None:
    playthrough = Playthrough(loaner)
    shown = playthrough.choices
    assert playthrough.choices is shown  # asked again: the same tuple, not a new list
    playthrough.choose(2)
    assert playthrough.choices is not shown
    assert [c.text for c in playthrough.choices] == [
        "Enjoy the drive.",
        "Shall I ask sales to call about your lease?",
    ]
    playthrough.undo()
    assert [c.text for c in playthrough.choices] == [c.text for c in shown]


def test_a_hidden_choice_keeps_its_file_position_in_the_step() -> None:
    scenario = build(
        {
            "start": "a",
            "variables": {"ok": False},
            "nodes": {
                "a": {
                    "text": "A",
                    "choices": [
                        pick("hidden", "e", **{"if": "ok"}),
                        pick("first shown", "e"),
                        pick("second shown", "e"),
                    ],
                },
                "e": end(),
            },
        }
    )
    step = Playthrough(scenario).choose(2)
    assert (step.decision, step.index, step.text) == (2, 2, "second shown")


def test_steps_cannot_be_changed(loaner: Scenario) -> None:
    step = Playthrough(loaner).choose(2)
    with pytest.raises(AttributeError):
        step.text = "something else"  # type: ignore[misc]


@pytest.mark.parametrize("number", [True, False, "2", 2.0])
def test_a_choice_number_must_be_a_whole_number(loaner: Scenario, number: object) -> None:
    with pytest.raises(PlayError, match=r"is not shown at node `arrive`; choose 1 to 2"):
        Playthrough(loaner).choose(number)  # type: ignore[arg-type]
