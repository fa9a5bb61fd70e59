"""The store's hot paths on the driver's own connection: statements compiled once, run bare.

Recording a result and reading a kept board are one statement each. Built and
executed through SQLAlchemy every time, their Python overhead is many times
the database's own work (about 0.8 ms against 0.02 ms for a board on SQLite),
so they are compiled once per dialect from the same SQLAlchemy Core
statements and run on the pooled DBAPI connection, autocommitting (on
PostgreSQL one round trip instead of BEGIN, the statement and COMMIT).
Driver errors come out as SQLAlchemy's DBAPIError, as from any other path.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import ClauseElement


@dataclass(frozen=True, slots=True)
class Prepared:
    """A statement's SQL for one dialect, and how its parameters are passed."""

    sql: str
    positions: tuple[str, ...] | None  # "?" placeholders in this order; None: named
    fixed: Mapping[str, Any]  # parameters the compiler added (SQLite's OFFSET 0)

    def parameters(self, values: Mapping[str, Any]) -> Any:
        merged = {**self.fixed, **values}
        if self.positions is None:
            return merged
        return tuple(merged[name] for name in self.positions)


def prepare(statement: ClauseElement, dialect: Dialect, **options: Any) -> Prepared:
    """Compile `statement` once for `dialect` (options as for `ClauseElement.compile`)."""
    compiled = statement.compile(dialect=dialect, **options)
    positions = compiled.positiontup  # type: ignore[attr-defined]
    fixed = {k: v for k, v in compiled.params.items() if v is not None}
    return Prepared(compiled.string, None if positions is None else tuple(positions), fixed)


@contextmanager
def driver_cursor(engine: Engine) -> Iterator[Any]:
    """A cursor on a pooled connection in autocommit mode: each statement commits itself.

    A connection the server dropped is thrown away (not returned to the pool);
    every driver error is raised as DBAPIError, `connection_invalidated` set
    when the connection was lost.
    """
    dialect = engine.dialect
    fairy = engine.raw_connection()
    driver = fairy.driver_connection
    # SQLite connections are always in the sqlite3 module's autocommit mode here
    # (see schema.take_over_sqlite_transactions); psycopg's is a flag.
    toggled = dialect.name == "postgresql"
    cursor = None
    try:
        if toggled:
            driver.autocommit = True  # type: ignore[union-attr]
        cursor = fairy.cursor()
        yield cursor
        cursor.close()
        if toggled:
            driver.autocommit = False  # type: ignore[union-attr]
    except dialect.loaded_dbapi.Error as error:
        gone = dialect.is_disconnect(error, fairy.dbapi_connection, cursor)
        if not gone and toggled:
            try:
                driver.autocommit = False  # type: ignore[union-attr]
            except Exception:  # a connection in an unknown state is not reused
                gone = True
        if gone:
            fairy.invalidate(error)
        raise DBAPIError.instance(
            None, None, error, dialect.loaded_dbapi.Error, connection_invalidated=gone
        ) from None
    finally:
        fairy.close()
