"""The store's hot paths on the driver's own connection: statements compiled once, run bare.

Recording a result and reading a kept board are one statement each. Built and
executed through SQLAlchemy every time, their Python overhead is many times
the database's own work (about 0.8 ms against 0.02 ms for a board on SQLite),
so they are compiled once per dialect from the same SQLAlchemy Core
statements and run on one DBAPI connection the store keeps checked out of
its pool, in autocommit mode (on PostgreSQL one round trip instead of BEGIN,
the statement and COMMIT). Driver errors come out as SQLAlchemy's
DBAPIError, as from any other path.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import SingletonThreadPool
from sqlalchemy.sql import ClauseElement


@dataclass(frozen=True, slots=True)
class Prepared:
    """A statement's SQL for one dialect, with positional placeholders in `positions` order."""

    sql: str
    positions: tuple[str, ...]
    fixed: Mapping[str, Any]  # parameters the compiler added (SQLite's OFFSET 0)

    def parameters(self, values: Mapping[str, Any]) -> tuple[Any, ...]:
        fixed = self.fixed
        return tuple(values[name] if name in values else fixed[name] for name in self.positions)


def prepare(statement: ClauseElement, dialect: Dialect, **options: Any) -> Prepared:
    """Compile `statement` once for `dialect` (options as for `ClauseElement.compile`).

    Positional placeholders (SQLite's "?", psycopg's "%s") bind from a tuple,
    the cheapest way into either driver.
    """
    if dialect.paramstyle not in ("qmark", "format"):
        make: Any = type(dialect)
        dialect = make(paramstyle="format")
    compiled = statement.compile(dialect=dialect, **options)
    positions = compiled.positiontup  # type: ignore[attr-defined]
    assert positions is not None, "a positional paramstyle gives the parameters' order"
    fixed = {k: v for k, v in compiled.params.items() if v is not None}
    return Prepared(compiled.string, tuple(positions), fixed)


class HotConnection:
    """One pooled connection kept for the hot statements, autocommitting; thread-safe.

    Each statement commits on its own. A connection the server dropped, or any
    driver error, gives the connection back (thrown away when lost) and the
    next statement takes a fresh one. An in-memory SQLite database has one
    connection per thread, so there each statement takes its thread's.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._fairy: Any = None
        self._lock = threading.Lock()
        self._hold = not isinstance(engine.pool, SingletonThreadPool)
        self._postgres = engine.dialect.name == "postgresql"

    def execute(self, sql: str, parameters: tuple[Any, ...]) -> int:
        """Run a write; its row count."""
        return int(self._run(sql, parameters, fetch=False))

    def fetch(self, sql: str, parameters: tuple[Any, ...]) -> list[Any]:
        """Run a read; its rows."""
        rows: list[Any] = self._run(sql, parameters, fetch=True)
        return rows

    def _run(self, sql: str, parameters: tuple[Any, ...], *, fetch: bool) -> Any:
        dialect = self.engine.dialect
        with self._lock:
            fairy = self._fairy or self._take()
            cursor = None
            try:
                cursor = fairy.cursor()
                cursor.execute(sql, parameters)
                found = cursor.fetchall() if fetch else cursor.rowcount
                cursor.close()
            except dialect.loaded_dbapi.Error as error:
                gone = dialect.is_disconnect(error, fairy.dbapi_connection, cursor)
                self._give_back(fairy, lost=gone, error=error)
                raise DBAPIError.instance(
                    sql,
                    parameters,
                    error,
                    dialect.loaded_dbapi.Error,
                    hide_parameters=True,
                    connection_invalidated=gone,
                ) from None
            except BaseException:
                self._give_back(fairy, lost=True)  # interrupted mid-statement: state unknown
                raise
            if not self._hold:
                self._give_back(fairy, lost=False)
            return found

    def release(self) -> None:
        """Give the kept connection back to the pool (before a dispose, on close)."""
        with self._lock:
            if self._fairy is not None:
                self._give_back(self._fairy, lost=False)

    def _take(self) -> Any:
        fairy: Any = self.engine.raw_connection()
        if self._postgres:
            fairy.driver_connection.autocommit = True
        # SQLite connections are already in the sqlite3 module's autocommit mode
        # (see schema.take_over_sqlite_transactions).
        if self._hold:
            self._fairy = fairy
        return fairy

    def _give_back(self, fairy: Any, *, lost: bool, error: BaseException | None = None) -> None:
        if fairy is self._fairy:
            self._fairy = None
        if not lost and self._postgres:
            try:
                fairy.driver_connection.autocommit = False
            except Exception:  # a connection in an unknown state is not reused
                lost = True
        if lost:
            fairy.invalidate(error)
        fairy.close()
