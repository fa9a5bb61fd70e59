"""The outbox: a sealed, typed queue; results wait there and are scored again when sent."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from game.store import ResultRecord, ScenarioShelf, ScoringBasis, Submission, open_store
from game.store.delivery import RESULT_ENTRIES, queue_result
from game.store.outbox import KEY_FILE, SET_ASIDE_FOLDER, Outbox
from game.store.recording import score
from game.store.schema import SCHEMA_VERSION
from tests.store.conftest import StoreFactory
from tests.store.factories import BASIS, BEST, LIBRARY, WORST, make_submission, shelf

DAMAGED_CONTENTS = {
    "random-bytes": random.Random(7).randbytes(8192),
    "text-file": b"These are my notes, not a database.\n" * 40,
    "truncated-header": b"SQLite format 3\x00" + b"\x00" * 40,
}


# -- the queue itself, for any kind of delivery -------------------------------------------
@dataclass(frozen=True)
class Note:
    key: str
    text: str


class NoteEntries:
    """A second kind of delivery, to show the queue is not about results."""

    name = "note"

    def encode(self, item: Note) -> dict[str, Any]:
        return {"key": item.key, "text": item.text}

    def decode(self, payload: Any) -> Note:
        if not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
            raise ValueError("it is not a note")
        return Note(str(payload["key"]), payload["text"])

    def key(self, item: Note) -> str:
        return item.key


NOTES = NoteEntries()


def test_an_entry_is_one_complete_sealed_json_file(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox")
    path = outbox.put(NOTES, "lrs://example", Note("n1", "Zoë 🎉"))
    assert path.name == "note.n1.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["kind"], data["target"], data["key"]) == ("note", "lrs://example", "n1")
    assert data["payload"] == {"key": "n1", "text": "Zoë 🎉"}
    assert len(data["seal"]) == 64
    assert [q.item for q in outbox.entries(NOTES, "lrs://example")] == [Note("n1", "Zoë 🎉")]
    names = sorted(p.name for p in path.parent.iterdir())
    assert names == sorted([KEY_FILE, path.name])  # no temp file left
    assert stat.S_IMODE((path.parent / KEY_FILE).stat().st_mode) == 0o600


def test_kinds_and_targets_keep_to_themselves(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path)
    outbox.put(NOTES, "a", Note("1", "for a"))
    outbox.put(NOTES, "b", Note("2", "for b"))
    queue_result(outbox, "a", score(make_submission(), BASIS), shelf())
    assert [q.item.text for q in outbox.entries(NOTES, "a")] == ["for a"]
    assert [q.item.text for q in outbox.entries(NOTES, "b")] == ["for b"]
    assert outbox.count(RESULT_ENTRIES, "a") == 1
    assert outbox.count(RESULT_ENTRIES, "b") == 0
    assert outbox.notices == []


def test_programs_sharing_a_folder_share_its_key(tmp_path: Path) -> None:
    first, second = Outbox(tmp_path), Outbox(tmp_path)
    first.put(NOTES, "t", Note("1", "x"))
    assert [q.item for q in second.entries(NOTES, "t")] == [Note("1", "x")]
    assert second.notices == []


def test_an_edited_entry_is_set_aside_with_its_reason(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path)
    path = outbox.put(NOTES, "t", Note("1", "original"))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["payload"]["text"] = "edited"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert list(outbox.entries(NOTES, "t")) == []
    aside = tmp_path / SET_ASIDE_FOLDER
    assert not path.exists() and (aside / path.name).exists()
    reason = (aside / f"{path.name}.reason.txt").read_text(encoding="utf-8")
    assert "no longer matches its seal" in reason
    assert len(outbox.notices) == 1 and str(aside) in outbox.notices[0]


def test_files_that_are_not_outbox_entries_are_left_alone(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path)
    junk = tmp_path / "0123.json"
    junk.write_bytes(b"\x00\xffnot json")
    half = tmp_path / ".note.1.json.abc.tmp"  # what a crash mid-write leaves
    half.write_text('{"format": "rapport-outbox"', encoding="utf-8")
    future = tmp_path / "note.9.json"
    future.write_text(
        json.dumps({"format": "rapport-outbox", "version": 99, "kind": "note", "target": "t"}),
        encoding="utf-8",
    )
    assert list(outbox.entries(NOTES, "t")) == []
    assert junk.read_bytes() == b"\x00\xffnot json" and half.exists() and future.exists()
    assert outbox.notices == []


def test_a_kind_reads_only_its_own_files(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path)
    outbox.put(NOTES, "t", Note("1", "kept"))
    other = queue_result(outbox, "t", score(make_submission(), BASIS), shelf())
    other.write_text("{edited by hand", encoding="utf-8")  # another kind's damage...
    assert [q.item.text for q in outbox.entries(NOTES, "t")] == ["kept"]
    assert other.exists() and outbox.notices == []  # ...is left to that kind's reader
    assert not outbox.is_empty(NOTES) and not outbox.is_empty(RESULT_ENTRIES)
    outbox.remove(other)
    assert outbox.is_empty(RESULT_ENTRIES) and not outbox.is_empty()
    assert outbox.keys(NOTES) == {"t": ["1"]}


def test_an_entry_too_large_to_be_read_back_is_refused_before_it_is_written(
    tmp_path: Path,
) -> None:
    outbox = Outbox(tmp_path)
    with pytest.raises(ValueError, match="4 MB at most"):
        outbox.put(NOTES, "t", Note("big", "x" * (4 * 1024 * 1024)))
    assert outbox.is_empty()


# -- results waiting for their database ----------------------------------------------------
@pytest.mark.parametrize("kind", sorted(DAMAGED_CONTENTS))
def test_damaged_database_file_keeps_the_result_in_the_outbox_and_is_never_touched(
    tmp_path: Path, make_store: StoreFactory, kind: str
) -> None:
    path = tmp_path / "results.db"
    path.write_bytes(DAMAGED_CONTENTS[kind])
    before = path.read_bytes()
    store = make_store(f"sqlite:///{path}", scenarios=shelf())
    outcome = store.record(score(make_submission(), BASIS))
    assert (outcome.stored, outcome.queued) == (False, True)
    assert outcome.message is not None
    assert str(path) in outcome.message
    assert "damaged or is not a Rapport database" in outcome.message
    assert "left untouched" in outcome.message
    assert "\n" not in outcome.message and "Traceback" not in outcome.message
    assert path.read_bytes() == before
    assert store.pending() == 1
    assert not (tmp_path / "results.db-wal").exists()


def test_a_queued_result_keeps_what_was_played_and_never_a_score(
    tmp_path: Path, make_store: StoreFactory
) -> None:
    path = tmp_path / "results.db"
    path.write_bytes(DAMAGED_CONTENTS["text-file"])
    store = make_store(f"sqlite:///{path}", scenarios=shelf())
    assert store.record(score(make_submission("Zoë 🎉"), BASIS)).queued
    (entry,) = (tmp_path / "outbox").glob("result.*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    payload = data["payload"]
    assert payload["library"] == LIBRARY
    assert payload["submission"]["player"] == "Zoë 🎉"
    assert payload["submission"]["decisions"] == list(BEST)
    text = entry.read_text(encoding="utf-8")
    for word in ("overall", "percent", "raw", "empathy", "ending", "outcome", "path"):
        assert f'"{word}"' not in text


def test_queued_result_is_sent_exactly_once_when_the_database_works_again(
    tmp_path: Path, make_store: StoreFactory
) -> None:
    path = tmp_path / "results.db"
    path.write_bytes(DAMAGED_CONTENTS["text-file"])
    store = make_store(f"sqlite:///{path}", scenarios=shelf())
    record = score(make_submission(), BASIS)
    assert store.record(record).queued
    assert store.flush_outbox() == 0  # still damaged: nothing sent, nothing lost
    assert store.pending() == 1
    path.rename(tmp_path / "results.db.damaged")  # what a trainer does
    assert store.flush_outbox() == 1
    assert store.flush_outbox() == 0
    assert store.pending() == 0
    assert list(store.all_results()) == [record]
    assert (tmp_path / "results.db.damaged").read_bytes() == DAMAGED_CONTENTS["text-file"]


def test_the_next_recorded_result_sends_the_queued_ones_too(
    tmp_path: Path, make_store: StoreFactory
) -> None:
    path = tmp_path / "results.db"
    path.write_bytes(DAMAGED_CONTENTS["random-bytes"])
    store = make_store(f"sqlite:///{path}", scenarios=shelf())
    first = score(make_submission("Ann", WORST), BASIS)
    assert store.record(first).queued
    path.unlink()
    second = score(make_submission("Bob"), BASIS)
    assert store.record(second).stored
    assert store.pending() == 0
    assert {r.id for r in store.all_results()} == {first.id, second.id}


def test_opening_the_store_sends_queued_results(tmp_path: Path) -> None:
    path = tmp_path / "results.db"
    path.write_bytes(DAMAGED_CONTENTS["text-file"])
    url = f"sqlite:///{path}"
    queued = open_store(url, outbox_path=tmp_path / "outbox", scenarios=shelf())
    assert queued.record(score(make_submission(), BASIS)).queued
    queued.close()
    path.unlink()
    reopened = open_store(url, outbox_path=tmp_path / "outbox", scenarios=shelf())
    assert reopened.pending() == 0
    assert len(list(reopened.all_results())) == 1
    reopened.close()


def test_an_entry_already_in_the_database_is_not_counted_twice(
    tmp_path: Path, make_store: StoreFactory
) -> None:
    # A crash between the insert and removing the outbox file sends it again later.
    store = make_store(f"sqlite:///{tmp_path / 'results.db'}", scenarios=shelf())
    record = score(make_submission(), BASIS)
    assert store.record(record).stored
    queue_result(store.outbox, store.target, record, shelf())
    assert store.flush_outbox() == 0
    assert store.pending() == 0
    assert len(list(store.all_results())) == 1


def test_entries_for_another_database_wait_for_that_database(
    tmp_path: Path, make_store: StoreFactory
) -> None:
    outbox = tmp_path / "outbox"
    other = "postgresql+psycopg://team:***@db.example/rapport"
    queue_result(Outbox(outbox), other, score(make_submission(), BASIS), shelf())
    store = make_store(
        f"sqlite:///{tmp_path / 'results.db'}", outbox_path=outbox, scenarios=shelf()
    )
    assert store.flush_outbox() == 0
    assert store.pending() == 0
    assert len(list(outbox.glob("result.*.json"))) == 1


def test_results_played_from_another_scenario_folder_wait_for_it(
    tmp_path: Path, make_store: StoreFactory
) -> None:
    store = make_store(f"sqlite:///{tmp_path / 'results.db'}", scenarios=shelf(name="/elsewhere"))
    queue_result(store.outbox, store.target, score(make_submission(), BASIS), shelf())
    assert store.flush_outbox() == 0
    assert store.pending() == 1
    assert list(store.all_results()) == []
    assert any(
        f"1 queued result waits for the scenarios in {LIBRARY}" in w and "--scenarios" in w
        for w in store.warnings()
    )
    with_folder = make_store(f"sqlite:///{tmp_path / 'results.db'}", scenarios=shelf())
    assert with_folder.flush_outbox() == 1


def test_without_a_catalogue_queued_results_wait(tmp_path: Path, make_store: StoreFactory) -> None:
    store = make_store(f"sqlite:///{tmp_path / 'results.db'}")
    queue_result(store.outbox, store.target, score(make_submission(), BASIS), shelf())
    assert store.flush_outbox() == 0
    assert store.pending() == 1


def test_a_result_whose_scenario_is_gone_is_kept_aside_never_inserted(
    tmp_path: Path, make_store: StoreFactory
) -> None:
    nothing = ScenarioShelf(LIBRARY, {})
    store = make_store(f"sqlite:///{tmp_path / 'results.db'}", scenarios=nothing)
    queue_result(store.outbox, store.target, score(make_submission("Ann"), BASIS), shelf())
    assert store.flush_outbox() == 0
    assert list(store.all_results()) == [] and store.pending() == 0
    (warning,) = store.warnings()
    assert "the result of Ann played 2024-05-01 09:00 UTC" in warning
    assert f"no longer in {LIBRARY}" in warning
    assert str(tmp_path / "outbox" / SET_ASIDE_FOLDER) in warning
    assert len(list((tmp_path / "outbox" / SET_ASIDE_FOLDER).glob("result.*.json"))) == 1


def test_a_result_whose_scenario_changed_is_kept_aside_never_inserted(
    tmp_path: Path, make_store: StoreFactory
) -> None:
    store = make_store(f"sqlite:///{tmp_path / 'results.db'}", scenarios=shelf())
    old = make_submission("Ann", content_hash="the-scenario-before-it-was-edited")
    queue_result(store.outbox, store.target, _unchecked_record(old), shelf())
    assert store.flush_outbox() == 0
    assert list(store.all_results()) == []
    (warning,) = store.warnings()
    assert "has changed since the result was played" in warning


def _unchecked_record(submission: Submission) -> ResultRecord:
    """A record of `submission` as an earlier version of the scenario would have scored it."""
    before = dataclasses.replace(BASIS.scenario, content_hash=submission.content_hash)
    return score(submission, ScoringBasis(before, BASIS.ranges))


def test_when_even_the_outbox_cannot_be_written_the_message_says_the_result_is_lost(
    tmp_path: Path, make_store: StoreFactory
) -> None:
    path = tmp_path / "results.db"
    path.write_bytes(DAMAGED_CONTENTS["text-file"])
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    store = make_store(f"sqlite:///{path}", outbox_path=blocker / "outbox")
    outcome = store.record(score(make_submission(), BASIS))
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
    outcome = store.record(score(make_submission(), BASIS))
    assert outcome.queued and outcome.message is not None
    assert "is not a Rapport results database" in outcome.message
    assert path.read_bytes() == before
    assert os.listdir(tmp_path).count("results.db-wal") == 0


def test_database_from_a_newer_rapport_is_refused_and_left_alone(
    tmp_path: Path, make_store: StoreFactory
) -> None:
    path = tmp_path / "results.db"
    make_store(f"sqlite:///{path}").record(score(make_submission(), BASIS))
    conn = sqlite3.connect(path)
    conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    before = path.read_bytes()
    store = make_store(f"sqlite:///{path}")
    outcome = store.record(score(make_submission("Bob"), BASIS))
    assert outcome.queued and outcome.message is not None
    assert "newer Rapport" in outcome.message and "update Rapport" in outcome.message
    assert path.read_bytes() == before
