"""Learning-record delivery: queue a playthrough's statements, send the queue, never lose or double.

`queue_playthrough` builds and checks the statements of a finished
playthrough and keeps them in the queue; it never raises, so a full disk or a
bad setting never stops play. `deliver` sends queued entries, oldest first,
and removes each only once the LRS has it. Statement ids are deterministic, so
an entry sent twice (a crash between sending and removing, two Rapports
flushing at once) is stored once: the LRS answers 204 for statements it
already holds. What the LRS refuses for good (HTTP 400, 409, 413, 422) is
retried one statement at a time, so the others still arrive, and what is
still refused is set aside in a second queue with the LRS's reason: kept,
shown by `rapport lrs status`, never retried blindly.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.core.model import Scenario
from game.core.scoring import Result
from game.lrs.config import LrsConfig, load_config
from game.lrs.errors import LrsAuthError, LrsConfigError, LrsRefused, LrsUnreachable
from game.lrs.queue import (
    DeliveryLog,
    DeliveryState,
    FileStatementQueue,
    QueuedStatements,
    QueueError,
    StatementQueue,
    default_lrs_folder,
)
from game.lrs.statements import (
    Attempt,
    StatementError,
    StatementOptions,
    module_statements,
    playthrough_statements,
)
from game.lrs.validation import problems

if TYPE_CHECKING:  # the HTTP client is imported when something is sent
    from game.lrs.client import LrsClient


@dataclass(frozen=True)
class LrsOutbox:
    """Statements waiting for the LRS, those it refused, and the delivery log."""

    pending: StatementQueue
    refused: StatementQueue
    log: DeliveryLog


def open_outbox(folder: Path | None = None) -> LrsOutbox:
    """The file-backed outbox in `folder` (default: `lrs/` in the data folder)."""
    folder = folder or default_lrs_folder()
    return LrsOutbox(
        pending=FileStatementQueue(folder / "queue"),
        refused=FileStatementQueue(folder / "refused"),
        log=DeliveryLog(folder / "delivery.json"),
    )


@dataclass(frozen=True)
class QueueOutcome:
    """What happened to a playthrough's statements: queued, or why not."""

    queued: bool
    statements: int = 0
    message: str | None = None


def queue_playthrough(
    outbox: LrsOutbox,
    scenario: Scenario,
    result: Result,
    attempt: Attempt,
    options: StatementOptions,
    *,
    now: datetime,
    best_before: Mapping[str, float | None] | None = None,
) -> QueueOutcome:
    """Build, check and queue every statement of a finished playthrough. Never raises.

    `best_before` (the player's best overall per scenario of `attempt.module`
    before this result) adds the module's passed/failed once all its
    scenarios are played. Statements that break an xAPI rule are set aside
    with the reason instead of being queued for the LRS.
    """
    try:
        statements = playthrough_statements(scenario, result, attempt, options)
        if attempt.module is not None and best_before is not None:
            statements += module_statements(attempt.module, best_before, result, attempt, options)
    except StatementError as error:
        return QueueOutcome(False, message=f"No learning record was made: {error}.")
    entry = QueuedStatements(attempt.result_id, tuple(statements), now)
    return queue_statements(outbox, entry)


def queue_statements(outbox: LrsOutbox, entry: QueuedStatements) -> QueueOutcome:
    """Queue ready-made statements, or set them aside when one is invalid. Never raises."""
    wrong = [f"statement {n}: {p}" for n, s in enumerate(entry.statements, 1) for p in problems(s)]
    try:
        if wrong:
            note = "not sent, they break xAPI rules: " + "; ".join(wrong[:5])
            outbox.refused.put(replace(entry, note=note))
            return QueueOutcome(False, message=f"The learning records were {note}.")
        outbox.pending.put(entry)
    except QueueError as error:
        return QueueOutcome(False, message=f"{error}.")
    return QueueOutcome(True, len(entry.statements))


