"""The store contract, run against SQLite, PostgreSQL and memory: records, boards, sessions."""

from __future__ import annotations

import dataclasses
import math
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core.model import Module
from game.store import (
    MemoryResultsStore,
    ResultError,
    ResultsStore,
    SQLAlchemyResultsStore,
    StoreError,
)
from game.store.records import ResultRecord, format_time, validate_record
from tests.store.conftest import StoreFactory
from tests.store.factories import (
    T0,
    brute_force_board,
    brute_force_module_board,
    make_record,
    row_key,
)


def count(store: ResultsStore) -> int:
    """How many results the store holds."""
    return len(list(store.all_results()))


def board_keys(store: ResultsStore, **options: object) -> list[tuple[str, str, float, str]]:
    return [
        (row.player, row.scenario, row.seconds, row.played_at)
        for row in store.leaderboard(**options)  # type: ignore[arg-type]
    ]


# -- recording ---------------------------------------------------------------------
def test_recorded_result_reads_back_unchanged(store: ResultsStore) -> None:
    record = make_record(percent=(84.6, 75.0, None), overall=79.8, module="week-1", session="Mon")
    outcome = store.record(record)
    assert (outcome.stored, outcome.queued, outcome.message) == (True, False, None)
    assert list(store.all_results()) == [validate_record(record)]


def test_retried_write_with_the_same_id_counts_once(store: ResultsStore) -> None:
    record = make_record(overall=70.0)
    assert store.record(record).stored
    again = store.record(record)
    assert again.stored and not again.queued
    assert count(store) == 1
    assert [row.player for row in store.leaderboard()] == ["Ann"]


def test_a_better_result_replaces_the_players_best_and_a_worse_one_does_not(
    store: ResultsStore,
) -> None:
    store.record(make_record("Ann", overall=60.0, minute=1))
    store.record(make_record("Ann", overall=80.0, minute=2))
    store.record(make_record("Ann", overall=70.0, minute=3))
    rows = store.leaderboard(scenario="loaner")
    assert [(r.player, r.overall) for r in rows] == [("Ann", 80.0)]
    assert count(store) == 3


def test_best_overalls_are_one_players_best_per_scenario(store: SQLAlchemyResultsStore) -> None:
    store.record(make_record("Ann", "loaner", overall=60.0, minute=1))
    store.record(make_record("Ann", "loaner", overall=82.5, minute=2))
    store.record(make_record("Ann", "umbrella", overall=40.0, minute=3))
    store.record(make_record("Ann", "unscored", overall=None, percent=(None, None, None)))
    store.record(make_record("Bo", "loaner", overall=99.0, minute=4))
    assert store.best_overalls("Ann") == {"loaner": 82.5, "umbrella": 40.0}
    assert store.best_overalls("Nobody") == {}


def test_boards_rank_by_the_cores_ranking_rule(store: SQLAlchemyResultsStore) -> None:
    from game.core.standings import rank_key

    plays = [("Ann", 70.0, 90.0), ("Bo", 85.5, 300.0), ("Cy", 70.0, 45.0), ("Dee", 12.0, 5.0)]
    for minute, (player, overall, seconds) in enumerate(plays):
        store.record(make_record(player, overall=overall, seconds=seconds, minute=minute))
    expected = sorted(plays, key=lambda p: rank_key(p[1], p[2], p[0]))
    assert [r.player for r in store.leaderboard(scenario="loaner")] == [p[0] for p in expected]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("overall", math.nan),
        ("overall", math.inf),
        ("overall", -math.inf),
        ("overall", 1e300),
        ("overall", 100.1),
        ("overall", -0.5),
        ("overall", 33.33),
        ("percent", (0.1 + 0.2, 1.0, 1.0)),
        ("percent", (math.nan, 1.0, 1.0)),
        ("percent", (1.0, math.inf, 1.0)),
        ("raw", (10**12, 0, 0)),
        ("raw", (1.5, 0, 0)),
        ("raw", (True, 0, 0)),
        ("raw", (math.nan, 0, 0)),
        ("seconds", math.nan),
        ("seconds", math.inf),
        ("seconds", -1.0),
        ("decisions", (0,)),
        ("decisions", ("2",)),
        ("outcome", "victory"),
        ("id", "not-a-hex-id"),
        ("played_at", datetime(2024, 5, 1, 9, 0)),
        ("untimed", 1),
        ("untimed", None),
    ],
)
def test_invalid_scores_and_fields_never_reach_the_database(
    store: ResultsStore, field: str, value: object
) -> None:
    fields = {name: getattr(make_record(), name) for name in ResultRecord.__dataclass_fields__}
    fields[field] = value
    with pytest.raises(ResultError):
        store.record(ResultRecord(**fields))
    assert count(store) == 0
    assert store.pending() == 0


