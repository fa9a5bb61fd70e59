"""The outbox: a small durable queue on this computer for deliveries that cannot be made now.

Generic: an entry has a kind (results, later learning-record statements), a
target (the destination's name, a database URL with its password hidden), a
key unique within its kind, and a JSON payload that the kind's codec writes
and reads. Nothing here talks to a database or knows what a result is.

Each entry is one JSON file, written to a temp file, fsynced and renamed into
place, so a crash leaves either the whole entry or none. Every entry is sealed
with an HMAC keyed by a secret kept in the folder, so an entry edited in a text
editor (a score, a decision, an id, a field's type) no longer matches its seal.
It is then moved to `set-aside/` with the reason, never delivered, never
deleted. (Someone who reads the key file can still forge a seal; the seal
stops hand edits, and whoever delivers an entry must still check its meaning,
as the results store does by replaying the decisions.)

Files that are not outbox entries at all, and entries of another format
version, are left where they are, untouched. Each kind is read from its own
files only (`KIND.KEY.json`), so a kind with many entries waiting never slows
down the delivery of another.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

OUTBOX_FORMAT = "rapport-outbox"
OUTBOX_VERSION = 2  # version 1 kept unsealed result records with their scores
LEGACY_VERSION = 1
SET_ASIDE_FOLDER = "set-aside"
KEY_FILE = ".outbox-key"  # the secret the seals are made with (created on first use)
KEY_BYTES = 32
MAX_ENTRY_BYTES = 4 * 1024 * 1024  # an entry larger than this is damage, not a delivery
MAX_NOTICES = 50  # sentences kept about entries set aside (the rest are in set-aside/)
_NAME = re.compile(r"[a-z][a-z0-9-]{0,30}")  # kinds
_KEY = re.compile(r"[A-Za-z0-9_-]{1,100}")  # entry keys (they become file names)

T = TypeVar("T")


class EntryKind(Protocol[T]):
    """How one kind of delivery is written into and read from the outbox."""

    name: str  # e.g. "result"; part of every file name

    def encode(self, item: T) -> dict[str, Any]:
        """The item as JSON-ready data."""
        ...

    def decode(self, payload: Any) -> T:
        """The item back from `encode`'s data; ValueError (with a sentence) when it is damaged."""
        ...

    def key(self, item: T) -> str:
        """A key unique within the kind (letters, digits, `-`, `_`): one file per item."""
        ...


@dataclass(frozen=True, slots=True)
class Queued(Generic[T]):
    """One entry read back: its file and the item it holds."""

    path: Path
    item: T


@dataclass(frozen=True, slots=True)
class _Envelope:
    path: Path
    kind: str
    target: str
    key: str
    payload: Any
    version: int
    seal: Any = None


