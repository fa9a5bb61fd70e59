"""Code that runs in child processes of the store's reliability tests (started by fork)."""

from __future__ import annotations

import os
import sqlite3
import sys
from multiprocessing.synchronize import Event
from pathlib import Path

from game.store import SQLAlchemyResultsStore
from tests.store.factories import make_record

SCENARIO = "busy-day"


def result_id(worker: int, n: int) -> str:
    """Ids that say who wrote them: 8 hex digits of worker, 24 of sequence."""
    return f"{worker:08x}{n:024x}"


def write_results(url: str, outbox: str, worker: int, count: int) -> None:
    """Record `count` results; exit 3 if any of them was not stored right away."""
    store = SQLAlchemyResultsStore(url, outbox_path=Path(outbox), busy_timeout_s=10.0)
    try:
        for n in range(count):
            record = make_record(
                f"Writer {worker:02d}",
                SCENARIO,
                overall=float((n * 37 + worker) % 101),
                seconds=float(n % 7),
                minute=n,
                result_id=result_id(worker, n),
            )
            if not store.record(record).stored:
                sys.exit(3)
    finally:
        store.close()


def write_until_killed(url: str, outbox: str, worker: int, ack_fd: int) -> None:
    """Record results forever; after each commit write its id and a newline to `ack_fd`."""
    store = SQLAlchemyResultsStore(url, outbox_path=Path(outbox), busy_timeout_s=10.0)
    n = 0
    while True:
        record = make_record(
            f"Victim {worker % 5}",
            SCENARIO,
            overall=float((n * 13 + worker) % 101),
            seconds=float(n % 11),
            minute=n % 500,
            result_id=result_id(worker, n),
        )
        if store.record(record).stored:
            # One write of under PIPE_BUF bytes: the parent sees whole lines only.
            os.write(ack_fd, (record.id + "\n").encode("ascii"))
        n += 1


def hold_write_lock(path: str, ready: Event, release: Event) -> None:
    """Take SQLite's write lock and keep it until told to let go."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    ready.set()
    release.wait(30)
    conn.execute("ROLLBACK")
    conn.close()
