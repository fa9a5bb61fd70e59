"""Result records and scenarios for store tests, and a brute-force board to check stores against."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime, timedelta

from game.core.analysis import analyze
from game.core.engine import Decision
from game.core.model import COMPETENCIES, Scenario
from game.store import ResultRecord, ScenarioShelf, ScoringBasis, Submission
from game.store.records import format_time
from tests.core.builders import LOANER, build

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
# The loaner scenario of the core tests, with a content hash as the loader gives one.
SCENARIO: Scenario = dataclasses.replace(build(LOANER), content_hash="loaner-hash-1")
RANGES = analyze(SCENARIO).ranges
BASIS = ScoringBasis(SCENARIO, RANGES, module="week-1")
BEST = (2, 2)  # ask which car, then the lease question: the best playthrough
WORST = (1,)  # "They're all the same."
LIBRARY = "/scenarios/for/tests"  # the name of the test catalogue


def shelf(*bases: ScoringBasis, name: str = LIBRARY) -> ScenarioShelf:
    """A catalogue holding `bases` (the loaner scenario when none are given)."""
    chosen = bases or (BASIS,)
    return ScenarioShelf(name, {b.scenario.id: b for b in chosen})


def make_submission(
    player: str = "Ann",
    decisions: tuple[Decision, ...] = BEST,
    *,
    minute: float = 0,
    seconds: float = 42.0,
    session: str | None = None,
    result_id: str | None = None,
    content_hash: str | None = None,
    untimed: bool = False,
) -> Submission:
    return Submission(
        id=result_id or uuid.uuid4().hex,
        player=player,
        scenario=SCENARIO.id,
        content_hash=SCENARIO.content_hash if content_hash is None else content_hash,
        module=None,
        decisions=decisions,
        seconds=seconds,
        played_at=T0 + timedelta(minutes=minute),
        app_version="0.1.0",
        session=session,
        untimed=untimed,
    )


def make_record(
    player: str = "Ann",
    scenario: str = "loaner",
    overall: float | None = 50.0,
    *,
    percent: tuple[float | None, float | None, float | None] | None = None,
    seconds: float = 60.0,
    minute: float = 0,
    result_id: str | None = None,
    session: str | None = None,
    module: str | None = None,
    raw: tuple[int, int, int] = (1, 2, 3),
    untimed: bool = False,
) -> ResultRecord:
    return ResultRecord(
        id=result_id or uuid.uuid4().hex,
        player=player,
        scenario=scenario,
        content_hash="hash-1",
        module=module,
        raw=raw,
        percent=percent if percent is not None else (overall, overall, overall),
        overall=overall,
        ending="happy_end",
        outcome="success",
        decisions=(2, 1, "t"),
        path=("opening", "middle", "happy_end"),
        seconds=seconds,
        played_at=T0 + timedelta(minutes=minute),
        app_version="0.1.0",
        session=session,
        untimed=untimed,
    )


def value_of(record: ResultRecord, board: str) -> float | None:
    if board == "overall":
        return record.overall
    return record.percent[COMPETENCIES.index(board)]


def brute_force_board(
    records: list[ResultRecord], board: str = "overall", scenario: str | None = None
) -> list[ResultRecord]:
    """Each player's best result in board order, computed the slow and obvious way."""
    best: dict[str, ResultRecord] = {}

    def key(r: ResultRecord) -> tuple[float, float, datetime, str]:
        value = value_of(r, board)
        assert value is not None
        return (-value, r.seconds, r.played_at, r.id)

    for record in records:
        if scenario is not None and record.scenario != scenario:
            continue
        if value_of(record, board) is None:
            continue
        if record.player not in best or key(record) < key(best[record.player]):
            best[record.player] = record
    return sorted(best.values(), key=key)


def row_key(record: ResultRecord) -> tuple[str, str, float, str]:
    """What a BoardRow shows of a result, to compare boards with brute force."""
    return (record.player, record.scenario, record.seconds, format_time(record.played_at))


def brute_force_module_board(
    records: list[ResultRecord], scenarios: tuple[str, ...], board: str = "overall"
) -> list[tuple[str, float | None, float, str]]:
    """(player, mean, seconds, latest played_at) of a module board, the slow and obvious way."""
    from fractions import Fraction

    from game.core.scoring import overall as mean

    rows = []
    players = {r.player for r in records}
    for player in players:
        bests = [
            brute_force_board([r for r in records if r.player == player], board, scenario)
            for scenario in scenarios
        ]
        if not all(bests):
            continue
        chosen = [best[0] for best in bests]
        total = sum((Fraction(str(value_of(r, board))) for r in chosen), Fraction(0))
        rows.append(
            (
                -total / len(chosen),
                sum(r.seconds for r in chosen),
                max(r.played_at for r in chosen),
                player,
                mean([value_of(r, board) for r in chosen]),
            )
        )
    rows.sort(key=lambda row: row[:4])
    return [(row[3], row[4], row[1], format_time(row[2])) for row in rows]