class Outbox:
    """A folder of sealed entries; `notices` collects a sentence for each entry set aside."""

    def __init__(self, folder: Path, *, now: Callable[[], datetime] | None = None) -> None:
        self.folder = folder
        self.notices: list[str] = []
        self._now = now or (lambda: datetime.now(UTC))
        self._secret: bytes | None = None

    # -- writing ---------------------------------------------------------------------------
    def put(self, kind: EntryKind[T], target: str, item: T) -> Path:
        """Keep `item` durably for `target`; raises OSError when even that is impossible,
        ValueError for an item too large to be read back."""
        key = kind.key(item)
        if not _NAME.fullmatch(kind.name) or not _KEY.fullmatch(key):
            raise ValueError(f"outbox names must be short and plain, not {kind.name!r}/{key!r}")
        payload = kind.encode(item)
        envelope = {
            "format": OUTBOX_FORMAT,
            "version": OUTBOX_VERSION,
            "kind": kind.name,
            "target": target,
            "key": key,
            "payload": payload,
        }
        envelope["seal"] = self._seal(kind.name, target, key, payload)
        data = json.dumps(envelope, ensure_ascii=False, indent=1).encode("utf-8")
        if len(data) > MAX_ENTRY_BYTES:  # it could never be read back: refuse it now
            raise ValueError(
                f"an outbox entry may hold {MAX_ENTRY_BYTES // (1024 * 1024)} MB at most, "
                f"and this {kind.name} entry needs {len(data) / (1024 * 1024):.1f} MB"
            )
        self.folder.mkdir(parents=True, exist_ok=True)
        final = self.folder / f"{kind.name}.{key}.json"
        _write_atomically(final, data)
        return final

    # -- reading ---------------------------------------------------------------------------
    def entries(self, kind: EntryKind[T], target: str) -> Iterator[Queued[T]]:
        """Sound entries of `kind` for `target`, oldest first.

        An entry of this kind and target that fails its seal or does not decode
        is set aside (with a notice); other files are not touched.
        """
        for envelope in self._envelopes(kind.name):
            if envelope.version != OUTBOX_VERSION:
                continue
            if envelope.kind != kind.name or envelope.target != target:
                continue
            try:
                item = kind.decode(envelope.payload)
                if kind.key(item) != envelope.key:
                    raise ValueError("its key does not match its contents")
            except ValueError as error:
                self.set_aside(envelope.path, f"it is damaged ({error})")
                continue
            yield Queued(envelope.path, item)

    def legacy(self, target: str) -> Iterator[tuple[Path, Any]]:
        """Entries of the first outbox format for `target` (unsealed, never to be trusted)."""
        for envelope in self._envelopes():
            if envelope.version == LEGACY_VERSION and envelope.target == target:
                yield envelope.path, envelope.payload

    def is_empty(self, kind: EntryKind[T] | None = None) -> bool:
        """True when no entry file (of `kind`, when given) waits: one directory read, the
        common case made cheap."""
        if not os.path.isdir(self.folder):
            return True
        prefix = "" if kind is None else f"{kind.name}."
        try:
            with os.scandir(self.folder) as found:
                return not any(
                    e.name.endswith(".json") and e.name.startswith(prefix) for e in found
                )
        except OSError:
            return True

    def count(self, kind: EntryKind[T], target: str) -> int:
        """How many entries of `kind` wait for `target` (without checking their seals)."""
        return len(self.keys(kind).get(target, []))

    def keys(self, kind: EntryKind[T]) -> dict[str, list[str]]:
        """The keys of the entries of `kind` waiting for each target, oldest first (without
        checking their seals)."""
        found: dict[str, list[str]] = {}
        for envelope in self._envelopes(kind.name, verify=False):
            if envelope.version == OUTBOX_VERSION and envelope.kind == kind.name:
                found.setdefault(envelope.target, []).append(envelope.key)
        return found

    def _envelopes(self, kind: str | None = None, *, verify: bool = True) -> Iterator[_Envelope]:
        """Entries oldest first; with `kind`, only the files named for it are read."""
        if not self.folder.is_dir():
            return
        prefix = "" if kind is None else f"{kind}."
        try:
            names = [
                p
                for p in self.folder.iterdir()
                if p.suffix == ".json" and p.name.startswith(prefix) and p.is_file()
            ]
        except OSError:
            return
        for path in sorted(names, key=_modified):
            envelope = _read(path)
            if envelope is None:
                continue
            if verify and envelope.version == OUTBOX_VERSION and not self._sealed(envelope):
                self.set_aside(
                    path, "it was changed after it was written (it no longer matches its seal)"
                )
                continue
            yield envelope

    # -- removing --------------------------------------------------------------------------
    def remove(self, path: Path) -> None:
        """Drop a delivered entry (another sender may have removed it first)."""
        with contextlib.suppress(FileNotFoundError):
            path.unlink()

    def set_aside(self, path: Path, reason: str) -> Path | None:
        """Move the entry into `set-aside/` with `reason` beside it; never delivered again."""
        aside = self.folder / SET_ASIDE_FOLDER
        target = aside / path.name
        note = aside / f"{path.name}.reason.txt"
        try:
            aside.mkdir(parents=True, exist_ok=True)
            stamp = self._now().astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
            _write_atomically(note, f"{stamp}: {reason}\n".encode())
            os.replace(path, target)
        except FileNotFoundError:
            return None  # another program dealt with it first
        except OSError as error:
            self.note(
                f"the outbox entry {path} could not be sent: {reason}; moving it aside "
                f"failed too ({error.strerror or error}), so it stays where it is"
            )
            return None
        self.note(f"the outbox entry {path.name} was not sent: {reason}; it was kept in {aside}")
        return target

    def note(self, sentence: str) -> None:
        """Add a notice once (deliveries repeat; their notices should not)."""
        if sentence not in self.notices and len(self.notices) < MAX_NOTICES:
            self.notices.append(sentence)

    # -- the seal --------------------------------------------------------------------------
    def _sealed(self, envelope: _Envelope) -> bool:
        seal = envelope.seal
        if not isinstance(seal, str) or not seal.isascii():
            return False
        try:
            expected = self._seal(envelope.kind, envelope.target, envelope.key, envelope.payload)
        except (ValueError, RecursionError):
            return False
        return hmac.compare_digest(seal.encode("ascii"), expected.encode("ascii"))

    def _seal(self, kind: str, target: str, key: str, payload: Any) -> str:
        message = json.dumps(
            [kind, target, key, payload], ensure_ascii=False, sort_keys=True, separators=(",", ":")
        ).encode("utf-8")
        return hmac.new(self._key(), message, hashlib.sha256).hexdigest()

    def _key(self) -> bytes:
        """The folder's secret, made on first use (0600); all users of the folder share it."""
        if self._secret is not None:
            return self._secret
        path = self.folder / KEY_FILE
        try:
            secret = path.read_bytes()
        except FileNotFoundError:
            secret = b""
        if len(secret) != KEY_BYTES:
            self.folder.mkdir(parents=True, exist_ok=True)
            fresh = secrets.token_bytes(KEY_BYTES)
            handle, temp = tempfile.mkstemp(prefix=".key.", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(fresh)
                    file.flush()
                    os.fsync(file.fileno())
                if secret:  # a damaged key: replace it (its seals cannot be checked anyway)
                    os.replace(temp, path)
                else:
                    # Fails if another program made one meanwhile: theirs is used.
                    with contextlib.suppress(FileExistsError):
                        os.link(temp, path)
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
            _fsync_folder(self.folder)
            secret = path.read_bytes()
        self._secret = secret
        return secret


def _write_atomically(final: Path, data: bytes) -> None:
    handle, temp = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, final)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_folder(final.parent)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _read_json(path: Path) -> Any:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_ENTRY_BYTES + 1)
        if len(data) > MAX_ENTRY_BYTES:
            return None
        return json.loads(data)
    except (OSError, ValueError, RecursionError):
        return None


def _read(path: Path) -> _Envelope | None:
    """The entry's envelope, or None for a file that is not (this program's) outbox entry."""
    data = _read_json(path)
    if not isinstance(data, dict) or data.get("format") != OUTBOX_FORMAT:
        return None
    version = data.get("version")
    target = data.get("target")
    if not isinstance(target, str) or isinstance(version, bool):
        return None
    if version == LEGACY_VERSION:
        return _Envelope(path, "result", target, path.stem, data.get("result"), LEGACY_VERSION)
    if version != OUTBOX_VERSION:
        return None
    kind, key = data.get("kind"), data.get("key")
    if not isinstance(kind, str) or not isinstance(key, str):
        return None
    return _Envelope(path, kind, target, key, data.get("payload"), OUTBOX_VERSION, data.get("seal"))


def _fsync_folder(folder: Path) -> None:
    """Make a rename itself durable (a no-op where folders cannot be opened)."""
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
