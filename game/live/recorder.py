"""The live session's one way to the results store: a worker thread that records and reads.

The network loop never waits on a database: it hands finished playthroughs
here and carries on. This thread records each through the store's `record`
(by `game.lrs.records.record_with_statements`, which replays the decisions,
recomputes the scores and queues the result's learning records with the
session's name), keeps what cannot be written now in the store's outbox,
sends the outbox again while it is not empty, and reads the session's board
after each batch so the room sees it within a moment. A courier thread sends
the learning records to the LRS, so a slow LRS never delays the board.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from game.core.model import Module
from game.live.session import Plan, Record
from game.lrs.delivery import DeliveryReport
from game.lrs.records import Courier, LearningRecords, record_with_statements
from game.store import ResultsStore, StoreError
from game.store.queries import MAX_BOARD_ROWS

log = logging.getLogger("game.live")

RETRY_S = 3.0  # seconds between two tries to send the outbox while results wait in it
READ_INTERVAL_S = 0.2  # seconds between two board reads while results pour in
LRS_STOP_S = 15.0  # seconds a stopping session gives the LRS to take what waits


@dataclass(frozen=True)
class RecorderStatus:
    stored: int  # results written to the database
    queued: int  # results kept in the outbox (sent later, counted once)
    refused: int  # results the store refused (a message says why)
    waiting: int  # results handed over and not yet written or queued
    outbox: bool  # the outbox has results for this database
    database: str | None  # the last problem with the database, or None when it answers


@dataclass(frozen=True)
class _Job:
    record: Record | None
    played_at: datetime | None


_REFRESH = _Job(None, None)
_STOP = object()


class Recorder:
    """Records the session's results and reads its board, on a thread of its own."""

    def __init__(
        self,
        store: ResultsStore,
        plan: Plan,
        session: str,
        *,
        on_board: Callable[[list[dict[str, Any]]], None],
        on_note: Callable[[str], None] = lambda text: None,
        learning: LearningRecords | None = None,
        retry_s: float = RETRY_S,
        read_interval_s: float = READ_INTERVAL_S,
    ) -> None:
        self.store = store
        self.plan = plan
        self.session = session
        self.learning = learning
        self._courier: Courier | None = None
        self._lrs_problem: str | None = None
        if learning is not None and learning.enabled:
            self._courier = Courier(learning, on_report=self._delivered)
        self._on_board = on_board
        self._on_note = on_note
        self._retry_s = retry_s
        self._read_interval_s = read_interval_s
        self._jobs: queue.Queue[_Job | object] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._stored = self._queued = self._refused = self._waiting = 0
        self._outbox = False
        self._problem: str | None = None
        self._session_ready = False
        self._started_session = False
        self._module: Module | None = None
        if plan.module is not None:  # the board: players who played every stage
            self._module = Module(
                id=plan.module.id,
                title=plan.title,
                scenarios=tuple(stage.scenario.id for stage in plan.stages),
            )

    # -- the session in the store ----------------------------------------------------------------
    def open_session(self, now: datetime) -> str | None:
        """Start the store's session unless it exists; a sentence when that is not possible now.

        Results carry the session's name either way, so the board finds them.
        """
        try:
            if self.store.session_window(self.session) is None:
                self.store.start_session(self.session, now)
                self._started_session = True
            self._session_ready = True
            return None
        except StoreError as error:
            return (
                f"the session could not be started in the results database now ({error}); "
                "results are kept and sent when it can be reached"
            )

    def close_session(self, now: datetime) -> None:
        """End the store's session if this host started it (so later results are not in it)."""
        if not self._started_session:
            return
        try:
            self.store.end_session(self.session, now)
        except StoreError as error:
            self._on_note(f"The session's end could not be written ({error}).")

    # -- the thread ------------------------------------------------------------------------------
    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="rapport-live-recorder", daemon=True)
        self._thread.start()

    def record(self, record: Record, played_at: datetime) -> None:
        """Hand over a finished playthrough (from the network loop; never blocks)."""
        with self._lock:
            self._waiting += 1
        self._jobs.put(_Job(record, played_at))

    def refresh(self) -> None:
        """Read the board again soon."""
        self._jobs.put(_REFRESH)

    def stop(self, timeout_s: float | None = None) -> RecorderStatus:
        """Record everything handed over (or keep it in the outbox), then stop the thread;
        then give the LRS a last chance to take the learning records that wait."""
        thread = self._thread
        if thread is not None:
            self._jobs.put(_STOP)
            thread.join(timeout_s)
        if self._courier is not None:
            self._courier.stop(LRS_STOP_S if timeout_s is None else min(timeout_s, LRS_STOP_S))
        return self.status()

    def status(self) -> RecorderStatus:
        with self._lock:
            return RecorderStatus(
                stored=self._stored,
                queued=self._queued,
                refused=self._refused,
                waiting=self._waiting,
                outbox=self._outbox,
                database=self._problem,
            )

    def _run(self) -> None:
        stopping = False
        read_due = False  # results came in since the board was last read
        last_read = float("-inf")
        while not stopping:
            now = time.monotonic()
            if read_due and now - last_read >= self._read_interval_s:
                self._read_board()
                read_due, last_read = False, now
            waits = [self._retry_s] if self._needs_retry() else []
            if read_due:
                waits.append(max(0.0, last_read + self._read_interval_s - now))
            try:
                first = self._jobs.get(timeout=min(waits) if waits else None)
            except queue.Empty:
                if not read_due:
                    self._retry()
                continue
            batch = [first]
            while True:  # take everything waiting: one board read for the lot
                try:
                    batch.append(self._jobs.get_nowait())
                except queue.Empty:
                    break
            for job in batch:
                if job is _STOP:
                    stopping = True
                elif isinstance(job, _Job) and job.record is not None:
                    self._record(job.record, job.played_at)
            read_due = True
        self._read_board()

    def _needs_retry(self) -> bool:
        return self._outbox or not self._session_ready

    def _record(self, record: Record, played_at: datetime | None) -> None:
        stage = self.plan.stages[record.stage]
        assert played_at is not None
        message: str | None
        try:
            recorded = record_with_statements(
                self.store,
                self.learning,
                stage.scenario,
                stage.analysis.ranges,
                record.decisions,
                player=record.player,
                seconds=record.seconds,
                module=self.plan.module if record.module is not None else None,
                played_at=played_at,
                result_id=record.result_id,
                session=record.session,
            )
            outcome = recorded.outcome
            message = outcome.message
            if recorded.statements.message:
                self._on_note(f"{record.player}: {recorded.statements.message}")
        except Exception as error:  # a recording thread must never die with results waiting
            log.exception("recording a live result failed")
            outcome = None
            message = f"the result could not be recorded ({type(error).__name__}: {error})"
        with self._lock:
            self._waiting -= 1
            if outcome is not None and outcome.stored:
                self._stored += 1
                self._problem = None
            elif outcome is not None and outcome.queued:
                self._queued += 1
                self._outbox = True
                self._problem = outcome.message
            else:
                self._refused += 1
        if message:
            self._on_note(f"{record.player}: {message}")
        if self._courier is not None:
            self._courier.send_soon()

    def _delivered(self, report: DeliveryReport) -> None:
        """The courier's report (from its thread): say when the LRS stops or starts taking
        the learning records, once each time."""
        problem = report.error
        if problem == self._lrs_problem:
            return
        self._lrs_problem = problem
        if problem is not None:
            waiting = report.remaining
            self._on_note(
                f"Learning records wait on this computer ({problem}); "
                f"{waiting} playthrough{'s' if waiting != 1 else ''} "
                f"{'goes' if waiting == 1 else 'go'} to the LRS when it can be reached."
            )
        else:
            self._on_note("The LRS takes the learning records again.")

    def _retry(self) -> None:
        """Send the outbox (and start the session) once the database answers again."""
        if not self._session_ready and self.open_session(datetime.now(UTC)) is None:
            self._on_note("The results database answers again.")
        try:
            sent = self.store.flush_outbox()
            left = self.store.pending()
        except StoreError:
            return
        with self._lock:
            self._outbox = left > 0
            if sent:
                self._problem = None if left == 0 else self._problem
        if sent:
            self._on_note(
                f"{sent} result{'s' if sent != 1 else ''} waiting in the outbox "
                "reached the database."
            )
            self._read_board()

    def _read_board(self) -> None:
        try:
            rows = self.store.leaderboard(
                scenario=self.plan.stages[0].scenario.id if self._module is None else None,
                module=self._module,
                session=self.session,
                limit=MAX_BOARD_ROWS,
            )
        except StoreError:
            return  # no such session yet, or the database is away: keep the last board
        self._on_board([row.to_dict() for row in rows])
