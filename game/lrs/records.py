"""What a presenter calls: the one place where a recorded result becomes learning records.

`record_with_statements` records a finished playthrough in the results store
(`game.store.recording.record_scored`, which scores it again from the
decisions) and, when the store kept it, queues the statements of that very
Result for the LRS. The window (on its store worker), the terminal player and
live sessions (on the recorder's thread) all call it, so what they send cannot
drift apart; `LearningRecords.send` then delivers what waits.

Statements are made when the result is recorded, also when the database is
away and the result waits in the store's outbox: the scenario as it was
played is at hand then (by the time the database is back it may have been
edited, and a changed scenario cannot be described decision by decision); the
LRS does not wait for the database, nor the database for the LRS; and the
statements are the same either way, since both come from `score` on the same
decisions. The module's verdict needs the player's earlier bests, read from
the store just before the result is recorded; when they cannot be read, that
one statement is left out (`rapport results export --xapi` still gives it).

May import the core, the store and game.lrs; never pygame.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from game.core.engine import Decision
from game.core.model import Module, Scenario
from game.core.scoring import Ranges, Result
from game.lrs.config import LrsConfig, load_config
from game.lrs.delivery import (
    DeliveryReport,
    LrsOutbox,
    QueueOutcome,
    deliver,
    open_outbox,
    queue_playthrough,
)
from game.lrs.errors import LrsConfigError
from game.lrs.queue import count_playthroughs
from game.lrs.statements import Attempt
from game.store.recording import record_scored
from game.store.records import RecordOutcome, StoreError
from game.store.role import ResultsStore

log = logging.getLogger("game.lrs")

NOT_SENT = "Learning records are not sent"  # how a setup problem starts, wherever it is shown


class LearningRecords:
    """Statements queued on this computer for the LRS set in the settings, and their delivery.

    Without an LRS set, `record` keeps nothing (the statements can still be made
    later from the recorded results, with `rapport results export --xapi`).
    """

    def __init__(self, config: LrsConfig, folder: Path | None = None) -> None:
        self.config = config
        self.outbox: LrsOutbox = open_outbox(config.endpoint, folder)

    @classmethod
    def open(cls, folder: Path | None = None) -> LearningRecords:
        """From the environment and settings file; LrsConfigError when a setting is wrong."""
        return cls(load_config(), folder)

    @property
    def enabled(self) -> bool:
        return self.config.endpoint is not None

    def record(
        self,
        scenario: Scenario,
        result: Result,
        attempt: Attempt,
        *,
        now: datetime,
        best_before: Mapping[str, float | None] | None = None,
    ) -> QueueOutcome:
        """Queue the playthrough's statements (see `queue_playthrough`). Never raises."""
        if not self.enabled:
            return QueueOutcome(False)
        return queue_playthrough(
            self.outbox,
            scenario,
            result,
            attempt,
            self.config.options,
            now=now,
            best_before=best_before,
        )

    def send(self, *, now: datetime) -> DeliveryReport | None:
        """Deliver what is queued; None without an LRS. Blocks up to the timeout per
        request, so a window calls it from its worker, never from a frame."""
        if not self.enabled:
            return None
        if self.outbox.pending.is_empty():
            return DeliveryReport()  # nothing waits: no need to reach the LRS at all
        from game.lrs.client import LrsClient  # imported when something is sent

        return deliver(self.outbox, LrsClient(self.config), now=now)

    def waiting(self) -> int:
        """Playthroughs whose statements wait for the LRS."""
        return count_playthroughs(list(self.outbox.pending.entries()))


def open_learning_records(folder: Path | None = None) -> tuple[LearningRecords | None, list[str]]:
    """The learning records as set up, and sentences to show about the setup.

    A setting that cannot work gives None and says what to fix: play goes on,
    and results are still recorded; only their statements are not made.
    """
    try:
        records = LearningRecords.open(folder)
    except LrsConfigError as error:
        return None, [f"{NOT_SENT}: {error} (see docs/lms.md)"]
    return records, [f"Learning records: {warning}" for warning in records.config.warnings()]


@dataclass(frozen=True)
class RecordedPlaythrough:
    """What became of a finished playthrough: in the results store, and for the LRS."""

    outcome: RecordOutcome  # the store's answer (stored, queued in its outbox, or neither)
    statements: QueueOutcome  # queued for the LRS, or why not; QueueOutcome(False) with no LRS


def record_with_statements(
    store: ResultsStore,
    learning: LearningRecords | None,
    scenario: Scenario,
    ranges: Ranges | None,
    decisions: Sequence[Decision],
    *,
    player: str,
    seconds: float,
    module: Module | None,
    played_at: datetime,
    result_id: str,
    session: str | None = None,
    untimed: bool = False,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> RecordedPlaythrough:
    """Record the playthrough in `store` and queue its statements in `learning`. Never raises.

    `module` is the module the scenario was played in (its id is recorded with
    the result; its pass mark decides `passed` or `failed`). Blocks on the
    store and the disk, never on the LRS: delivery is `learning.send`.
    """
    describing = learning is not None and learning.enabled
    best_before: dict[str, float] | None = None
    if describing and module is not None:
        try:
            best_before = store.best_overalls(player)
        except StoreError as error:
            log.warning("the module's learning record is left out: %s", error)
    recorded = record_scored(
        store,
        scenario,
        ranges,
        decisions,
        player=player,
        seconds=seconds,
        module=module.id if module is not None else None,
        played_at=played_at,
        result_id=result_id,
        session=session,
        untimed=untimed,
    )
    if learning is None or not describing or not recorded.kept:
        return RecordedPlaythrough(recorded.outcome, QueueOutcome(False))
    assert recorded.result is not None and recorded.record is not None  # kept: it was scored
    attempt = Attempt.of(recorded.record, module)
    statements = learning.record(
        scenario, recorded.result, attempt, now=now(), best_before=best_before
    )
    return RecordedPlaythrough(recorded.outcome, statements)


class Courier:
    """Sends the queued learning records on a thread of its own, so that a slow or
    unreachable LRS never holds up whoever records results (a live session's recorder).

    `send_soon` asks for a delivery (several asks while one runs make one more);
    `stop` makes a last delivery of what waits, then ends the thread.
    """

    def __init__(
        self,
        records: LearningRecords,
        *,
        on_report: Callable[[DeliveryReport], None] = lambda report: None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.records = records
        self._on_report = on_report
        self._now = now
        self._wake = threading.Event()
        self._stopping = False
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def send_soon(self) -> None:
        if not self.records.enabled:
            return
        with self._lock:
            if self._thread is None and not self._stopping:
                self._thread = threading.Thread(
                    target=self._run, name="rapport-lrs-courier", daemon=True
                )
                self._thread.start()
        self._wake.set()

    def stop(self, timeout_s: float | None = None) -> None:
        """Send what waits one last time (within `timeout_s`), then end the thread."""
        with self._lock:
            self._stopping = True
            thread = self._thread
        if thread is None:
            return
        self._wake.set()
        thread.join(timeout_s)

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            try:
                report = self.records.send(now=self._now())
            except Exception:  # a sending thread must never die with statements waiting
                log.exception("sending the learning records failed")
            else:
                if report is not None:
                    self._on_report(report)
            if self._stopping and not self._wake.is_set():
                return
