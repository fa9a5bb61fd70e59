"""The results store on SQLAlchemy Core: one implementation for SQLite files and PostgreSQL.

Every write is one short transaction (BEGIN IMMEDIATE on SQLite, so it never
upgrades a read lock and never deadlocks), keyed by the result's unique id with
ON CONFLICT DO NOTHING, so a retried write never counts twice. A write that
cannot be made now goes to the outbox; a damaged or foreign database file is
only ever read, never changed.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

from sqlalchemy import (
    URL,
    Connection,
    Engine,
    Insert,
    Integer,
    Row,
    Select,
    and_,
    cast,
    create_engine,
    func,
    make_url,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import (
    ArgumentError,
    DatabaseError,
    DBAPIError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)

from game.core.model import COMPETENCIES, Module
from game.core.scoring import overall as mean_percent
from game.store.locations import network_share_warning
from game.store.outbox import Outbox
from game.store.records import (
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
    ALL_SCENARIOS,
    MIGRATIONS,
    WRITE,
    ForeignDatabaseError,
    Migration,
    NewerSchemaError,
    best_results,
    migrate,
    read_version,
    results,
    sessions,
    take_over_sqlite_transactions,
)

BUSY_TIMEOUT_S = 5.0  # seconds SQLite waits for another writer before giving up once
CONNECT_TIMEOUT_S = 5  # seconds PostgreSQL may take to answer a new connection
WRITE_ATTEMPTS = 4  # tries per write before the result goes to the outbox
BACKOFF_S = 0.1  # seconds before the second try; doubled before each further one
MAX_BOARD_ROWS = 10_000
SUPPORTED_BACKENDS = ("sqlite", "postgresql")

_RESULT_COLUMNS = [
    results.c.id,
    results.c.player,
    results.c.scenario,
    results.c.content_hash,
    results.c.module,
    results.c.empathy_raw,
    results.c.anticipation_raw,
    results.c.upsell_raw,
    results.c.empathy,
    results.c.anticipation,
    results.c.upsell,
    results.c.overall,
    results.c.ending,
    results.c.outcome,
    results.c.decisions,
    results.c.path,
    results.c.seconds,
    results.c.played_at,
    results.c.app_version,
    results.c.session,
]
EXPORT_COLUMNS: tuple[str, ...] = tuple(c.name for c in _RESULT_COLUMNS)


@dataclass(frozen=True, slots=True)
class _Problem:
    retry: bool
    message: str


def parse_database_url(url: str) -> URL:
    """The SQLAlchemy URL for `url`, or StoreError saying what a good one looks like."""
    hint = "use sqlite:///PATH/results.db or postgresql+psycopg://USER:PASSWORD@HOST/DATABASE"
    if "://" not in url and url.strip():
        # Someone gave a file path: show the URL that means that file.
        hint = f"for an SQLite file write sqlite:///{Path(url).expanduser().absolute()}"
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise StoreError(f"the database URL {_redact(url)!r} cannot be read; {hint}") from None
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED_BACKENDS:
        raise StoreError(
            f"the database URL {_redact(url)!r} names {backend!r}, which Rapport does not "
            f"support; {hint}"
        )
    driver = parsed.get_driver_name()
    if backend == "postgresql" and parsed.drivername == "postgresql":
        # Bare postgresql:// means psycopg2 to SQLAlchemy; psycopg 3 is what ships.
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif backend == "postgresql" and driver != "psycopg":
        raise StoreError(
            f"the database URL {_redact(url)!r} asks for the {driver} driver; "
            "write postgresql+psycopg:// (the driver Rapport installs)"
        )
    elif backend == "sqlite" and driver != "pysqlite":
        raise StoreError(f"the database URL {_redact(url)!r} asks for the {driver} driver; {hint}")
    return parsed


def _redact(url: str) -> str:
    """The URL without its password, even when it does not parse."""
    head, at, tail = url.rpartition("@")
    if not at or "://" not in head:
        return url
    scheme, _, credentials = head.partition("://")
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{tail}" if ":" in credentials else url


class SQLAlchemyResultsStore:
    """The ResultsStore role on SQLAlchemy Core (SQLite and PostgreSQL URLs)."""

    def __init__(
        self,
        url: str,
        *,
        outbox_path: Path,
        busy_timeout_s: float = BUSY_TIMEOUT_S,
        attempts: int = WRITE_ATTEMPTS,
        backoff_s: float = BACKOFF_S,
        sleep: Callable[[float], None] = time.sleep,
        migrations: Sequence[Migration] = MIGRATIONS,
    ) -> None:
        self.url = parse_database_url(url)
        self._attempts = max(1, attempts)
        self._backoff_s = backoff_s
        self._sleep = sleep
        self._migrations = tuple(migrations)
        self._ready = False
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
        self.engine = self._create_engine(busy_timeout_s)
        self.outbox = Outbox(outbox_path, self.url.render_as_string(hide_password=True))

    # -- setup ---------------------------------------------------------------
    def _create_engine(self, busy_timeout_s: float) -> Engine:
        try:
            if self.url.get_backend_name() == "sqlite":
                engine = create_engine(self.url, connect_args={"timeout": busy_timeout_s})
                take_over_sqlite_transactions(engine)
                return engine
            return create_engine(
                self.url,
                pool_pre_ping=True,  # a server restart must not fail the next write
                connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
            )
        except (ArgumentError, NoSuchModuleError, ImportError) as error:
            raise StoreError(
                f"the database URL {self.where!r} cannot be used ({error}); "
                "use sqlite:///PATH or postgresql+psycopg://USER:PASSWORD@HOST/DATABASE"
            ) from None

    def _prepare(self) -> None:
        """Check the database is ours (reading only), switch SQLite to WAL, migrate."""
        if self._ready:
            return
        with self.engine.connect() as conn:
            read_version(conn)
        if self.sqlite_path is not None:
            _use_wal(self.engine)
        migrate(self.engine, self._migrations)
        self._ready = True

    def warnings(self) -> list[str]:
        """Things the user should know about where results are kept (never raises)."""
        found: list[str] = []
        if self.sqlite_path is not None:
            warning = network_share_warning(str(self.sqlite_path))
            if warning:
                found.append(warning)
        return found

    def close(self) -> None:
        self.engine.dispose()

    # -- writing ---------------------------------------------------------------
    def record(self, record: ResultRecord) -> RecordOutcome:
        """Store one result now, or keep it in the outbox; raises ResultError if invalid."""
        record = validate_record(record)
        problem = self._write_with_retries(record)
        if problem is None:
            self.flush_outbox()
            return RecordOutcome(stored=True, queued=False)
        try:
            self.outbox.put(record)
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

    def _write_with_retries(self, record: ResultRecord) -> _Problem | None:
        problem: _Problem | None = None
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
        """Insert in one write transaction; False when the id was already there."""
        with self.engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
            dialect = conn.dialect.name
            inserted = conn.execute(_insert_result(dialect), result_row(record)).rowcount == 1
            if inserted:
                bests = _best_rows(record)
                if bests:
                    conn.execute(_upsert_best(dialect), bests)
        return inserted

    def flush_outbox(self) -> int:
        """Send results kept in the outbox for this database; returns how many were new.

        Stops quietly at the first failure (they stay queued). Each is inserted
        before its file is removed, and the unique id makes a second send a no-op.
        """
        sent = 0
        for entry in self.outbox.entries():
            try:
                self._prepare()
                inserted = self._insert(entry.record)
            except (SQLAlchemyError, StoreError, OSError):
                self._forget_connections()
                break
            self.outbox.remove(entry)
            sent += inserted
        return sent

    def pending(self) -> int:
        """How many results wait in the outbox for this database."""
        return self.outbox.count()

    def _problem(self, error: BaseException) -> _Problem:
        where = self.where
        if isinstance(error, NewerSchemaError):
            return _Problem(False, f"the results database {where} {error}")
        if isinstance(error, ForeignDatabaseError):
            return _Problem(
                False,
                f"{where} is not a Rapport results database ({error}); it was left untouched",
            )
        if isinstance(error, StoreError):
            return _Problem(False, str(error))
        if isinstance(error, OSError):
            return _Problem(False, f"the results database {where} cannot be used ({error})")
        detail = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        lowered = detail.lower()
        if isinstance(error, OperationalError) and ("locked" in lowered or "busy" in lowered):
            return _Problem(
                True, f"the results database {where} is busy (another program is writing)"
            )
        if isinstance(error, DBAPIError) and error.connection_invalidated:
            return _Problem(True, f"the connection to the results database {where} was lost")
        if (
            self.sqlite_path is not None
            and isinstance(error, DatabaseError)
            and ("not a database" in lowered or "malformed" in lowered or "corrupt" in lowered)
        ):
            return _Problem(
                False,
                f"the results database file {where} is damaged or is not a Rapport database "
                f"({detail}); it was left untouched, so ask your trainer to move it aside",
            )
        if isinstance(error, OperationalError):
            return _Problem(True, f"the results database {where} cannot be reached ({detail})")
        return _Problem(False, f"the results database {where} refused the result ({detail})")

    # -- sessions --------------------------------------------------------------
    def start_session(self, name: str, now: datetime) -> Session:
        name = check_session_name(name)
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

    def end_session(self, name: str, now: datetime) -> Session:
        name = check_session_name(name)
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
        window = self.session_window(name)
        if changed == 1 and window is not None:
            return window
        if window is None:
            raise StoreError(
                f"there is no session named {name!r}; start it with `rapport session start {name}`"
            )
        if window.ended_at is not None:
            raise StoreError(f"the session {name!r} already ended at {window.ended_at}")
        raise StoreError(f"the session {name!r} cannot end before it started")

    def session_window(self, name: str) -> Session | None:
        """The session's time window, or None when there is no such session."""
        with self._reading() as conn:
            row = conn.execute(select(sessions).where(sessions.c.name == name)).first()
        return None if row is None else _session(row)

    def sessions(self) -> list[Session]:
        """Every session, the most recently started first."""
        with self._reading() as conn:
            rows = conn.execute(select(sessions).order_by(sessions.c.started_at.desc())).all()
        return [_session(row) for row in rows]

    # -- reading ---------------------------------------------------------------
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
        if scenario is not None and module is not None:
            raise StoreError("a board is for one scenario or one module, not both")
        if competency is not None and competency not in COMPETENCIES:
            raise StoreError(
                f"unknown competency {competency!r}; choose one of {', '.join(COMPETENCIES)}"
            )
        if not 1 <= limit <= MAX_BOARD_ROWS:
            raise StoreError(f"the board length must be between 1 and {MAX_BOARD_ROWS}")
        board = competency or "overall"
        with self._reading() as conn:
            membership = self._session_filter(conn, session) if session is not None else None
            if module is not None:
                return self._module_board(conn, module, board, membership, limit)
            if membership is None:
                query = _stored_board(board, scenario or ALL_SCENARIOS, limit)
            else:
                filters = [membership] + ([results.c.scenario == scenario] if scenario else [])
                query = _ranked_board(board, filters, limit)
            rows = conn.execute(query).all()
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
            )
            for position, row in enumerate(rows, start=1)
        ]

    def _session_filter(self, conn: Connection, name: str) -> Any:
        row = conn.execute(select(sessions).where(sessions.c.name == name)).first()
        tagged = results.c.session == name
        if row is None:
            if conn.execute(select(results.c.id).where(tagged).limit(1)).first() is None:
                raise StoreError(
                    f"there is no session named {name!r}; start one with "
                    f"`rapport session start {name}`"
                )
            return tagged
        window = results.c.played_at >= row.started_at
        if row.ended_at is not None:
            window = and_(window, results.c.played_at <= row.ended_at)
        return or_(tagged, window)

    def _module_board(
        self, conn: Connection, module: Module, board: str, membership: Any, limit: int
    ) -> list[BoardRow]:
        wanted = set(module.scenarios)
        if not wanted:
            return []
        if membership is None:
            top = conn.execute(_module_leaders(board, wanted, limit)).scalars().all()
            query: Select[Any] = (
                select(*_RESULT_COLUMNS)
                .select_from(best_results.join(results, results.c.id == best_results.c.result_id))
                .where(
                    best_results.c.board == board,
                    best_results.c.scenario.in_(wanted),
                    best_results.c.player.in_(top),
                )
            )
        else:
            query = _ranked_rows(
                board, [membership, results.c.scenario.in_(wanted)], per_scenario=True
            )
        by_player: dict[str, list[Row[Any]]] = {}
        for row in conn.execute(query):
            by_player.setdefault(row.player, []).append(row)
        ranked = []
        for player, rows in by_player.items():
            if {row.scenario for row in rows} != wanted:
                continue
            exact = sum((Fraction(str(row._mapping[board])) for row in rows), Fraction(0))
            ranked.append(
                (
                    -exact / len(rows),
                    sum(row.seconds for row in rows),
                    max(row.played_at for row in rows),
                    player,
                    rows,
                )
            )
        ranked.sort(key=lambda item: item[:4])
        return [
            BoardRow(
                rank=position,
                player=player,
                scenario=module.id,
                overall=mean_percent([row.overall for row in rows]),
                empathy=mean_percent([row.empathy for row in rows]),
                anticipation=mean_percent([row.anticipation for row in rows]),
                upsell=mean_percent([row.upsell for row in rows]),
                seconds=seconds,
                played_at=played_at,
            )
            for position, (_, seconds, played_at, player, rows) in enumerate(
                ranked[:limit], start=1
            )
        ]

    def all_results(self) -> Iterator[ResultRecord]:
        """Every result, oldest first, streamed (for export)."""
        self._ready_or_raise()
        try:
            with self.engine.connect() as conn:
                stream = conn.execution_options(stream_results=True, yield_per=500).execute(
                    select(*_RESULT_COLUMNS).order_by(results.c.played_at, results.c.id)
                )
                for row in stream:
                    yield _record(row)
        except SQLAlchemyError as error:
            self._forget_connections()
            raise StoreError(self._problem(error).message) from None

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
        with self._reading() as conn:
            filters: list[Any] = [results.c.played_at >= format_time(since)]
            if scenario is not None:
                filters.append(results.c.scenario == scenario)
            if module is not None:
                filters.append(results.c.scenario.in_(module.scenarios))
            if session is not None:
                filters.append(self._session_filter(conn, session))
            rows = conn.execute(
                select(*_RESULT_COLUMNS)
                .where(*filters)
                .order_by(results.c.played_at, results.c.id)
                .limit(limit)
            ).all()
        return [_record(row) for row in rows]

    def best_overalls(self, player: str) -> dict[str, float]:
        """The player's best overall percent in each scenario they have a scored result for."""
        best = best_results.c
        with self._reading() as conn:
            rows = conn.execute(
                select(best.scenario, best.score).where(
                    best.board == "overall", best.player == player, best.scenario != ALL_SCENARIOS
                )
            ).all()
        return {row.scenario: float(row.score) for row in rows}

    def results_for(self, scenario: str, session: str | None = None) -> list[ResultRecord]:
        """Every result of one scenario (within a session, if named), oldest first."""
        with self._reading() as conn:
            filters: list[Any] = [results.c.scenario == scenario]
            if session is not None:
                filters.append(self._session_filter(conn, session))
            rows = conn.execute(
                select(*_RESULT_COLUMNS).where(*filters).order_by(results.c.played_at, results.c.id)
            ).all()
        return [_record(row) for row in rows]

    # -- inside ----------------------------------------------------------------
    def _ready_or_raise(self) -> None:
        try:
            self._prepare()
        except (SQLAlchemyError, StoreError, OSError) as error:
            self._forget_connections()
            raise StoreError(self._problem(error).message) from None

    def _forget_connections(self) -> None:
        """After a failure, reconnect next time (the file may be new, the server restarted)."""
        self.engine.dispose()

    def _reading(self) -> _Transaction:
        self._ready_or_raise()
        return _Transaction(self, write=False)

    def _writing(self) -> _Transaction:
        self._ready_or_raise()
        return _Transaction(self, write=True)


