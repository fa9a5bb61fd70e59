"""Statements are built from the core's result: one per decision, the ending, the pass; valid."""

from __future__ import annotations

import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from game.core.decisions import play_decisions
from game.core.engine import TIMER, Decision, Playthrough
from game.core.model import COMPETENCIES, Module, Scenario
from game.core.scoring import Result, result_of
from game.loader import load_scenario_text
from game.lrs import vocabulary as iri
from game.lrs.identity import IdentityPolicy
from game.lrs.statements import (
    TIMER_CHOICE,
    StatementError,
    StatementOptions,
    choice_ids,
    duration,
    module_statements,
    playthrough_statements,
    timestamp,
)
from game.lrs.validation import problems
from tests.lrs import support

COUNTER = (Path(__file__).with_name("counter.yaml")).read_text(encoding="utf-8")
OPTIONS = StatementOptions()
MODULE = Module("front-desk", "Front desk", ("counter", "other"), "Greet well.", 60.0)


def counter(text: str = COUNTER) -> Scenario:
    report = load_scenario_text(text, "counter.yaml")
    assert report.scenario is not None
    return report.scenario


def counter_result(decisions: list[Decision], seconds: float = 12.5) -> tuple[Scenario, Result]:
    report = load_scenario_text(COUNTER, "counter.yaml")
    assert report.scenario is not None and report.analysis is not None
    assert report.analysis.ranges is not None
    playthrough = play_decisions(report.scenario, decisions, to_ending=False)
    playthrough.add_time(seconds)
    return report.scenario, result_of(playthrough, report.analysis.ranges)


def test_every_playthrough_of_every_shipped_scenario_gives_valid_statements() -> None:
    count = 0
    for scenario, result in support.every_playthrough():
        module = support.module_of(scenario.id)
        for options in (
            OPTIONS,
            StatementOptions(IdentityPolicy("pseudonym", pseudonym_key="k" * 32), "en-GB"),
        ):
            made = playthrough_statements(
                scenario, result, support.attempt(module, session="Tuesday team"), options
            )
            for statement in made:
                assert problems(statement) == [], (scenario.id, statement["verb"]["id"])
            count += len(made)
    assert count > 100


def test_one_answered_statement_per_decision_then_completed_then_the_verdict() -> None:
    scenario, result = counter_result([3, 1])
    made = playthrough_statements(scenario, result, support.attempt(MODULE), OPTIONS)
    verbs = [s["verb"]["id"] for s in made]
    assert verbs == [iri.ANSWERED, iri.ANSWERED, iri.COMPLETED, iri.PASSED]
    greet, helped = made[0], made[1]
    assert greet["object"]["id"] == iri.node_activity_id("counter", "greet")
    assert greet["result"]["response"] == "help~2"  # the second choice that leads to `help`
    assert helped["result"]["response"] == "good"
    deltas = [[s["result"]["extensions"][iri.DELTA[c]] for c in COMPETENCIES] for s in made[:2]]
    assert deltas == [[1, 1, 0], [0, 2, 1]]


def test_the_deltas_and_the_ending_add_up_to_the_raw_scores() -> None:
    for scenario, result in support.every_playthrough():
        made = playthrough_statements(scenario, result, support.attempt(), OPTIONS)
        answered = [s for s in made if s["verb"]["id"] == iri.ANSWERED]
        assert len(answered) == len(result.decisions)
        ending = scenario.nodes[result.ending].ending
        assert ending is not None
        for index, competency in enumerate(COMPETENCIES):
            total = sum(s["result"]["extensions"][iri.DELTA[competency]] for s in answered)
            assert total + ending.scores[index] == result.scores[index]


def test_a_timer_that_runs_out_is_answered_with_the_timer_component() -> None:
    scenario, result = counter_result([TIMER])
    made = playthrough_statements(scenario, result, support.attempt(), OPTIONS)
    definition = made[0]["object"]["definition"]
    assert made[0]["result"]["response"] == TIMER_CHOICE
    assert [c["id"] for c in definition["choices"]] == ["help", "silent", "help~2", TIMER_CHOICE]
    assert made[0]["result"]["extensions"][iri.DELTA["empathy"]] == -1
    assert definition["interactionType"] == "choice"
    assert definition["type"] == iri.INTERACTION
    assert definition["description"] == {"en": "Sam: Hello there."}


