"""Recording a finished playthrough from the window: through the store worker, never in a frame.

`record_result` hands the result to the worker and returns a `Recording` at
once; the debrief shows its status ("Saving your result…", then what happened)
and the team round reads whether it was kept. A result that is kept (stored,
or queued in the outbox while the database is away) counts for the player's
progress straight away. The same job queues the result's learning records
(game.lrs.records, with the LRS settings read afresh), and a second job sends
them; a setting that cannot work, or an LRS that cannot be reached, is a
notice, never a stop.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.core.analysis import Analysis
    from game.core.engine import Playthrough
    from game.core.model import Scenario
    from game.lrs.delivery import DeliveryReport
    from game.lrs.records import LearningRecords, RecordedPlaythrough
    from game.store import ResultsStore
    from game.ui.scene import Context
    from game.ui.worker import StoreFailure

    Answer = tuple[RecordedPlaythrough, LearningRecords | None, list[str]]

SAVING = "Saving your result…"
KEPT_RECORDS = 20  # recent outcomes the window remembers (the autoplay's exit status reads them)


@dataclass(eq=False)
class Recording:
    """How recording one result went; `done` once the store (or the lack of one) answered."""

    player: str
    status: str = SAVING
    done: bool = False
    kept: bool = False  # stored now, or queued to be sent later

    def finish(self, kept: bool, status: str) -> None:
        self.kept, self.status, self.done = kept, status, True


def record_result(
    ctx: Context,
    scenario: Scenario,
    analysis: Analysis,
    playthrough: Playthrough,
    *,
    player: str,
    module: str | None,
    untimed: bool = False,
) -> Recording:
    """Start recording `playthrough` under `player`; the returned Recording fills in later.

    `untimed`: a timer was switched off in the settings; the result is marked so.
    """
    recording = Recording(player)
    if not player:
        _finish(
            ctx, recording, False, "Type your name on the title screen to have results recorded."
        )
        return recording
    from game.core.scoring import result_of

    assert analysis.ranges is not None
    overall = result_of(playthrough, analysis.ranges).overall
    ranges = analysis.ranges
    decisions = list(playthrough.decisions)
    seconds = playthrough.elapsed_s
    played_at = ctx.now()
    session = ctx.options.session
    library = ctx.library.library  # its modules as written (the picker's may leave some out)
    home = next((m for m in library.modules if m.id == module), None) if library else None

    def record(store: ResultsStore) -> Answer:
        from game.lrs.records import open_learning_records, record_with_statements

        learning, problems = open_learning_records()
        recorded = record_with_statements(
            store,
            learning,
            scenario,
            ranges,
            decisions,
            player=player,
            seconds=seconds,
            module=home,
            played_at=played_at,
            result_id=uuid.uuid4().hex,
            session=session,
            untimed=untimed,
        )
        return recorded, learning, problems

    def answered(reply: Answer | StoreFailure) -> None:
        from game.ui.worker import StoreFailure

        if isinstance(reply, StoreFailure):
            status = (
                reply.message
                if reply.lasting  # already says that nothing is recorded this time
                else f"The result could not be recorded ({reply.message})."
            )
            _finish(ctx, recording, False, status)
            return
        recorded, learning, problems = reply
        answer = recorded.outcome
        if answer.stored:
            kept, status = True, "Your result is recorded on the leaderboard."
        elif answer.queued:
            kept, status = (
                True,
                answer.message
                or (
                    "The results database could not be reached; your result is kept on this "
                    "computer and sent next time."
                ),
            )
        else:
            kept, status = False, answer.message or "The result was not recorded."
        if kept:
            ctx.progress.add(player, scenario.id, overall)
        _finish(ctx, recording, kept, status)
        for problem in [*problems, recorded.statements.message]:
            if problem:
                ctx.notify(problem, error=True)
        if learning is not None and recorded.statements.queued:
            send_learning_records(ctx, learning)

    ctx.worker.submit(record, answered)
    return recording


def send_learning_records(ctx: Context, learning: LearningRecords) -> None:
    """Send what waits for the LRS, on the store worker; a notice when it cannot be now."""
    now = ctx.now()

    def send(store: ResultsStore) -> DeliveryReport | None:
        return learning.send(now=now)

    def sent(report: DeliveryReport | StoreFailure | None) -> None:
        from game.lrs.delivery import DeliveryReport

        if isinstance(report, DeliveryReport) and report.error is not None:
            ctx.notify(
                f"Your learning records wait on this computer: {report.error}. They are "
                "sent after your next playthrough."
            )

    ctx.worker.submit(send, sent)


def _finish(ctx: Context, recording: Recording, kept: bool, status: str) -> None:
    recording.finish(kept, status)
    ctx.records.append((kept, status))
    del ctx.records[:-KEPT_RECORDS]