class _Transaction:
    """`with store._reading() as conn:` — one transaction; database errors become StoreError."""

    def __init__(self, store: SQLAlchemyResultsStore, *, write: bool) -> None:
        self.store = store
        self.write = write
        self.conn: Connection | None = None

    def __enter__(self) -> Connection:
        try:
            conn = self.store.engine.connect()
            if self.write:
                conn.execution_options(**{WRITE: True})
            conn.begin()
        except SQLAlchemyError as error:
            self.store._forget_connections()
            raise StoreError(self.store._problem(error).message) from None
        self.conn = conn
        return conn

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        conn = self.conn
        assert conn is not None
        try:
            if error is None:
                conn.commit()
            else:
                conn.rollback()
        except SQLAlchemyError as failure:
            conn.close()
            self.store._forget_connections()
            raise StoreError(self.store._problem(failure).message) from None
        conn.close()
        if isinstance(error, SQLAlchemyError):
            self.store._forget_connections()
            raise StoreError(self.store._problem(error).message) from None


def _use_wal(engine: Engine) -> None:
    """WAL lets the board read while players write; the setting stays in the file."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("PRAGMA journal_mode")
        row = cursor.fetchone()
        if not row or str(row[0]).lower() != "wal":
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()
    finally:
        raw.close()


def _dialect_insert(dialect: str, table: Any) -> Any:
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


def _insert_result(dialect: str) -> Insert:
    # rowcount says whether the row is new; SQLAlchemy keeps it for INSERT only on request.
    statement: Insert = (
        _dialect_insert(dialect, results)
        .on_conflict_do_nothing(index_elements=["id"])
        .execution_options(preserve_rowcount=True)
    )
    return statement


def _upsert_best(dialect: str) -> Insert:
    """Replace a player's best only with a strictly better result (same order as boards)."""
    statement = _dialect_insert(dialect, best_results)
    new, old = statement.excluded, best_results.c
    better = or_(
        new.score > old.score,
        and_(
            new.score == old.score,
            or_(
                new.seconds < old.seconds,
                and_(
                    new.seconds == old.seconds,
                    or_(
                        new.played_at < old.played_at,
                        and_(new.played_at == old.played_at, new.result_id < old.result_id),
                    ),
                ),
            ),
        ),
    )
    upsert: Insert = statement.on_conflict_do_update(
        index_elements=["board", "scenario", "player"],
        set_={
            "result_id": new.result_id,
            "score": new.score,
            "seconds": new.seconds,
            "played_at": new.played_at,
        },
        where=better,
    )
    return upsert