def test_choice_ids_survive_edits_of_the_wording_and_reordering() -> None:
    before = counter()
    reworded = counter(COUNTER.replace("What do you want?", "Yes? What is it you need today?"))
    greet = before.nodes["greet"]
    assert choice_ids(reworded.nodes["greet"]) == choice_ids(greet)
    moved = replace(greet, choices=(greet.choices[1], greet.choices[0], greet.choices[2]))
    by_text = dict(zip((c.text for c in moved.choices), choice_ids(moved), strict=True))
    assert by_text == dict(zip((c.text for c in greet.choices), choice_ids(greet), strict=True))


def test_completed_carries_the_overall_as_a_scaled_score_and_each_competency() -> None:
    scenario, result = counter_result([1, 1], seconds=83.257)
    completed = playthrough_statements(scenario, result, support.attempt(), OPTIONS)[-1]
    assert completed["verb"]["id"] == iri.COMPLETED
    assert result.overall is not None
    score = completed["result"]["score"]
    assert score == {"scaled": result.overall / 100, "raw": result.overall, "min": 0, "max": 100}
    assert completed["result"]["completion"] is True
    assert completed["result"]["duration"] == "PT83.26S"
    extensions = completed["result"]["extensions"]
    assert extensions[iri.OUTCOME] == "success"
    assert extensions[iri.ENDING] == "good"
    for competency, shown, raw, span in zip(
        COMPETENCIES, result.percent, result.scores, result.ranges, strict=True
    ):
        assert extensions[iri.PERCENT[competency]] == shown
        assert extensions[iri.RAW[competency]] == {"raw": raw, "min": span.min, "max": span.max}


def test_scaled_scores_are_exact_tenths_of_a_percent() -> None:
    for scenario, result in support.every_playthrough():
        completed = playthrough_statements(scenario, result, support.attempt(), OPTIONS)[-1]
        if result.overall is not None:
            scaled = completed["result"]["score"]["scaled"]
            assert 0 <= scaled <= 1
            assert f"{scaled * 100:.1f}" == f"{result.overall:.1f}"
            assert len(repr(scaled)) <= len(repr(result.overall)) + 3  # no 0.7329999999


def test_a_scenario_in_a_module_is_passed_or_failed_by_the_pass_mark() -> None:
    scenario, best = counter_result([1, 1])
    _, worst = counter_result([2])
    assert best.overall is not None and best.overall >= 60
    assert worst.overall is not None and worst.overall < 60
    high = playthrough_statements(scenario, best, support.attempt(MODULE), OPTIONS)[-1]
    low = playthrough_statements(scenario, worst, support.attempt(MODULE), OPTIONS)[-1]
    assert (high["verb"]["id"], high["result"]["success"]) == (iri.PASSED, True)
    assert (low["verb"]["id"], low["result"]["success"]) == (iri.FAILED, False)
    assert high["result"]["extensions"][iri.PASS_PERCENT] == 60.0
    strict = replace(MODULE, pass_percent=100.0)
    graded = playthrough_statements(scenario, best, support.attempt(strict), OPTIONS)[-1]
    assert graded["verb"]["id"] == iri.FAILED


def test_without_a_module_there_is_no_verdict_and_no_grouping() -> None:
    scenario, result = counter_result([1, 1])
    made = playthrough_statements(scenario, result, support.attempt(), OPTIONS)
    assert [s["verb"]["id"] for s in made][-1] == iri.COMPLETED
    assert all("grouping" not in s["context"].get("contextActivities", {}) for s in made)


