"""The learning-record queue: statements kept on this computer until the LRS has them.

`StatementQueue` is the role delivery needs (put, entries, remove). The one
implementation here, `FileStatementQueue`, keeps one JSON file per
playthrough, written to a temporary file, fsynced and renamed into place, so a
crash leaves either the whole entry or none. Statements are queued as built,
complete: delivery never needs the scenario again, so editing a scenario while
the LRS is down changes nothing already played. `DeliveryLog` remembers when
statements last reached the LRS and the last problem, for `rapport lrs status`.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from game.saves import SaveWriteError, write_atomic

QUEUE_FORMAT = "rapport-lrs-queue"
QUEUE_VERSION = 1
LOG_FORMAT = "rapport-lrs-delivery"
MAX_ENTRY_BYTES = 16 * 1024 * 1024  # a playthrough's statements are some kilobytes
_KEY = re.compile(r"[0-9a-z][0-9a-z-]{0,63}")

LRS_FOLDER = "lrs"  # in the data folder: queue/, refused/ and delivery.json


class QueueError(Exception):
    """The queue cannot keep an entry (the disk is full or read-only); says where."""


@dataclass(frozen=True)
class QueuedStatements:
    """The statements of one playthrough, waiting for the LRS (or set aside by it)."""

    key: str  # the result id: one entry per playthrough
    statements: tuple[dict[str, Any], ...]
    queued_at: datetime
    note: str | None = field(default=None)  # why the LRS refused them, when it did


class StatementQueue(Protocol):
    """Where statements wait; entries are replaced by key, so a retry never doubles one."""

    def put(self, entry: QueuedStatements) -> None:
        """Keep `entry` durably (replacing one with the same key); QueueError if impossible."""
        ...

    def entries(self) -> Iterator[QueuedStatements]:
        """Readable entries, oldest first."""
        ...

    def remove(self, key: str) -> None:
        """Forget the entry `key` (nothing happens when it is already gone)."""
        ...


def default_lrs_folder() -> Path:
    from game.folders import data_folder

    return data_folder() / LRS_FOLDER


class FileStatementQueue:
    """A folder with one JSON file per queued playthrough."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def put(self, entry: QueuedStatements) -> None:
        if not _KEY.fullmatch(entry.key):
            raise ValueError(f"queue keys are lowercase ids, not {entry.key!r}")
        data = {
            "format": QUEUE_FORMAT,
            "version": QUEUE_VERSION,
            "key": entry.key,
            "queued_at": _time(entry.queued_at),
            "note": entry.note,
            "statements": list(entry.statements),
        }
        payload = json.dumps(data, ensure_ascii=False, allow_nan=False, indent=1).encode("utf-8")
        try:
            write_atomic(self.folder / f"{entry.key}.json", payload)
        except SaveWriteError as error:
            raise QueueError(f"the learning records could not be kept: {error}") from None

    def entries(self) -> Iterator[QueuedStatements]:
        if not self.folder.is_dir():
            return
        found = [e for e in map(_read, self.folder.glob("*.json")) if e is not None]
        yield from sorted(found, key=lambda e: (e.queued_at, e.key))

    def remove(self, key: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            (self.folder / f"{key}.json").unlink()


def _time(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _read(path: Path) -> QueuedStatements | None:
    """The entry in `path`, or None when it is damaged (it is then left as it is)."""
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_ENTRY_BYTES + 1)
        data = json.loads(raw)
    except (OSError, ValueError):
        return None
    if (
        len(raw) > MAX_ENTRY_BYTES
        or not isinstance(data, dict)
        or data.get("format") != QUEUE_FORMAT
        or data.get("version") != QUEUE_VERSION
        or data.get("key") != path.stem
        or not isinstance(data.get("statements"), list)
        or not all(isinstance(s, dict) for s in data["statements"])
        or not isinstance(data.get("note"), str | None)
    ):
        return None
    try:
        queued_at = datetime.fromisoformat(data["queued_at"])
    except (TypeError, ValueError):
        return None
    if queued_at.tzinfo is None:
        return None
    return QueuedStatements(path.stem, tuple(data["statements"]), queued_at, data["note"])


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


def _parse(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def count_statements(entries: Sequence[QueuedStatements]) -> int:
    return sum(len(e.statements) for e in entries)
