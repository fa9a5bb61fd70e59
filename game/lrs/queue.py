"""The learning-record queue: statements kept in an outbox on this computer until the LRS has them.

The queue is the store's generic outbox (`game.store.outbox`: one sealed JSON
file per entry, written atomically, set aside when edited by hand) with two
kinds of entries: `statements`, waiting for the LRS, and `refused-statements`,
those the LRS refused, kept with its reason and never sent again on their own.
An entry's target is the LRS's address, so statements made for one LRS never
go to another. Statements are queued as built, complete: delivery never needs
the scenario again, so editing a scenario while the LRS is down changes
nothing already played.

An entry holds the statements of one playthrough (a very long playthrough is
split into parts, so that no entry and no request grows without bound); its
key is the result id, so queueing the same playthrough again replaces it and
never doubles it. `DeliveryLog` remembers when statements last reached the LRS
and the last problem, for `rapport lrs status`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game.saves import SaveWriteError, write_atomic
from game.store.outbox import Outbox, Queued

LRS_FOLDER = "lrs"  # in the data folder: outbox/ and delivery.json
OUTBOX_FOLDER = "outbox"  # in LRS_FOLDER: the queued and the refused statements
LOG_FILE = "delivery.json"  # in LRS_FOLDER
LOG_FORMAT = "rapport-lrs-delivery"
PART_STATEMENTS = 100  # statements in one entry (and one request) at most
PART_BYTES = (
    1024 * 1024
)  # JSON bytes of one entry's statements, at most (one statement may be more)
_RESULT_ID = re.compile(r"[0-9a-z]{1,64}")  # no dash: a key is the id, then `-PART` after the first


class QueueError(Exception):
    """The queue cannot keep an entry (the disk is full or read-only); says where."""


@dataclass(frozen=True)
class QueuedStatements:
    """Statements of one playthrough, waiting for the LRS (or set aside by it)."""

    result_id: str  # the playthrough's result id (its registration, without dashes)
    statements: tuple[dict[str, Any], ...]
    queued_at: datetime
    note: str | None = field(default=None)  # why the LRS refused them, when it did
    part: int = 1  # the part of a playthrough split into several entries

    @property
    def key(self) -> str:
        """One entry per part of a playthrough: a retry replaces it, never doubles it."""
        return self.result_id if self.part == 1 else f"{self.result_id}-{self.part}"


class _Entries:
    """The outbox codec of queued statements; `refused` entries must carry the LRS's reason."""

    def __init__(self, name: str, *, refused: bool) -> None:
        self.name = name
        self.refused = refused

    def encode(self, item: QueuedStatements) -> dict[str, Any]:
        data: dict[str, Any] = {
            "result": item.result_id,
            "part": item.part,
            "queued_at": item.queued_at.astimezone(UTC).isoformat(timespec="microseconds"),
            "statements": list(item.statements),
        }
        if self.refused:
            data["note"] = item.note or ""
        return data

    def decode(self, payload: Any) -> QueuedStatements:
        fields = {"result", "part", "queued_at", "statements"} | (
            {"note"} if self.refused else set()
        )
        if not isinstance(payload, dict) or set(payload) != fields:
            raise ValueError("it is not a set of queued statements")
        result, part, statements = payload["result"], payload["part"], payload["statements"]
        if not isinstance(result, str) or not _RESULT_ID.fullmatch(result):
            raise ValueError("its result id is not one")
        if isinstance(part, bool) or not isinstance(part, int) or part < 1:
            raise ValueError("its part number is not a positive whole number")
        if not isinstance(statements, list) or not all(isinstance(s, dict) for s in statements):
            raise ValueError("its statements are not a list of objects")
        note = payload.get("note")
        if self.refused and not isinstance(note, str):
            raise ValueError("its reason is not text")
        return QueuedStatements(
            result, tuple(statements), _parse_time(payload["queued_at"]), note, part
        )

    def key(self, item: QueuedStatements) -> str:
        return item.key


STATEMENT_ENTRIES = _Entries("statements", refused=False)
REFUSED_ENTRIES = _Entries("refused-statements", refused=True)


def _parse_time(value: Any) -> datetime:
    if not isinstance(value, str):
        raise ValueError("its time is not text")
    moment = datetime.fromisoformat(value)  # ValueError for a time that is not ISO 8601
    if moment.tzinfo is None:
        raise ValueError("its time has no time zone")
    return moment


