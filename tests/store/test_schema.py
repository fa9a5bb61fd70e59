"""Migrations: an older database is brought up to date, and a failed step changes nothing."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import Connection, create_engine, insert, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError

from game.core.model import Module
from game.store import SQLAlchemyResultsStore
from game.store.recording import score
from game.store.records import ResultRecord, validate_record
from game.store.schema import (
    MIGRATIONS,
    OUR_TABLES,
    SCHEMA_VERSION,
    ForeignDatabaseError,
    best_results,
    migrate,
    module_boards,
    module_key,
    read_version,
    results,
    schema_version,
)
from game.store.sqlalchemy_store import result_row
from tests.store.conftest import StoreFactory
from tests.store.factories import (
    BASIS,
    brute_force_board,
    brute_force_module_board,
    make_record,
    make_submission,
    row_key,
    shelf,
)


def version_of(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(schema_version.c.version)).scalar_one())
    finally:
        engine.dispose()


def tables_of(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def old_row(record: ResultRecord) -> dict[str, object]:
    """A `results` row as schema versions 1 to 3 had it (before the untimed mark)."""
    row = result_row(validate_record(record))
    del row["untimed"]
    return row


def build_version_1(url: str, records: list[ResultRecord]) -> None:
    """A database as the first schema version left it, with results in it."""
    engine = create_engine(url)
    try:
        assert migrate(engine, MIGRATIONS[:1]) == 1
        with engine.begin() as conn:
            conn.execute(insert(results), [old_row(r) for r in records])
    finally:
        engine.dispose()


def build_version(url: str, version: int, records: list[ResultRecord]) -> None:
    """A database as schema `version` left it, with `records` in it."""
    engine = create_engine(url)
    try:
        assert migrate(engine, MIGRATIONS[:1]) == 1
        with engine.begin() as conn:
            conn.execute(insert(results), [old_row(r) for r in records])
        assert migrate(engine, MIGRATIONS[:version]) == version
    finally:
        engine.dispose()


def test_a_new_database_is_created_at_the_current_version(
    database_url: str, make_store: StoreFactory
) -> None:
    make_store(database_url).leaderboard()
    assert version_of(database_url) == SCHEMA_VERSION
    assert set(OUR_TABLES) == tables_of(database_url)


def test_a_database_at_version_1_migrates_and_its_boards_are_rebuilt(
    database_url: str, make_store: StoreFactory
) -> None:
    records = [
        make_record("Ann", "a", overall=60.0, minute=1),
        make_record("Ann", "a", overall=80.0, seconds=70, minute=2),
        make_record("Bob", "a", overall=80.0, seconds=50, minute=3),
        make_record("Bob", "b", overall=95.0, minute=4),
        make_record("Cy", "b", overall=None, percent=(None, None, None), minute=5),
    ]
    build_version_1(database_url, records)
    assert "best_results" not in tables_of(database_url)
    store = make_store(database_url)
    rows = store.leaderboard(scenario="a")
    assert version_of(database_url) == SCHEMA_VERSION
    assert [(r.player, r.seconds) for r in rows] == [("Bob", 50.0), ("Ann", 70.0)]
    assert [(r.player, r.scenario) for r in store.leaderboard()] == [("Bob", "b"), ("Ann", "a")]
    # New results after the migration keep the rebuilt boards right.
    store.record(make_record("Cy", "a", overall=81.0, minute=6))
    everything = [*records, make_record("Cy", "a", overall=81.0, minute=6)]
    assert [(r.player, r.scenario, r.seconds, r.played_at) for r in store.leaderboard()] == [
        row_key(r) for r in brute_force_board(everything)
    ]


def _broken_second_migration(conn: Connection) -> None:
    best_results.create(conn)  # half done ...
    conn.execute(text("SELECT no_such_column FROM results"))  # ... then it fails


def test_a_failed_migration_leaves_the_old_version_intact(
    database_url: str, make_store: StoreFactory
) -> None:
    kept = make_record("Ann", overall=70.0)
    build_version_1(database_url, [kept])
    broken = make_store(
        database_url,
        migrations=(MIGRATIONS[0], _broken_second_migration),
        attempts=2,
        backoff_s=0,
        scenarios=shelf(),
    )
    outcome = broken.record(score(make_submission("Bob"), BASIS))
    assert outcome.queued and not outcome.stored
    assert version_of(database_url) == 1
    assert "best_results" not in tables_of(database_url)
    # The real migration then succeeds and sends the queued result.
    fixed = make_store(database_url, scenarios=shelf())
    assert fixed.flush_outbox() == 1
    assert version_of(database_url) == SCHEMA_VERSION
    assert sorted(r.player for r in fixed.all_results()) == ["Ann", "Bob"]


def test_migrate_raises_and_rolls_back_the_failed_step(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        assert migrate(engine, MIGRATIONS[:1]) == 1
        with pytest.raises(SQLAlchemyError):
            migrate(engine, (MIGRATIONS[0], _broken_second_migration))
        with engine.connect() as conn:
            assert read_version(conn) == 1
        assert "best_results" not in tables_of(database_url)
    finally:
        engine.dispose()


def test_programs_migrating_at_once_each_step_runs_once(database_url: str) -> None:
    errors: list[BaseException] = []

    def open_and_migrate() -> None:
        engine = create_engine(database_url, connect_args=_connect_args(database_url))
        try:
            migrate(engine)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=open_and_migrate) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert version_of(database_url) == SCHEMA_VERSION


def _connect_args(url: str) -> dict[str, object]:
    return {"timeout": 30} if url.startswith("sqlite") else {}


def test_reading_the_version_of_another_programs_database_is_refused(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE results (what TEXT)"))
        with engine.connect() as conn, pytest.raises(ForeignDatabaseError):
            read_version(conn)
    finally:
        engine.dispose()


def test_a_store_on_another_programs_tables_queues_instead_of_writing(
    database_url: str, make_store: StoreFactory
) -> None:
    engine = create_engine(database_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE results (what TEXT)"))
    engine.dispose()
    store: SQLAlchemyResultsStore = make_store(database_url)
    outcome = store.record(make_record())
    assert outcome.queued
    assert outcome.message is not None and "not a Rapport results database" in outcome.message
    assert tables_of(database_url) == {"results"}


# -- version 3: the database keeps the boards -----------------------------------------
MODULE = Module("week-1", "Week 1", ("a", "b"))


def _history() -> list[ResultRecord]:
    return [
        make_record("Ann", "a", overall=60.0, minute=1),
        make_record("Ann", "b", overall=80.0, seconds=70, minute=2),
        make_record("Bob", "a", overall=80.0, seconds=50, minute=3),
        make_record("Bob", "b", overall=95.0, minute=4),
        make_record("Cy", "a", overall=81.0, minute=5),
        make_record("Cy", "b", overall=None, percent=(None, None, None), minute=6),
    ]


def test_a_database_at_version_2_gets_its_boards_kept_by_the_database(
    database_url: str, make_store: StoreFactory
) -> None:
    records = _history()
    build_version(database_url, 2, records)
    assert "module_bests" not in tables_of(database_url)
    store = make_store(database_url)
    assert store.leaderboard(module=MODULE) == store.leaderboard(module=MODULE)
    assert version_of(database_url) == SCHEMA_VERSION
    late = [make_record("Cy", "b", overall=90.0, minute=7), make_record("Ann", "a", overall=99.0)]
    for record in late:
        assert store.record(record).stored
    everything = records + late
    got = [(r.player, r.overall, r.seconds, r.played_at) for r in store.leaderboard(module=MODULE)]
    assert got == brute_force_module_board(everything, MODULE.scenarios)
    assert [(r.player, r.scenario, r.seconds, r.played_at) for r in store.leaderboard()] == [
        row_key(r) for r in brute_force_board(everything)
    ]


def test_a_result_inserted_by_another_program_still_updates_every_board(
    database_url: str, make_store: StoreFactory
) -> None:
    store = make_store(database_url)
    store.record(make_record("Ann", "a", overall=50.0))
    store.record(make_record("Ann", "b", overall=50.0))
    assert [r.overall for r in store.leaderboard(module=MODULE)] == [50.0]
    engine = create_engine(database_url)
    try:
        with engine.begin() as conn:  # not through the store: the trigger still keeps the boards
            row = result_row(validate_record(make_record("Ann", "b", overall=90.0, minute=9)))
            conn.execute(insert(results), [row])
    finally:
        engine.dispose()
    assert [r.overall for r in store.leaderboard(module=MODULE)] == [70.0]
    assert [r.overall for r in store.leaderboard(scenario="b")] == [90.0]


def test_past_the_limit_a_module_board_is_ranked_when_read_with_the_same_result(
    database_url: str, make_store: StoreFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.store import sqlalchemy_store

    store = make_store(database_url)
    for record in _history():
        store.record(record)
    kept = store.leaderboard(module=MODULE)
    monkeypatch.setattr(sqlalchemy_store, "MAX_MODULE_BOARDS", 1)
    other = Module("other", "Other", ("a",))
    fresh = make_store(database_url)
    assert fresh.leaderboard(module=MODULE) == kept
    assert [r.player for r in fresh.leaderboard(module=other)] == ["Cy", "Bob", "Ann"]
    with fresh.engine.connect() as conn:
        keys = conn.execute(select(module_boards.c.module_key)).scalars().all()
    assert keys == [module_key(MODULE.scenarios)]  # the second board was not kept


# -- version 4: untimed results ---------------------------------------------------------------
def test_a_database_at_version_3_keeps_its_results_as_timed_and_takes_untimed_ones(
    database_url: str, make_store: StoreFactory
) -> None:
    records = _history()
    build_version(database_url, 3, records)
    store = make_store(database_url)
    assert [r.untimed for r in store.all_results()] == [False] * len(records)
    assert version_of(database_url) == SCHEMA_VERSION
    assert store.record(make_record("Dee", "a", overall=70.0, minute=8, untimed=True)).stored
    marks = {r.player: r.untimed for r in store.leaderboard(scenario="a")}
    assert marks == {"Bob": False, "Cy": False, "Dee": True, "Ann": False}
    assert [r.untimed for r in store.all_results()] == [False] * len(records) + [True]
