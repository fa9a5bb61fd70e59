"""The file queue keeps whole entries, replaces by key, skips damage, and leaves no temp files."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from game.lrs.queue import (
    DeliveryLog,
    DeliveryState,
    FileStatementQueue,
    QueuedStatements,
    QueueError,
)

NOW = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)


def entry(key: str, n: int = 2, minutes: int = 0, note: str | None = None) -> QueuedStatements:
    statements = tuple({"id": f"{key}-{i}", "verb": {"id": "x:y"}} for i in range(n))
    return QueuedStatements(key, statements, NOW + timedelta(minutes=minutes), note)


def test_entries_come_back_whole_and_oldest_first(tmp_path: Path) -> None:
    queue = FileStatementQueue(tmp_path / "queue")
    assert list(queue.entries()) == []  # no folder yet
    queue.put(entry("b", minutes=5, note="why"))
    queue.put(entry("a", minutes=1))
    assert [e.key for e in queue.entries()] == ["a", "b"]
    assert list(queue.entries())[1] == entry("b", minutes=5, note="why")
    assert [p.name for p in (tmp_path / "queue").iterdir()] != []
    assert not [p for p in (tmp_path / "queue").iterdir() if p.suffix == ".tmp"]


def test_putting_the_same_key_again_replaces_the_entry(tmp_path: Path) -> None:
    queue = FileStatementQueue(tmp_path)
    queue.put(entry("a", n=2))
    queue.put(entry("a", n=3))
    assert [len(e.statements) for e in queue.entries()] == [3]


def test_remove_forgets_an_entry_and_tolerates_a_missing_one(tmp_path: Path) -> None:
    queue = FileStatementQueue(tmp_path)
    queue.put(entry("a"))
    queue.remove("a")
    queue.remove("a")
    assert list(queue.entries()) == []


def test_damaged_entries_are_skipped_and_left_in_place(tmp_path: Path) -> None:
    queue = FileStatementQueue(tmp_path)
    queue.put(entry("good"))
    (tmp_path / "torn.json").write_text('{"format": "rapport-lrs-queue", "vers', "utf-8")
    (tmp_path / "other.json").write_text('{"format": "something else"}', "utf-8")
    assert [e.key for e in queue.entries()] == ["good"]
    assert (tmp_path / "torn.json").exists()


def test_keys_must_be_plain_ids(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="lowercase ids"):
        FileStatementQueue(tmp_path).put(entry("../escape"))


def test_a_queue_that_cannot_write_says_so(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", "utf-8")
    with pytest.raises(QueueError, match="could not be kept"):
        FileStatementQueue(blocker / "queue").put(entry("a"))


def test_the_delivery_log_round_trips_and_starts_empty(tmp_path: Path) -> None:
    log = DeliveryLog(tmp_path / "delivery.json")
    assert log.read() == DeliveryState()
    state = DeliveryState(NOW, 12, NOW + timedelta(minutes=1), "the LRS is down")
    log.write(state)
    assert log.read() == state
    (tmp_path / "delivery.json").write_text("{broken", "utf-8")
    assert log.read() == DeliveryState()
