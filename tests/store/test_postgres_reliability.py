"""A team database under pressure: 50 writers at once, lost connections, an absent server."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import OperationalError

from game.core.model import Module
from game.store import ResultRecord, SQLAlchemyResultsStore
from tests.store.conftest import StoreFactory
from tests.store.factories import (
    brute_force_board,
    brute_force_module_board,
    make_record,
    row_key,
)
from tests.store.workers import SCENARIO, result_id

ROOT = Path(__file__).parents[2]

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
    with admin.begin() as conn:  # what a server restart or a network cut does (to this test)
        cut = conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = current_setting('application_name') "
                "AND pid <> pg_backend_pid()"
            )
        ).all()
    admin.dispose()
    assert cut, "the store's connection was not found to cut"
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


CUT_APPLICATION = "rapport-cut-test"  # names the child's connections, so only they are cut


@pytest.mark.postgres
def test_lost_connections_print_nothing_and_lose_no_result(
    postgres_url: str, tmp_path: Path
) -> None:
    """Connections cut while eight threads write and read (as a server restart does):
    nothing on stderr (psycopg used to print "the connection is lost"), no result lost."""
    url = make_url(postgres_url).update_query_dict({"application_name": CUT_APPLICATION})
    child_url = url.render_as_string(hide_password=False)
    code = (
        "import sys\n"
        "from tests.store.workers import write_while_connections_are_cut\n"
        "write_while_connections_are_cut(sys.argv[1], sys.argv[2], 8, 6.0)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, child_url, str(tmp_path / "outbox")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    admin = create_engine(postgres_url)
    cuts = 0
    try:
        deadline = time.monotonic() + 5.0
        while time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.25)
            with admin.begin() as conn:
                cuts += len(
                    conn.execute(
                        text(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                            "WHERE application_name = :name"
                        ),
                        {"name": CUT_APPLICATION},
                    ).all()
                )
        out, err = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
        admin.dispose()
    assert child.returncode == 0, err
    assert err == ""
    counts = dict(item.split("=") for item in out.split())
    assert cuts > 0 and int(counts["stored"]) > 0
    assert counts["lost"] == "0"
    reader = SQLAlchemyResultsStore(postgres_url, outbox_path=tmp_path / "outbox")
    try:
        stored = len(list(reader.all_results()))
        assert stored + reader.pending() == int(counts["stored"]) + int(counts["queued"])
    finally:
        reader.close()


@pytest.mark.postgres
def test_a_module_board_stays_right_with_many_writers_at_once(
    postgres_url: str, tmp_path: Path
) -> None:
    """Players' results in the module's scenarios arrive from many connections at once."""
    module = Module("busy", "Busy", ("s1", "s2", "s3"))
    setup = SQLAlchemyResultsStore(postgres_url, outbox_path=tmp_path / "outbox")
    assert setup.leaderboard(module=module) == []  # kept by the database from now on
    setup.close()
    start = threading.Barrier(16)
    written: list[ResultRecord] = []
    lock = threading.Lock()

    def write(worker: int) -> None:
        store = SQLAlchemyResultsStore(postgres_url, outbox_path=tmp_path / f"outbox-{worker}")
        try:
            start.wait()
            for n in range(30):
                record = make_record(
                    f"Player {n % 4}",  # every thread writes for the same four players
                    module.scenarios[(worker + n) % 3],
                    overall=float((worker * 7 + n * 13) % 101),
                    seconds=float(n % 5),
                    minute=n,
                )
                assert store.record(record).stored
                with lock:
                    written.append(record)
        finally:
            store.close()

    threads = [threading.Thread(target=write, args=(w,)) for w in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    reader = SQLAlchemyResultsStore(postgres_url, outbox_path=tmp_path / "outbox")
    try:
        got = [
            (r.player, r.overall, r.seconds, r.played_at)
            for r in reader.leaderboard(module=module, limit=100)
        ]
    finally:
        reader.close()
    assert len(written) == 16 * 30
    assert got == brute_force_module_board(written, module.scenarios)
