"""Benchmark of the results store on SQLite: boards over a million results, and one write.

Run: `.venv/bin/python benchmarks/bench_store.py [--results N] [--repeat N]`.
Builds a temporary database (deleted afterwards), loads N results in big
transactions, lets the store's own migration build its per-player bests, then
times the queries through the public API against a `SELECT 1` round trip.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

import game
from game.core.model import Module
from game.core.scoring import overall
from game.store import SQLAlchemyResultsStore
from game.store.records import ResultRecord, format_time
from game.store.schema import MIGRATIONS, migrate, results

SCENARIOS = 20
PLAYERS = 5_000
BATCH = 50_000  # rows per executemany / transaction while loading
START = datetime(2024, 1, 1, tzinfo=UTC)
YEAR_S = 365 * 24 * 3600  # seconds the generated results are spread over


def _rows(first: int, size: int, total: int) -> list[dict[str, object]]:
    """Results number `first` to `first + size - 1` of `total`, spread over a year."""
    chance = random.Random(first)
    rows: list[dict[str, object]] = []
    for n in range(first, first + size):
        shown = tuple(round(chance.uniform(0, 100), 1) for _ in range(3))
        rows.append(
            {
                "id": f"{n:032x}",
                "player": f"Player {chance.randrange(PLAYERS):05d}",
                "scenario": f"scenario-{chance.randrange(SCENARIOS):02d}",
                "content_hash": "bench",
                "module": None,
                "empathy_raw": chance.randint(-9, 11),
                "anticipation_raw": chance.randint(-3, 12),
                "upsell_raw": chance.randint(-7, 10),
                "empathy": shown[0],
                "anticipation": shown[1],
                "upsell": shown[2],
                "overall": overall(shown),
                "ending": "extended_test_drive",
                "outcome": "success",
                "decisions": "[2, 2, 2, 3, 4, 1, 4]",
                "path": '["opening", "man_ahead", "extended_test_drive"]',
                "seconds": float(chance.randint(60, 900)),
                "played_at": format_time(START + timedelta(seconds=n * YEAR_S // total)),
                "app_version": game.__version__,
                "session": None,
            }
        )
    return rows


def best_ms(action: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return min(timings) * 1000


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=int, default=1_000_000, help="results to load")
    parser.add_argument("--repeat", type=int, default=200, help="timings per query (best kept)")
    args = parser.parse_args(argv)
    count = args.results

    with tempfile.TemporaryDirectory(prefix="rapport-bench-") as folder:
        url = f"sqlite:///{Path(folder) / 'results.db'}"
        store = SQLAlchemyResultsStore(url, outbox_path=Path(folder) / "outbox")
        migrate(store.engine, MIGRATIONS[:1])  # the raw tables only: load, then migrate

        started = time.perf_counter()
        loaded = 0
        while loaded < count:
            size = min(BATCH, count - loaded)
            with store.engine.begin() as conn:
                conn.execute(insert(results), _rows(loaded, size, count))
            loaded += size
        load_s = time.perf_counter() - started
        print(f"store: loaded {count:,} results in {load_s:.1f} s")

        started = time.perf_counter()
        store.leaderboard()  # the store migrates: per-player bests built from every result
        print(f"store: migration building the boards: {time.perf_counter() - started:.1f} s")

        def floor() -> None:
            with store.engine.connect() as conn, conn.begin():
                conn.exec_driver_sql("SELECT 1").all()

        floor_ms = best_ms(floor, args.repeat)
        module = Module("bench-module", "Bench", tuple(f"scenario-{n:02d}" for n in range(5)))
        window_end = START + timedelta(seconds=YEAR_S // 2)
        session_start = window_end - timedelta(hours=1)
        store.start_session("bench hour", session_start)
        store.end_session("bench hour", window_end)
        queries: list[tuple[str, Callable[[], object]]] = [
            ("board query", lambda: store.leaderboard(scenario="scenario-07")),
            ("board across all scenarios", lambda: store.leaderboard()),
            (
                "empathy board",
                lambda: store.leaderboard(scenario="scenario-07", competency="empathy"),
            ),
            ("session board (one hour)", lambda: store.leaderboard(session="bench hour")),
        ]
        print(f"store: floor (SELECT 1 round trip): {floor_ms:.3f} ms")
        for label, action in queries:
            assert action(), label  # every board has rows
            ms = best_ms(action, args.repeat)
            print(
                f"store: {label} on {count:,} results: {ms:.2f} ms ({ms / floor_ms:.1f}x the floor)"
            )
        module_ms = best_ms(lambda: store.leaderboard(module=module), max(3, args.repeat // 20))
        print(
            f"store: module board (5 scenarios, {PLAYERS:,} players) on {count:,} results: "
            f"{module_ms:.2f} ms ({module_ms / floor_ms:.1f}x the floor)"
        )

        writes = []
        for n in range(50):
            record = ResultRecord(
                id=uuid.uuid4().hex,
                player=f"Player {n % 7:05d}",
                scenario="scenario-07",
                content_hash="bench",
                module=None,
                raw=(1, 2, 3),
                percent=(50.0, 60.0, 70.0),
                overall=60.0,
                ending="extended_test_drive",
                outcome="success",
                decisions=(2, 2, 2, 3, 4, 1, 4),
                path=("opening", "man_ahead", "extended_test_drive"),
                seconds=300.0,
                played_at=datetime.now(UTC),
                app_version=game.__version__,
            )
            started = time.perf_counter()
            assert store.record(record).stored
            writes.append((time.perf_counter() - started) * 1000)
        print(
            f"store: recording one result on SQLite (fsync on commit): "
            f"median {statistics.median(writes):.2f} ms, best {min(writes):.2f} ms"
        )
        store.close()


if __name__ == "__main__":
    main()