# -- player names --------------------------------------------------------------------
def test_sql_in_a_player_name_is_stored_and_shown_literally(store: ResultsStore) -> None:
    name = "Robert'); DROP TABLE results;--"
    assert store.record(make_record(name, overall=90.0)).stored
    store.record(make_record("Ann", overall=50.0))
    assert [row.player for row in store.leaderboard()] == [name, "Ann"]
    assert count(store) == 2


def test_composed_and_decomposed_accents_are_one_player(store: ResultsStore) -> None:
    composed, decomposed = "Ren\u00e9e", "Rene\u0301e"
    store.record(make_record(composed, overall=40.0, minute=1))
    store.record(make_record(decomposed, overall=90.0, minute=2))
    rows = store.leaderboard()
    assert [(row.player, row.overall) for row in rows] == [(composed, 90.0)]
    assert all(r.player == unicodedata.normalize("NFC", r.player) for r in store.all_results())


@pytest.mark.parametrize(
    "name", ["Zoë 🎉", "👩\u200d👩\u200d👧", "שלום עליכם", "مريم", "李小龍", "a\u0301\u0302"]
)
def test_emoji_right_to_left_and_combining_names_round_trip(store: ResultsStore, name: str) -> None:
    assert store.record(make_record(name)).stored
    assert [row.player for row in store.leaderboard()] == [unicodedata.normalize("NFC", name)]


@pytest.mark.parametrize(
    "name", ["", "   ", "a\x00b", "line\nbreak", "\u202eevil", "\u200b\u200b", "x" * 100_000]
)
def test_refused_player_names_are_never_stored(store: ResultsStore, name: str) -> None:
    with pytest.raises(ResultError):
        store.record(make_record(name))
    assert count(store) == 0


# -- boards ------------------------------------------------------------------------
def test_board_ranks_by_overall_and_breaks_ties_by_fewer_seconds_then_earlier(
    store: ResultsStore,
) -> None:
    store.record(make_record("Slow", overall=80.0, seconds=90, minute=1))
    store.record(make_record("Late", overall=80.0, seconds=60, minute=5))
    store.record(make_record("Early", overall=80.0, seconds=60, minute=2))
    store.record(make_record("Best", overall=95.5, seconds=300, minute=3))
    store.record(make_record("Low", overall=10.0, seconds=1, minute=4))
    rows = store.leaderboard(scenario="loaner")
    assert [r.player for r in rows] == ["Best", "Early", "Late", "Slow", "Low"]
    assert [r.rank for r in rows] == [1, 2, 3, 4, 5]
    assert rows[1].played_at == format_time(T0 + timedelta(minutes=2))


def test_board_row_carries_every_competency_percent(store: ResultsStore) -> None:
    store.record(make_record(percent=(84.6, 75.0, None), overall=79.8, seconds=12.3456))
    (row,) = store.leaderboard(scenario="loaner")
    assert row.to_dict() == {
        "rank": 1,
        "player": "Ann",
        "scenario": "loaner",
        "overall": 79.8,
        "empathy": 84.6,
        "anticipation": 75.0,
        "upsell": None,
        "seconds": 12.346,
        "played_at": "2024-05-01T09:00:00.000000Z",
        "untimed": False,
    }


