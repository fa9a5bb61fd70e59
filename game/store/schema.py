"""The results database's tables and the migrations that build them, one transaction each.

SQLAlchemy Core only (no ORM). A migration and its version bump commit
together or not at all, so a database is always at exactly one schema version.
The tables below are the current shape; a future change adds a migration that
alters them rather than editing an old migration's effect.

From version 3 the database keeps its boards itself: a trigger on `results`
updates each player's bests (`best_results`) and the module boards that are
in use (`module_bests`) in the same statement that inserts the result. So
recording a result is one INSERT, whoever writes it, and a board is read
from an index, not computed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Engine,
    Float,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Select,
    String,
    Table,
    Text,
    cast,
    event,
    false,
    func,
    insert,
    inspect,
    literal,
    select,
    text,
    update,
)

from game.store.records import ALL_SCENARIOS, StoreError

# The boards kept up to date on every write: the value each one ranks by.
BOARDS: tuple[str, ...] = ("overall", "empathy", "anticipation", "upsell")
WRITE = "rapport_write"  # execution option: on SQLite, begin with BEGIN IMMEDIATE
READ = "rapport_read"  # execution option: on SQLite, no transaction (one statement, one snapshot)
_PG_MIGRATION_LOCK = 0x52415050  # advisory lock id ("RAPP") held while migrating
# Two-number advisory locks (class, hashtext(player)) serialise one player's writes.
_PG_PLAYER_LOCK_CLASS = 0x52415051
MAX_MODULE_BOARDS = 200  # module boards kept by the database; more are computed when read
TRIGGER = "rapport_keep_boards"  # the trigger (and, on PostgreSQL, its function)

metadata = MetaData()


def _results_table(meta: MetaData, *, with_untimed: bool) -> Table:
    columns: list[Column[Any]] = [
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
    ]
    indexes = [
        Index("ix_results_scenario_played", "scenario", "played_at"),
        Index("ix_results_played", "played_at"),
        Index("ix_results_session", "session", "played_at"),
    ]
    if with_untimed:  # version 4: played with a timer switched off in the settings
        columns.append(Column("untimed", Boolean, nullable=False, server_default=false()))
        # The few untimed results, so a module board marks its players without reading
        # every result (a partial index: it holds only the untimed rows).
        # Written as each database's SQL says the column is true, so its planner sees
        # that a query's `untimed` term selects this index.
        indexes.append(
            Index(
                "ix_results_untimed",
                "id",
                sqlite_where=text("untimed = 1"),
                postgresql_where=text("untimed"),
            )
        )
    return Table("results", meta, *columns, *indexes)


results = _results_table(metadata, with_untimed=True)

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


def _best_results_table(meta: MetaData, *, with_percents: bool) -> Table:
    columns = [
        Column("board", String(16), nullable=False),
        Column("scenario", String(200), nullable=False),
        Column("player", String(200), nullable=False),
        Column("result_id", String(32), nullable=False),
        Column("score", Float, nullable=False),
        Column("seconds", Float, nullable=False),
        Column("played_at", String(32), nullable=False),
    ]
    if with_percents:  # version 3: the best result's percents, so module boards need no join
        columns += [Column(name, Float) for name in BOARDS]
    table = Table(
        "best_results",
        meta,
        *columns,
        PrimaryKeyConstraint("board", "scenario", "player", name="pk_best_results"),
    )
    Index(
        "ix_best_results_rank",
        table.c.board,
        table.c.scenario,
        table.c.score.desc(),
        table.c.seconds,
        table.c.played_at,
        table.c.result_id,
    )
    return table


# Each player's best result per board and scenario (and across all scenarios),
# kept current by every write, so a board reads ten index entries instead of
# ranking every result: the board query costs the same at a million results.
best_results = _best_results_table(metadata, with_percents=True)

# The module boards the database keeps: a module is known by its set of
# scenarios (`module_key`), registered the first time its board is read.
module_boards = Table(
    "module_boards",
    metadata,
    Column("module_key", String(64), primary_key=True),
    Column("scenarios", Integer, nullable=False),  # how many scenarios the module has
)

board_modules = Table(
    "board_modules",
    metadata,
    Column("scenario", String(200), nullable=False),
    Column("module_key", String(64), nullable=False),
    PrimaryKeyConstraint("scenario", "module_key", name="pk_board_modules"),
)
Index("ix_board_modules_module", board_modules.c.module_key, board_modules.c.scenario)

# Per player and module board: over the scenarios of the module the player has
# a best in, how many, the sum of those bests in tenths of a percent (exact:
# percents have one decimal), the seconds they took and when the latest was
# played; and, for the line shown, each competency's sum in tenths over the
# bests that assess it and how many do. A player is on the board when
# `scenarios` is the module's count. A board is one index range of this table.
module_bests = Table(
    "module_bests",
    metadata,
    Column("board", String(16), nullable=False),
    Column("module_key", String(64), nullable=False),
    Column("player", String(200), nullable=False),
    Column("scenarios", Integer, nullable=False),
    Column("tenths", BigInteger, nullable=False),
    Column("seconds", Float, nullable=False),
    Column("latest", String(32), nullable=False),
    *(
        column
        for name in BOARDS
        for column in (
            Column(f"{name}_tenths", BigInteger),
            Column(f"{name}_count", Integer, nullable=False),
        )
    ),
    PrimaryKeyConstraint("board", "module_key", "player", name="pk_module_bests"),
)
Index(
    "ix_module_bests_rank",
    module_bests.c.board,
    module_bests.c.module_key,
    module_bests.c.scenarios,
    module_bests.c.tenths.desc(),
    module_bests.c.seconds,
    module_bests.c.latest,
    module_bests.c.player,
)

OUR_TABLES = frozenset(
    {
        "results",
        "sessions",
        "schema_version",
        "best_results",
        "module_boards",
        "board_modules",
        "module_bests",
    }
)


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
    """Fill `best_results` (as version 2 has it) from `results`: the winners writes keep."""
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


def module_key(scenarios: Iterable[str]) -> str:
    """The name of a module board: the same set of scenarios is the same board."""
    text_ = "\n".join(sorted(set(scenarios)))
    return hashlib.sha256(text_.encode("utf-8")).hexdigest()[:40]


def module_rows(scenarios: Iterable[str], key: str) -> Select[Any]:
    """Every player's `module_bests` rows for a module, computed from `best_results`."""
    best = best_results.c
    sums = []
    for name in BOARDS:
        sums.append(func.sum(_tenths(best[name])).label(f"{name}_tenths"))
        sums.append(func.count(best[name]).label(f"{name}_count"))
    return (
        select(
            best.board,
            literal(key).label("module_key"),
            best.player,
            func.count().label("scenarios"),
            func.sum(_tenths(best.score)).label("tenths"),
            func.sum(best.seconds).label("seconds"),
            func.max(best.played_at).label("latest"),
            *sums,
        )
        .where(best.scenario.in_(sorted(set(scenarios))))
        .group_by(best.board, best.player)
    )


