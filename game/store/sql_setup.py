"""Connecting to a results database, and what its errors mean, in sentences for people.

The SQL store's setup and error translation: a URL checked and turned into an
engine (SQLite or PostgreSQL, with the waits that bound a write), and every
error a driver, SQLAlchemy or the file system can raise read as one
`Problem`: whether trying again may help, and what to tell the user.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import URL, Dialect, Engine, create_engine, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DatabaseError,
    DBAPIError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)

from game.store.records import StoreError
from game.store.schema import ForeignDatabaseError, NewerSchemaError, take_over_sqlite_transactions

CONNECT_TIMEOUT_S = 3  # seconds PostgreSQL may take to answer a new connection
SUPPORTED_BACKENDS = ("sqlite", "postgresql")
URL_HINT = "use sqlite:///PATH/results.db or postgresql+psycopg://USER:PASSWORD@HOST/DATABASE"


@dataclass(frozen=True, slots=True)
class Problem:
    """What went wrong: whether another try may help, and a sentence for the user."""

    retry: bool
    message: str


def parse_database_url(url: str) -> URL:
    """The SQLAlchemy URL for `url`, or StoreError saying what a good one looks like."""
    hint = URL_HINT
    if not isinstance(url, str) or not url.strip():
        raise StoreError(f"the database URL is empty; {hint}")
    if "://" not in url:
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


def quiet_driver_logs() -> None:
    """Keep the drivers' own warnings (psycopg's "the connection is lost" while a server
    restarts) off the user's terminal: the store reports what matters in its own words.

    A NullHandler only stops Python's last-resort printing; a program that sets
    up logging still receives these records.
    """
    for name in ("psycopg", "sqlalchemy.pool"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())


def create_store_engine(url: URL, where: str, busy_timeout_s: float) -> Engine:
    """The engine for a checked URL: SQLite with its busy wait, PostgreSQL without pings."""
    try:
        if url.get_backend_name() == "sqlite":
            engine = create_engine(url, connect_args={"timeout": busy_timeout_s})
            take_over_sqlite_transactions(engine)
            return engine
        quiet_driver_logs()
        # No pre-ping (a round trip on every use): a connection a restarted
        # server dropped fails once, is thrown away, and the work is retried.
        return create_engine(url, connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    except (ArgumentError, NoSuchModuleError, ImportError) as error:
        raise StoreError(
            f"the database URL {where!r} cannot be used ({error}); {URL_HINT}"
        ) from None


def use_wal(engine: Engine) -> None:
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


def problem_of(error: BaseException, where: str, dialect: Dialect, *, sqlite_file: bool) -> Problem:
    """Read any error met while using the database at `where` as a Problem."""
    if isinstance(error, NewerSchemaError):
        return Problem(False, f"the results database {where} {error}")
    if isinstance(error, ForeignDatabaseError):
        return Problem(
            False,
            f"{where} is not a Rapport results database ({error}); it was left untouched",
        )
    if isinstance(error, StoreError):
        return Problem(False, str(error))
    if isinstance(error, OSError):
        return Problem(False, f"the results database {where} cannot be used ({error})")
    if isinstance(error, UnicodeError):
        return Problem(False, f"the results database {where} cannot store that text")
    dbapi = getattr(dialect, "loaded_dbapi", None)
    if dbapi is not None and isinstance(error, dbapi.Error):
        gone = dialect.is_disconnect(error, None, None)
        error = DBAPIError.instance(None, None, error, dbapi.Error, connection_invalidated=gone)
    if not isinstance(error, SQLAlchemyError):
        return Problem(
            False,
            f"the results store failed unexpectedly ({type(error).__name__}: {error}); "
            "please report this",
        )
    detail = (str(getattr(error, "orig", None) or error).strip().splitlines() or [""])[0]
    lowered = detail.lower()
    if isinstance(error, OperationalError) and ("locked" in lowered or "busy" in lowered):
        return Problem(True, f"the results database {where} is busy (another program is writing)")
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return Problem(True, f"the connection to the results database {where} was lost")
    if (
        sqlite_file
        and isinstance(error, DatabaseError)
        and ("not a database" in lowered or "malformed" in lowered or "corrupt" in lowered)
    ):
        return Problem(
            False,
            f"the results database file {where} is damaged or is not a Rapport database "
            f"({detail}); it was left untouched, so ask your trainer to move it aside",
        )
    if isinstance(error, OperationalError):
        return Problem(True, f"the results database {where} cannot be reached ({detail})")
    return Problem(False, f"the results database {where} refused the request ({detail})")
