"""The leaderboard screen: one scenario's board from the store (read through the store
worker), the player highlighted."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pygame

from game.core.decisions import play_decisions
from game.loader import Library
from game.store import MemoryResultsStore
from game.store.recording import record_playthrough
from game.ui.app import App
from game.ui.scenes.leaderboard import LeaderboardScene
from tests.ui.conftest import MakeApp
from tests.ui.support import decisions_to_every_ending, frames, key, run_until, top


def played(
    store: MemoryResultsStore, library: Library, scenario_id: str, player: str, decisions: list[Any]
) -> None:
    scenario = library.scenarios[scenario_id]
    play_decisions(scenario, decisions, to_ending=False)  # the decisions are possible
    outcome = record_playthrough(
        store,
        scenario,
        library.analyses[scenario_id].ranges,
        decisions,
        player=player,
        seconds=60.0,
        module=None,
        played_at=datetime.now(UTC),
        result_id=f"{abs(hash((player, scenario_id))):032x}"[:32],
    )
    assert outcome.stored


def open_board(app: App, scenario: str | None = None) -> LeaderboardScene:
    app.start()
    frames(app)
    app.stack.push(LeaderboardScene(app.ctx, scenario))
    scene = top(app)
    assert isinstance(scene, LeaderboardScene)
    run_until(app, lambda: scene.settled)
    return scene


def test_the_board_ranks_players_and_marks_the_current_one(
    make_app: MakeApp, shipped: Library, store: MemoryResultsStore
) -> None:
    scenario = shipped.scenarios["loaner-counter"]
    best = list(shipped.analyses["loaner-counter"].best or ())
    weaker = next(list(d) for d in decisions_to_every_ending(scenario).values() if list(d) != best)
    played(store, shipped, "loaner-counter", "Bea", best)
    played(store, shipped, "loaner-counter", "Ana", weaker)
    board = open_board(make_app(), "loaner-counter")
    assert [row.player for row in board.rows] == ["Bea", "Ana"]
    assert [row.player == board.ctx.player for row in board.rows] == [False, True]
    assert board.message is None


def test_left_and_right_switch_the_scenario_shown(
    make_app: MakeApp, store: MemoryResultsStore
) -> None:
    app = make_app()
    board = open_board(app, "loaner-counter")
    first = board.scenario
    key(pygame.K_RIGHT)
    frames(app)
    assert board.scenario != first and not board.settled  # "Loading…" until the store answers
    run_until(app, lambda: board.settled)
    assert board.loaded_for == board.scenario
    key(pygame.K_LEFT)
    frames(app)
    assert board.scenario == first


def test_an_empty_board_invites_the_first_player(make_app: MakeApp) -> None:
    board = open_board(make_app(), "garage-checkup")
    assert board.rows == [] and board.message is not None and "first" in board.message


def test_a_failing_database_is_a_message_on_the_board(make_app: MakeApp) -> None:
    class Broken(MemoryResultsStore):
        def leaderboard(self, **_: Any) -> list[Any]:
            from game.store import StoreError

            raise StoreError("the results database cannot be reached (connection refused)")

    board = open_board(make_app(results=Broken()), "loaner-counter")
    assert board.message is not None and "connection refused" in board.message
