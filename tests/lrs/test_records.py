"""The one place a recorded result becomes statements: what the store kept, scored by the store,
with the module's verdict from the player's earlier bests; and the courier that sends them."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from game.core.model import Module
from game.lrs.config import LrsConfig
from game.lrs.delivery import DeliveryReport
from game.lrs.records import (
    Courier,
    LearningRecords,
    RecordedPlaythrough,
    open_learning_records,
    record_with_statements,
)
from game.lrs.statements import Attempt, StatementOptions, playthrough_statements
from game.store import MemoryResultsStore, ResultsStore, SQLAlchemyResultsStore
from tests.lrs import support
from tests.lrs.stub import Answer, Seen, always, stub_lrs

NOW = datetime(2025, 3, 14, 10, 0, tzinfo=UTC)
LRS = "https://lrs.example.com/xapi/"
MODULE_SCENARIO = "candle-shop"


@pytest.fixture
def learning(tmp_path: Path) -> LearningRecords:
    return LearningRecords(LrsConfig(endpoint=LRS), tmp_path / "lrs")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RAPPORT_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def record(
    store: ResultsStore,
    learning: LearningRecords | None,
    scenario_id: str = MODULE_SCENARIO,
    *,
    player: str = "Zoé Martin",
    module: Module | None = None,
    session: str | None = None,
    decisions: tuple[int | str, ...] | None = None,
) -> tuple[RecordedPlaythrough, str]:
    scenario, analysis = support.scenario(scenario_id)
    played = support.play(scenario_id)[1].decisions if decisions is None else decisions
    result_id = uuid.uuid4().hex
    recorded = record_with_statements(
        store,
        learning,
        scenario,
        analysis.ranges,
        played,
        player=player,
        seconds=83.25,
        module=module,
        played_at=support.PLAYED_AT,
        result_id=result_id,
        session=session,
        now=lambda: NOW,
    )
    return recorded, result_id


def queued(learning: LearningRecords) -> list[dict[str, object]]:
    return [s for q in learning.outbox.pending.entries() for s in q.item.statements]


def test_a_recorded_result_queues_the_statements_of_the_result_the_store_scored(
    learning: LearningRecords,
) -> None:
    store = MemoryResultsStore()
    module = support.module_of(MODULE_SCENARIO)
    recorded, result_id = record(store, learning, module=module, session="Floor team")
    assert recorded.outcome.stored and recorded.statements.queued
    [row] = store.all_results()
    assert row.module == module.id and row.session == "Floor team"
    scenario, result = support.play(MODULE_SCENARIO, seconds=83.25)
    attempt = Attempt(
        result_id, "Zoé Martin", support.PLAYED_AT, row.app_version, module, "Floor team"
    )
    expected = playthrough_statements(scenario, result, attempt, StatementOptions())
    assert queued(learning) == expected  # no module verdict: the module is not all played
    assert recorded.statements.statements == len(expected)


def test_the_module_verdict_comes_once_every_scenario_is_played_and_the_best_rises(
    learning: LearningRecords,
) -> None:
    store = MemoryResultsStore()
    module = support.module_of(MODULE_SCENARIO)
    others = [s for s in module.scenarios if s != MODULE_SCENARIO]
    for other in others:
        record(store, None, other, module=module)  # played earlier, before an LRS was set
    first, _ = record(store, learning, module=module)
    verbs = [str(s["verb"]["id"]).rsplit("/", 1)[1] for s in queued(learning)]  # type: ignore[index]
    assert verbs[-1] in ("passed", "failed") and first.statements.statements == len(verbs)
    assert str(queued(learning)[-1]["object"]["id"]).endswith(f"/modules/{module.id}")  # type: ignore[index]
    # The same playthrough again does not raise the best: no new module verdict.
    again, _ = record(store, learning, module=module)
    assert again.statements.statements == first.statements.statements - 1


def test_nothing_is_queued_without_an_lrs_and_the_result_is_still_recorded(
    home: Path,
) -> None:
    store = MemoryResultsStore()
    learning, problems = open_learning_records()
    assert learning is not None and not learning.enabled and problems == []
    recorded, _ = record(store, learning)
    assert recorded.outcome.stored and not recorded.statements.queued
    assert recorded.statements.message is None
    assert learning.outbox.pending.is_empty()
    assert learning.send(now=NOW) is None


def test_a_result_the_store_refuses_makes_no_statements(learning: LearningRecords) -> None:
    recorded, _ = record(MemoryResultsStore(), learning, decisions=(1,))  # not an ending
    assert not recorded.outcome.stored and not recorded.outcome.queued
    assert not recorded.statements.queued and learning.outbox.pending.is_empty()


def test_a_result_waiting_for_the_database_gets_its_statements_at_once(
    learning: LearningRecords, tmp_path: Path
) -> None:
    """The database is a damaged file: the result waits in the store's outbox, its statements
    in the LRS's; only the module's verdict, which needs the earlier bests, is left out."""
    database = tmp_path / "results.db"
    database.write_bytes(b"These are my notes, not a database.\n" * 40)
    store = SQLAlchemyResultsStore(f"sqlite:///{database}", outbox_path=tmp_path / "outbox")
    try:
        module = support.module_of(MODULE_SCENARIO)
        recorded, _ = record(store, learning, module=module)
        assert recorded.outcome.queued and store.pending() == 1
        assert recorded.statements.queued
        _, result = support.play(MODULE_SCENARIO)
        verbs = [str(s["verb"]["id"]).rsplit("/", 1)[1] for s in queued(learning)]  # type: ignore[index]
        assert verbs.count("answered") == len(result.decisions)
        assert verbs[-2] == "completed" and verbs[-1] in ("passed", "failed")
        assert all("/modules/" not in str(s["object"]["id"]) for s in queued(learning))  # type: ignore[index]
    finally:
        store.close()


def test_a_setting_that_cannot_work_is_said_and_play_goes_on(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAPPORT_LRS", "https://lrs.example.com/xapi/")
    monkeypatch.setenv("RAPPORT_LRS_IDENTITY", "pseudonym")
    monkeypatch.setenv("RAPPORT_LRS_PSEUDONYM_KEY", "too-short")
    learning, problems = open_learning_records()
    assert learning is None
    assert len(problems) == 1 and problems[0].startswith("Learning records are not sent: ")
    assert "too-short" not in problems[0]
    store = MemoryResultsStore()
    recorded, _ = record(store, learning)
    assert recorded.outcome.stored and not recorded.statements.queued


def test_an_http_address_with_a_password_is_warned_about(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAPPORT_LRS", "http://lrs.example.com/xapi/")
    monkeypatch.setenv("RAPPORT_LRS_PASSWORD", "secret-password")
    learning, problems = open_learning_records()
    assert learning is not None and learning.enabled
    assert len(problems) == 1 and "not https" in problems[0] and "secret" not in problems[0]


def test_sending_with_nothing_queued_asks_the_lrs_nothing(tmp_path: Path) -> None:
    with stub_lrs(always(200, [])) as lrs:
        learning = LearningRecords(LrsConfig(endpoint=lrs.endpoint), tmp_path)
        assert learning.send(now=NOW) == DeliveryReport()
        assert lrs.seen == []


def test_the_courier_sends_on_its_own_thread_and_a_last_time_when_stopped(
    tmp_path: Path,
) -> None:
    release = threading.Event()

    def slow(seen: Seen) -> Answer:
        release.wait(10)
        return Answer(200, [])

    with stub_lrs(slow) as lrs:
        learning = LearningRecords(LrsConfig(endpoint=lrs.endpoint, timeout_s=10), tmp_path)
        reports: list[DeliveryReport] = []
        courier = Courier(learning, on_report=reports.append, now=lambda: NOW)
        store = MemoryResultsStore()
        record(store, learning)
        courier.send_soon()  # returns at once, though the LRS is slow to answer
        record(store, learning, "first-date")
        courier.send_soon()
        release.set()
        courier.stop(timeout_s=20)
    assert learning.outbox.pending.is_empty()
    assert sum(r.sent_playthroughs for r in reports) == 2
    assert all(r.error is None for r in reports)
    registrations = {s.body[0]["context"]["registration"] for s in lrs.seen}
    assert len(registrations) == 2
