"""The results database's tables and the migrations that build them, one transaction each.

SQLAlchemy Core only (no ORM). A migration and its version bump commit
together or not at all, so a database is always at exactly one schema version.
The tables below are the current shape; a future change adds a migration that
alters them rather than editing an old migration's effect.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Engine,
    Float,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    event,
    func,
    insert,
    inspect,
    literal,
    select,
    text,
    update,
)

from game.store.records import StoreError

# The boards kept up to date on every write: the value each one ranks by.
BOARDS: tuple[str, ...] = ("overall", "empathy", "anticipation", "upsell")
ALL_SCENARIOS = "*"  # the `scenario` of the board across every scenario (never a scenario id)
WRITE = "rapport_write"  # execution option: on SQLite, begin with BEGIN IMMEDIATE
_PG_MIGRATION_LOCK = 0x52415050  # advisory lock id ("RAPP") held while migrating

metadata = MetaData()

results = Table(
    "results",
    metadata,
    Column("id", String(32), primary_key=True),  # uuid4 hex: a retried write is one row
    Column("player", String(200), nullable=False),
    Column("scenario", String(200), nullable=False),
    Column("content_hash", String(200), nullable=False),
    Column("module", String(200)),
    Column("empathy_raw", BigInteger, nullable=False),
    Column("anticipation_raw", BigInteger, nullable=False),
    Column("upsell_raw", BigInteger, nullable=False),
    Column("empathy", Float),  # percents; NULL where the competency is not assessed
    Column("anticipation", Float),
    Column("upsell", Float),
    Column("overall", Float),
    Column("ending", String(200), nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("decisions", Text, nullable=False),  # JSON list, as `play --choices` takes it
    Column("path", Text, nullable=False),  # JSON list of node ids
    Column("seconds", Float, nullable=False),
    # ISO 8601 UTC text of fixed width: sorts as time in SQLite and PostgreSQL alike.
    Column("played_at", String(32), nullable=False),
    Column("app_version", String(40), nullable=False),
    Column("session", String(240)),
    Index("ix_results_scenario_played", "scenario", "played_at"),
    Index("ix_results_played", "played_at"),
    Index("ix_results_session", "session", "played_at"),
)

sessions = Table(
    "sessions",
    metadata,
    Column("name", String(240), primary_key=True),
    Column("started_at", String(32), nullable=False),
    Column("ended_at", String(32)),
)

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, nullable=False),
)

# Each player's best result per board and scenario (and across all scenarios),
# kept current by every write, so a board reads ten index entries instead of
# ranking every result: the board query costs the same at a million results.
best_results = Table(
    "best_results",
    metadata,
    Column("board", String(16), nullable=False),
    Column("scenario", String(200), nullable=False),
    Column("player", String(200), nullable=False),
    Column("result_id", String(32), nullable=False),
    Column("score", Float, nullable=False),
    Column("seconds", Float, nullable=False),
    Column("played_at", String(32), nullable=False),
    PrimaryKeyConstraint("board", "scenario", "player", name="pk_best_results"),
)
Index(
    "ix_best_results_rank",
    best_results.c.board,
    best_results.c.scenario,
    best_results.c.score.desc(),
    best_results.c.seconds,
    best_results.c.played_at,
    best_results.c.result_id,
)

OUR_TABLES = frozenset({"results", "sessions", "schema_version", "best_results"})


class ForeignDatabaseError(StoreError):
    """The database holds something that is not (or not yet) a Rapport results database."""


class NewerSchemaError(StoreError):
    """The database was made by a newer Rapport."""


def ranking_key(board: str) -> str:
    """The results column a board ranks by."""
    if board not in BOARDS:
        raise ValueError(f"unknown board {board!r}")
    return board


def rebuild_best_results(conn: Connection) -> None:
    """Fill `best_results` from `results`: the same winner the writes keep, per board."""
    conn.execute(best_results.delete())
    for board in BOARDS:
        value = results.c[ranking_key(board)]
        for scoped in (True, False):
            partition = [results.c.scenario, results.c.player] if scoped else [results.c.player]
            ranked = (
                select(
                    (results.c.scenario if scoped else literal(ALL_SCENARIOS)).label("scenario"),
                    results.c.player,
                    results.c.id,
                    value.label("score"),
                    results.c.seconds,
                    results.c.played_at,
                    func.row_number()
                    .over(
                        partition_by=partition,
                        order_by=[
                            value.desc(),
                            results.c.seconds,
                            results.c.played_at,
                            results.c.id,
                        ],
                    )
                    .label("position"),
                )
                .where(value.is_not(None))
                .subquery()
            )
            conn.execute(
                insert(best_results).from_select(
                    ["board", "scenario", "player", "result_id", "score", "seconds", "played_at"],
                    select(
                        literal(board),
                        ranked.c.scenario,
                        ranked.c.player,
                        ranked.c.id,
                        ranked.c.score,
                        ranked.c.seconds,
                        ranked.c.played_at,
                    ).where(ranked.c.position == 1),
                )
            )


def _create_results(conn: Connection) -> None:
    """Version 1: results, sessions and the version table itself."""
    metadata.create_all(conn, tables=[results, sessions, schema_version])
    conn.execute(insert(schema_version).values(version=0))


def _create_best_results(conn: Connection) -> None:
    """Version 2: the per-player bests that make boards fast, built from existing results."""
    best_results.create(conn)
    rebuild_best_results(conn)


Migration = Callable[[Connection], None]
# Position + 1 is the version a migration brings the database to.
MIGRATIONS: tuple[Migration, ...] = (_create_results, _create_best_results)
SCHEMA_VERSION = len(MIGRATIONS)


def read_version(conn: Connection) -> int:
    """The database's schema version; 0 for an empty database.

    Raises ForeignDatabaseError for another program's tables and
    NewerSchemaError for a database this Rapport is too old for. Reads only.
    """
    tables = set(inspect(conn).get_table_names())
    if "schema_version" not in tables:
        ours = tables & OUR_TABLES
        others = {t for t in tables if not t.startswith("sqlite_")}
        if ours or (conn.dialect.name == "sqlite" and others):
            raise ForeignDatabaseError("it holds tables of another program")
        return 0
    rows = conn.execute(select(schema_version.c.version)).scalars().all()
    if len(rows) != 1 or not isinstance(rows[0], int):
        raise ForeignDatabaseError("its schema_version table is damaged")
    version = rows[0]
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"it was made by a newer Rapport (schema version {version}, this one knows "
            f"{SCHEMA_VERSION}); update Rapport"
        )
    return version


def take_over_sqlite_transactions(engine: Engine) -> None:
    """Let SQLAlchemy, not the sqlite3 module, say when and how transactions begin.

    sqlite3 (before Python 3.12) runs DDL outside any transaction and begins
    others lazily and only DEFERRED; a deferred transaction that reads and then
    writes fails with "database is locked" instead of waiting. Here every
    transaction is explicit, and writes (execution option WRITE) begin
    IMMEDIATE. Safe to call again on the same engine.
    """
    if event.contains(engine, "connect", _sqlite_autocommit):
        return
    event.listen(engine, "connect", _sqlite_autocommit)
    event.listen(engine, "begin", _sqlite_begin)


def _sqlite_autocommit(dbapi_connection: Any, record: Any) -> None:
    dbapi_connection.isolation_level = None


def _sqlite_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get(WRITE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def migrate(engine: Engine, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the database up to `len(migrations)`, one transaction per migration.

    Several programs may migrate at once: on SQLite each transaction starts with
    BEGIN IMMEDIATE (the write lock), on PostgreSQL it takes an advisory lock,
    and the version is re-read under that lock. Returns the final version.
    """
    if engine.dialect.name == "sqlite":
        take_over_sqlite_transactions(engine)
    target = len(migrations)
    with engine.connect() as conn:
        version = read_version(conn)
    while version < target:
        with engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK}
                )
            version = read_version(conn)
            if version >= target:
                break
            migrations[version](conn)
            conn.execute(update(schema_version).values(version=version + 1))
            version += 1
    return version
