"""The results store in memory: the whole role, for tests, demos and a window without a database.

Nothing is kept after `close()`. It ranks with the same rules and refuses the
same requests as the SQL store (both pass one contract test suite). With an
outbox folder and a catalogue it delivers queued results too, scored as any
other (a memory store itself never needs to queue one).
"""

from __future__ import annotations

import functools
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import ParamSpec, TypeVar

from game.core.model import Module
from game.store.catalogue import ScenarioCatalogue
from game.store.delivery import RESULT_ENTRIES, deliver_results
from game.store.outbox import Outbox
from game.store.queries import (
    MAX_RECENT_ROWS,
    board_value,
    check_board_request,
    check_limit,
    check_scenario_id,
    check_since,
    mean_percent,
    module_order,
    no_such_session,
    result_order,
    session_lookup_name,
)
from game.store.records import (
    BoardRow,
    RecordOutcome,
    ResultRecord,
    Session,
    StoreError,
    check_session_name,
    format_time,
    parse_time,
    validate_record,
)

P = ParamSpec("P")
R = TypeVar("R")


def _mapped(method: Callable[P, R]) -> Callable[P, R]:
    """Let only StoreError out, as the role promises."""

    @functools.wraps(method)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except StoreError:
            raise
        except Exception as error:
            raise StoreError(
                f"the results store failed unexpectedly ({type(error).__name__}: {error}); "
                "please report this"
            ) from None

    return guarded


class MemoryResultsStore:
    """The ResultsStore role over dictionaries (thread-safe; one lock)."""

    def __init__(
        self,
        *,
        name: str = "memory",
        outbox_path: Path | None = None,
        scenarios: ScenarioCatalogue | None = None,
    ) -> None:
        self.target = f"memory:{name}"
        self.scenarios = scenarios
        self.outbox = Outbox(outbox_path) if outbox_path is not None else None
        self._results: dict[str, ResultRecord] = {}
        self._sessions: dict[str, Session] = {}
        self._lock = threading.RLock()

    # -- writing ---------------------------------------------------------------------------
    @_mapped
    def record(self, record: ResultRecord) -> RecordOutcome:
        record = validate_record(record)
        self._insert(record)
        self.flush_outbox()
        return RecordOutcome(stored=True, queued=False)

    def _insert(self, record: ResultRecord) -> bool:
        with self._lock:
            if record.id in self._results:
                return False
            self._results[record.id] = record
            return True

    @_mapped
    def flush_outbox(self) -> int:
        if self.outbox is None:
            return 0
        return deliver_results(self.outbox, self.target, self.scenarios, self._insert)

    @_mapped
    def pending(self) -> int:
        return 0 if self.outbox is None else self.outbox.count(RESULT_ENTRIES, self.target)

    @_mapped
    def warnings(self) -> list[str]:
        return [] if self.outbox is None else list(self.outbox.notices)

    def close(self) -> None:
        with self._lock:
            self._results.clear()
            self._sessions.clear()

    # -- sessions --------------------------------------------------------------------------
    @_mapped
    def start_session(self, name: str, now: datetime) -> Session:
        name = check_session_name(name)
        check_since(now)
        with self._lock:
            if name in self._sessions:
                raise StoreError(f"a session named {name!r} already exists; choose another name")
            session = Session(name, _stored_time(now), None)
            self._sessions[name] = session
        return session

    @_mapped
    def end_session(self, name: str, now: datetime) -> Session:
        name = session_lookup_name(name)
        check_since(now)
        ended = _stored_time(now)
        with self._lock:
            session = self._sessions.get(name)
            if session is None:
                raise no_such_session(name, self._names())
            if session.ended_at is not None:
                raise StoreError(f"the session {name!r} already ended at {session.ended_at}")
            if ended < session.started_at:
                raise StoreError(f"the session {name!r} cannot end before it started")
            self._sessions[name] = Session(name, session.started_at, ended)
            return self._counted(self._sessions[name])

    @_mapped
    def session_window(self, name: str) -> Session | None:
        name = session_lookup_name(name)
        with self._lock:
            return self._sessions.get(name)

    @_mapped
    def sessions(self) -> list[Session]:
        with self._lock:
            newest = sorted(self._sessions.values(), key=lambda s: s.started_at, reverse=True)
            return [self._counted(s) for s in newest]

    def _names(self) -> list[str]:
        newest = sorted(self._sessions.values(), key=lambda s: s.started_at, reverse=True)
        return [s.name for s in newest]

    def _counted(self, session: Session) -> Session:
        count = sum(1 for r in self._results.values() if _belongs(r, session.name, session))
        return Session(session.name, session.started_at, session.ended_at, count)

    def _members(self, name: str) -> list[ResultRecord]:
        """The results of a session (in its window or tagged with it); StoreError if unknown."""
        session = self._sessions.get(name)
        members = [r for r in self._results.values() if _belongs(r, name, session)]
        if session is None and not members:
            raise no_such_session(name, self._names())
        return members

    # -- reading ---------------------------------------------------------------------------
    @_mapped
    def leaderboard(
        self,
        *,
        scenario: str | None = None,
        module: Module | None = None,
        competency: str | None = None,
        session: str | None = None,
        limit: int = 10,
    ) -> list[BoardRow]:
        board = check_board_request(scenario, module, competency, session, limit)
        with self._lock:
            pool: Iterable[ResultRecord] = (
                self._results.values()
                if session is None
                else self._members(session_lookup_name(session))
            )
            if module is not None:
                return _module_board(pool, module, board, limit)
            if scenario is not None:
                pool = [r for r in pool if r.scenario == scenario]
            bests = _bests(pool, board, per_scenario=False)
        ranked = sorted(bests.values(), key=lambda r: result_order(r, board))[:limit]
        return [
            BoardRow(
                rank=position,
                player=r.player,
                scenario=r.scenario,
                overall=r.overall,
                empathy=r.percent[0],
                anticipation=r.percent[1],
                upsell=r.percent[2],
                seconds=r.seconds,
                played_at=format_time(r.played_at),
                untimed=r.untimed,
            )
            for position, r in enumerate(ranked, start=1)
        ]

    @_mapped
    def all_results(self) -> Iterator[ResultRecord]:
        with self._lock:
            return iter(_oldest_first(self._results.values()))

    @_mapped
    def recent_results(
        self,
        since: datetime,
        *,
        scenario: str | None = None,
        module: Module | None = None,
        session: str | None = None,
        limit: int = 500,
    ) -> list[ResultRecord]:
        check_since(since)
        check_scenario_id(scenario)
        check_limit(limit, MAX_RECENT_ROWS, "number of results")
        if module is not None and not isinstance(module, Module):
            raise StoreError("a module's results need a Module (from modules.yaml)")
        with self._lock:
            pool = (
                list(self._results.values())
                if session is None
                else self._members(session_lookup_name(session))
            )
        found = [
            r
            for r in pool
            if r.played_at >= since
            and (scenario is None or r.scenario == scenario)
            and (module is None or r.scenario in module.scenarios)
        ]
        return _oldest_first(found)[:limit]

    @_mapped
    def results_for(self, scenario: str, session: str | None = None) -> list[ResultRecord]:
        check_scenario_id(scenario)
        if scenario is None:
            raise StoreError("name the scenario whose results to read")
        with self._lock:
            pool = (
                list(self._results.values())
                if session is None
                else self._members(session_lookup_name(session))
            )
        return _oldest_first([r for r in pool if r.scenario == scenario])

    @_mapped
    def best_overalls(self, player: str) -> dict[str, float]:
        name = unicodedata.normalize("NFC", player).strip()  # as names are stored
        best: dict[str, float] = {}
        with self._lock:
            for r in self._results.values():
                if r.player == name and r.overall is not None:
                    best[r.scenario] = max(r.overall, best.get(r.scenario, r.overall))
        return best


