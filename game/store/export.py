"""Results as export rows: the columns of `rapport results export`, with the meeting filled in.

Apart from the SQL store on purpose: an export format reads ResultRecords
and sessions through the store role, so another format (xAPI statements)
can sit beside the CSV one. A result's session is the one it was recorded
with, else the session whose time window it was played in; its module is the
one it was recorded with, else the module that lists its scenario.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TextIO

from game.store.records import ResultRecord, Session, format_time

EXPORT_COLUMNS: tuple[str, ...] = (
    "id",
    "player",
    "scenario",
    "content_hash",
    "module",
    "empathy_raw",
    "anticipation_raw",
    "upsell_raw",
    "empathy",
    "anticipation",
    "upsell",
    "overall",
    "ending",
    "outcome",
    "decisions",
    "path",
    "seconds",
    "played_at",
    "app_version",
    "session",
    "untimed",
)
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def session_of(record: ResultRecord, sessions: Sequence[Session]) -> str | None:
    """The meeting a result belongs to: its own session, else the latest one it was played in.

    `sessions` newest first, as the store lists them.
    """
    if record.session is not None:
        return record.session
    for session in sessions:
        if session.contains(record.played_at):
            return session.name
    return None


def export_rows(
    records: Iterable[ResultRecord],
    sessions: Sequence[Session],
    module_of: Callable[[str], str | None] | None = None,
) -> Iterator[dict[str, Any]]:
    """One dict per result, keyed by EXPORT_COLUMNS, session and module filled where known."""
    newest = sorted(sessions, key=lambda s: s.started_at, reverse=True)
    for record in records:
        module = record.module
        if module is None and module_of is not None:
            module = module_of(record.scenario)
        yield {
            "id": record.id,
            "player": record.player,
            "scenario": record.scenario,
            "content_hash": record.content_hash,
            "module": module,
            "empathy_raw": record.raw[0],
            "anticipation_raw": record.raw[1],
            "upsell_raw": record.raw[2],
            "empathy": record.percent[0],
            "anticipation": record.percent[1],
            "upsell": record.percent[2],
            "overall": record.overall,
            "ending": record.ending,
            "outcome": record.outcome,
            "decisions": json.dumps(list(record.decisions)),
            "path": json.dumps(list(record.path), ensure_ascii=False),
            "seconds": record.seconds,
            "played_at": format_time(record.played_at),
            "app_version": record.app_version,
            "session": session_of(record, newest),
            "untimed": "yes" if record.untimed else "no",
        }


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value  # shown as text, never run as a formula
    return value


def write_csv(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """A header line of EXPORT_COLUMNS, then one line per row; returns the count.

    Player text that a spreadsheet would run as a formula is written with a
    leading `'`.
    """
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for row in rows:
        writer.writerow([_cell(row[column]) for column in EXPORT_COLUMNS])
        count += 1
    return count
