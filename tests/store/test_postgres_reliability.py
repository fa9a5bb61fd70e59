"""A team database under pressure: 50 writers at once, lost connections, an absent server."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from game.store import SQLAlchemyResultsStore
from tests.store.conftest import StoreFactory
from tests.store.factories import brute_force_board, make_record, row_key
from tests.store.workers import SCENARIO, result_id

WRITERS = 50
RESULTS_PER_WRITER = 32  # 1,600 in all, as for SQLite


@pytest.mark.postgres
def test_fifty_concurrent_writers_record_every_result_while_the_board_is_polled(
    postgres_url: str, tmp_path: Path
) -> None:
    setup = SQLAlchemyResultsStore(postgres_url, outbox_path=tmp_path / "outbox")
    setup.leaderboard()
    setup.close()
    failures: list[str] = []
    start = threading.Barrier(WRITERS + 1)

    def write(worker: int) -> None:
        store = SQLAlchemyResultsStore(postgres_url, outbox_path=tmp_path / f"outbox-{worker}")
        try:
            start.wait()
            for n in range(RESULTS_PER_WRITER):
                record = make_record(
                    f"Writer {worker % 20:02d}",  # several threads per player: contended bests
                    SCENARIO,
                    overall=float((n * 37 + worker) % 101),
                    seconds=float(n % 7),
                    minute=n,
                    result_id=result_id(worker, n),
                )
                outcome = store.record(record)
                if not outcome.stored:
                    failures.append(outcome.message or "not stored")
        finally:
            store.close()

    threads = [threading.Thread(target=write, args=(w,)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    reader = SQLAlchemyResultsStore(postgres_url, outbox_path=tmp_path / "outbox")
    polls = 0
    start.wait()
    while any(thread.is_alive() for thread in threads):
        reader.leaderboard(scenario=SCENARIO)
        polls += 1
        time.sleep(0.01)
    for thread in threads:
        thread.join()
    assert failures == []
    assert polls > 0
    everything = list(reader.all_results())
    assert {r.id for r in everything} == {
        result_id(w, n) for w in range(WRITERS) for n in range(RESULTS_PER_WRITER)
    }
    got = [
        (r.player, r.scenario, r.seconds, r.played_at)
        for r in reader.leaderboard(scenario=SCENARIO, limit=100)
    ]
    assert got == [row_key(r) for r in brute_force_board(everything)]
    reader.close()


@pytest.mark.postgres
def test_connections_dropped_by_the_server_are_replaced_without_losing_a_result(
    postgres_url: str, make_store: StoreFactory
) -> None:
    store = make_store(postgres_url, backoff_s=0.01)
    assert store.record(make_record("Ann", overall=10.0)).stored
    admin = create_engine(postgres_url)
    with admin.begin() as conn:  # what a server restart or a network cut does
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
    admin.dispose()
    outcome = store.record(make_record("Bob", overall=20.0))
    assert outcome.stored and not outcome.queued
    assert [r.player for r in store.leaderboard()] == ["Bob", "Ann"]


def test_a_commit_whose_answer_was_lost_is_retried_and_counted_once(
    database_url: str, make_store: StoreFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_store(database_url, backoff_s=0)
    real_insert = store._insert
    calls: list[bool] = []

    def commit_then_lose_the_answer(record: Any) -> bool:
        inserted = real_insert(record)
        calls.append(inserted)
        if len(calls) == 1:
            raise OperationalError("COMMIT", {}, Exception("server closed the connection"))
        return inserted

    monkeypatch.setattr(store, "_insert", commit_then_lose_the_answer)
    outcome = store.record(make_record("Ann", overall=60.0))
    assert outcome.stored and not outcome.queued
    assert calls == [True, False]  # the retry found the row already there
    assert len(list(store.all_results())) == 1
    assert [r.player for r in store.leaderboard()] == ["Ann"]


def test_an_unreachable_server_keeps_the_result_in_the_outbox(
    tmp_path: Path, make_store: StoreFactory
) -> None:
    # Nothing listens on port 9 of this machine: connections are refused at once.
    url = "postgresql+psycopg://rapport:secret@127.0.0.1:9/rapport"
    sleeps: list[float] = []
    store = make_store(url, attempts=3, backoff_s=0.01, sleep=sleeps.append)
    outcome = store.record(make_record())
    assert (outcome.stored, outcome.queued) == (False, True)
    assert outcome.message is not None
    assert "cannot be reached" in outcome.message
    assert "secret" not in outcome.message
    assert sleeps == [0.01, 0.02]
    assert store.pending() == 1
    entry = next((tmp_path / "outbox").glob("*.json")).read_text(encoding="utf-8")
    assert "secret" not in entry
