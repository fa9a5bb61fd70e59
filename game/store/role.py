"""The results store role: what the game, the meeting screen and the CLI may ask of a store.

Every implementation (`SQLAlchemyResultsStore`, `MemoryResultsStore`) passes
the same contract tests. Whatever goes wrong inside, a method raises only
`StoreError` (or its subclass `ResultError` for a result that must not be
stored); callers never catch anything else.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Protocol

from game.core.model import Module
from game.store.records import BoardRow, RecordOutcome, ResultRecord, Session


class ResultsStore(Protocol):
    """Results kept for boards, reports and exports; sessions for team meetings."""

    def record(self, record: ResultRecord) -> RecordOutcome:
        """Store a scored result now or keep it in the outbox; ResultError if it is invalid.

        Front ends score with `game.store.recording.record_playthrough`; the
        outbox keeps only what the player did and scores it again on delivery.
        """
        ...

    def flush_outbox(self) -> int:
        """Send queued results; returns how many were new to the store."""
        ...

    def pending(self) -> int:
        """How many results wait in the outbox for this store."""
        ...

    def warnings(self) -> list[str]:
        """Sentences the user should see: a risky setup, queued results kept aside."""
        ...

    def start_session(self, name: str, now: datetime) -> Session: ...

    def end_session(self, name: str, now: datetime) -> Session:
        """End the session now; the returned session carries its result count."""
        ...

    def session_window(self, name: str) -> Session | None: ...

    def sessions(self) -> list[Session]:
        """Every session, the most recently started first, with its result count."""
        ...

    def leaderboard(
        self,
        *,
        scenario: str | None = None,
        module: Module | None = None,
        competency: str | None = None,
        session: str | None = None,
        limit: int = 10,
    ) -> list[BoardRow]: ...

    def all_results(self) -> Iterator[ResultRecord]:
        """Every result, oldest first (for export)."""
        ...

    def recent_results(
        self,
        since: datetime,
        *,
        scenario: str | None = None,
        module: Module | None = None,
        session: str | None = None,
        limit: int = 500,
    ) -> list[ResultRecord]: ...

    def best_overalls(self, player: str) -> dict[str, float]:
        """The player's best overall percent per scenario (what passes and unlocks modules)."""
        ...

    def results_for(self, scenario: str, session: str | None = None) -> list[ResultRecord]: ...

    def close(self) -> None: ...
