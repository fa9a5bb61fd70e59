"""Scoring: a result's scores come from replaying its decisions, never from what it is told."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from pathlib import Path

import pytest

import game
from game.core.decisions import play_decisions
from game.core.engine import Decision
from game.core.scoring import Range, result_of
from game.store import MemoryResultsStore, RecordOutcome, ResultError, ResultsStore
from game.store.recording import ScenarioChanged, record_playthrough, score
from tests.store.conftest import StoreFactory
from tests.store.factories import (
    BASIS,
    BEST,
    RANGES,
    SCENARIO,
    T0,
    make_submission,
    shelf,
)


def record(store: ResultsStore, decisions: Sequence[Decision], **options: object) -> RecordOutcome:
    arguments: dict[str, object] = {
        "player": "Ann",
        "seconds": 42.5,
        "module": None,
        "played_at": T0,
        "result_id": uuid.uuid4().hex,
    }
    arguments.update(options)
    return record_playthrough(store, SCENARIO, RANGES, decisions, **arguments)  # type: ignore[arg-type]


def test_recorded_scores_are_recomputed_from_the_path(store: ResultsStore) -> None:
    assert RANGES is not None
    outcome = record(store, BEST, module="week-1", session="Monday")
    assert outcome == RecordOutcome(stored=True, queued=False, message=None)
    (stored,) = store.all_results()
    expected = result_of(play_decisions(SCENARIO, list(BEST), to_ending=False), RANGES)
    assert stored.raw == expected.scores
    assert stored.percent == expected.percent
    assert stored.overall == expected.overall
    assert stored.ending == "test_drive" and stored.outcome == "success"
    assert stored.decisions == (2, 2)
    assert stored.path == expected.path
    assert stored.seconds == 42.5
    assert stored.app_version == game.__version__
    assert stored.content_hash == SCENARIO.content_hash
    assert (stored.module, stored.session) == ("week-1", "Monday")


def test_a_timer_decision_is_replayed_too(store: ResultsStore) -> None:
    assert record(store, ["t", 1]).stored
    (stored,) = store.all_results()
    assert stored.decisions == ("t", 1)
    assert stored.ending == "keys_handed" and stored.outcome == "failure"


def test_ranges_that_would_inflate_the_percent_are_refused(store: ResultsStore) -> None:
    # Ranges narrower than the path's scores would claim more than 100 %.
    narrow = (Range(0, 1), Range(0, 1), Range(0, 1))
    outcome = record_playthrough(
        store,
        SCENARIO,
        narrow,
        BEST,
        player="Ann",
        seconds=1.0,
        module=None,
        played_at=T0,
        result_id=uuid.uuid4().hex,
    )
    assert not outcome.stored and not outcome.queued
    assert outcome.message is not None and "between 0 and 100" in outcome.message
    assert list(store.all_results()) == []


@pytest.mark.parametrize(
    ("decisions", "says"),
    [
        ([9], "choice 9, which is not shown"),
        ([2, 2, 1], "1 more was given; remove it"),
        ([2], "has not reached an ending"),
        (["x"], "choice numbers or `t`"),
    ],
)
def test_impossible_or_unfinished_paths_are_refused_with_a_reason(
    store: ResultsStore, decisions: list[int | str], says: str
) -> None:
    outcome = record(store, decisions)
    assert not outcome.stored and not outcome.queued
    assert outcome.message is not None and says in outcome.message
    assert list(store.all_results()) == []


def test_a_scenario_without_ranges_cannot_be_recorded(store: ResultsStore) -> None:
    outcome = record_playthrough(
        store,
        SCENARIO,
        None,
        BEST,
        player="Ann",
        seconds=1.0,
        module=None,
        played_at=T0,
        result_id=uuid.uuid4().hex,
    )
    assert not outcome.stored and outcome.message is not None
    assert "cannot be scored" in outcome.message


@pytest.mark.parametrize(
    ("options", "says"),
    [
        ({"player": "bad\nname"}, "line break"),
        ({"seconds": float("nan")}, "playing time"),
        ({"result_id": "1234"}, "result id"),
    ],
)
def test_bad_fields_are_refused_with_a_message(
    store: ResultsStore, options: dict[str, object], says: str
) -> None:
    outcome = record(store, BEST, **options)
    assert not outcome.stored and not outcome.queued
    assert outcome.message is not None and says in outcome.message


def test_score_refuses_a_scenario_whose_content_changed() -> None:
    changed = dataclasses.replace(BASIS, scenario=dataclasses.replace(SCENARIO, content_hash="v2"))
    with pytest.raises(ScenarioChanged, match="has changed since the result was played"):
        score(make_submission(), changed)


def test_score_refuses_another_scenario() -> None:
    other = dataclasses.replace(BASIS, scenario=dataclasses.replace(SCENARIO, id="other"))
    with pytest.raises(ResultError, match="not 'other'"):
        score(make_submission(), other)


def test_score_takes_the_module_from_the_catalogue_when_the_player_had_none() -> None:
    assert score(make_submission(), BASIS).module == "week-1"
    named = dataclasses.replace(make_submission(), module="chosen")
    assert score(named, BASIS).module == "chosen"


def test_a_result_queued_and_delivered_equals_the_same_result_recorded_now(
    tmp_path: Path, make_store: StoreFactory
) -> None:
    """Both ways into the store run the same `score`: the stored rows are identical."""
    now = MemoryResultsStore()
    submission = make_submission("Ann", BEST)
    assert now.record(score(submission, BASIS)).stored
    path = tmp_path / "results.db"
    path.write_bytes(b"not a database yet" * 100)
    later = make_store(f"sqlite:///{path}", scenarios=shelf(), attempts=1)
    assert later.record(score(submission, BASIS)).queued
    path.unlink()
    assert later.flush_outbox() == 1
    assert list(later.all_results()) == list(now.all_results())
