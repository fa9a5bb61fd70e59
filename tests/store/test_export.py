"""Export rows: every column of every result, with the meeting it came from filled in."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

from game.store.export import EXPORT_COLUMNS, export_rows, session_of, write_csv
from game.store.records import Session
from tests.store.factories import T0, make_record

MONDAY = Session("Monday", T0, T0 + timedelta(hours=1))
WORKSHOP = Session("Workshop", T0 + timedelta(minutes=30), T0 + timedelta(hours=3))


def test_a_result_names_its_own_session_first_then_the_latest_one_it_was_played_in() -> None:
    sessions = [WORKSHOP, MONDAY]
    assert session_of(make_record(minute=10), sessions) == "Monday"
    assert session_of(make_record(minute=45), sessions) == "Workshop"  # in both: the later one
    assert session_of(make_record(minute=120), sessions) == "Workshop"
    assert session_of(make_record(minute=500), sessions) is None
    assert session_of(make_record(minute=500, session="Offsite"), sessions) == "Offsite"


def test_rows_fill_the_module_from_the_record_else_from_the_modules_file() -> None:
    records = [
        make_record("Ann", "loaner", module="week-1", minute=1),
        make_record("Bob", "loaner", minute=2),
        make_record("Cy", "unlisted", minute=3),
    ]
    rows = list(export_rows(records, [MONDAY], {"loaner": "week-2"}.get))
    assert [(r["player"], r["module"], r["session"]) for r in rows] == [
        ("Ann", "week-1", "Monday"),
        ("Bob", "week-2", "Monday"),
        ("Cy", None, "Monday"),
    ]
    assert list(rows[0]) == list(EXPORT_COLUMNS)


def test_the_csv_has_every_column_and_guards_formulas() -> None:
    record = make_record("=cmd|' /C calc'!A0", percent=(84.6, None, 1.0), overall=42.8)
    out = io.StringIO()
    assert write_csv(export_rows([record], []), out) == 1
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(row) == list(EXPORT_COLUMNS)
    assert row["player"] == "'=cmd|' /C calc'!A0"
    assert (row["empathy"], row["anticipation"], row["overall"]) == ("84.6", "", "42.8")
    assert json.loads(row["decisions"]) == [2, 1, "t"]
    assert row["played_at"] == "2024-05-01T09:00:00.000000Z"
    assert row["session"] == "" and row["module"] == ""
    assert row["untimed"] == "no"


def test_an_untimed_result_says_so_in_its_own_column() -> None:
    out = io.StringIO()
    write_csv(export_rows([make_record(untimed=True), make_record()], []), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [row["untimed"] for row in rows] == ["yes", "no"]