def test_the_context_names_the_playthrough_module_version_and_session() -> None:
    scenario, result = counter_result([1, 2])
    tried = support.attempt(MODULE, session="Monday briefing")
    made = playthrough_statements(scenario, result, tried, OPTIONS)
    for statement in made:
        context = statement["context"]
        assert context["registration"] == str(uuid.UUID(tried.result_id))
        assert context["revision"] == scenario.content_hash
        assert context["contextActivities"]["grouping"][0]["id"] == iri.module_activity_id(
            "front-desk"
        )
        assert context["extensions"] == {iri.APP_VERSION: "0.1.0", iri.SESSION: "Monday briefing"}
        assert statement["timestamp"] == "2025-03-14T09:26:53.589Z"
    assert made[0]["context"]["contextActivities"]["parent"][0]["id"] == (
        iri.scenario_activity_id("counter")
    )
    alone = playthrough_statements(scenario, result, support.attempt(), OPTIONS)
    assert iri.SESSION not in alone[0]["context"]["extensions"]


def test_the_same_result_always_gives_the_same_statements_and_ids() -> None:
    scenario, result = counter_result([3, 2])
    tried = support.attempt(MODULE)
    once = playthrough_statements(scenario, result, tried, OPTIONS)
    again = playthrough_statements(scenario, result, tried, OPTIONS)
    assert once == again
    ids = [s["id"] for s in once]
    assert len(set(ids)) == len(ids)
    assert all(uuid.UUID(i).version == 5 for i in ids)
    other = playthrough_statements(scenario, result, support.attempt(MODULE), OPTIONS)
    assert not set(ids) & {s["id"] for s in other}


def test_a_result_of_another_version_of_the_scenario_is_refused() -> None:
    _, result = counter_result([1, 1])
    edited = counter(COUNTER.replace("I need a gift.", "I need a present."))
    with pytest.raises(StatementError, match="has changed"):
        playthrough_statements(edited, result, support.attempt(), OPTIONS)


def test_a_result_whose_decisions_do_not_replay_to_its_path_is_refused() -> None:
    scenario, result = counter_result([1, 1])
    forged = replace(result, path=("greet", "help", "meh"))
    with pytest.raises(StatementError, match="do not lead"):
        playthrough_statements(scenario, forged, support.attempt(), OPTIONS)
    impossible = replace(result, decisions=(5,))
    with pytest.raises(StatementError, match="do not fit"):
        playthrough_statements(scenario, impossible, support.attempt(), OPTIONS)


def module_of_counter(best_before: dict[str, float | None], decisions: list[Decision]) -> Any:
    _, result = counter_result(decisions)
    return module_statements(MODULE, best_before, result, support.attempt(MODULE), OPTIONS)


def test_the_module_verdict_waits_until_every_scenario_is_played() -> None:
    assert module_of_counter({}, [1, 1]) == []  # `other` not played yet
    made = module_of_counter({"other": 90.0}, [1, 1])
    assert len(made) == 1
    statement = made[0]
    assert statement["verb"]["id"] == iri.PASSED
    assert statement["object"]["id"] == iri.module_activity_id("front-desk")
    assert statement["object"]["definition"]["type"] == iri.MODULE_TYPE
    assert statement["result"]["success"] is True
    assert problems(statement) == []


def test_the_module_fails_while_one_best_is_under_the_pass_mark() -> None:
    made = module_of_counter({"other": 40.0}, [1, 1])
    assert made[0]["verb"]["id"] == iri.FAILED
    assert made[0]["result"]["extensions"][iri.SCENARIO_BEST]["other"] == 40.0


def test_a_result_that_does_not_beat_the_best_changes_nothing_in_the_module() -> None:
    _, best = counter_result([1, 1])
    assert module_of_counter({"other": 90.0, "counter": best.overall}, [2]) == []


def test_timestamps_are_utc_with_milliseconds_and_durations_hundredths() -> None:
    assert timestamp(support.PLAYED_AT) == "2025-03-14T09:26:53.589Z"
    with pytest.raises(StatementError):
        timestamp(support.PLAYED_AT.replace(tzinfo=None))
    assert duration(0) == "PT0.00S"
    assert duration(3600.005) == "PT3600.01S"


def test_statements_are_built_from_the_replayed_decisions_not_the_result_text() -> None:
    scenario, result = counter_result([1, 1])
    doctored = replace(result, choices=({"node": "greet", "number": 1, "text": "Forged"},))
    made = playthrough_statements(scenario, doctored, support.attempt(), OPTIONS)
    assert "Forged" not in str(made)
    assert Playthrough(scenario).choices[0].text in str(made)
