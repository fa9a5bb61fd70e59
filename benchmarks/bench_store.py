"""The results store: boards over a million results, and recording one result.

- board-*: the module board (five scenarios) and a scenario board through
  `store.leaderboard`, on a database holding 1,000,000 results spread over a
  year. The clock is this thread's CPU time plus, for PostgreSQL, the CPU time
  of the server's processes (read from /proc: the server is local), since a
  query's work is mostly done there.
- record-*: `store.record` of one result against a raw INSERT of the same row
  and a COMMIT through the driver, on the same database, one result per
  transaction on both sides.

PostgreSQL rows use RAPPORT_BENCH_POSTGRES_URL or RAPPORT_TEST_POSTGRES_URL (a
server `scripts/test-postgres.sh` starts); the benchmark creates its own
database there and drops it afterwards. Without either variable they are not
measured.
"""

from __future__ import annotations

import os
import random
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.harness import (
    NS_PER_S,
    Measured,
    Mode,
    Row,
    Sample,
    Side,
    Spread,
    alternate,
    ratio_result,
)

BOARD_GOAL_MS = 1.0  # one board on a million results, at most (CPU, client and server)
RECORD_GOAL = 1.5  # recording one result / raw insert and commit, at most
RESULTS = 1_000_000
SCENARIOS = 20
PLAYERS = 5_000
BATCH = 50_000  # rows per transaction while loading
START = datetime(2024, 1, 1, tzinfo=UTC)
YEAR_S = 365 * 24 * 3600
POSTGRES_ENV = ("RAPPORT_BENCH_POSTGRES_URL", "RAPPORT_TEST_POSTGRES_URL")


