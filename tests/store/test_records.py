"""Result records: the JSON round trip of the outbox, and validation of what is stored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from game.store import BoardRow, ResultError
from game.store.records import ResultRecord, Session, format_time, parse_time
from tests.store.factories import make_record


def test_a_record_survives_the_json_round_trip() -> None:
    record = make_record("Zoë 🎉", percent=(84.6, None, 10.0), overall=47.3, session="Mon")
    assert ResultRecord.from_json(record.to_json()) == record


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda d: d.pop("player"), "no 'player' field"),
        (lambda d: d.update(raw=[1, 2]), "three numbers"),
        (lambda d: d.update(percent="high"), "three numbers"),
        (lambda d: d.update(decisions=7), "wrong kind"),
        (lambda d: d.update(played_at="yesterday"), "not an ISO 8601 time"),
        (lambda d: d.update(played_at="2024-05-01T09:00:00"), "no time zone"),
        (lambda d: d.update(overall=float("nan")), "not between 0 and 100"),
        (lambda d: d.update(player=None), "must be text"),
    ],
)
def test_a_damaged_json_record_is_refused(change: Any, says: str) -> None:
    data = make_record().to_json()
    change(data)
    with pytest.raises(ResultError, match=says):
        ResultRecord.from_json(data)


def test_times_are_stored_as_fixed_width_utc_text_that_sorts_as_time() -> None:
    paris = timezone(timedelta(hours=2))
    assert format_time(datetime(2024, 5, 1, 11, 30, tzinfo=paris)) == "2024-05-01T09:30:00.000000Z"
    early = format_time(datetime(999, 1, 1, tzinfo=UTC))
    late = format_time(datetime(2024, 1, 1, tzinfo=UTC))
    assert len(early) == len(late) and early < late
    assert parse_time(late) == datetime(2024, 1, 1, tzinfo=UTC)
    with pytest.raises(ResultError, match="time zone"):
        format_time(datetime(2024, 1, 1))


def test_a_board_row_rounds_seconds_for_json() -> None:
    row = BoardRow(1, "Ann", "loaner", 50.0, None, 1.0, 2.0, 12.34567, "2024-05-01T09:00:00Z")
    assert row.to_dict()["seconds"] == 12.346


def test_a_session_without_an_end_contains_everything_after_its_start() -> None:
    start = datetime(2024, 5, 1, 9, tzinfo=UTC)
    session = Session("Open", start, None)
    assert session.contains(start + timedelta(days=30))
    assert not session.contains(start - timedelta(seconds=1))
