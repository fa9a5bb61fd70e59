"""The outbox: results that could not be stored yet, kept on this computer until they can.

One JSON file per result, written to a temp file, fsynced and renamed into
place, so a crash leaves either the whole entry or none. Entries name the
database they were meant for; only a store for that database sends them.
Nothing here talks to a database.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.store.records import ResultError, ResultRecord

OUTBOX_FORMAT = "rapport-outbox"
OUTBOX_VERSION = 1


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    path: Path
    record: ResultRecord


class Outbox:
    """A folder of queued results for one database `target` (its URL, password hidden)."""

    def __init__(self, folder: Path, target: str) -> None:
        self.folder = folder
        self.target = target

    def put(self, record: ResultRecord) -> Path:
        """Keep `record` durably; raises OSError when even that is impossible."""
        self.folder.mkdir(parents=True, exist_ok=True)
        final = self.folder / f"{record.id}.json"
        data = {
            "format": OUTBOX_FORMAT,
            "version": OUTBOX_VERSION,
            "target": self.target,
            "result": record.to_json(),
        }
        payload = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
        handle, temp = tempfile.mkstemp(prefix=f".{record.id}.", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(payload)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temp, final)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        _fsync_folder(self.folder)
        return final

    def entries(self) -> Iterator[OutboxEntry]:
        """Readable entries for this target, oldest first; damaged ones are left alone."""
        if not self.folder.is_dir():
            return
        files = sorted(self.folder.glob("*.json"), key=_modified)
        for path in files:
            data = _read(path)
            if data is None or data.get("target") != self.target:
                continue
            try:
                record = ResultRecord.from_json(data.get("result"))
            except ResultError:
                continue
            yield OutboxEntry(path, record)

    def count(self) -> int:
        return sum(1 for _ in self.entries())

    def remove(self, entry: OutboxEntry) -> None:
        """Drop an entry once its result is in the database (another sender may have won)."""
        with contextlib.suppress(FileNotFoundError):
            entry.path.unlink()


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != OUTBOX_FORMAT:
        return None
    if data.get("version") != OUTBOX_VERSION:
        return None
    return data


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (a no-op where folders cannot be opened)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
