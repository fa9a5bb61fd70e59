"""Live tests: a private RAPPORT_HOME, a fresh SQLite store and hosts on 127.0.0.1 only."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from game.live.host import LiveHost
from game.live.names import NameFilter
from game.live.session import Plan
from game.store import SQLAlchemyResultsStore

StartHost = Callable[..., LiveHost]


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings, word lists, the data folder and the outbox stay in a temp folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("RAPPORT_HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("RAPPORT_DB", raising=False)
    return home


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'results.db'}"


@pytest.fixture
def store(db_url: str, tmp_path: Path) -> Iterator[SQLAlchemyResultsStore]:
    made = SQLAlchemyResultsStore(db_url, outbox_path=tmp_path / "outbox")
    yield made
    made.close()


@pytest.fixture
def start_host(store: SQLAlchemyResultsStore) -> Iterator[StartHost]:
    """Start LiveHosts on 127.0.0.1 with any free port; every one is stopped afterwards."""
    started: list[LiveHost] = []

    def start(plan: Plan, **options: Any) -> LiveHost:
        options.setdefault("session", "Monday meeting")
        options.setdefault("names", NameFilter.from_lines(["badword"]))
        host = LiveHost(plan, options.pop("results", store), bind="127.0.0.1", port=0, **options)
        host.start()
        started.append(host)
        return host

    yield start
    for host in started:
        if not host._stopped:
            host.stop(timeout_s=30)