def _stored_time(moment: datetime) -> datetime:
    """A time as a database keeps it: UTC, to the microsecond."""
    return parse_time(format_time(moment))


def _belongs(record: ResultRecord, name: str, session: Session | None) -> bool:
    return record.session == name or (session is not None and session.contains(record.played_at))


def _oldest_first(records: Iterable[ResultRecord]) -> list[ResultRecord]:
    return sorted(records, key=lambda r: (r.played_at, r.id))


def _bests(
    records: Iterable[ResultRecord], board: str, *, per_scenario: bool
) -> dict[tuple[str, str], ResultRecord]:
    """Each player's best (per scenario, or across all) by the board's ranking rule."""
    best: dict[tuple[str, str], ResultRecord] = {}
    for record in records:
        if board_value(record, board) is None:
            continue
        key = (record.player, record.scenario if per_scenario else "")
        held = best.get(key)
        if held is None or result_order(record, board) < result_order(held, board):
            best[key] = record
    return best


def _module_board(
    records: Iterable[ResultRecord], module: Module, board: str, limit: int
) -> list[BoardRow]:
    wanted = set(module.scenarios)
    if not wanted:
        return []
    by_player: dict[str, list[ResultRecord]] = {}
    in_module = (r for r in records if r.scenario in wanted)
    for (player, _), record in _bests(in_module, board, per_scenario=True).items():
        by_player.setdefault(player, []).append(record)
    ranked = sorted(
        (module_order(bests, board, player), player, bests)
        for player, bests in by_player.items()
        if len(bests) == len(wanted)
    )
    return [
        BoardRow(
            rank=position,
            player=player,
            scenario=module.id,
            overall=mean_percent([r.overall for r in bests]),
            empathy=mean_percent([r.percent[0] for r in bests]),
            anticipation=mean_percent([r.percent[1] for r in bests]),
            upsell=mean_percent([r.percent[2] for r in bests]),
            seconds=order[1],
            played_at=format_time(order[2]),
            untimed=any(r.untimed for r in bests),
        )
        for position, (order, player, bests) in enumerate(ranked[:limit], start=1)
    ]