def test_competency_board_ranks_by_that_percent(store: ResultsStore) -> None:
    store.record(make_record("Kind", percent=(100.0, 0.0, 0.0), overall=33.3))
    store.record(make_record("Seller", percent=(0.0, 10.0, 100.0), overall=36.7))
    store.record(make_record("Planner", percent=(20.0, 90.0, 10.0), overall=40.0))
    assert [r.player for r in store.leaderboard(competency="empathy")] == [
        "Kind",
        "Planner",
        "Seller",
    ]
    assert store.leaderboard(competency="anticipation")[0].player == "Planner"
    assert store.leaderboard(competency="upsell")[0].player == "Seller"
    assert store.leaderboard()[0].player == "Planner"


def test_competency_board_leaves_out_results_where_it_is_not_assessed(
    store: ResultsStore,
) -> None:
    store.record(make_record("Ann", percent=(50.0, 50.0, None), overall=50.0))
    assert store.leaderboard(competency="upsell") == []
    assert len(store.leaderboard(competency="empathy")) == 1


def test_scenario_board_counts_only_that_scenario_and_the_open_board_counts_all(
    store: ResultsStore,
) -> None:
    store.record(make_record("Ann", "loaner", overall=60.0))
    store.record(make_record("Ann", "candles", overall=90.0))
    store.record(make_record("Bob", "candles", overall=70.0))
    assert [(r.player, r.overall) for r in store.leaderboard(scenario="loaner")] == [("Ann", 60.0)]
    assert [(r.player, r.scenario, r.overall) for r in store.leaderboard()] == [
        ("Ann", "candles", 90.0),
        ("Bob", "candles", 70.0),
    ]
    assert store.leaderboard(scenario="nobody-played-this") == []


def test_board_limit_cuts_the_list(store: ResultsStore) -> None:
    for n in range(15):
        store.record(make_record(f"P{n:02d}", overall=float(n)))
    rows = store.leaderboard(limit=3)
    assert [r.player for r in rows] == ["P14", "P13", "P12"]
    assert len(store.leaderboard()) == 10


def test_board_arguments_are_checked(store: ResultsStore) -> None:
    module = Module("m", "M", ("loaner",))
    with pytest.raises(StoreError, match="not both"):
        store.leaderboard(scenario="loaner", module=module)
    with pytest.raises(StoreError, match="unknown competency"):
        store.leaderboard(competency="charm")
    with pytest.raises(StoreError, match="between 1 and"):
        store.leaderboard(limit=0)


def test_module_board_ranks_the_mean_of_bests_among_players_who_played_all(
    store: ResultsStore,
) -> None:
    module = Module("week-1", "Week 1", ("a", "b"))
    store.record(make_record("Ann", "a", overall=80.0, seconds=10))
    store.record(make_record("Ann", "a", overall=60.0, seconds=10))  # not her best
    store.record(make_record("Ann", "b", overall=70.0, seconds=20))
    store.record(make_record("Bob", "a", overall=100.0, seconds=5))  # never played b
    store.record(make_record("Cy", "a", overall=90.0, seconds=40))
    store.record(make_record("Cy", "b", overall=50.0, seconds=40))
    store.record(make_record("Dee", "b", overall=85.0, seconds=1, minute=9))
    store.record(make_record("Dee", "a", overall=65.0, seconds=1, minute=8))
    store.record(make_record("Eve", "other", overall=100.0))
    rows = store.leaderboard(module=module)
    # Ann and Dee tie on 75.0; Dee took fewer seconds in total.
    assert [(r.player, r.overall, r.seconds) for r in rows] == [
        ("Dee", 75.0, 2.0),
        ("Ann", 75.0, 30.0),
        ("Cy", 70.0, 80.0),
    ]
    assert {r.scenario for r in rows} == {"week-1"}
    assert rows[0].played_at == format_time(T0 + timedelta(minutes=9))


