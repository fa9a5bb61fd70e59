"""Learning-record delivery: queue a playthrough's statements, send the queue, never lose or double.

`queue_playthrough` builds and checks the statements of a finished
playthrough and keeps them in the queue; it never raises, so a full disk or a
bad setting never stops play. `deliver` sends queued entries, oldest first,
and removes each only once the LRS has it. Statement ids are deterministic, so
an entry sent twice (a crash between sending and removing, two Rapports
flushing at once) is stored once: the LRS answers 204 for statements it
already holds. What the LRS refuses for good (HTTP 400, 409, 413, 422) is
retried one statement at a time, so the others still arrive, and what is
still refused is set aside as a `refused-statements` entry with the LRS's
reason: kept, shown by `rapport lrs status`, never retried blindly.
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
from game.lrs.errors import LrsAuthError, LrsConfigError, LrsRefused, LrsUnreachable
from game.lrs.queue import (
    LOG_FILE,
    OUTBOX_FOLDER,
    REFUSED_ENTRIES,
    STATEMENT_ENTRIES,
    DeliveryLog,
    QueuedStatements,
    QueueError,
    StatementQueue,
    count_playthroughs,
    default_lrs_folder,
    parts,
)
from game.lrs.statements import (
    Attempt,
    StatementError,
    StatementOptions,
    module_statements,
    playthrough_statements,
)
from game.lrs.validation import problems
from game.store.outbox import Outbox

if TYPE_CHECKING:  # the HTTP client is imported when something is sent
    from game.lrs.client import LrsClient


@dataclass(frozen=True)
class LrsOutbox:
    """Statements waiting for one LRS, those it refused, and the delivery log."""

    pending: StatementQueue
    refused: StatementQueue
    log: DeliveryLog

    @property
    def notices(self) -> list[str]:
        """Sentences about entries the outbox set aside (edited or damaged files)."""
        return self.pending.outbox.notices


def open_outbox(endpoint: str | None, folder: Path | None = None) -> LrsOutbox:
    """The statements for the LRS at `endpoint`, kept in `folder` (default: `lrs/` in the
    data folder). Without an endpoint nothing is queued for it; entries for others still
    show in `elsewhere()`."""
    folder = folder or default_lrs_folder()
    outbox = Outbox(folder / OUTBOX_FOLDER)
    target = endpoint or ""
    return LrsOutbox(
        pending=StatementQueue(outbox, STATEMENT_ENTRIES, target),
        refused=StatementQueue(outbox, REFUSED_ENTRIES, target),
        log=DeliveryLog(folder / LOG_FILE),
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
    return queue_statements(outbox, attempt.result_id, statements, now=now)


def queue_statements(
    outbox: LrsOutbox, result_id: str, statements: Sequence[dict[str, Any]], *, now: datetime
) -> QueueOutcome:
    """Queue a playthrough's ready-made statements, or set them aside when one is invalid.

    Never raises. A playthrough is checked whole before anything is queued.
    """
    wrong = [f"statement {n}: {p}" for n, s in enumerate(statements, 1) for p in problems(s)]
    entries = parts(result_id, statements, now)
    try:
        if wrong:
            note = "not sent, they break xAPI rules: " + "; ".join(wrong[:5])
            for entry in entries:
                outbox.refused.put(replace(entry, note=note))
            return QueueOutcome(False, message=f"The learning records were {note}.")
        for entry in entries:
            outbox.pending.put(entry)
    except QueueError as error:
        return QueueOutcome(False, message=f"{str(error)[0].upper()}{str(error)[1:]}.")
    return QueueOutcome(True, len(statements))


@dataclass(frozen=True)
class DeliveryReport:
    """What one `deliver` did, counted in playthroughs and statements."""

    sent_playthroughs: int = 0
    sent_statements: int = 0
    set_aside: int = 0  # playthroughs with statements moved to the refused entries
    remaining: int = 0  # playthroughs still waiting
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
    sent: set[str] = set()
    aside: set[str] = set()
    statements = 0
    error: str | None = None
    stopped = False
    for queued in list(outbox.pending.entries()):
        entry = queued.item
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
                    aside.add(entry.result_id)
                outbox.pending.remove(queued)
            except QueueError as problem:
                error, stopped = str(problem), True
            else:
                sent.add(entry.result_id)
                statements += len(entry.statements) - len(refused)
        if stopped:
            break
    remaining = count_playthroughs(list(outbox.pending.entries()))
    _log(outbox.log, now, statements, error)
    return DeliveryReport(len(sent), statements, len(aside), remaining, error)


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
    return replace(entry, statements=tuple(s for s, _ in refused), note=note)


def _log(log: DeliveryLog, now: datetime, statements: int, error: str | None) -> None:
    state = log.read()
    if statements:
        state = replace(state, last_sent_at=now, last_sent_statements=statements)
    state = replace(state, last_attempt_at=now, last_error=error)
    # The log only informs `lrs status`; the queue itself is what must not be lost.
    with contextlib.suppress(QueueError):
        log.write(state)


__all__ = [
    "DeliveryReport",
    "LrsOutbox",
    "QueueOutcome",
    "deliver",
    "open_outbox",
    "queue_playthrough",
    "queue_statements",
]
