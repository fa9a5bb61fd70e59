"""open_store: which database a URL (or its absence) means, and clear refusals of bad ones."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.store import ResultsStore, SQLAlchemyResultsStore, StoreError, database_url, open_store
from tests.store.factories import make_record

ROOT = Path(__file__).parents[2]


def test_no_url_and_no_environment_means_a_file_in_the_data_folder(
    private_data_folder: Path,
) -> None:
    expected = private_data_folder / "rapport" / "results.db"
    assert database_url(None) == f"sqlite:///{expected}"
    store = open_store(None)
    assert store.record(make_record()).stored
    store.close()
    assert expected.is_file()
    assert (private_data_folder / "rapport").is_dir()


def test_the_environment_variable_names_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAPPORT_DB", f"sqlite:///{tmp_path / 'team.db'}")
    store = open_store(None, outbox_path=tmp_path / "outbox")
    store.record(make_record())
    store.close()
    assert (tmp_path / "team.db").is_file()


def test_an_explicit_url_wins_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAPPORT_DB", f"sqlite:///{tmp_path / 'env.db'}")
    assert database_url(f"sqlite:///{tmp_path / 'arg.db'}").endswith("arg.db")


def test_the_store_fills_the_results_store_role(tmp_path: Path) -> None:
    store: ResultsStore = open_store(f"sqlite:///{tmp_path / 'r.db'}", outbox_path=tmp_path)
    assert isinstance(store, SQLAlchemyResultsStore)
    store.close()


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("not a url at all", "cannot be read"),
        ("mysql://user:hunter2@host/db", "does not support"),
        ("oracle://scott:tiger@host/db", "does not support"),
        ("postgresql+psycopg2://u:hunter2@host/db", "postgresql+psycopg://"),
        ("sqlite+aiosqlite:///x.db", "driver"),
        ("/tmp/results.db", "sqlite:////tmp/results.db"),
    ],
)
def test_a_bad_url_is_a_clear_error_without_the_password(url: str, says: str) -> None:
    with pytest.raises(StoreError) as caught:
        open_store(url)
    message = str(caught.value)
    assert says in message
    assert "hunter2" not in message and "tiger" not in message
    assert "\n" not in message


def test_a_missing_folder_for_an_sqlite_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(f"sqlite:///{tmp_path / 'no' / 'such' / 'results.db'}")


def test_plain_postgresql_urls_use_the_installed_driver(tmp_path: Path) -> None:
    store = SQLAlchemyResultsStore(
        "postgresql://u:p@127.0.0.1:9/db", outbox_path=tmp_path / "outbox"
    )
    assert store.url.drivername == "postgresql+psycopg"
    store.close()


def test_an_in_memory_database_works_for_tests_and_demos(tmp_path: Path) -> None:
    store = open_store("sqlite://", outbox_path=tmp_path)
    assert store.record(make_record()).stored
    assert len(store.leaderboard()) == 1
    assert store.warnings() == []
    store.close()


@pytest.mark.parametrize("url", ["", "  ", "\t"])
def test_an_empty_url_is_an_error_not_the_default_database(
    url: str, private_data_folder: Path
) -> None:
    with pytest.raises(StoreError, match="the database URL is empty"):
        open_store(url)
    assert not (private_data_folder / "rapport").exists()


def test_an_empty_environment_variable_means_the_default(
    private_data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAPPORT_DB", " ")
    expected = private_data_folder / "rapport" / "results.db"
    assert database_url(None) == f"sqlite:///{expected}"


def test_importing_the_store_does_not_load_sqlalchemy() -> None:
    code = "import sys, game.store, game.store.export; print('sqlalchemy' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "False"