def test_module_board_limit_keeps_the_leaders(store: ResultsStore) -> None:
    module = Module("week-1", "Week 1", ("a", "b"))
    for n in range(12):
        store.record(make_record(f"P{n:02d}", "a", overall=float(n * 5), seconds=10))
        store.record(make_record(f"P{n:02d}", "b", overall=50.0, seconds=float(20 - n % 2)))
    rows = store.leaderboard(module=module, limit=3)
    assert [(r.rank, r.player, r.overall) for r in rows] == [
        (1, "P11", 52.5),
        (2, "P10", 50.0),
        (3, "P09", 47.5),
    ]
    assert len(store.leaderboard(module=module)) == 10


def test_module_board_by_competency_ranks_mean_competency(store: ResultsStore) -> None:
    module = Module("week-1", "Week 1", ("a", "b"))
    store.record(make_record("Ann", "a", percent=(10.0, 90.0, 0.0), overall=33.3))
    store.record(make_record("Ann", "b", percent=(30.0, 90.0, 0.0), overall=40.0))
    store.record(make_record("Bob", "a", percent=(60.0, 0.0, 0.0), overall=20.0))
    store.record(make_record("Bob", "b", percent=(80.0, 0.0, 0.0), overall=26.7))
    rows = store.leaderboard(module=module, competency="empathy")
    assert [(r.player, r.empathy) for r in rows] == [("Bob", 70.0), ("Ann", 20.0)]
    assert store.leaderboard(module=Module("empty", "Empty", ())) == []


# -- untimed results -----------------------------------------------------------------
def test_an_untimed_result_reads_back_untimed_and_says_so_on_every_board(
    store: ResultsStore,
) -> None:
    store.start_session("S", T0)
    store.record(make_record("Ann", "a", overall=80.0, minute=1, untimed=True))
    store.record(make_record("Ann", "b", overall=60.0, minute=2))
    store.record(make_record("Bob", "a", overall=90.0, minute=3))
    store.record(make_record("Bob", "b", overall=90.0, minute=4))
    assert [(r.player, r.untimed) for r in store.all_results()] == [
        ("Ann", True),
        ("Ann", False),
        ("Bob", False),
        ("Bob", False),
    ]
    module = Module("m", "M", ("a", "b"))
    scenario_boards: tuple[dict[str, Any], ...] = (
        {"scenario": "a"},
        {"scenario": "a", "session": "S"},
    )
    for options in scenario_boards:
        rows = store.leaderboard(**options)
        assert [(r.player, r.untimed) for r in rows] == [("Bob", False), ("Ann", True)]
    # A module board's line marks a player if any of the bests it counts was untimed.
    module_boards: tuple[dict[str, Any], ...] = (
        {"module": module},
        {"module": module, "session": "S"},
    )
    for options in module_boards:
        rows = store.leaderboard(**options)
        assert [(r.player, r.untimed) for r in rows] == [("Bob", False), ("Ann", True)]
    assert [r.untimed for r in store.leaderboard(scenario="b")] == [False, False]
    assert store.leaderboard(scenario="a")[1].to_dict()["untimed"] is True


def test_a_better_timed_result_takes_the_untimed_mark_off_the_board(store: ResultsStore) -> None:
    store.record(make_record("Ann", "a", overall=50.0, minute=1, untimed=True))
    assert [r.untimed for r in store.leaderboard(scenario="a")] == [True]
    store.record(make_record("Ann", "a", overall=70.0, minute=2))
    assert [r.untimed for r in store.leaderboard(scenario="a")] == [False]


# -- sessions ------------------------------------------------------------------------
def test_session_board_counts_results_played_inside_its_window(
    store: ResultsStore,
) -> None:
    store.record(make_record("Before", overall=99.0, minute=5))
    store.start_session("Monday meeting", T0 + timedelta(minutes=10))
    store.record(make_record("During", overall=50.0, minute=20))
    assert [r.player for r in store.leaderboard(session="Monday meeting")] == ["During"]
    store.end_session("Monday meeting", T0 + timedelta(minutes=30))
    store.record(make_record("After", overall=98.0, minute=40))
    store.record(make_record("Tagged", overall=10.0, minute=50, session="Monday meeting"))
    rows = store.leaderboard(session="Monday meeting")
    assert [r.player for r in rows] == ["During", "Tagged"]
    assert [r.player for r in store.leaderboard()][:3] == ["Before", "After", "During"]


