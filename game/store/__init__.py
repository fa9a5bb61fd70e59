"""The results store role: where finished playthroughs are kept and boards are read.

Entry points (`run.py`, the CLI) build one store with `open_store` and pass it
in; nothing keeps a store in a module global. The one implementation,
`SQLAlchemyResultsStore`, serves SQLite files and PostgreSQL alike. The core
never imports this package.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy import URL

from game.core.model import Module
from game.store.locations import DATABASE_FILE, data_folder, default_outbox_folder
from game.store.records import (
    BoardRow,
    RecordOutcome,
    ResultError,
    ResultRecord,
    Session,
    StoreError,
)
from game.store.sqlalchemy_store import SQLAlchemyResultsStore

DATABASE_ENV = "RAPPORT_DB"  # environment variable holding the results database URL


class ResultsStore(Protocol):
    """What the game, the meeting screen and the CLI need from a results store."""

    def record(self, record: ResultRecord) -> RecordOutcome:
        """Store a result now or keep it in the outbox; ResultError if it is invalid."""
        ...

    def flush_outbox(self) -> int:
        """Send queued results; returns how many were new to the database."""
        ...

    def pending(self) -> int:
        """How many results wait in the outbox for this database."""
        ...

    def warnings(self) -> list[str]:
        """Sentences about risky setups (an SQLite file on a network share)."""
        ...

    def start_session(self, name: str, now: datetime) -> Session: ...

    def end_session(self, name: str, now: datetime) -> Session: ...

    def session_window(self, name: str) -> Session | None: ...

    def sessions(self) -> list[Session]: ...

    def leaderboard(
        self,
        *,
        scenario: str | None = None,
        module: Module | None = None,
        competency: str | None = None,
        session: str | None = None,
        limit: int = 10,
    ) -> list[BoardRow]: ...

    def all_results(self) -> Iterator[ResultRecord]: ...

    def recent_results(
        self,
        since: datetime,
        *,
        scenario: str | None = None,
        module: Module | None = None,
        session: str | None = None,
        limit: int = 500,
    ) -> list[ResultRecord]: ...

    def best_overalls(self, player: str) -> dict[str, float]:
        """The player's best overall percent per scenario (what passes and unlocks modules)."""
        ...

    def results_for(self, scenario: str, session: str | None = None) -> list[ResultRecord]: ...

    def close(self) -> None: ...


def default_database_url() -> str:
    """An SQLite file in the user's data folder (the folder is created)."""
    folder = data_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(
            f"the data folder {folder} cannot be created ({error.strerror or error}); "
            f"set {DATABASE_ENV} to a database URL"
        ) from None
    return URL.create("sqlite", database=str(folder / DATABASE_FILE)).render_as_string()


def database_url(url: str | None) -> str:
    """`url`, else the RAPPORT_DB environment variable, else the local default."""
    if url:
        return url
    return os.environ.get(DATABASE_ENV) or default_database_url()


def open_store(url: str | None, *, outbox_path: Path | None = None) -> ResultsStore:
    """Build the results store for `url` (see `database_url`) and send queued results.

    Raises StoreError only for a URL that cannot work at all; an unreachable or
    damaged database is found on use, and results then wait in the outbox.
    """
    store = SQLAlchemyResultsStore(
        database_url(url), outbox_path=outbox_path or default_outbox_folder()
    )
    store.flush_outbox()
    return store


__all__ = [
    "DATABASE_ENV",
    "BoardRow",
    "RecordOutcome",
    "ResultError",
    "ResultRecord",
    "ResultsStore",
    "SQLAlchemyResultsStore",
    "Session",
    "StoreError",
    "database_url",
    "default_database_url",
    "open_store",
]
