"""Result records for store tests, and a brute-force board to check the store against."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from game.core.model import COMPETENCIES
from game.store import ResultRecord
from game.store.records import format_time

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)


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
