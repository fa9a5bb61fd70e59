"""The player's progress as the window knows it: their best overall per scenario.

Read from the results store through the store worker (so on a shared database
it follows the player from computer to computer), plus every result this window
kept since (stored, or queued in the outbox while the database is away). What
is passed and unlocked is decided by game.core.progress from these bests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.core.progress import Bests
    from game.store import ResultsStore
    from game.ui.worker import StoreFailure, StoreWorker


class PlayerProgress:
    """One player's bests; `version` changes whenever they do (screens redraw then)."""

    def __init__(self) -> None:
        self.player = ""
        self.loaded = False  # the store has answered for this player (or cannot)
        self.problem: str | None = None  # why the store's bests are missing
        self.version = 0
        self._stored: dict[str, float] = {}
        self._kept: dict[str, float] = {}  # results of this run, whatever the store said

    @property
    def bests(self) -> Bests:
        from game.core.progress import with_result  # not before the first frame

        merged = dict(self._stored)
        for scenario, overall in self._kept.items():
            merged = with_result(merged, scenario, overall)
        return merged

    def follow(self, player: str, worker: StoreWorker) -> None:
        """Read `player`'s bests (again) from the store; until then this run's results count."""
        if player != self.player:
            self.player = player
            self._stored, self._kept = {}, {}
            self.loaded, self.problem = False, None
            self.version += 1
        if not player:
            return

        def read(store: ResultsStore) -> dict[str, float]:
            return store.best_overalls(player)

        def answered(answer: dict[str, float] | StoreFailure) -> None:
            if player != self.player:
                return  # another player took over meanwhile
            if isinstance(answer, dict):
                self._stored, self.problem = answer, None
            else:
                self.problem = answer.message
            self.loaded = True
            self.version += 1

        worker.submit(read, answered, owner=self)

    def add(self, player: str, scenario: str, overall: float | None) -> None:
        """A result of `player` was kept (stored or queued): count it from now on."""
        from game.core.progress import with_result

        if player == self.player and overall is not None:
            self._kept = with_result(self._kept, scenario, overall)
            self.version += 1
