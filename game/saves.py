"""Autosaves: atomic JSON files in the data folder, never pickle.

A save is refused, with a sentence and without being touched, when it is not
ours, damaged, too new or edited by hand; a write that fails (disk full,
read-only folder) leaves the previous file byte-identical. File names come from
scenario ids, never from anything a player typed. No pygame here.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from game.core.modes import MODES, Mode

if TYPE_CHECKING:  # the window imports this before its first frame: keep it light
    from datetime import datetime

    from game.core.engine import Playthrough
    from game.core.model import Scenario

AUTOSAVE_FORMAT = "rapport-autosave"
AUTOSAVE_VERSION = 1  # written into every autosave
MAX_SAVE_BYTES = 1024 * 1024  # bytes; a real save is well under 10 KB
# Scenario ids are slugs (the loader checks this too); only these name files.
_SCENARIO_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,199}")


MAX_SEED_CHARS = 64  # a seed is a short token (the window makes 16 hex digits)


def _is_seed(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= MAX_SEED_CHARS and value.isprintable()


class SaveWriteError(Exception):
    """A file that could not be written; the previous one is unchanged. One sentence."""


class SaveRefused(Exception):
    """A save that cannot be used; it is left as it is. The message is one sentence."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"The saved game {path.name} {reason}; it was left as it is.")
        self.path = path


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "the folder is read-only"
    return error.strerror or str(error)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that it is always the old or the new file, never torn.

    A unique temporary file in the same folder is written, flushed and synced,
    then renamed over the target. Raises SaveWriteError (the old file untouched).
    """
    import tempfile  # on first save, not at start-up

    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
        temporary = None
        _sync_folder(path.parent)
    except OSError as error:
        raise SaveWriteError(f"{path} could not be written ({_reason(error)})") from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (not on Windows)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _checksum(payload: Mapping[str, Any]) -> str:
    import hashlib
    import json

    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a save can hold")


def _read_json(path: Path, limit: int) -> tuple[Any, str | None]:
    """The parsed JSON at `path`, or a reason it cannot be read (never raises for bad data)."""
    try:
        with path.open("rb") as file:
            raw = file.read(limit + 1)
    except OSError as error:
        return None, f"cannot be read ({_reason(error)})"
    if not raw:
        return None, "is empty"
    if len(raw) > limit:
        return None, "is far larger than any save"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, "is not a Rapport save (it is not text)"
    import json  # here, not at the top: the window's first frame reads no save

    try:
        return json.loads(text, parse_constant=_refuse_constant), None
    except (ValueError, RecursionError):
        return None, "is damaged or incomplete"


class Autosave(NamedTuple):
    """A saved, unfinished playthrough and what the window needs to resume it."""

    path: Path
    scenario: str
    title: str  # the scenario's title when it was saved, for the Continue button
    mode: Mode
    module: str | None
    player: str
    saved_at: str  # ISO 8601
    playthrough: dict[str, Any]  # Playthrough.to_dict()
    # The window's order of the choices in assessment mode (game.core.shuffle), kept
    # so that Continue shows them as before; None: file order.
    seed: str | None = None
    untimed: bool = False  # a timer was switched off in the settings during the playthrough

    def restore(self, scenario: Scenario) -> Playthrough:
        """The playthrough, replayed; raises the engine's SaveError or ScenarioChangedError."""
        from game.core.engine import Playthrough

        return Playthrough.from_dict(scenario, self.playthrough)


class SaveFolder:
    """One autosave slot per scenario, `saves/<scenario-id>.json` in the data folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_for(self, scenario_id: str) -> Path:
        if not _SCENARIO_ID.fullmatch(scenario_id):
            raise ValueError(f"`{scenario_id}` is not a scenario id")
        return self.folder / f"{scenario_id}.json"

    def write(
        self,
        playthrough: Playthrough,
        *,
        mode: Mode,
        module: str | None,
        player: str,
        saved_at: datetime,
        seed: str | None = None,
        untimed: bool = False,
    ) -> Path:
        """Save `playthrough` atomically; SaveWriteError leaves the old save unchanged.

        `seed` is the display order of the choices (assessment mode), `untimed`
        whether a timer was switched off; both come back with the save.
        """
        scenario = playthrough.scenario
        payload: dict[str, Any] = {
            "format": AUTOSAVE_FORMAT,
            "version": AUTOSAVE_VERSION,
            "scenario": scenario.id,
            "title": scenario.title,
            "mode": mode,
            "module": module,
            "player": player,
            "saved_at": saved_at.isoformat(timespec="seconds"),
            "playthrough": playthrough.to_dict(),
        }
        if seed is not None:
            payload["seed"] = seed
        if untimed:
            payload["untimed"] = True
        document = {**payload, "checksum": _checksum(payload)}
        path = self.path_for(scenario.id)
        import json

        text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
        write_atomic(path, text.encode("utf-8"))
        return path

    def read(self, scenario_id: str) -> Autosave:
        return self.read_path(self.path_for(scenario_id))

    def read_path(self, path: Path) -> Autosave:
        """The autosave at `path`, or SaveRefused saying why it cannot be used."""
        data, problem = _read_json(path, MAX_SAVE_BYTES)
        if problem is not None:
            raise SaveRefused(path, problem)
        if not isinstance(data, dict) or data.get("format") != AUTOSAVE_FORMAT:
            raise SaveRefused(path, "is not a Rapport save")
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise SaveRefused(path, "has no version")
        if version > AUTOSAVE_VERSION:
            raise SaveRefused(path, "was made by a newer Rapport; update Rapport to continue it")
        payload = {key: value for key, value in data.items() if key != "checksum"}
        if data.get("checksum") != _checksum(payload):
            raise SaveRefused(path, "was changed outside the game")
        scenario = data.get("scenario")
        module = data.get("module")
        fields_ok = (
            isinstance(scenario, str)
            and path.name == f"{scenario}.json"
            and isinstance(data.get("title"), str)
            and data.get("mode") in MODES
            and (module is None or isinstance(module, str))
            and isinstance(data.get("player"), str)
            and isinstance(data.get("saved_at"), str)
            and isinstance(data.get("playthrough"), dict)
            and (data.get("seed") is None or _is_seed(data["seed"]))
            and isinstance(data.get("untimed", False), bool)
        )
        if not fields_ok:
            raise SaveRefused(path, "is damaged")
        return Autosave(
            path=path,
            scenario=data["scenario"],
            title=data["title"],
            mode=Mode(data["mode"]),
            module=module,
            player=data["player"],
            saved_at=data["saved_at"],
            playthrough=data["playthrough"],
            seed=data.get("seed"),
            untimed=data.get("untimed", False),
        )

    def latest(self) -> tuple[Autosave | None, list[str]]:
        """The most recent usable autosave, and a sentence for each one refused."""
        try:
            candidates = sorted(self.folder.glob("*.json"))
        except OSError:
            return None, []
        found: list[Autosave] = []
        problems: list[str] = []
        for path in candidates:
            if not _SCENARIO_ID.fullmatch(path.stem):
                continue  # not a file this game writes: not ours to judge
            try:
                found.append(self.read_path(path))
            except SaveRefused as refused:
                problems.append(str(refused))
        newest = max(found, key=lambda save: save.saved_at, default=None)
        return newest, problems

    def remove(self, scenario_id: str) -> None:
        """Forget a finished or restarted scenario's autosave (absent is fine)."""
        try:
            self.path_for(scenario_id).unlink()
        except FileNotFoundError:
            return
        except OSError as error:
            raise SaveWriteError(
                f"the old save of {scenario_id} could not be removed ({_reason(error)})"
            ) from None