@dataclass(frozen=True)
class DeliveryReport:
    """What one `deliver` did."""

    sent_entries: int = 0
    sent_statements: int = 0
    set_aside: int = 0  # entries (or parts of entries) moved to the refused queue
    remaining: int = 0  # entries still waiting
    error: str | None = None  # why some stayed queued: the LRS is down, credentials...

    @property
    def complete(self) -> bool:
        return self.error is None and self.remaining == 0


def deliver(outbox: LrsOutbox, client: LrsClient, *, now: datetime) -> DeliveryReport:
    """Send every queued entry, oldest first; record the attempt in the log. Never raises
    an LRS error: it is in the report, and the entries stay queued.

    Stops at the first sign that nothing can get through (no answer, refused
    credentials, a wrong address); an entry the LRS fails on with a 5xx stays
    queued while the others are tried.
    """
    sent = statements = set_aside = 0
    error: str | None = None
    stopped = False
    for entry in list(outbox.pending.entries()):
        try:
            refused = _send(client, entry)
        except (LrsAuthError, LrsConfigError) as problem:
            error, stopped = str(problem), True
        except LrsUnreachable as problem:
            error = error or str(problem)
            stopped = problem.status is None
        else:
            try:
                if refused:
                    outbox.refused.put(_refused_entry(entry, refused))
                    set_aside += 1
                outbox.pending.remove(entry.key)
            except QueueError as problem:
                error, stopped = str(problem), True
            else:
                sent += 1
                statements += len(entry.statements) - len(refused)
        if stopped:
            break
    remaining = sum(1 for _ in outbox.pending.entries())
    _log(outbox.log, now, statements, error)
    return DeliveryReport(sent, statements, set_aside, remaining, error)


def _send(client: LrsClient, entry: QueuedStatements) -> list[tuple[dict[str, Any], str]]:
    """Send one entry; the statements the LRS refuses for good, with its reasons.

    The batch goes in one POST (all or nothing). If the LRS refuses it, each
    statement is PUT on its own, so that one bad statement never holds back
    the rest of the playthrough.
    """
    try:
        client.post_statements(entry.statements)
        return []
    except LrsRefused as batch_error:
        if len(entry.statements) == 1:
            return [(entry.statements[0], str(batch_error))]
    refused = []
    for statement in entry.statements:
        try:
            client.put_statement(statement)
        except LrsRefused as error:
            refused.append((statement, str(error)))
    return refused


def _refused_entry(
    entry: QueuedStatements, refused: Sequence[tuple[dict[str, Any], str]]
) -> QueuedStatements:
    reasons = sorted({reason for _, reason in refused})
    note = "; ".join(reasons)
    return QueuedStatements(entry.key, tuple(s for s, _ in refused), entry.queued_at, note)


def _log(log: DeliveryLog, now: datetime, statements: int, error: str | None) -> None:
    state = log.read()
    if statements:
        state = replace(state, last_sent_at=now, last_sent_statements=statements)
    state = replace(state, last_attempt_at=now, last_error=error)
    # The log only informs `lrs status`; the queue itself is what must not be lost.
    with contextlib.suppress(QueueError):
        log.write(state)


class LearningRecords:
    """What a presenter calls: `record` after each playthrough, `send` on a worker thread.

    Built once at the entry point (`open`), like the results store. Without an
    LRS set, `record` keeps nothing (the statements can still be made later
    from the recorded results, with `rapport results export --xapi`).
    """

    def __init__(self, config: LrsConfig, outbox: LrsOutbox) -> None:
        self.config = config
        self.outbox = outbox

    @classmethod
    def open(cls, folder: Path | None = None) -> LearningRecords:
        """From the environment and settings file; LrsConfigError when a setting is wrong."""
        return cls(load_config(), open_outbox(folder))

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
        from game.lrs.client import LrsClient

        return deliver(self.outbox, LrsClient(self.config), now=now)


__all__ = [
    "DeliveryReport",
    "DeliveryState",
    "LearningRecords",
    "LrsOutbox",
    "QueueOutcome",
    "deliver",
    "open_outbox",
    "queue_playthrough",
    "queue_statements",
]
