"""The results store on SQLAlchemy Core: one implementation for SQLite files and PostgreSQL.

Recording a result is one INSERT, keyed by the result's unique id with ON
CONFLICT DO NOTHING (a retried write never counts twice), committed on its
own; the database's trigger keeps the boards in the same statement. A write
that cannot be made within a short, bounded wait goes to the outbox. A
damaged or foreign database file is only ever read, never changed. Every
error is mapped to StoreError (see `game.store.sql_setup.problem_of`);
nothing else escapes.
"""

from __future__ import annotations

import functools
import json
import logging
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import (
    Connection,
    Insert,
    Row,
    and_,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import (
    DBAPIError,
    SQLAlchemyError,
)

from game.core.model import Module
from game.store.catalogue import ScenarioCatalogue
from game.store.delivery import RESULT_ENTRIES, DeliveryStopped, deliver_results, queue_result
from game.store.locations import network_share_warning
from game.store.outbox import Outbox
from game.store.queries import (
    MAX_RECENT_ROWS,
    check_board_request,
    check_limit,
    check_scenario_id,
    check_since,
    mean_of_tenths,
    mean_percent,
    module_order,
    no_such_session,
    session_lookup_name,
)
from game.store.records import (
    ALL_SCENARIOS,
    BoardRow,
    RecordOutcome,
    ResultRecord,
    Session,
    StoreError,
    check_session_name,
    format_time,
    parse_time,
    validate_record,
)
from game.store.schema import (
    MAX_MODULE_BOARDS,
    MIGRATIONS,
    READ,
    WRITE,
    Migration,
    best_results,
    board_modules,
    migrate,
    module_bests,
    module_boards,
    module_key,
    module_rows,
    read_version,
    results,
    sessions,
)
from game.store.sql_boards import (
    RESULT_COLUMNS,
    bests_of,
    kept_module_board_statement,
    module_leaders,
    ranked_board,
    ranked_rows,
    session_count,
    stored_board_statement,
    untimed_players,
)
from game.store.sql_driver import HotConnection, Prepared, prepare
from game.store.sql_setup import (
    Problem,
    create_store_engine,
    parse_database_url,
    problem_of,
    use_wal,
)

# A result waits at most about WRITE_ATTEMPTS * BUSY_TIMEOUT_S plus the
# backoffs (1.8 s) for a busy SQLite file before it goes to the outbox.
BUSY_TIMEOUT_S = 0.5  # seconds SQLite waits for another writer before one attempt gives up
WRITE_ATTEMPTS = 3  # tries per write before the result goes to the outbox
BACKOFF_S = 0.1  # seconds before the second try; doubled before each further one
EXPORT_BATCH = 500  # rows fetched at a time while streaming every result

P = ParamSpec("P")
R = TypeVar("R")


def _mapped(method: Callable[P, R]) -> Callable[P, R]:
    """Let only StoreError out of a public method: every other error becomes one."""

    @functools.wraps(method)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except StoreError:
            raise
        except Exception as error:
            store = args[0]
            assert isinstance(store, SQLAlchemyResultsStore)
            raise StoreError(store._problem(error).message) from None

    return guarded


class SQLAlchemyResultsStore:
    """The ResultsStore role on SQLAlchemy Core (SQLite and PostgreSQL URLs)."""

    def __init__(
        self,
        url: str,
        *,
        outbox_path: Path,
        scenarios: ScenarioCatalogue | None = None,
        busy_timeout_s: float = BUSY_TIMEOUT_S,
        attempts: int = WRITE_ATTEMPTS,
        backoff_s: float = BACKOFF_S,
        sleep: Callable[[float], None] = time.sleep,
        migrations: Sequence[Migration] = MIGRATIONS,
    ) -> None:
        self.url = parse_database_url(url)
        self.scenarios = scenarios
        self._attempts = max(1, attempts)
        self._backoff_s = backoff_s
        self._sleep = sleep
        self._migrations = tuple(migrations)
        self._ready = False
        self._kept_modules: set[str] = set()
        self._lock = threading.Lock()
        self.sqlite_path: Path | None = None
        if self.url.get_backend_name() == "sqlite":
            database = self.url.database or ""
            if database and database != ":memory:" and not database.startswith("file:"):
                self.sqlite_path = Path(database).expanduser().absolute()
                if not self.sqlite_path.parent.is_dir():
                    raise StoreError(
                        f"the folder for the results database {self.sqlite_path} does not "
                        "exist; create it or give another --db URL"
                    )
                self.url = self.url.set(database=str(self.sqlite_path))
        self.where = (
            str(self.sqlite_path)
            if self.sqlite_path
            else self.url.render_as_string(hide_password=True)
        )
        self.target = self.url.render_as_string(hide_password=True)
        self.engine = create_store_engine(self.url, self.where, busy_timeout_s)
        self._hot = HotConnection(self.engine)
        self.outbox = Outbox(outbox_path)
        self._statements: dict[str, Prepared] = {}

    # -- setup ---------------------------------------------------------------
    def _prepare(self) -> None:
        """Check the database is ours (reading only), switch SQLite to WAL, migrate."""
        if self._ready:
            return
        with self._lock:
            if self._ready:
                return
            with self.engine.connect() as conn:
                read_version(conn)
            if self.sqlite_path is not None:
                use_wal(self.engine)
            migrate(self.engine, self._migrations)
            self._ready = True

    @_mapped
    def warnings(self) -> list[str]:
        """What the user should know: a risky setup, queued results kept aside."""
        found: list[str] = []
        if self.sqlite_path is not None:
            warning = network_share_warning(str(self.sqlite_path))
            if warning:
                found.append(warning)
        found.extend(self.outbox.notices)
        return found

    def close(self) -> None:
        try:
            self._hot.release()
            self.engine.dispose()
        except Exception:  # closing never fails for the caller
            logging.getLogger(__name__).debug("closing the results store", exc_info=True)

    # -- writing ---------------------------------------------------------------
    @_mapped
    def record(self, record: ResultRecord) -> RecordOutcome:
        """Store one result now, or keep it in the outbox; raises ResultError if invalid."""
        record = validate_record(record)
        problem = self._write_with_retries(record)
        if problem is None:
            self.flush_outbox()
            return RecordOutcome(stored=True, queued=False)
        try:
            queue_result(self.outbox, self.target, record, self.scenarios)
        except OSError as error:
            return RecordOutcome(
                stored=False,
                queued=False,
                message=(
                    f"Your result was not saved: {problem.message}, and it could not be "
                    f"kept on this computer either ({error.strerror or error}); free some "
                    "disk space and play again."
                ),
            )
        return RecordOutcome(
            stored=False,
            queued=True,
            message=(
                f"Your result is kept on this computer for now: {problem.message}. "
                "It will be sent automatically the next time the database can be reached."
            ),
        )

    def _write_with_retries(self, record: ResultRecord) -> Problem | None:
        problem: Problem | None = None
        for attempt in range(self._attempts):
            if attempt:
                self._sleep(self._backoff_s * 2 ** (attempt - 1))
            try:
                self._prepare()
                self._insert(record)
                return None
            except (SQLAlchemyError, StoreError, OSError) as error:
                problem = self._problem(error)
                self._forget_connections()
                if not problem.retry:
                    break
        return problem

    def _insert(self, record: ResultRecord) -> bool:
        """Insert one result, committed on its own; False when its id was already there.

        The store's hot path: one INSERT (the trigger keeps the boards), compiled
        once and run on the driver's connection (see `game.store.sql_driver`).
        """
        sql = self._prepared("insert").sql  # its parameters are the columns, in order
        return self._hot.execute(sql, result_values(record)) == 1

    def _prepared(self, name: str) -> Prepared:
        """The hot statements, compiled the first time each is needed."""
        found = self._statements.get(name)
        if found is None:
            dialect = self.engine.dialect
            if name == "insert":
                names = [c.name for c in results.c]
                found = prepare(_insert_result(dialect.name), dialect, column_keys=names)
                assert found.positions == tuple(names), "result_values gives the columns"
            elif name == "board":
                found = prepare(stored_board_statement(), dialect)
            elif name == "any-untimed":  # reads the partial index of untimed results only
                untimed = select(results.c.id).where(results.c.untimed)
                found = prepare(untimed.order_by(results.c.id).limit(1), dialect)
            else:
                found = prepare(kept_module_board_statement(), dialect)
            self._statements[name] = found
        return found

    def _fetch(self, prepared: Prepared, values: dict[str, Any]) -> list[Any]:
        """Run one prepared read; a connection a restarted server dropped is retried once."""
        self._ready_or_raise()
        for attempt in (1, 2):
            try:
                return self._hot.fetch(prepared.sql, prepared.parameters(values))
            except DBAPIError as error:
                self._forget_connections()
                if attempt == 2 or not error.connection_invalidated:
                    raise StoreError(self._problem(error).message) from None
        raise AssertionError("unreachable")

    @_mapped
    def flush_outbox(self) -> int:
        """Score and send results kept in the outbox for this database; how many were new.

        Stops quietly at the first database failure (the rest stay queued). Each
        is inserted before its file is removed; its unique id makes a second
        send a no-op.
        """

        def insert(record: ResultRecord) -> bool:
            try:
                self._prepare()
                return self._insert(record)
            except (SQLAlchemyError, StoreError, OSError) as error:
                self._forget_connections()
                raise DeliveryStopped(self._problem(error).message) from None

        return deliver_results(self.outbox, self.target, self.scenarios, insert)

    @_mapped
    def pending(self) -> int:
        """How many results wait in the outbox for this database."""
        return self.outbox.count(RESULT_ENTRIES, self.target)

    def _problem(self, error: BaseException) -> Problem:
        return problem_of(
            error, self.where, self.engine.dialect, sqlite_file=self.sqlite_path is not None
        )

    # -- sessions --------------------------------------------------------------
    @_mapped
    def start_session(self, name: str, now: datetime) -> Session:
        name = check_session_name(name)
        check_since(now)
        started = format_time(now)
        with self._writing() as conn:
            stmt = (
                _dialect_insert(conn.dialect.name, sessions)
                .on_conflict_do_nothing(index_elements=["name"])
                .execution_options(preserve_rowcount=True)
            )
            created = conn.execute(stmt, {"name": name, "started_at": started}).rowcount == 1
        if not created:
            raise StoreError(f"a session named {name!r} already exists; choose another name")
        return Session(name, parse_time(started), None)

    @_mapped
    def end_session(self, name: str, now: datetime) -> Session:
        name = session_lookup_name(name)
        check_since(now)
        ended = format_time(now)
        # One UPDATE with its conditions, never read-then-write.
        with self._writing() as conn:
            changed = conn.execute(
                update(sessions)
                .where(
                    sessions.c.name == name,
                    sessions.c.ended_at.is_(None),
                    sessions.c.started_at <= ended,
                )
                .values(ended_at=ended)
                .execution_options(preserve_rowcount=True)
            ).rowcount
        found = self._read(lambda conn: _sessions_of(conn, name))
        if changed == 1 and found:
            return found[0]
        if not found:
            raise no_such_session(name, self._session_names())
        if found[0].ended_at is not None:
            raise StoreError(f"the session {name!r} already ended at {found[0].ended_at}")
        raise StoreError(f"the session {name!r} cannot end before it started")

    @_mapped
    def session_window(self, name: str) -> Session | None:
        """The session's time window, or None when there is no such session."""
        name = session_lookup_name(name)

        def read(conn: Connection) -> Row[Any] | None:
            return conn.execute(select(sessions).where(sessions.c.name == name)).first()

        row = self._read(read)
        return None if row is None else _session(row)

    @_mapped
    def sessions(self) -> list[Session]:
        """Every session, the most recently started first, with its result count."""
        return self._read(lambda conn: _sessions_of(conn, None))

    def _session_names(self) -> list[str]:
        query = select(sessions.c.name).order_by(sessions.c.started_at.desc())
        return self._read(lambda conn: [str(n) for n in conn.execute(query).scalars()])

    # -- reading ---------------------------------------------------------------
    @_mapped
    def leaderboard(
        self,
        *,
        scenario: str | None = None,
        module: Module | None = None,
        competency: str | None = None,
        session: str | None = None,
        limit: int = 10,
    ) -> list[BoardRow]:
        """Best result per player, ranked by overall or by one competency's percent.

        Ties go to fewer seconds, then the earlier result. A module board ranks by
        the mean of the player's best in each of its scenarios, among players who
        played them all. A session board counts results played in its window or
        recorded with its name.
        """
        board = check_board_request(scenario, module, competency, session, limit)
        if session is None and module is None:
            values = {"board": board, "scope": scenario or ALL_SCENARIOS, "limit": limit}
            return [
                _board_row(position, row)
                for position, row in enumerate(
                    self._fetch(self._prepared("board"), values), start=1
                )
            ]
        if session is None:
            assert module is not None
            return self._module_board(module, board, limit)
        name = session_lookup_name(session)

        def read(conn: Connection) -> list[BoardRow]:
            membership = self._session_filter(conn, name)
            if module is not None:
                rows = conn.execute(
                    ranked_rows(
                        board,
                        [membership, results.c.scenario.in_(module.scenarios)],
                        per_scenario=True,
                    )
                ).all()
                return _module_rows(module, board, rows, limit)
            filters = [membership] + ([results.c.scenario == scenario] if scenario else [])
            return [
                BoardRow(
                    rank=position,
                    player=row.player,
                    scenario=row.scenario,
                    overall=row.overall,
                    empathy=row.empathy,
                    anticipation=row.anticipation,
                    upsell=row.upsell,
                    seconds=row.seconds,
                    played_at=row.played_at,
                    untimed=bool(row.untimed),
                )
                for position, row in enumerate(
                    conn.execute(ranked_board(board, filters, limit)), start=1
                )
            ]

        return self._read(read)

    def _session_filter(self, conn: Connection, name: str) -> Any:
        row = conn.execute(select(sessions).where(sessions.c.name == name)).first()
        tagged = results.c.session == name
        if row is None:
            if conn.execute(select(results.c.id).where(tagged).limit(1)).first() is None:
                names = conn.execute(
                    select(sessions.c.name).order_by(sessions.c.started_at.desc())
                ).scalars()
                raise no_such_session(name, [str(n) for n in names])
            return tagged
        window = results.c.played_at >= row.started_at
        if row.ended_at is not None:
            window = and_(window, results.c.played_at <= row.ended_at)
        return or_(tagged, window)

    def _module_board(self, module: Module, board: str, limit: int) -> list[BoardRow]:
        wanted = set(module.scenarios)
        if not wanted:
            return []
        key = module_key(wanted)
        if self._keep_module_board(key, wanted):
            values = {"board": board, "key": key, "count": len(wanted), "limit": limit}
            rows = [
                _module_row(position, module.id, row)
                for position, row in enumerate(
                    self._fetch(self._prepared("module"), values), start=1
                )
            ]
            if not rows or not self._fetch(self._prepared("any-untimed"), {}):
                return rows  # no result was played untimed: no line is marked
            players = [row.player for row in rows]
            untimed = set(
                self._read(
                    lambda conn: conn.execute(untimed_players(board, wanted, players)).scalars()
                )
            )
            return [replace(row, untimed=row.player in untimed) for row in rows]

        # Not kept (too many module boards, or the database is busy): rank now.
        def read(conn: Connection) -> list[BoardRow]:
            top = list(conn.execute(module_leaders(board, wanted, limit)).scalars())
            rows = conn.execute(bests_of(board, wanted, top)).all() if top else []
            return _module_rows(module, board, rows, limit)

        return self._read(read)

    def _keep_module_board(self, key: str, scenarios: set[str]) -> bool:
        """Whether the database keeps this module's board, asking it to when it does not."""
        if key in self._kept_modules:
            return True
        known = select(module_boards.c.module_key).where(module_boards.c.module_key == key)
        if self._read(lambda conn: conn.execute(known).first()) is None:
            try:
                kept = self._register_module_board(key, scenarios)
            except StoreError:
                return False  # busy or read-only: this board is ranked when read instead
            if not kept:
                return False
        self._kept_modules.add(key)
        return True

    def _register_module_board(self, key: str, scenarios: set[str]) -> bool:
        """Start keeping a module's board (built from the bests); False past the limit."""
        with self._writing() as conn:
            if conn.dialect.name == "postgresql":
                # No best changes while the board is built from them; writers wait.
                conn.exec_driver_sql("LOCK TABLE best_results IN SHARE MODE")
            if conn.execute(
                select(module_boards.c.module_key).where(module_boards.c.module_key == key)
            ).first():
                return True
            count = len(conn.execute(select(module_boards.c.module_key)).all())
            if count >= MAX_MODULE_BOARDS:
                return False
            conn.execute(insert(module_boards).values(module_key=key, scenarios=len(scenarios)))
            conn.execute(
                insert(board_modules),
                [{"scenario": s, "module_key": key} for s in sorted(scenarios)],
            )
            conn.execute(
                insert(module_bests).from_select(
                    [c.name for c in module_bests.c], module_rows(scenarios, key)
                )
            )
        return True

    @_mapped
    def all_results(self) -> Iterator[ResultRecord]:
        """Every result, oldest first, streamed (for export)."""
        self._ready_or_raise()
        return self._stream()

    def _stream(self) -> Iterator[ResultRecord]:
        try:
            with self.engine.connect() as conn:
                stream = conn.execution_options(
                    stream_results=True, yield_per=EXPORT_BATCH
                ).execute(select(*RESULT_COLUMNS).order_by(results.c.played_at, results.c.id))
                for row in stream:
                    yield _record(row)
        except StoreError:
            raise
        except Exception as error:
            self._forget_connections()
            raise StoreError(self._problem(error).message) from None

    @_mapped
    def recent_results(
        self,
        since: datetime,
        *,
        scenario: str | None = None,
        module: Module | None = None,
        session: str | None = None,
        limit: int = 500,
    ) -> list[ResultRecord]:
        """Results played at or after `since`, oldest first (the meeting screen polls this).

        Results from other computers can arrive late; poll with some overlap and
        keep the ids already shown.
        """
        check_since(since)
        check_scenario_id(scenario)
        check_limit(limit, MAX_RECENT_ROWS, "number of results")
        if module is not None and not isinstance(module, Module):
            raise StoreError("a module's results need a Module (from modules.yaml)")
        name = None if session is None else session_lookup_name(session)

        def read(conn: Connection) -> list[ResultRecord]:
            filters: list[Any] = [results.c.played_at >= format_time(since)]
            if scenario is not None:
                filters.append(results.c.scenario == scenario)
            if module is not None:
                filters.append(results.c.scenario.in_(module.scenarios))
            if name is not None:
                filters.append(self._session_filter(conn, name))
            rows = conn.execute(
                select(*RESULT_COLUMNS)
                .where(*filters)
                .order_by(results.c.played_at, results.c.id)
                .limit(limit)
            ).all()
            return [_record(row) for row in rows]

        return self._read(read)

    @_mapped
    def best_overalls(self, player: str) -> dict[str, float]:
        """The player's best overall percent in each scenario they have a scored result for."""
        name = unicodedata.normalize("NFC", player).strip()  # as names are stored
        best = best_results.c

        def read(conn: Connection) -> dict[str, float]:
            rows = conn.execute(
                select(best.scenario, best.score).where(
                    best.board == "overall", best.player == name, best.scenario != ALL_SCENARIOS
                )
            ).all()
            return {row.scenario: float(row.score) for row in rows}

        return self._read(read)

    @_mapped
    def results_for(self, scenario: str, session: str | None = None) -> list[ResultRecord]:
        """Every result of one scenario (within a session, if named), oldest first."""
        check_scenario_id(scenario)
        if scenario is None:
            raise StoreError("name the scenario whose results to read")
        name = None if session is None else session_lookup_name(session)

        def read(conn: Connection) -> list[ResultRecord]:
            filters: list[Any] = [results.c.scenario == scenario]
            if name is not None:
                filters.append(self._session_filter(conn, name))
            rows = conn.execute(
                select(*RESULT_COLUMNS).where(*filters).order_by(results.c.played_at, results.c.id)
            ).all()
            return [_record(row) for row in rows]

        return self._read(read)

    # -- inside ----------------------------------------------------------------
    def _ready_or_raise(self) -> None:
        try:
            self._prepare()
        except (SQLAlchemyError, StoreError, OSError) as error:
            self._forget_connections()
            raise StoreError(self._problem(error).message) from None

    def _forget_connections(self) -> None:
        """After a failure, reconnect next time (the file may be new, the server restarted)."""
        self._hot.release()
        self.engine.dispose()

    def _read(self, action: Callable[[Connection], R]) -> R:
        """Run `action` on a connection outside any transaction (one statement is one snapshot).

        A connection that a restarted server dropped fails once: it is thrown
        away and the read runs again on a new one.
        """
        self._ready_or_raise()
        options: dict[str, Any] = (
            {"isolation_level": "AUTOCOMMIT"}
            if self.engine.dialect.name == "postgresql"
            else {READ: True}
        )
        for attempt in (1, 2):
            try:
                with self.engine.connect().execution_options(**options) as conn:
                    return action(conn)
            except DBAPIError as error:
                self._forget_connections()
                if attempt == 2 or not error.connection_invalidated:
                    raise StoreError(self._problem(error).message) from None
            except SQLAlchemyError as error:
                self._forget_connections()
                raise StoreError(self._problem(error).message) from None
        raise AssertionError("unreachable")

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """One write transaction (BEGIN IMMEDIATE on SQLite); errors become StoreError."""
        self._ready_or_raise()
        try:
            with self.engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
                yield conn
        except SQLAlchemyError as error:
            self._forget_connections()
            raise StoreError(self._problem(error).message) from None


def _dialect_insert(dialect: str, table: Any) -> Any:
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


def _insert_result(dialect: str) -> Insert:
    statement: Insert = _dialect_insert(dialect, results).on_conflict_do_nothing(
        index_elements=["id"]
    )
    return statement


def result_values(record: ResultRecord) -> tuple[Any, ...]:
    """The `results` row of a (validated) record, its columns in table order."""
    return (
        record.id,
        record.player,
        record.scenario,
        record.content_hash,
        record.module,
        *record.raw,
        *record.percent,
        record.overall,
        record.ending,
        record.outcome,
        json.dumps(list(record.decisions)),
        json.dumps(list(record.path), ensure_ascii=False),
        record.seconds,
        format_time(record.played_at),
        record.app_version,
        record.session,
        record.untimed,
    )


_RESULT_NAMES = tuple(c.name for c in results.c)


def result_row(record: ResultRecord) -> dict[str, Any]:
    """The `results` row of a (validated) record, by column name."""
    return dict(zip(_RESULT_NAMES, result_values(record), strict=True))


def _board_row(position: int, row: Sequence[Any]) -> BoardRow:
    """A kept board's line (see `stored_board_statement`)."""
    player, scenario, overall, empathy, anticipation, upsell, seconds, played_at, untimed = row
    return BoardRow(
        position,
        player,
        scenario,
        overall,
        empathy,
        anticipation,
        upsell,
        seconds,
        played_at,
        bool(untimed),
    )


def _module_row(position: int, module_id: str, row: Sequence[Any]) -> BoardRow:
    """A kept module board's line (see `kept_module_board_statement`)."""
    player, seconds, latest, *sums = row
    overall, empathy, anticipation, upsell = (
        mean_of_tenths(sums[i], sums[i + 1]) for i in range(0, 8, 2)
    )
    return BoardRow(
        position, player, module_id, overall, empathy, anticipation, upsell, seconds, latest
    )


def _module_rows(
    module: Module, board: str, rows: Sequence[Row[Any]], limit: int
) -> list[BoardRow]:
    """Rank players who have a best in every scenario of `module` (rows: their bests)."""
    wanted = set(module.scenarios)
    by_player: dict[str, list[ResultRecord]] = {}
    for row in rows:
        by_player.setdefault(row.player, []).append(_record(row))
    ranked = sorted(
        (module_order(bests, board, player), player, bests)
        for player, bests in by_player.items()
        if {r.scenario for r in bests} == wanted
    )
    return [
        BoardRow(
            rank=position,
            player=player,
            scenario=module.id,
            overall=mean_percent([r.overall for r in bests]),
            empathy=mean_percent([r.percent[0] for r in bests]),
            anticipation=mean_percent([r.percent[1] for r in bests]),
            upsell=mean_percent([r.percent[2] for r in bests]),
            seconds=order[1],
            played_at=format_time(order[2]),
            untimed=any(r.untimed for r in bests),
        )
        for position, (order, player, bests) in enumerate(ranked[:limit], start=1)
    ]


def _sessions_of(conn: Connection, name: str | None) -> list[Session]:
    """Sessions (one, or all newest first) with how many results belong to each."""
    count = session_count(sessions.c.name, sessions.c.started_at, sessions.c.ended_at)
    query = select(sessions, count.label("result_count")).order_by(sessions.c.started_at.desc())
    if name is not None:
        query = query.where(sessions.c.name == name)
    return [_session(row, int(row.result_count)) for row in conn.execute(query)]


def _record(row: Row[Any]) -> ResultRecord:
    try:
        decisions = tuple(json.loads(row.decisions))
        path = tuple(json.loads(row.path))
        played_at = parse_time(row.played_at)
    except (ValueError, TypeError, StoreError):
        raise StoreError(f"result {row.id} in the results database is damaged") from None
    return ResultRecord(
        id=row.id,
        player=row.player,
        scenario=row.scenario,
        content_hash=row.content_hash,
        module=row.module,
        raw=(row.empathy_raw, row.anticipation_raw, row.upsell_raw),
        percent=(row.empathy, row.anticipation, row.upsell),
        overall=row.overall,
        ending=row.ending,
        outcome=row.outcome,
        decisions=decisions,
        path=path,
        seconds=row.seconds,
        played_at=played_at,
        app_version=row.app_version,
        session=row.session,
        untimed=bool(row.untimed),
    )


def _session(row: Row[Any], count: int | None = None) -> Session:
    return Session(
        name=row.name,
        started_at=parse_time(row.started_at),
        ended_at=None if row.ended_at is None else parse_time(row.ended_at),
        result_count=count,
    )