def result_row(record: ResultRecord) -> dict[str, Any]:
    """The `results` row of a (validated) record."""
    return {
        "id": record.id,
        "player": record.player,
        "scenario": record.scenario,
        "content_hash": record.content_hash,
        "module": record.module,
        "empathy_raw": record.raw[0],
        "anticipation_raw": record.raw[1],
        "upsell_raw": record.raw[2],
        "empathy": record.percent[0],
        "anticipation": record.percent[1],
        "upsell": record.percent[2],
        "overall": record.overall,
        "ending": record.ending,
        "outcome": record.outcome,
        "decisions": json.dumps(list(record.decisions)),
        "path": json.dumps(list(record.path), ensure_ascii=False),
        "seconds": record.seconds,
        "played_at": format_time(record.played_at),
        "app_version": record.app_version,
        "session": record.session,
    }


def _best_rows(record: ResultRecord) -> list[dict[str, Any]]:
    values = {"overall": record.overall, **dict(zip(COMPETENCIES, record.percent, strict=True))}
    played_at = format_time(record.played_at)
    return [
        {
            "board": board,
            "scenario": scope,
            "player": record.player,
            "result_id": record.id,
            "score": value,
            "seconds": record.seconds,
            "played_at": played_at,
        }
        for board, value in values.items()
        if value is not None
        for scope in (record.scenario, ALL_SCENARIOS)
    ]