def _tenths(value: Any) -> Any:
    return cast(func.round(value * 10), BigInteger)


def _create_results(conn: Connection) -> None:
    """Version 1: results, sessions and the version table itself."""
    first = MetaData()
    _results_table(first, with_untimed=False).create(conn)
    metadata.create_all(conn, tables=[sessions, schema_version])
    conn.execute(insert(schema_version).values(version=0))


def _create_best_results(conn: Connection) -> None:
    """Version 2: the per-player bests that make boards fast, built from existing results."""
    _best_results_table(MetaData(), with_percents=False).create(conn)
    rebuild_best_results(conn)


def _keep_boards_in_the_database(conn: Connection) -> None:
    """Version 3: bests carry their percents, module boards, and a trigger that keeps
    every board as results arrive."""
    for name in BOARDS:
        conn.execute(text(f"ALTER TABLE best_results ADD COLUMN {name} FLOAT"))
    percents = ", ".join(BOARDS)
    conn.execute(
        text(
            f"UPDATE best_results SET ({percents}) = (SELECT {percents} FROM results "
            "WHERE results.id = best_results.result_id)"
        )
    )
    metadata.create_all(conn, tables=[module_boards, board_modules, module_bests])
    if conn.dialect.name == "postgresql":
        conn.execute(text(_POSTGRESQL_FUNCTION))
        conn.execute(
            text(
                f"CREATE TRIGGER {TRIGGER} AFTER INSERT ON results "
                f"FOR EACH ROW EXECUTE FUNCTION {TRIGGER}()"
            )
        )
    else:
        conn.execute(text(_SQLITE_TRIGGER))


def _mark_untimed_results(conn: Connection) -> None:
    """Version 4: a result says whether it was played with a timer switched off; every
    earlier result was timed."""
    conn.execute(text("ALTER TABLE results ADD COLUMN untimed BOOLEAN NOT NULL DEFAULT FALSE"))
    true = "untimed" if conn.dialect.name == "postgresql" else "untimed = 1"  # as queries say it
    conn.execute(text(f"CREATE INDEX ix_results_untimed ON results (id) WHERE {true}"))
    if conn.dialect.name == "postgresql":  # fresh statistics, so the planner uses the indexes
        conn.execute(text("ANALYZE results"))
        conn.execute(text("ANALYZE best_results"))


Migration = Callable[[Connection], None]
# Position + 1 is the version a migration brings the database to.
MIGRATIONS: tuple[Migration, ...] = (
    _create_results,
    _create_best_results,
    _keep_boards_in_the_database,
    _mark_untimed_results,
)
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
    options = conn.get_execution_options()
    if options.get(READ, False):
        return
    conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get(WRITE, False) else "BEGIN")


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