def test_session_board_with_scenario_and_module(store: ResultsStore) -> None:
    store.start_session("S", T0)
    store.record(make_record("Ann", "a", overall=80.0, minute=1))
    store.record(make_record("Ann", "b", overall=60.0, minute=2))
    store.record(make_record("Bob", "a", overall=90.0, minute=3))
    assert [r.player for r in store.leaderboard(session="S", scenario="b")] == ["Ann"]
    module = Module("m", "M", ("a", "b"))
    rows = store.leaderboard(session="S", module=module)
    assert [(r.player, r.overall) for r in rows] == [("Ann", 70.0)]


def test_session_window_reads_back(store: ResultsStore) -> None:
    assert store.session_window("Nope") is None
    started = store.start_session("Team", T0)
    assert started.ended_at is None
    window = store.end_session("Team", T0 + timedelta(hours=1))
    assert window.result_count == 0
    assert dataclasses.replace(window, result_count=None) == store.session_window("Team")
    assert window.started_at == T0 and window.ended_at == T0 + timedelta(hours=1)
    assert window.contains(T0 + timedelta(minutes=30))
    assert not window.contains(T0 + timedelta(hours=2))
    assert [s.name for s in store.sessions()] == ["Team"]


def test_session_mistakes_are_clear_errors(store: ResultsStore) -> None:
    store.start_session("Team", T0)
    with pytest.raises(StoreError, match="already exists"):
        store.start_session("Team", T0 + timedelta(minutes=1))
    with pytest.raises(StoreError, match="no session named 'Other'"):
        store.end_session("Other", T0)
    with pytest.raises(StoreError, match="cannot end before it started"):
        store.end_session("Team", T0 - timedelta(minutes=1))
    store.end_session("Team", T0 + timedelta(minutes=5))
    with pytest.raises(StoreError, match="already ended"):
        store.end_session("Team", T0 + timedelta(minutes=6))
    with pytest.raises(StoreError, match="no session named 'Ghost'"):
        store.leaderboard(session="Ghost")
    with pytest.raises(StoreError, match="line break"):
        store.start_session("two\nlines", T0)


def test_results_tagged_with_an_unstarted_session_still_make_its_board(
    store: ResultsStore,
) -> None:
    store.record(make_record("Ann", session="Offsite"))
    assert [r.player for r in store.leaderboard(session="Offsite")] == ["Ann"]
    assert store.session_window("Offsite") is None


# -- reading results ---------------------------------------------------------------
def test_recent_results_returns_new_results_oldest_first(store: ResultsStore) -> None:
    for minute, (player, scenario) in enumerate([("A", "x"), ("B", "y"), ("C", "x"), ("D", "x")]):
        store.record(make_record(player, scenario, minute=minute))
    since = T0 + timedelta(minutes=1)
    assert [r.player for r in store.recent_results(since)] == ["B", "C", "D"]
    assert [r.player for r in store.recent_results(since, scenario="x")] == ["C", "D"]
    assert [r.player for r in store.recent_results(since, module=Module("m", "M", ("y",)))] == ["B"]
    assert [r.player for r in store.recent_results(since, limit=1)] == ["B"]
    store.start_session("S", T0 + timedelta(minutes=2))
    assert [r.player for r in store.recent_results(T0, session="S")] == ["C", "D"]


def test_results_for_a_scenario_and_session(store: ResultsStore) -> None:
    store.record(make_record("A", "x", minute=1))
    store.record(make_record("B", "y", minute=2))
    store.record(make_record("C", "x", minute=3))
    assert [r.player for r in store.results_for("x")] == ["A", "C"]
    store.start_session("Late", T0 + timedelta(minutes=2))
    assert [r.player for r in store.results_for("x", session="Late")] == ["C"]


