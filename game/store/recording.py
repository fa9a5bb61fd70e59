"""Scoring a submission: the one place a result's scores come from.

`score` replays what the player did on the scenario and scores the path
against the analysed ranges; nothing a presenter, a hand-made call or an
outbox file says about scores is ever used. A result recorded now
(`record_playthrough`) and one delivered later from the outbox
(`game.store.delivery`) go through the same `score`. `record_scored` also
hands back the core's Result it scored, for what is made from a result besides
its row (the learning records, game.lrs.records).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

import game
from game.core.decisions import play_decisions
from game.core.engine import Decision, PlayError
from game.core.model import Scenario
from game.core.scoring import Ranges, Result, result_of
from game.store.catalogue import ScoringBasis
from game.store.records import (
    RecordOutcome,
    ResultError,
    ResultRecord,
    StoreError,
    Submission,
    validate_record,
    validate_submission,
)
from game.store.role import ResultsStore


class ScenarioChanged(ResultError):
    """The scenario is not the one the result was played on (its content hash differs)."""


@dataclass(frozen=True, slots=True)
class Recorded:
    """What became of a playthrough: the store's outcome, and the core's Result it was
    scored to (None when it could not be scored, and so was not recorded)."""

    outcome: RecordOutcome
    result: Result | None = None
    record: ResultRecord | None = None  # the row as given to the store

    @property
    def kept(self) -> bool:
        """Stored now, or kept in the outbox to be stored later."""
        return self.outcome.stored or self.outcome.queued


def score(submission: Submission, basis: ScoringBasis) -> ResultRecord:
    """The result of `submission`, scored on `basis`; ResultError says why it cannot be.

    The scenario must be the very one that was played (same id and content
    hash); the decisions must replay to an ending.
    """
    return scored(submission, basis)[1]


def scored(submission: Submission, basis: ScoringBasis) -> tuple[Result, ResultRecord]:
    """`score`, with the core's Result it was made from (its `seconds` the submission's)."""
    submission = validate_submission(submission)
    scenario = basis.scenario
    if submission.scenario != scenario.id:
        raise ResultError(
            f"the result is for scenario {submission.scenario!r}, not {scenario.id!r}"
        )
    if submission.content_hash != scenario.content_hash:
        raise ScenarioChanged(
            f"scenario {scenario.id!r} has changed since the result was played "
            "(its content differs)"
        )
    if basis.ranges is None:
        raise ResultError(f"scenario {scenario.id!r} cannot be scored (it has no score ranges)")
    try:
        playthrough = play_decisions(scenario, list(submission.decisions), to_ending=False)
    except PlayError as error:
        raise ResultError(f"the choices do not fit scenario {scenario.id!r}: {error}") from None
    if not playthrough.finished:
        raise ResultError(f"the playthrough of {scenario.id!r} has not reached an ending yet")
    result = replace(result_of(playthrough, basis.ranges), seconds=submission.seconds)
    record = validate_record(
        ResultRecord(
            id=submission.id,
            player=submission.player,
            scenario=result.scenario,
            content_hash=result.content_hash,
            module=submission.module or basis.module,
            raw=result.scores,
            percent=result.percent,
            overall=result.overall,
            ending=result.ending,
            outcome=result.outcome,
            decisions=result.decisions,
            path=result.path,
            seconds=submission.seconds,
            played_at=submission.played_at,
            app_version=submission.app_version,
            session=submission.session,
            untimed=submission.untimed,
        )
    )
    return result, record


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
    untimed: bool = False,
) -> RecordOutcome:
    """Score `decisions` on `scenario` (see `score`) and store the result.

    Never raises: an impossible path, an unfinished playthrough, an invalid
    field or a store that fails comes back as an outcome, with a sentence
    saying why. `untimed`: a timer was switched off in the player's settings.
    """
    return record_scored(
        store,
        scenario,
        analysis_ranges,
        decisions,
        player=player,
        seconds=seconds,
        module=module,
        played_at=played_at,
        result_id=result_id,
        session=session,
        untimed=untimed,
    ).outcome


def record_scored(
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
    untimed: bool = False,
) -> Recorded:
    """`record_playthrough`, with the core's Result the store was given. Never raises."""
    submission = Submission(
        id=result_id,
        player=player,
        scenario=scenario.id,
        content_hash=scenario.content_hash,
        module=module,
        decisions=tuple(decisions),
        seconds=seconds,
        played_at=played_at,
        app_version=game.__version__,
        session=session,
        untimed=untimed,
    )
    try:
        result, record = scored(submission, ScoringBasis(scenario, analysis_ranges))
    except ResultError as error:
        return Recorded(_refused(str(error)))
    try:
        return Recorded(store.record(record), result, record)
    except StoreError as error:
        return Recorded(_refused(str(error)), result, record)


def _refused(reason: str) -> RecordOutcome:
    return RecordOutcome(
        stored=False, queued=False, message=f"The result was not recorded: {reason}."
    )
