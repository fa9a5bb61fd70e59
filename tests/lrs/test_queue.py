"""The statement queue is the store's sealed outbox: whole entries, replaced by key, kept for
their own LRS, set aside when edited by hand, split only for very long playthroughs."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from game.lrs.delivery import open_outbox
from game.lrs.queue import (
    OUTBOX_FOLDER,
    PART_STATEMENTS,
    REFUSED_ENTRIES,
    STATEMENT_ENTRIES,
    DeliveryLog,
    DeliveryState,
    QueuedStatements,
    QueueError,
    count_playthroughs,
    count_statements,
    parts,
)
from game.store.outbox import SET_ASIDE_FOLDER

NOW = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)
LRS = "https://lrs.example.com/xapi/"
OTHER = "https://other.example.org/xapi/"


def statements(key: str, n: int = 2) -> tuple[dict[str, Any], ...]:
    return tuple({"id": f"{key}-{i}", "verb": {"id": "x:y"}} for i in range(n))


def entry(key: str, n: int = 2, note: str | None = None) -> QueuedStatements:
    return QueuedStatements(key, statements(key, n), NOW, note)


def aged(path: Path, minutes: int) -> None:
    """Make an entry file look `minutes` older (the outbox lists oldest first)."""
    moment = (NOW - timedelta(minutes=minutes)).timestamp()
    os.utime(path, (moment, moment))


def test_entries_are_sealed_outbox_files_that_come_back_whole_and_oldest_first(
    tmp_path: Path,
) -> None:
    outbox = open_outbox(LRS, tmp_path)
    assert list(outbox.pending.entries()) == []  # no folder yet
    outbox.pending.put(entry("bbb", n=3))
    outbox.pending.put(entry("aaa"))
    folder = tmp_path / OUTBOX_FOLDER
    aged(folder / "statements.aaa.json", 5)
    found = list(outbox.pending.entries())
    assert [q.item for q in found] == [entry("aaa"), entry("bbb", n=3)]
    data = json.loads((folder / "statements.bbb.json").read_text(encoding="utf-8"))
    assert (data["kind"], data["target"], data["key"]) == ("statements", LRS, "bbb")
    assert len(data["seal"]) == 64
    assert count_statements(found) == 5 and count_playthroughs(found) == 2
    assert not [p for p in folder.iterdir() if p.suffix == ".tmp"]


def test_putting_the_same_playthrough_again_replaces_it(tmp_path: Path) -> None:
    outbox = open_outbox(LRS, tmp_path)
    outbox.pending.put(entry("aaa", n=2))
    outbox.pending.put(entry("aaa", n=3))
    assert [len(q.item.statements) for q in outbox.pending.entries()] == [3]


def test_remove_forgets_an_entry_and_tolerates_a_missing_one(tmp_path: Path) -> None:
    outbox = open_outbox(LRS, tmp_path)
    outbox.pending.put(entry("aaa"))
    [queued] = outbox.pending.entries()
    outbox.pending.remove(queued)
    outbox.pending.remove(queued)
    assert list(outbox.pending.entries()) == []
    assert outbox.pending.is_empty()


def test_statements_wait_for_the_lrs_they_were_made_for(tmp_path: Path) -> None:
    mine, other = open_outbox(LRS, tmp_path), open_outbox(OTHER, tmp_path)
    other.pending.put(entry("aaa"))
    other.pending.put(QueuedStatements("aaa", statements("aaa"), NOW, part=2))
    other.pending.put(entry("bbb"))
    assert list(mine.pending.entries()) == []
    assert mine.pending.elsewhere() == {OTHER: 2}  # playthroughs, not parts
    assert not mine.pending.is_empty()  # a quick look says something waits somewhere
    assert count_playthroughs(list(other.pending.entries())) == 2
    assert open_outbox(None, tmp_path).pending.elsewhere() == {OTHER: 2}


def test_refused_statements_are_another_kind_with_the_lrs_reason(tmp_path: Path) -> None:
    outbox = open_outbox(LRS, tmp_path)
    outbox.refused.put(entry("aaa", note="the LRS refused the POST (HTTP 400)"))
    assert list(outbox.pending.entries()) == []
    assert outbox.pending.is_empty()  # refused entries never count as waiting
    [refused] = outbox.refused.entries()
    assert refused.item.note == "the LRS refused the POST (HTTP 400)"
    assert refused.path.name == "refused-statements.aaa.json"
    assert STATEMENT_ENTRIES.name != REFUSED_ENTRIES.name


def test_an_entry_edited_by_hand_is_set_aside_with_the_reason_never_sent(
    tmp_path: Path,
) -> None:
    outbox = open_outbox(LRS, tmp_path)
    outbox.pending.put(entry("aaa"))
    path = tmp_path / OUTBOX_FOLDER / "statements.aaa.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["payload"]["statements"][0]["verb"]["id"] = "http://adlnet.gov/expapi/verbs/passed"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert list(outbox.pending.entries()) == []
    aside = tmp_path / OUTBOX_FOLDER / SET_ASIDE_FOLDER
    assert (aside / path.name).exists() and not path.exists()
    assert "no longer matches its seal" in outbox.notices[0]


def test_damaged_files_are_left_in_place_and_never_read_as_statements(tmp_path: Path) -> None:
    outbox = open_outbox(LRS, tmp_path)
    outbox.pending.put(entry("good"))
    folder = tmp_path / OUTBOX_FOLDER
    torn = folder / "statements.torn.json"
    torn.write_text('{"format": "rapport-outbox", "vers', "utf-8")
    assert [q.item.result_id for q in outbox.pending.entries()] == ["good"]
    assert torn.exists()


def test_an_ordinary_playthrough_is_one_entry_a_very_long_one_is_split_in_order() -> None:
    assert [len(p.statements) for p in parts("aaa", statements("aaa", 12), NOW)] == [12]
    many = statements("aaa", PART_STATEMENTS * 2 + 5)
    split = parts("aaa", many, NOW)
    assert [len(p.statements) for p in split] == [PART_STATEMENTS, PART_STATEMENTS, 5]
    assert [p.key for p in split] == ["aaa", "aaa-2", "aaa-3"]
    assert tuple(s for p in split for s in p.statements) == many
    big = {"id": "big", "text": "x" * 700_000}
    assert [len(p.statements) for p in parts("aaa", (big, big, big), NOW)] == [1, 1, 1]


def test_result_ids_must_be_plain(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="lowercase result id"):
        open_outbox(LRS, tmp_path).pending.put(entry("../escape"))


def test_a_queue_that_cannot_write_says_so(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", "utf-8")
    with pytest.raises(QueueError, match="could not be kept"):
        open_outbox(LRS, blocker).pending.put(entry("aaa"))


def test_an_entry_too_large_to_read_back_is_refused_not_written(tmp_path: Path) -> None:
    outbox = open_outbox(LRS, tmp_path)
    huge = QueuedStatements("aaa", ({"id": "x", "text": "y" * 5_000_000},), NOW)
    with pytest.raises(QueueError, match="MB at most"):
        outbox.pending.put(huge)
    assert outbox.pending.is_empty()


def test_the_delivery_log_round_trips_and_starts_empty(tmp_path: Path) -> None:
    log = DeliveryLog(tmp_path / "delivery.json")
    assert log.read() == DeliveryState()
    state = DeliveryState(NOW, 12, NOW + timedelta(minutes=1), "the LRS is down")
    log.write(state)
    assert log.read() == state
    (tmp_path / "delivery.json").write_text("{broken", "utf-8")
    assert log.read() == DeliveryState()