def test_all_results_streams_every_result_oldest_first(store: ResultsStore) -> None:
    records = [make_record(f"P{n}", minute=60 - n) for n in range(30)]
    for record in records:
        store.record(record)
    assert [r.id for r in store.all_results()] == [r.id for r in reversed(records)]


def test_an_empty_database_has_empty_boards(store: ResultsStore) -> None:
    assert store.leaderboard() == []
    assert store.leaderboard(session=None, competency="upsell") == []
    assert list(store.all_results()) == []
    assert store.sessions() == []


def test_sql_stores_share_one_database(database_url: str, make_store: StoreFactory) -> None:
    first, second = make_store(database_url), make_store(database_url)
    first.record(make_record("Ann", overall=10.0))
    second.record(make_record("Bob", overall=20.0))
    assert [r.player for r in first.leaderboard()] == ["Bob", "Ann"]


# -- the boards agree with brute force ---------------------------------------------
_records = st.lists(
    st.builds(
        lambda player, scenario, overall, empathy, seconds, minute: make_record(
            player,
            scenario,
            overall,
            percent=(empathy, overall, None),
            seconds=seconds,
            minute=minute,
        ),
        st.sampled_from(["Ann", "Bob", "Cy", "Dee"]),
        st.sampled_from(["a", "b"]),
        st.sampled_from([None, 0.0, 50.0, 50.0, 75.5, 100.0]),
        st.sampled_from([None, 10.0, 10.0, 90.0]),
        st.sampled_from([5.0, 5.0, 9.5]),
        st.integers(0, 3),
    ),
    max_size=25,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(records=_records)
@pytest.mark.parametrize("kind", ["sqlite", "memory"])
def test_boards_equal_brute_force_in_any_insert_order(
    kind: str, records: list[ResultRecord]
) -> None:
    module = Module("m", "M", ("a", "b"))
    with TemporaryDirectory() as folder:
        store: ResultsStore = (
            SQLAlchemyResultsStore("sqlite://", outbox_path=Path(folder))
            if kind == "sqlite"
            else MemoryResultsStore()
        )
        try:
            assert store.leaderboard(module=module) == []  # the database keeps it from now on
            for record in records:
                assert store.record(record).stored
            for board in ("overall", "empathy"):
                competency = None if board == "overall" else board
                for scenario in (None, "a"):
                    expected = [row_key(r) for r in brute_force_board(records, board, scenario)][
                        :10
                    ]
                    got = board_keys(store, scenario=scenario, competency=competency)
                    assert got == expected
                expected_module = brute_force_module_board(records, module.scenarios, board)
                got_module = [
                    (
                        row.player,
                        row.empathy if competency else row.overall,
                        row.seconds,
                        row.played_at,
                    )
                    for row in store.leaderboard(module=module, competency=competency, limit=100)
                ]
                assert got_module == expected_module
            store.start_session("all", datetime(2000, 1, 1, tzinfo=UTC))
            expected = [row_key(r) for r in brute_force_board(records)][:10]
            assert board_keys(store, session="all") == expected
        finally:
            store.close()


# -- sessions listed and looked up -----------------------------------------------------
def test_sessions_are_listed_newest_first_with_their_result_counts(store: ResultsStore) -> None:
    store.start_session("Monday meeting", T0)
    store.record(make_record("Ann", minute=5))
    store.record(make_record("Bob", minute=6))
    store.end_session("Monday meeting", T0 + timedelta(minutes=30))
    store.start_session("Tuesday meeting", T0 + timedelta(days=1))
    store.record(make_record("Cy", minute=24 * 60 + 1))
    store.record(make_record("Dee", minute=-600, session="Tuesday meeting"))  # tagged, played early
    store.record(make_record("Eve", minute=-60))  # in no session
    listed = store.sessions()
    assert [(s.name, s.result_count) for s in listed] == [
        ("Tuesday meeting", 2),
        ("Monday meeting", 2),
    ]
    assert listed[1].ended_at == T0 + timedelta(minutes=30)
    assert listed[0].ended_at is None


def test_ending_a_session_says_how_many_results_it_has(store: ResultsStore) -> None:
    store.start_session("Team", T0)
    for n in range(3):
        store.record(make_record(f"P{n}", minute=n + 1))
    ended = store.end_session("Team", T0 + timedelta(minutes=10))
    assert ended.result_count == 3


def test_a_mistyped_session_name_suggests_the_closest_existing_one(store: ResultsStore) -> None:
    store.start_session("Monday meeting", T0)
    store.start_session("Friday review", T0 + timedelta(days=4))
    for action in (
        lambda: store.leaderboard(session="Monday meting"),
        lambda: store.end_session("Monday meting", T0 + timedelta(hours=1)),
        lambda: store.results_for("loaner", session="Monday meting"),
        lambda: store.recent_results(T0, session="Monday meting"),
    ):
        with pytest.raises(StoreError) as caught:
            action()
        message = str(caught.value)
        assert "did you mean `Monday meeting`?" in message
        assert "session start" not in message


def test_an_unknown_session_far_from_any_lists_the_sessions(store: ResultsStore) -> None:
    store.start_session("Monday meeting", T0)
    with pytest.raises(StoreError) as caught:
        store.leaderboard(session="Quarterly offsite")
    message = str(caught.value)
    assert "'Monday meeting'" in message and "rapport session list" in message


def test_with_no_sessions_at_all_the_message_says_how_to_start_one(store: ResultsStore) -> None:
    with pytest.raises(StoreError, match="no session has been started yet"):
        store.leaderboard(session="Monday meeting")


# -- only StoreError escapes -------------------------------------------------------------
HOSTILE_CALLS: list[tuple[str, Any]] = [
    ("limit as text", lambda s: s.leaderboard(limit="ten")),
    ("limit as a bool", lambda s: s.leaderboard(limit=True)),
    ("huge limit", lambda s: s.leaderboard(limit=10**30)),
    ("scenario with a NUL", lambda s: s.leaderboard(scenario="a\x00b")),
    ("scenario with a lone surrogate", lambda s: s.leaderboard(scenario="\ud800")),
    ("scenario as a number", lambda s: s.leaderboard(scenario=7)),
    ("empty scenario", lambda s: s.results_for("")),
    ("module as text", lambda s: s.leaderboard(module="week-1")),
    ("session as a number", lambda s: s.leaderboard(session=3)),
    ("session with a NUL", lambda s: s.leaderboard(session="a\x00b")),
    ("session with a surrogate", lambda s: s.session_window("\udfff")),
    ("naive since", lambda s: s.recent_results(datetime(2024, 1, 1))),
    ("since as text", lambda s: s.recent_results("yesterday")),
    ("naive session start", lambda s: s.start_session("Team", datetime(2024, 1, 1))),
    ("session end of nothing", lambda s: s.end_session(None, T0)),
    ("record of a dict", lambda s: s.record({"player": "Ann", "overall": 100.0})),
    ("record with a surrogate", lambda s: s.record(make_record("Ann", "\ud800x"))),
    ("record of the all-scenarios board", lambda s: s.record(make_record("Ann", "*"))),
    ("record with a short score list", lambda s: s.record(make_record(raw=(1, 2)))),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("what", "call"), HOSTILE_CALLS, ids=[c[0] for c in HOSTILE_CALLS])
def test_only_store_errors_escape_whatever_the_request(
    store: ResultsStore, what: str, call: Any
) -> None:
    with pytest.raises(StoreError) as caught:
        call(store)
    message = str(caught.value)
    assert message and "\n" not in message and "Traceback" not in message
    assert count(store) == 0


def test_a_sql_store_whose_file_was_replaced_raises_only_store_errors(tmp_path: Path) -> None:
    store = SQLAlchemyResultsStore(
        f"sqlite:///{tmp_path / 'results.db'}", outbox_path=tmp_path / "outbox"
    )
    store.record(make_record())
    store.close()
    (tmp_path / "results.db").write_bytes(b"now it is something else entirely" * 200)
    with pytest.raises(StoreError):
        store.leaderboard()
    with pytest.raises(StoreError):
        list(store.all_results())
