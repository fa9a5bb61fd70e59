"""Recording a playthrough: scores are recomputed from the scenario and the path, not trusted.

A result can therefore never claim more than its decisions earned, whatever
the presenter (window, terminal, a hand-made call) passes in.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import game
from game.core.engine import Decision, PlayError, replay
from game.core.model import Scenario
from game.core.scoring import Ranges, result_of
from game.store import ResultsStore
from game.store.records import RecordOutcome, ResultError, ResultRecord


def record_playthrough(
    store: ResultsStore,
    scenario: Scenario,
    analysis_ranges: Ranges | None,
    decisions: Sequence[Decision],
    *,
    player: str,
    seconds: float,
    module: str | None,
    played_at: datetime,
    result_id: str,
    session: str | None = None,
) -> RecordOutcome:
    """Replay `decisions`, score them against `analysis_ranges` and store the result.

    Never raises for bad input: an impossible path, an unfinished playthrough or
    an invalid field comes back as an outcome that is neither stored nor queued,
    with a sentence saying why.
    """
    if analysis_ranges is None:
        return _refused(f"scenario {scenario.id!r} cannot be scored (it has no score ranges)")
    try:
        playthrough = replay(scenario, list(decisions))
    except PlayError as error:
        return _refused(f"the choices do not fit scenario {scenario.id!r}: {error}")
    if not playthrough.finished:
        return _refused(f"the playthrough of {scenario.id!r} has not reached an ending yet")
    result = result_of(playthrough, analysis_ranges)
    record = ResultRecord(
        id=result_id,
        player=player,
        scenario=result.scenario,
        content_hash=result.content_hash,
        module=module,
        raw=result.scores,
        percent=result.percent,
        overall=result.overall,
        ending=result.ending,
        outcome=result.outcome,
        decisions=result.decisions,
        path=result.path,
        seconds=seconds,
        played_at=played_at,
        app_version=game.__version__,
        session=session,
    )
    try:
        return store.record(record)
    except ResultError as error:
        return _refused(str(error))


def _refused(reason: str) -> RecordOutcome:
    return RecordOutcome(
        stored=False, queued=False, message=f"The result was not recorded: {reason}."
    )
