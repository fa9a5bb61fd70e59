"""Trainer mode in the window: pick up a scenario file when it is saved, and carry the
playthrough over to the new version.

The scene polls in its fixed update step (never while drawing); a broken save is
shown as a notice and the previous version stays in use.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.core.decisions import carry_over

if TYPE_CHECKING:
    from game.core.analysis import Analysis
    from game.core.engine import Playthrough
    from game.core.model import Scenario
    from game.loader.watch import ScenarioWatcher
    from game.ui.services import LibraryHandle


@dataclass(frozen=True)
class NewVersion:
    """A saved, valid version to play from now on, with the playthrough carried over."""

    scenario: Scenario
    analysis: Analysis
    playthrough: Playthrough
    notice: str


class ScenarioReload:
    """Watches one scenario's file for the conversation scene; `poll` says what changed."""

    def __init__(self, watcher: ScenarioWatcher) -> None:
        self.watcher = watcher
        self._since_s = 0.0  # seconds since the file was last looked at

    @classmethod
    def of(cls, library: LibraryHandle, scenario_id: str) -> ScenarioReload | None:
        """A reload for the scenario's file in the library, if it has one."""
        from game.loader.watch import ScenarioWatcher

        loaded = library.library
        path = loaded.paths.get(scenario_id) if loaded else None
        return cls(ScenarioWatcher(path)) if path is not None else None

    def poll(
        self, step_s: float, library: LibraryHandle, playthrough: Playthrough
    ) -> NewVersion | str | None:
        """After a save: the new version to play, or a sentence on why it was refused."""
        from game.loader.watch import POLL_S, Rejected

        self._since_s += step_s
        if self._since_s < POLL_S:
            return None
        self._since_s = 0.0
        event = self.watcher.poll()
        if event is None:
            return None
        if isinstance(event, Rejected):
            first = event.errors[0] if event.errors else event.diagnostics[0]
            return f"{first.format()} (the previous version stays in use)"
        loaded = library.library
        if loaded is not None:
            loaded.scenarios[event.scenario.id] = event.scenario
            loaded.analyses[event.scenario.id] = event.analysis
        before = len(playthrough.history)
        carried, kept = carry_over(playthrough.history, event.scenario)
        carried.add_time(playthrough.elapsed_s)
        notice = f"Reloaded {event.scenario.title}: kept {kept} of {before} choices."
        return NewVersion(event.scenario, event.analysis, carried, notice)