def _stored_board(board: str, scope: str, limit: int) -> Select[Any]:
    """Read a board straight from `best_results`: an index range, no sorting."""
    return (
        select(
            best_results.c.player,
            results.c.scenario,
            results.c.overall,
            results.c.empathy,
            results.c.anticipation,
            results.c.upsell,
            results.c.seconds,
            results.c.played_at,
        )
        .select_from(best_results.join(results, results.c.id == best_results.c.result_id))
        .where(best_results.c.board == board, best_results.c.scenario == scope)
        .order_by(
            best_results.c.score.desc(),
            best_results.c.seconds,
            best_results.c.played_at,
            best_results.c.result_id,
        )
        .limit(limit)
    )


def _module_leaders(board: str, scenarios: set[str], limit: int) -> Select[Any]:
    """The players leading a module board, ranked in the database.

    Percents have one decimal, so summing them as whole tenths is exact, and
    among players who played every scenario the sum orders like the mean.
    """
    best = best_results.c
    tenths = func.sum(cast(func.round(best.score * 10), Integer))
    seconds = func.sum(best.seconds)
    latest = func.max(best.played_at)
    return (
        select(best.player)
        .where(best.board == board, best.scenario.in_(scenarios))
        .group_by(best.player)
        .having(func.count() == len(scenarios))
        .order_by(tenths.desc(), seconds, latest, best.player)
        .limit(limit)
    )


