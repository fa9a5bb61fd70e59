"""Playthroughs of the shipped scenarios, and the facts a statement needs, for the LRS tests."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from functools import cache

from game.core.analysis import Analysis
from game.core.engine import TIMER, Decision, Playthrough
from game.core.model import Module, Scenario
from game.core.scoring import Result, result_of
from game.loader import DEFAULT_SCENARIOS_DIR, Library, load_library
from game.lrs.statements import Attempt

PLAYED_AT = datetime(2025, 3, 14, 9, 26, 53, 589_793, tzinfo=UTC)
Pick = Callable[[Playthrough, int], Decision]


@cache
def library() -> Library:
    return load_library(DEFAULT_SCENARIOS_DIR)


def scenario(scenario_id: str) -> tuple[Scenario, Analysis]:
    return library().scenarios[scenario_id], library().analyses[scenario_id]


def module_of(scenario_id: str) -> Module:
    return next(m for m in library().modules if scenario_id in m.scenarios)


def first(playthrough: Playthrough, turn: int) -> Decision:
    return 1


def last(playthrough: Playthrough, turn: int) -> Decision:
    if playthrough.timer_seconds is not None:
        return TIMER
    return len(playthrough.choices)


def rotating(playthrough: Playthrough, turn: int) -> Decision:
    return turn % len(playthrough.choices) + 1 if playthrough.choices else TIMER


PICKS: list[Pick] = [first, last, rotating]


def play(scenario_id: str, pick: Pick = first, seconds: float = 83.25) -> tuple[Scenario, Result]:
    """Play the shipped scenario to an ending, choosing with `pick`."""
    chosen, analysis = scenario(scenario_id)
    playthrough = Playthrough(chosen)
    turn = 0
    while not playthrough.finished:
        playthrough.decide(pick(playthrough, turn))
        turn += 1
    playthrough.add_time(seconds)
    assert analysis.ranges is not None
    return chosen, result_of(playthrough, analysis.ranges)


def attempt(
    module: Module | None = None,
    *,
    player: str = "Zoé Martin",
    session: str | None = None,
    result_id: str | None = None,
    played_at: datetime = PLAYED_AT,
) -> Attempt:
    return Attempt(
        result_id=result_id or uuid.uuid4().hex,
        player=player,
        played_at=played_at,
        app_version="0.1.0",
        module=module,
        session=session,
    )


def every_playthrough() -> Iterator[tuple[Scenario, Result]]:
    """Three different playthroughs of every shipped scenario."""
    for scenario_id in sorted(library().scenarios):
        for pick in PICKS:
            yield play(scenario_id, pick)