def _rows(first: int, size: int, total: int) -> list[dict[str, object]]:
    """Results number `first` to `first + size - 1` of `total`, spread over a year."""
    import game
    from game.core.scoring import overall
    from game.store.records import format_time

    chance = random.Random(first)
    players = max(10, min(PLAYERS, total // 200))  # so small test databases have module boards
    rows: list[dict[str, object]] = []
    for n in range(first, first + size):
        shown = tuple(round(chance.uniform(0, 100), 1) for _ in range(3))
        rows.append(
            {
                "id": f"{n:032x}",
                "player": f"Player {chance.randrange(players):05d}",
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


# -- the server's CPU clock ------------------------------------------------------------------
def _schedstat_ns(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0  # a process that ended between listing and reading


def _parent(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("PPid:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


class ServerClock:
    """CPU nanoseconds used so far by every process of one local PostgreSQL server."""

    def __init__(self, backend_pid: int) -> None:
        self.postmaster = _parent(backend_pid)
        self.visible = self.postmaster is not None and Path(f"/proc/{backend_pid}").exists()

    def __call__(self) -> int:
        if not self.visible:
            return 0
        assert self.postmaster is not None
        total = _schedstat_ns(self.postmaster)
        for entry in os.scandir("/proc"):
            if entry.name.isdigit() and _parent(int(entry.name)) == self.postmaster:
                total += _schedstat_ns(int(entry.name))
        return total


def _side(
    work: Callable[[Any], object],
    server: ServerClock | None,
    prepare: Callable[[], Any] = lambda: None,
) -> Side:
    """This thread's CPU time for `work(prepare())`, plus the server's when there is one.

    What `prepare` makes (the records to write) is made before the clocks start.
    """
    import gc

    def side() -> Sample:
        made = prepare()
        gc.collect()
        before_server = server() if server else 0
        started = time.thread_time_ns()
        produced = work(made)
        spent = time.thread_time_ns() - started
        after_server = server() if server else 0
        return spent + after_server - before_server, produced

    return side


# -- databases -------------------------------------------------------------------------------
class Database:
    """A results database filled with `count` results, with its store open."""

    def __init__(self, url: str, count: int, folder: Path) -> None:
        from sqlalchemy import insert

        from game.store import SQLAlchemyResultsStore
        from game.store.schema import MIGRATIONS, migrate, results

        self.url = url
        self.store = SQLAlchemyResultsStore(url, outbox_path=folder / "outbox")
        engine = self.store.engine
        migrate(engine, MIGRATIONS[:1])  # the raw tables only: load, then let the store migrate
        loaded = 0
        while loaded < count:
            size = min(BATCH, count - loaded)
            with engine.begin() as conn:
                conn.execute(insert(results), _rows(loaded, size, count))
            loaded += size
        self.store.leaderboard()  # the store's own migration builds its boards here
        self.server: ServerClock | None = None
        if engine.dialect.name == "postgresql":
            with engine.connect() as conn:
                pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
            self.server = ServerClock(int(pid))

    def close(self) -> None:
        self.store.close()


def _postgres_url() -> str | None:
    for name in POSTGRES_ENV:
        if os.environ.get(name):
            return os.environ[name]
    return None


def _database(mode: Mode, backend: str) -> Database | None:
    key = f"store-{backend}"
    if key in mode.shared:
        return mode.shared[key]  # type: ignore[no-any-return]
    count = mode.size(RESULTS, 2_000)
    folder = mode.scratch / backend
    folder.mkdir(exist_ok=True)
    database: Database | None
    if backend == "sqlite":
        database = Database(f"sqlite:///{folder / 'results.db'}", count, folder)
    else:
        server = _postgres_url()
        database = (
            None if server is None else Database(_scratch_postgres(mode, server), count, folder)
        )
    if database is not None:
        mode.cleanup.callback(database.close)
    mode.shared[key] = database
    return database


def _scratch_postgres(mode: Mode, server_url: str) -> str:
    """A new database on the server for this run, dropped when the run ends."""
    from sqlalchemy import create_engine, make_url

    url = make_url(server_url)
    name = f"rapport_bench_{os.getpid()}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        conn.exec_driver_sql(f"CREATE DATABASE {name}")

    def drop() -> None:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()

    mode.cleanup.callback(drop)
    return url.set(database=name).render_as_string(hide_password=False)


def _not_measured() -> Measured:
    names = " or ".join(POSTGRES_ENV)
    return Measured(
        f"not measured: no PostgreSQL server (set {names}, e.g. with scripts/test-postgres.sh)",
        None,
    )


# -- rows ------------------------------------------------------------------------------------
def _board_row(backend: str, board: str) -> Callable[[Mode], Measured]:
    def run(mode: Mode) -> Measured:
        from game.core.model import Module

        database = _database(mode, backend)
        if database is None:
            return _not_measured()
        store = database.store
        module = Module("bench-module", "Bench", tuple(f"scenario-{n:02d}" for n in range(5)))

        def query() -> object:
            if board == "module":
                return store.leaderboard(module=module)
            return store.leaderboard(scenario="scenario-07")

        assert query(), "the board is empty"
        per_round = mode.size(20, 2)

        def work(_: object) -> int:
            rows = 0
            for _ in range(per_round):
                rows += len(query())  # type: ignore[arg-type]
            return rows

        side = _side(work, database.server)
        seconds = Spread.of([side()[0] / NS_PER_S / per_round for _ in range(mode.rounds_or(15))])
        note = ""
        if database.server is not None and not database.server.visible:
            note = " (client only: the server's CPU is not visible from here)"
        met = seconds.median * 1e3 <= BOARD_GOAL_MS if not note else None
        return Measured(seconds.ms_text() + note, met)

    return run


def _record_row(backend: str) -> Callable[[Mode], Measured]:
    def run(mode: Mode) -> Measured:
        database = _database(mode, backend)
        if database is None:
            return _not_measured()
        store = database.store
        per_round = mode.size(50, 3)
        insert_sql, placeholder = _raw_insert(database)

        def recorded(records: list[Any]) -> int:
            stored = 0
            for record in records:
                stored += store.record(record).stored
            return stored

        def raw_rows() -> list[dict[str, Any]]:
            from game.store.sqlalchemy_store import result_row

            return [result_row(r) for r in _records(per_round)]

        def raw(rows: list[dict[str, Any]]) -> int:
            connection = store.engine.raw_connection()
            try:
                cursor = connection.cursor()
                for row in rows:
                    if placeholder == "sqlite":
                        cursor.execute("BEGIN IMMEDIATE")
                    cursor.execute(insert_sql, row)
                    if placeholder == "sqlite":
                        cursor.execute("COMMIT")
                    else:
                        connection.commit()
                cursor.close()
            finally:
                connection.close()
            return len(rows)

        ratios = alternate(
            _side(recorded, database.server, lambda: _records(per_round)),
            _side(raw, database.server, raw_rows),
            mode.rounds_or(15),
        )
        return ratio_result(ratios, RECORD_GOAL)

    return run


def _raw_insert(database: Database) -> tuple[str, str]:
    from game.store.schema import results

    columns = [c.name for c in results.columns]
    if database.store.engine.dialect.name == "sqlite":
        values = ", ".join(f":{c}" for c in columns)
        style = "sqlite"
    else:
        values = ", ".join(f"%({c})s" for c in columns)
        style = "pyformat"
    return f"INSERT INTO results ({', '.join(columns)}) VALUES ({values})", style


def _records(count: int) -> list[Any]:
    import game
    from game.store.records import ResultRecord

    return [
        ResultRecord(
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
        for n in range(count)
    ]


def rows() -> list[Row]:
    table: list[Row] = []
    for backend, name in (("sqlite", "SQLite"), ("postgres", "PostgreSQL")):
        for board in ("module", "scenario"):
            table.append(
                Row(
                    f"board-{board}-{backend}",
                    "store",
                    f"{board} board on {RESULTS:,} results ({name})",
                    f"≤ {BOARD_GOAL_MS:g} ms",
                    _board_row(backend, board),
                )
            )
    for backend, name in (("sqlite", "SQLite"), ("postgres", "PostgreSQL")):
        table.append(
            Row(
                f"record-{backend}",
                "store",
                f"recording one result / raw INSERT and COMMIT ({name})",
                f"≤ {RECORD_GOAL}×",
                _record_row(backend),
            )
        )
    return table
