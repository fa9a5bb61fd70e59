"""Reload on save: watch a scenario file and re-check it when it changes.

Used by `rapport play --watch` and by the window's trainer mode (which carry the
playthrough over with game.core.decisions.carry_over). Polling the
file's modification time and size (then its bytes) needs no extra dependency,
works on every platform and on network shares, and twice a second is quick
enough for someone who just pressed save. Nothing here prints or sleeps: the
front end decides when to poll and how to show an event.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from game.core.analysis import Analysis
from game.core.model import Scenario
from game.loader.diagnostics import CANNOT_READ, Diagnostic, diagnostic
from game.loader.scenario import LoadReport, load_scenario

POLL_S = 0.5  # seconds between two looks at the file, for front ends that poll


@dataclass(frozen=True, slots=True)
class Reloaded:
    """The file changed and the new version is valid: play this one from now on."""

    scenario: Scenario
    analysis: Analysis
    warnings: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True, slots=True)
class Rejected:
    """The file changed but cannot be played (perhaps half written): keep the old version."""

    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "error")


WatchEvent = Reloaded | Rejected

# What a file looked like at the last poll: (modification time in ns, size in bytes),
# or None while it cannot be read.
_Signature = tuple[int, int] | None


class ScenarioWatcher:
    """Watches one scenario file; `poll()` says whether a new version arrived.

    `load()` checks the file as it is now. `poll()` returns None while nothing
    changed (the cheap case: one stat), a `Reloaded` when a changed file is
    valid, and a `Rejected` with the diagnostics when it is not. A change that
    leaves the bytes as they were (a save without edits) is not an event.
    """

    def __init__(
        self, path: str | Path, *, loader: Callable[[Path], LoadReport] = load_scenario
    ) -> None:
        self.path = Path(path)
        self._loader = loader
        self._signature: _Signature = self._stat()
        self._digest: str | None = None

    def load(self) -> WatchEvent:
        """Check the file as it is now, whether or not it changed."""
        self._signature = self._stat()
        self._digest = None
        event = self._check()
        assert event is not None  # with no version seen, every read is an event
        return event

    def poll(self) -> WatchEvent | None:
        """A new version or its problems when the file changed since the last look, else None."""
        signature = self._stat()
        if signature == self._signature:
            return None
        self._signature = signature
        if signature is None:
            # Some editors delete and recreate the file on save; say so once and
            # keep watching, the next save brings it back.
            self._digest = None
            return self._rejected(
                "is missing (perhaps it is being saved); the previous version stays in use"
            )
        return self._check()

    def _stat(self) -> _Signature:
        try:
            status = os.stat(self.path)
        except OSError:
            return None
        return (status.st_mtime_ns, status.st_size)

    def _check(self) -> WatchEvent | None:
        try:
            data = self.path.read_bytes()
        except OSError:
            self._digest = None
            return self._rejected("cannot be read; check that it exists and can be opened")
        digest = hashlib.sha256(data).hexdigest()
        if digest == self._digest:
            return None
        report = self._loader(self.path)
        if report.scenario is None or report.analysis is None or report.analysis.ranges is None:
            # Only a version that was played counts as seen: the same bytes
            # written again after a broken version must reload.
            self._digest = None
            diagnostics = tuple(report.diagnostics)
            if not any(d.severity == "error" for d in diagnostics):
                diagnostics += (
                    diagnostic(
                        str(self.path),
                        1,
                        1,
                        CANNOT_READ,
                        "no ending can be reached from the start, so the scenario cannot be scored",
                    ),
                )
            return Rejected(diagnostics)
        self._digest = digest
        return Reloaded(report.scenario, report.analysis, tuple(report.warnings))

    def _rejected(self, problem: str) -> Rejected:
        message = f"the scenario file {problem}"
        return Rejected((diagnostic(str(self.path), 1, 1, CANNOT_READ, message),))
