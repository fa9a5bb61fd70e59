"""Results that cannot be stored now wait in the outbox and are sent exactly once later."""

from __future__ import annotations

import json
import os
import random
import sqlite3
from pathlib import Path

import pytest

from game.store import open_store
from game.store.outbox import Outbox
from game.store.schema import SCHEMA_VERSION
from tests.store.conftest import StoreFactory
from tests.store.factories import make_record

DAMAGED_CONTENTS = {
    "random-bytes": random.Random(7).randbytes(8192),
    "text-file": b"These are my notes, not a database.\n" * 40,
    "truncated-header": b"SQLite format 3\x00" + b"\x00" * 40,
}


@pytest.mark.parametrize("kind", sorted(DAMAGED_CONTENTS))
def test_damaged_database_file_keeps_the_result_in_the_outbox_and_is_never_touched(
    tmp_path: Path, make_store: StoreFactory, kind: str
) -> None:
    path = tmp_path / "results.db"
    path.write_bytes(DAMAGED_CONTENTS[kind])
    before = path.read_bytes()
    store = make_store(f"sqlite:///{path}")
    outcome = store.record(make_record("Ann", overall=70.0))
    assert (outcome.stored, outcome.queued) == (False, True)
    assert outcome.message is not None
    assert str(path) in outcome.message
    assert "damaged or is not a Rapport database" in outcome.message
    assert "left untouched" in outcome.message
    assert "\n" not in outcome.message and "Traceback" not in outcome.message
    assert path.read_bytes() == before
    assert store.pending() == 1
    assert not (tmp_path / "results.db-wal").exists()


def test_queued_result_is_sent_exactly_once_when_the_database_works_again(
    tmp_path: Path, make_store: StoreFactory
) -> None:
    path = tmp_path / "results.db"
    path.write_bytes(DAMAGED_CONTENTS["text-file"])
    store = make_store(f"sqlite:///{path}")
    record = make_record("Ann", overall=70.0)
    assert store.record(record).queued
    assert store.flush_outbox() == 0  # still damaged: nothing sent, nothing lost
    assert store.pending() == 1
    path.rename(tmp_path / "results.db.damaged")  # what a trainer does
    assert store.flush_outbox() == 1
    assert store.flush_outbox() == 0
    assert store.pending() == 0
    assert [r.id for r in store.all_results()] == [record.id]
    assert (tmp_path / "results.db.damaged").read_bytes() == DAMAGED_CONTENTS["text-file"]


def test_the_next_recorded_result_sends_the_queued_ones_too(
    tmp_path: Path, make_store: StoreFactory
) -> None:
    path = tmp_path / "results.db"
    path.write_bytes(DAMAGED_CONTENTS["random-bytes"])
    store = make_store(f"sqlite:///{path}")
    first = make_record("Ann", overall=10.0)
    assert store.record(first).queued
    path.unlink()
    second = make_record("Bob", overall=20.0)
    assert store.record(second).stored
    assert store.pending() == 0
    assert {r.id for r in store.all_results()} == {first.id, second.id}


def test_opening_the_store_sends_queued_results(tmp_path: Path) -> None:
    path = tmp_path / "results.db"
    path.write_bytes(DAMAGED_CONTENTS["text-file"])
    url = f"sqlite:///{path}"
    queued = open_store(url, outbox_path=tmp_path / "outbox")
    assert queued.record(make_record()).queued
    queued.close()
    path.unlink()
    reopened = open_store(url, outbox_path=tmp_path / "outbox")
    assert reopened.pending() == 0
    assert len(list(reopened.all_results())) == 1
    reopened.close()


def test_an_entry_already_in_the_database_is_not_counted_twice(
    tmp_path: Path, make_store: StoreFactory
) -> None:
    # A crash between the insert and removing the outbox file sends it again later.
    store = make_store(f"sqlite:///{tmp_path / 'results.db'}")
    record = make_record()
    assert store.record(record).stored
    store.outbox.put(record)
    assert store.flush_outbox() == 0
    assert store.pending() == 0
    assert len(list(store.all_results())) == 1


def test_entries_for_another_database_wait_for_that_database(
    tmp_path: Path, make_store: StoreFactory
) -> None:
    outbox = tmp_path / "outbox"
    Outbox(outbox, "postgresql+psycopg://team:***@db.example/rapport").put(make_record())
    store = make_store(f"sqlite:///{tmp_path / 'results.db'}", outbox_path=outbox)
    assert store.flush_outbox() == 0
    assert store.pending() == 0
    assert len(list(outbox.glob("*.json"))) == 1


def test_a_damaged_outbox_entry_is_left_alone(tmp_path: Path, make_store: StoreFactory) -> None:
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    junk = outbox / "0123.json"
    junk.write_bytes(b"\x00\xffnot json")
    store = make_store(f"sqlite:///{tmp_path / 'results.db'}", outbox_path=outbox)
    half = outbox / ".abc.tmp"  # what a crash mid-write leaves
    half.write_text('{"format": "rapport-outbox"', encoding="utf-8")
    assert store.record(make_record()).stored
    assert store.flush_outbox() == 0
    assert junk.read_bytes() == b"\x00\xffnot json"
    assert half.exists()


def test_an_outbox_entry_is_a_complete_json_file(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox", "sqlite:///x.db")
    record = make_record("Zoë 🎉")
    path = outbox.put(record)
    assert path.name == f"{record.id}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["target"] == "sqlite:///x.db"
    assert data["result"]["player"] == "Zoë 🎉"
    assert [e.record for e in outbox.entries()] == [record]
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp file left


def test_when_even_the_outbox_cannot_be_written_the_message_says_the_result_is_lost(
    tmp_path: Path, make_store: StoreFactory
) -> None:
    path = tmp_path / "results.db"
    path.write_bytes(DAMAGED_CONTENTS["text-file"])
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    store = make_store(f"sqlite:///{path}", outbox_path=blocker / "outbox")
    outcome = store.record(make_record())
    assert (outcome.stored, outcome.queued) == (False, False)
    assert outcome.message is not None and "was not saved" in outcome.message


def test_foreign_sqlite_database_is_refused_and_left_byte_identical(
    tmp_path: Path, make_store: StoreFactory
) -> None:
    path = tmp_path / "results.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (name TEXT)")
    conn.execute("INSERT INTO customers VALUES ('Dana')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    store = make_store(f"sqlite:///{path}")
    outcome = store.record(make_record())
    assert outcome.queued and outcome.message is not None
    assert "is not a Rapport results database" in outcome.message
    assert path.read_bytes() == before
    assert os.listdir(tmp_path).count("results.db-wal") == 0


def test_database_from_a_newer_rapport_is_refused_and_left_alone(
    tmp_path: Path, make_store: StoreFactory
) -> None:
    path = tmp_path / "results.db"
    make_store(f"sqlite:///{path}").record(make_record())
    conn = sqlite3.connect(path)
    conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    before = path.read_bytes()
    store = make_store(f"sqlite:///{path}")
    outcome = store.record(make_record("Bob"))
    assert outcome.queued and outcome.message is not None
    assert "newer Rapport" in outcome.message and "update Rapport" in outcome.message
    assert path.read_bytes() == before
