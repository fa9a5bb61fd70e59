"""Fixtures for the results store: a fresh SQLite file or PostgreSQL schema per test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, make_url, text

from game.store import SQLAlchemyResultsStore
from tests.tools import POSTGRES_ENV, require


def postgres_base_url() -> str:
    """The test server's URL (`make test` starts one); skips with an install hint without."""
    require("postgresql")
    return os.environ[POSTGRES_ENV]


@pytest.fixture(autouse=True)
def private_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every default (data folder, outbox, RAPPORT_DB) away from the real user's."""
    folder = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    monkeypatch.delenv("RAPPORT_DB", raising=False)
    return folder


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL whose connections see only a new, empty schema (dropped afterwards)."""
    base = postgres_base_url()
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base, pool_pre_ping=True)  # tests may cut its connections
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same contract runs against an SQLite file and a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'results.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


StoreFactory = Callable[..., SQLAlchemyResultsStore]


@pytest.fixture
def make_store(tmp_path: Path) -> Iterator[StoreFactory]:
    """Build stores (outbox in tmp_path/outbox unless given); all closed afterwards."""
    made: list[SQLAlchemyResultsStore] = []

    def make(url: str, **options: Any) -> SQLAlchemyResultsStore:
        options.setdefault("outbox_path", tmp_path / "outbox")
        store = SQLAlchemyResultsStore(url, **options)
        made.append(store)
        return store

    yield make
    for store in made:
        store.close()


@pytest.fixture
def store(database_url: str, make_store: StoreFactory) -> SQLAlchemyResultsStore:
    return make_store(database_url)