# -- the trigger that keeps the boards ---------------------------------------------------------
# The same rule as `_better` in the store and `rebuild_best_results`: a higher
# score wins, then fewer seconds, then the earlier result, then the smaller id.
def _better(new: str, old: str) -> str:
    return (
        f"{new}.score > {old}.score OR ({new}.score = {old}.score AND "
        f"({new}.seconds < {old}.seconds OR ({new}.seconds = {old}.seconds AND "
        f"({new}.played_at < {old}.played_at OR ({new}.played_at = {old}.played_at AND "
        f"{new}.result_id < {old}.result_id)))))"
    )


_BEST_COLUMNS = (
    "board, scenario, player, result_id, score, seconds, played_at, "
    "overall, empathy, anticipation, upsell"
)
_NEW_BEST = (
    "v.board, s.scope, NEW.player, NEW.id, v.score, NEW.seconds, NEW.played_at, "
    "NEW.overall, NEW.empathy, NEW.anticipation, NEW.upsell"
)
_KEPT = ("result_id", "score", "seconds", "played_at", *BOARDS)
_KEEP_BEST_SET = ", ".join(f"{name} = excluded.{name}" for name in _KEPT)
_MODULE_COLUMNS = ", ".join(c.name for c in module_bests.c)
_MODULE_SUMS = ", ".join(
    f"sum(CAST(round(b.{name} * 10) AS BIGINT)), count(b.{name})" for name in BOARDS
)
_MODULE_SET = ", ".join(
    f"{c.name} = excluded.{c.name}"
    for c in module_bests.c
    if c.name not in ("board", "module_key", "player")
)
# CROSS JOIN fixes the join order on SQLite (the planner would otherwise walk
# every best to avoid a sort): from the inserted result's scenario to its modules,
# their scenarios, and this player's bests there.
_MODULE_RECOUNT = """
INSERT INTO module_bests ({columns})
SELECT b.board, m.module_key, NEW.player, count(*),
       sum(CAST(round(b.score * 10) AS BIGINT)), sum(b.seconds), max(b.played_at), {sums}
FROM board_modules AS mine
CROSS JOIN board_modules AS m
CROSS JOIN {boards}
CROSS JOIN best_results AS b
WHERE mine.scenario = NEW.scenario AND m.module_key = mine.module_key
  AND b.board = v.board AND b.scenario = m.scenario AND b.player = NEW.player
GROUP BY b.board, m.module_key
ON CONFLICT (board, module_key, player) DO UPDATE SET {set_}"""

_SQLITE_TRIGGER = f"""
CREATE TRIGGER {TRIGGER} AFTER INSERT ON results
BEGIN
INSERT INTO best_results ({_BEST_COLUMNS})
SELECT {_NEW_BEST}
FROM (SELECT 'overall' AS board, NEW.overall AS score
      UNION ALL SELECT 'empathy', NEW.empathy
      UNION ALL SELECT 'anticipation', NEW.anticipation
      UNION ALL SELECT 'upsell', NEW.upsell) AS v
CROSS JOIN (SELECT NEW.scenario AS scope UNION ALL SELECT '{ALL_SCENARIOS}') AS s
WHERE v.score IS NOT NULL
ON CONFLICT (board, scenario, player) DO UPDATE SET {_KEEP_BEST_SET}
WHERE {_better("excluded", "best_results")};
{
    _MODULE_RECOUNT.format(
        boards="(SELECT 'overall' AS board UNION ALL SELECT 'empathy' "
        "UNION ALL SELECT 'anticipation' UNION ALL SELECT 'upsell') AS v",
        set_=_MODULE_SET,
        columns=_MODULE_COLUMNS,
        sums=_MODULE_SUMS,
    )
};
END
"""

# PostgreSQL: one player's results are kept one transaction at a time (an
# advisory lock on the player), so each statement below sees that player's
# earlier bests committed and a module board is never summed from stale rows.
_POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $body$
BEGIN
PERFORM pg_advisory_xact_lock({_PG_PLAYER_LOCK_CLASS}, hashtext(NEW.player));
INSERT INTO best_results AS kept ({_BEST_COLUMNS})
SELECT {_NEW_BEST}
FROM (VALUES ('overall', NEW.overall), ('empathy', NEW.empathy),
             ('anticipation', NEW.anticipation), ('upsell', NEW.upsell)) AS v (board, score)
CROSS JOIN (VALUES (NEW.scenario), ('{ALL_SCENARIOS}')) AS s (scope)
WHERE v.score IS NOT NULL
ON CONFLICT (board, scenario, player) DO UPDATE SET {_KEEP_BEST_SET}
WHERE {_better("excluded", "kept")};
{
    _MODULE_RECOUNT.format(
        boards="(VALUES ('overall'), ('empathy'), ('anticipation'), ('upsell')) AS v (board)",
        set_=_MODULE_SET,
        columns=_MODULE_COLUMNS,
        sums=_MODULE_SUMS,
    )
};
RETURN NULL;
END
$body$
"""
