"""Delivery: queued statements leave the queue only once the LRS has them; refusals are kept."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from game.lrs.client import LrsClient
from game.lrs.config import ENVIRONMENT, LrsConfig
from game.lrs.delivery import (
    LrsOutbox,
    QueueOutcome,
    deliver,
    open_outbox,
    queue_playthrough,
    queue_statements,
)
from game.lrs.records import LearningRecords
from game.lrs.statements import StatementOptions
from tests.lrs import support
from tests.lrs.lrs_server import free_port
from tests.lrs.stub import Answer, Seen, always, stub_lrs

NOW = datetime(2025, 3, 14, 10, 0, tzinfo=UTC)
OPTIONS = StatementOptions()
LRS = "https://lrs.example.com/xapi/"  # the LRS the statements are queued for


def outbox_in(folder: Path) -> LrsOutbox:
    return open_outbox(LRS, folder)


def queued(outbox: LrsOutbox, scenario_id: str = "candle-shop", minutes: int = 0) -> str:
    scenario, result = support.play(scenario_id)
    tried = support.attempt(support.module_of(scenario_id))
    outcome = queue_playthrough(
        outbox, scenario, result, tried, OPTIONS, now=NOW + timedelta(minutes=minutes)
    )
    assert outcome.queued and outcome.message is None
    for queued in outbox.pending.entries():  # the outbox lists its files oldest first
        if queued.item.result_id == tried.result_id:
            moment = (NOW + timedelta(minutes=minutes)).timestamp()
            os.utime(queued.path, (moment, moment))
    return tried.result_id


def client(endpoint: str) -> LrsClient:
    return LrsClient(LrsConfig(endpoint=endpoint, timeout_s=3))


def test_a_playthrough_is_queued_whole_with_its_module_verdict(tmp_path: Path) -> None:
    outbox = outbox_in(tmp_path)
    scenario, result = support.play("candle-shop")
    module = support.module_of("candle-shop")
    best = {s: 80.0 for s in module.scenarios if s != "candle-shop"}
    outcome = queue_playthrough(
        outbox, scenario, result, support.attempt(module), OPTIONS, now=NOW, best_before=best
    )
    entries = [q.item for q in outbox.pending.entries()]
    assert len(entries) == 1
    assert outcome.statements == len(entries[0].statements) == len(result.decisions) + 3
    verbs = [s["verb"]["id"].rsplit("/", 1)[1] for s in entries[0].statements]
    assert verbs[-3] == "completed"
    assert entries[0].statements[-1]["object"]["id"].endswith("/modules/" + module.id)


def test_a_delivered_entry_leaves_the_queue_and_the_log_says_when(tmp_path: Path) -> None:
    outbox = outbox_in(tmp_path)
    first = queued(outbox)
    second = queued(outbox, "first-date", minutes=1)
    with stub_lrs(always(200, [])) as lrs:
        report = deliver(outbox, client(lrs.endpoint), now=NOW)
    assert report.complete and report.sent_playthroughs == 2
    assert list(outbox.pending.entries()) == []
    # Oldest first, one POST per playthrough.
    registrations = [seen.body[0]["context"]["registration"].replace("-", "") for seen in lrs.seen]
    assert registrations == [first, second]
    state = outbox.log.read()
    assert state.last_sent_at == NOW and state.last_error is None
    assert state.last_sent_statements == report.sent_statements > 0


def test_an_unreachable_lrs_keeps_everything_queued_and_says_why(tmp_path: Path) -> None:
    outbox = outbox_in(tmp_path)
    queued(outbox)
    queued(outbox, "first-date", minutes=1)
    report = deliver(outbox, client(f"http://127.0.0.1:{free_port()}/xapi/"), now=NOW)
    assert report.sent_playthroughs == 0 and report.remaining == 2
    assert report.error is not None and "cannot be reached" in report.error
    assert outbox.log.read().last_error == report.error
    assert outbox.log.read().last_sent_at is None


def test_refused_credentials_stop_delivery_at_once(tmp_path: Path) -> None:
    outbox = outbox_in(tmp_path)
    queued(outbox)
    queued(outbox, "first-date", minutes=1)
    with stub_lrs(always(401)) as lrs:
        report = deliver(outbox, client(lrs.endpoint), now=NOW)
    assert len(lrs.seen) == 1 and report.remaining == 2
    assert report.error is not None and "credentials" in report.error


def test_a_failing_entry_does_not_block_the_ones_after_it(tmp_path: Path) -> None:
    outbox = outbox_in(tmp_path)
    stuck = queued(outbox)
    queued(outbox, "first-date", minutes=1)

    def script(seen: Seen) -> Answer:
        registration = seen.body[0]["context"]["registration"].replace("-", "")
        return Answer(500) if registration == stuck else Answer(200, [])

    with stub_lrs(script) as lrs:
        report = deliver(outbox, client(lrs.endpoint), now=NOW)
    assert report.sent_playthroughs == 1 and report.remaining == 1
    assert [e.item.result_id for e in outbox.pending.entries()] == [stuck]
    assert report.error is not None and "HTTP 500" in report.error


def test_a_refused_batch_is_retried_one_by_one_and_only_the_refused_are_kept_aside(
    tmp_path: Path,
) -> None:
    outbox = outbox_in(tmp_path)
    key = queued(outbox)
    entry = next(outbox.pending.entries()).item
    conflicting = entry.statements[0]["id"]

    def script(seen: Seen) -> Answer:
        if seen.method == "POST":
            return Answer(409, {"detail": "Differing statements already exist"})
        return Answer(409) if conflicting in seen.path else Answer(204)

    with stub_lrs(script) as lrs:
        report = deliver(outbox, client(lrs.endpoint), now=NOW)
    assert report.sent_playthroughs == 1 and report.set_aside == 1
    assert report.sent_statements == len(entry.statements) - 1
    puts = [s for s in lrs.seen if s.method == "PUT"]
    assert len(puts) == len(entry.statements)
    refused = [q.item for q in outbox.refused.entries()]
    assert [(r.result_id, [s["id"] for s in r.statements]) for r in refused] == [
        (key, [conflicting])
    ]
    assert refused[0].note is not None and "HTTP 409" in refused[0].note
    assert list(outbox.pending.entries()) == []


def test_invalid_statements_are_kept_aside_not_queued(tmp_path: Path) -> None:
    outbox = outbox_in(tmp_path)
    outcome = queue_statements(outbox, "abc", [{"id": "nope"}], now=NOW)
    assert not outcome.queued
    assert outcome.message is not None and "break xAPI rules" in outcome.message
    assert list(outbox.pending.entries()) == []
    assert [e.item.result_id for e in outbox.refused.entries()] == ["abc"]


def test_queueing_never_raises_when_the_disk_refuses(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", "utf-8")
    outbox = outbox_in(blocker)
    scenario, result = support.play("candle-shop")
    outcome = queue_playthrough(outbox, scenario, result, support.attempt(), OPTIONS, now=NOW)
    assert not outcome.queued
    assert outcome.message is not None and "could not be kept" in outcome.message


def test_a_result_that_does_not_fit_its_scenario_is_reported_not_raised(tmp_path: Path) -> None:
    outbox = outbox_in(tmp_path)
    scenario, _ = support.play("candle-shop")
    _, other = support.play("first-date")
    outcome = queue_playthrough(outbox, scenario, other, support.attempt(), OPTIONS, now=NOW)
    assert not outcome.queued
    assert outcome.message is not None and "No learning record was made" in outcome.message


def test_learning_records_queue_and_send_only_when_an_lrs_is_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAPPORT_HOME", str(tmp_path / "home"))
    for variable in ENVIRONMENT.values():
        monkeypatch.delenv(variable, raising=False)
    scenario, result = support.play("candle-shop")
    off = LearningRecords.open(tmp_path / "off")
    assert not off.enabled
    assert off.record(scenario, result, support.attempt(), now=NOW) == QueueOutcome(False)
    assert off.send(now=NOW) is None
    assert list(off.outbox.pending.entries()) == []
    with stub_lrs(always(200, [])) as lrs:
        monkeypatch.setenv("RAPPORT_LRS", lrs.endpoint)
        on = LearningRecords.open(tmp_path / "on")
        assert on.record(scenario, result, support.attempt(), now=NOW).queued
        report = on.send(now=NOW)
    assert report is not None and report.complete and report.sent_playthroughs == 1
    assert len(lrs.seen) == 1
