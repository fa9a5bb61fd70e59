"""The results store: where finished playthroughs are kept and boards are read.

Entry points (`run.py`, the CLI) build one store with `open_store` and pass it
in; nothing keeps a store in a module global. `SQLAlchemyResultsStore` serves
SQLite files and PostgreSQL; `MemoryResultsStore` keeps everything in memory
(tests, demos). Both fill the `ResultsStore` role and let only `StoreError`
escape. The core never imports this package, and importing it does not load
SQLAlchemy until a database store is asked for.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.store.catalogue import FolderCatalogue, ScenarioCatalogue, ScenarioShelf, ScoringBasis
from game.store.locations import DATABASE_FILE, data_folder, default_outbox_folder
from game.store.memory_store import MemoryResultsStore
from game.store.records import (
    BoardRow,
    RecordOutcome,
    ResultError,
    ResultRecord,
    Session,
    StoreError,
    Submission,
)
from game.store.role import ResultsStore

if TYPE_CHECKING:
    from game.store.sqlalchemy_store import SQLAlchemyResultsStore

DATABASE_ENV = "RAPPORT_DB"  # environment variable holding the results database URL


def __getattr__(name: str) -> Any:
    # SQLAlchemy is a large import: only commands that open a database pay for it.
    if name == "SQLAlchemyResultsStore":
        from game.store.sqlalchemy_store import SQLAlchemyResultsStore

        return SQLAlchemyResultsStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def default_database_url() -> str:
    """An SQLite file in the user's data folder (the folder is created)."""
    from sqlalchemy import URL

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
    """`url`, else the RAPPORT_DB environment variable, else the local default.

    An empty or blank `url` is an error (it is not the same as giving none); an
    empty RAPPORT_DB counts as unset.
    """
    if url is not None:
        if not url.strip():
            raise StoreError(
                "the database URL is empty; give sqlite:///PATH/results.db or "
                "postgresql+psycopg://USER:PASSWORD@HOST/DATABASE, or leave out --db "
                "to use the default database"
            )
        return url
    return os.environ.get(DATABASE_ENV, "").strip() or default_database_url()


def open_store(
    url: str | None,
    *,
    outbox_path: Path | None = None,
    scenarios: ScenarioCatalogue | None = None,
) -> ResultsStore:
    """Build the results store for `url` (see `database_url`) and send queued results.

    `scenarios` is where queued results find their scenario to be scored again;
    without it they keep waiting. Raises StoreError only for a URL that cannot
    work at all; an unreachable or damaged database is found on use, and
    results then wait in the outbox.
    """
    from game.store.sqlalchemy_store import SQLAlchemyResultsStore

    store = SQLAlchemyResultsStore(
        database_url(url),
        outbox_path=outbox_path or default_outbox_folder(),
        scenarios=scenarios,
    )
    store.flush_outbox()
    return store


__all__ = [
    "DATABASE_ENV",
    "BoardRow",
    "FolderCatalogue",
    "MemoryResultsStore",
    "RecordOutcome",
    "ResultError",
    "ResultRecord",
    "ResultsStore",
    "SQLAlchemyResultsStore",
    "ScenarioCatalogue",
    "ScenarioShelf",
    "ScoringBasis",
    "Session",
    "StoreError",
    "Submission",
    "database_url",
    "default_database_url",
    "open_store",
]