def _ranked_rows(board: str, filters: list[Any], *, per_scenario: bool) -> Select[Any]:
    """Each player's best among the results matching `filters` (for session boards)."""
    value = results.c[board]
    partition = [results.c.scenario, results.c.player] if per_scenario else [results.c.player]
    ranked = (
        select(
            *_RESULT_COLUMNS,
            value.label("ranking_value"),
            func.row_number()
            .over(
                partition_by=partition,
                order_by=[value.desc(), results.c.seconds, results.c.played_at, results.c.id],
            )
            .label("position"),
        )
        .where(value.is_not(None), *filters)
        .subquery()
    )
    return select(ranked).where(ranked.c.position == 1)


def _ranked_board(board: str, filters: list[Any], limit: int) -> Select[Any]:
    best = _ranked_rows(board, filters, per_scenario=False).subquery()
    return (
        select(best)
        .order_by(best.c.ranking_value.desc(), best.c.seconds, best.c.played_at, best.c.id)
        .limit(limit)
    )


def _record(row: Row[Any]) -> ResultRecord:
    try:
        decisions = tuple(json.loads(row.decisions))
        path = tuple(json.loads(row.path))
        played_at = parse_time(row.played_at)
    except (ValueError, TypeError):
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
    )


def _session(row: Row[Any]) -> Session:
    return Session(
        name=row.name,
        started_at=parse_time(row.started_at),
        ended_at=None if row.ended_at is None else parse_time(row.ended_at),
    )
