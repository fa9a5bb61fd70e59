"""Submissions and records: the JSON round trip of the outbox, and validation of what is stored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from game.store import BoardRow, ResultError, StoreError, Submission
from game.store.records import Session, format_time, parse_time, validate_submission
from tests.store.factories import make_record, make_submission


def test_a_submission_survives_the_json_round_trip() -> None:
    submission = make_submission("Zoë 🎉", (2, "t", 1), session="Mon")
    assert Submission.from_json(submission.to_json()) == validate_submission(submission)


def test_a_record_gives_its_submission_without_scores() -> None:
    record = make_record("Ann", overall=99.0, session="Mon")
    data = record.submission().to_json()
    assert set(data) == {
        "id",
        "player",
        "scenario",
        "content_hash",
        "module",
        "decisions",
        "seconds",
        "played_at",
        "app_version",
        "session",
        "untimed",
    }
    assert data["decisions"] == [2, 1, "t"]


def test_an_untimed_submission_keeps_its_mark_and_one_queued_before_the_mark_is_timed() -> None:
    untimed = make_submission(untimed=True)
    assert Submission.from_json(untimed.to_json()).untimed is True
    earlier = make_submission().to_json()
    del earlier["untimed"]  # what an outbox written by an earlier Rapport holds
    assert Submission.from_json(earlier).untimed is False


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda d: d.pop("player"), "no player field"),
        (lambda d: d.update(overall=100.0), "unexpected fields \\(overall\\)"),
        (lambda d: d.update(decisions=7), "must be a list"),
        (lambda d: d.update(decisions=[2, "2"]), "choice numbers or `t`"),
        (lambda d: d.update(decisions=[True]), "choice numbers or `t`"),
        (lambda d: d.update(decisions=[0]), "choice numbers or `t`"),
        (lambda d: d.update(played_at="yesterday"), "not an ISO 8601 time"),
        (lambda d: d.update(played_at="2024-05-01T09:00:00"), "no time zone"),
        (lambda d: d.update(seconds=float("nan")), "playing time"),
        (lambda d: d.update(seconds="12"), "playing time"),
        (lambda d: d.update(player=None), "must be text"),
        (lambda d: d.update(id="not-hex"), "result id"),
        (lambda d: d.update(scenario="*"), "not a scenario id"),
        (lambda d: d.update(session=5), "session must be text"),
        (lambda d: d.update(untimed="no"), "untimed mark must be true or false"),
    ],
)
def test_a_damaged_json_submission_is_refused(change: Any, says: str) -> None:
    data = make_submission().to_json()
    change(data)
    with pytest.raises(ResultError, match=says):
        Submission.from_json(data)


def test_a_refused_result_is_a_store_error_too() -> None:
    assert issubclass(ResultError, StoreError)


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