def parts(
    result_id: str, statements: Sequence[dict[str, Any]], queued_at: datetime
) -> list[QueuedStatements]:
    """A playthrough's statements as entries: one for any ordinary playthrough, in order."""
    found: list[QueuedStatements] = []
    batch: list[dict[str, Any]] = []
    size = 0
    for statement in statements:
        length = len(json.dumps(statement, ensure_ascii=False))
        if batch and (len(batch) == PART_STATEMENTS or size + length > PART_BYTES):
            found.append(QueuedStatements(result_id, tuple(batch), queued_at, part=len(found) + 1))
            batch, size = [], 0
        batch.append(statement)
        size += length
    if batch or not found:
        found.append(QueuedStatements(result_id, tuple(batch), queued_at, part=len(found) + 1))
    return found


class StatementQueue:
    """The entries of one kind for one LRS in an outbox: put, entries, remove."""

    def __init__(self, outbox: Outbox, kind: _Entries, target: str) -> None:
        self.outbox = outbox
        self.kind = kind
        self.target = target

    def put(self, entry: QueuedStatements) -> None:
        """Keep `entry` durably (replacing one with the same key); QueueError if impossible."""
        if not _RESULT_ID.fullmatch(entry.result_id):
            raise ValueError(
                f"queued statements need a lowercase result id, not {entry.result_id!r}"
            )
        try:
            self.outbox.put(self.kind, self.target, entry)
        except (OSError, ValueError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            raise QueueError(
                f"the learning records could not be kept in {self.outbox.folder} ({reason})"
            ) from None

    def entries(self) -> Iterator[Queued[QueuedStatements]]:
        """Sound entries, oldest first (damaged ones are set aside by the outbox)."""
        yield from self.outbox.entries(self.kind, self.target)

    def remove(self, entry: Queued[QueuedStatements]) -> None:
        """Forget a delivered entry (nothing happens when it is already gone)."""
        self.outbox.remove(entry.path)

    def is_empty(self) -> bool:
        """True when nothing of this kind waits, for any LRS (one directory read)."""
        return self.outbox.is_empty(self.kind)

    def elsewhere(self) -> dict[str, int]:
        """Playthroughs whose statements wait for another LRS than this queue's, by address."""
        return {
            target: len({key.split("-")[0] for key in keys})
            for target, keys in self.outbox.keys(self.kind).items()
            if target != self.target
        }


def default_lrs_folder() -> Path:
    from game.folders import data_folder

    return data_folder() / LRS_FOLDER


@dataclass(frozen=True)
class DeliveryState:
    """When statements last reached the LRS, and the last problem met."""

    last_sent_at: datetime | None = None
    last_sent_statements: int = 0
    last_attempt_at: datetime | None = None
    last_error: str | None = None


class DeliveryLog:
    """`delivery.json`: the DeliveryState, replaced atomically after each attempt."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> DeliveryState:
        try:
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return DeliveryState()
        if not isinstance(data, dict) or data.get("format") != LOG_FORMAT:
            return DeliveryState()
        count = data.get("last_sent_statements")
        error = data.get("last_error")
        return DeliveryState(
            last_sent_at=_parse(data.get("last_sent_at")),
            last_sent_statements=count if isinstance(count, int) else 0,
            last_attempt_at=_parse(data.get("last_attempt_at")),
            last_error=error if isinstance(error, str) else None,
        )

    def write(self, state: DeliveryState) -> None:
        data = {
            "format": LOG_FORMAT,
            "last_sent_at": _time(state.last_sent_at) if state.last_sent_at else None,
            "last_sent_statements": state.last_sent_statements,
            "last_attempt_at": _time(state.last_attempt_at) if state.last_attempt_at else None,
            "last_error": state.last_error,
        }
        try:
            write_atomic(self.path, json.dumps(data, indent=1).encode("utf-8"))
        except SaveWriteError as error:
            raise QueueError(f"the delivery log could not be kept: {error}") from None


def _time(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _parse(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def count_statements(entries: Sequence[Queued[QueuedStatements]]) -> int:
    return sum(len(e.item.statements) for e in entries)


def count_playthroughs(entries: Sequence[Queued[QueuedStatements]]) -> int:
    return len({e.item.result_id for e in entries})


def with_note(entry: QueuedStatements, note: str) -> QueuedStatements:
    return replace(entry, note=note)
