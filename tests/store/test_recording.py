"""record_playthrough scores from the scenario and the path, never from what it is told."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path

import pytest

import game
from game.core.analysis import analyze
from game.core.engine import Decision, replay
from game.core.scoring import Range, result_of
from game.store import RecordOutcome, SQLAlchemyResultsStore
from game.store.recording import record_playthrough
from tests.core.builders import LOANER, build
from tests.store.conftest import StoreFactory
from tests.store.factories import T0

SCENARIO = build(LOANER)
RANGES = analyze(SCENARIO).ranges
BEST = [2, 2]  # ask which car, then the lease question


@pytest.fixture
def sqlite_store(tmp_path: Path, make_store: StoreFactory) -> SQLAlchemyResultsStore:
    return make_store(f"sqlite:///{tmp_path / 'results.db'}")


def record(
    store: SQLAlchemyResultsStore, decisions: Sequence[Decision], **options: object
) -> RecordOutcome:
    arguments: dict[str, object] = {
        "player": "Ann",
        "seconds": 42.5,
        "module": None,
        "played_at": T0,
        "result_id": uuid.uuid4().hex,
    }
    arguments.update(options)
    return record_playthrough(store, SCENARIO, RANGES, decisions, **arguments)  # type: ignore[arg-type]


def test_recorded_scores_are_recomputed_from_the_path(sqlite_store: SQLAlchemyResultsStore) -> None:
    assert RANGES is not None
    outcome = record(sqlite_store, BEST, module="week-1", session="Monday")
    assert outcome == RecordOutcome(stored=True, queued=False, message=None)
    (stored,) = sqlite_store.all_results()
    expected = result_of(replay(SCENARIO, BEST), RANGES)
    assert stored.raw == expected.scores
    assert stored.percent == expected.percent
    assert stored.overall == expected.overall
    assert stored.ending == "test_drive" and stored.outcome == "success"
    assert stored.decisions == (2, 2)
    assert stored.path == expected.path
    assert stored.seconds == 42.5
    assert stored.app_version == game.__version__
    assert (stored.module, stored.session) == ("week-1", "Monday")


def test_a_timer_decision_is_replayed_too(sqlite_store: SQLAlchemyResultsStore) -> None:
    assert record(sqlite_store, ["t", 1]).stored
    (stored,) = sqlite_store.all_results()
    assert stored.decisions == ("t", 1)
    assert stored.ending == "keys_handed" and stored.outcome == "failure"


def test_ranges_that_would_inflate_the_percent_are_refused(
    sqlite_store: SQLAlchemyResultsStore,
) -> None:
    # Ranges narrower than the path's scores would claim more than 100 %.
    narrow = (Range(0, 1), Range(0, 1), Range(0, 1))
    outcome = record_playthrough(
        sqlite_store,
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
    assert list(sqlite_store.all_results()) == []


@pytest.mark.parametrize(
    ("decisions", "says"),
    [
        ([9], "choice 9 is not shown"),
        ([2, 2, 1], "more were given"),
        ([2], "has not reached an ending"),
        (["x"], "neither a choice number"),
    ],
)
def test_impossible_or_unfinished_paths_are_refused_with_a_reason(
    sqlite_store: SQLAlchemyResultsStore, decisions: list[int | str], says: str
) -> None:
    outcome = record(sqlite_store, decisions)
    assert not outcome.stored and not outcome.queued
    assert outcome.message is not None and says in outcome.message
    assert list(sqlite_store.all_results()) == []


def test_a_scenario_without_ranges_cannot_be_recorded(sqlite_store: SQLAlchemyResultsStore) -> None:
    outcome = record_playthrough(
        sqlite_store,
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
    sqlite_store: SQLAlchemyResultsStore, options: dict[str, object], says: str
) -> None:
    outcome = record(sqlite_store, BEST, **options)
    assert not outcome.stored and not outcome.queued
    assert outcome.message is not None and says in outcome.message
