"""Code that runs in child processes of the store's reliability tests (started by fork)."""

from __future__ import annotations

import os
import sqlite3
import sys
from multiprocessing.synchronize import Event
from pathlib import Path

from game.store import SQLAlchemyResultsStore, StoreError
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


def write_while_connections_are_cut(url: str, outbox: str, threads: int, seconds: float) -> None:
    """Record and read boards from several threads for `seconds`; print what happened.

    Run in a child process without any logging set up, as the `rapport` command
    runs, so anything a driver prints would reach this process's stderr.
    """
    import threading
    import time

    store = SQLAlchemyResultsStore(url, outbox_path=Path(outbox))
    counts = {"stored": 0, "queued": 0, "lost": 0, "read": 0, "read_failed": 0}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def work(worker: int) -> None:
        n = 0
        while time.monotonic() < stop:
            outcome = store.record(make_record(f"Cut {worker}", SCENARIO, overall=float(n % 101)))
            key = "stored" if outcome.stored else "queued" if outcome.queued else "lost"
            try:
                store.leaderboard(scenario=SCENARIO)
                read = "read"
            except StoreError:  # while the server is away: counted, not printed
                read = "read_failed"
            with lock:
                counts[key] += 1
                counts[read] += 1
            n += 1

    pool = [threading.Thread(target=work, args=(w,)) for w in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    store.close()
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
