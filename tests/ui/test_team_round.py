"""The team round: names, turns played through the real conversation and debrief, the board
after each turn, the podium at the end, and every result recorded under its player."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.loader import Library, load_library
from game.settings import Settings
from game.store import SQLAlchemyResultsStore
from game.ui import flow
from game.ui.app import App
from game.ui.conversation.scene import CHOICES, ConversationScene
from game.ui.meeting import team_round_scene
from game.ui.meeting.team_round import (
    TeamRoundScene,
)
from game.ui.meeting.team_round_view import HANDOVER, MAX_PLAYERS, PODIUM, SETUP, STANDINGS
from game.ui.options import Options
from game.ui.scene import Scene
from game.ui.scenes.debrief import DebriefScene
from game.ui.services import StoreHandle
from tests.ui.support import say, settle_store

SCENARIO_YAML = """\
format: 1
id: tiny
title: A Tiny Talk
summary: A customer asks for help; answer well or badly.
source:
  title: Test story
  lesson: Ask about the need first.
setting: bike-shop
cast:
  sam: {name: Sam, portrait: sam}
start: hello
nodes:
  hello:
    text: The shop is quiet on a Tuesday.
    next: ask
  ask:
    speaker: sam
    text: Hi! Can you help me with a bike?
    choices:
      - text: Of course. What will you ride it for?
        scores: {empathy: 2, anticipation: 2, upsell: 1}
        feedback: You asked about her need.
        goto: good
      - text: Bikes are over there.
        scores: {empathy: -1, anticipation: -1}
        feedback: That sends her away.
        goto: bad
      - text: This one is on sale this week.
        scores: {upsell: 2, empathy: -1}
        feedback: A price before a need.
        goto: good
  good:
    ending: {title: A happy rider, outcome: success, text: She rides home happy.}
  bad:
    ending: {title: She left, outcome: failure, text: She walks out.}
"""


@pytest.fixture(autouse=True)
def fresh_pygame() -> Iterator[None]:
    """Each test starts pygame afresh (the conftest keeps it headless and files in tmp_path)."""
    yield
    pygame.quit()


@pytest.fixture
def library(tmp_path: Path) -> Library:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "tiny.yaml").write_text(SCENARIO_YAML, encoding="utf-8")
    loaded = load_library(folder)
    assert "tiny" in loaded.analyses
    return loaded


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLAlchemyResultsStore]:
    opened = SQLAlchemyResultsStore(
        f"sqlite:///{tmp_path / 'results.db'}", outbox_path=tmp_path / "outbox"
    )
    yield opened
    opened.close()


class BaseScene(Scene[Any]):
    """Stands for the title screen the round is opened from."""

    name = "base"


@pytest.fixture
def app(library: Library, store: SQLAlchemyResultsStore) -> App:
    settings = Settings(player_name="Trainer", volume=0, text_speed="instant")
    made = App(
        Options(), library=library, store=StoreHandle.of(store), settings=settings, fast=True
    )
    made.ctx.player = "Trainer"
    made.stack.push(BaseScene(made.ctx))
    return made


@pytest.fixture
def round_scene(app: App) -> TeamRoundScene:
    flow.open_team_round(app.ctx, "tiny")  # turns are played through the flow
    scene = app.stack.top
    assert isinstance(scene, TeamRoundScene)
    frames(app, 2)
    return scene


def settle(app: App) -> None:
    """Frames until every result handed to the store worker has been answered."""
    settle_store(app)


# -- real input ----------------------------------------------------------------------------------
def frames(app: App, count: int = 3) -> None:
    for _ in range(count):
        app.frame()


def press(app: App, code: int, text: str = "") -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode=text, scancode=0))
    frames(app)


def type_text(app: App, text: str) -> None:
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    frames(app)


def add_player(app: App, name: str) -> None:
    type_text(app, name)
    press(app, pygame.K_RETURN)


def play_turn(app: App, choice: int) -> None:
    """Play the top conversation with real keys: Space through the text, the key of choice
    `choice` (in file order) at each decision, Space through the ending, then Enter on the
    debrief's button."""
    for _ in range(400):
        top = app.stack.top
        if isinstance(top, TeamRoundScene):
            return
        if isinstance(top, ConversationScene):
            if top.choices_ready:
                say(top, choice)  # the choice numbered so in the file, wherever it is shown
                frames(app)
            elif top.phase == CHOICES:
                frames(app)  # the choices wait a moment before they accept a key
            else:
                press(app, pygame.K_SPACE, " ")
        elif isinstance(top, DebriefScene):
            if top.guard.ready:
                press(app, pygame.K_RETURN)
            else:
                frames(app)
        else:
            raise AssertionError(f"unexpected screen {top!r}")
    raise AssertionError("the turn never ended")


def start_round(app: App, names: list[str]) -> None:
    for name in names:
        add_player(app, name)
    press(app, pygame.K_RETURN)  # an empty name: that's everyone, focus "Start the round"
    press(app, pygame.K_RETURN)


# -- the whole round -----------------------------------------------------------------------------
def test_each_player_plays_in_turn_and_the_round_ends_on_a_podium(
    app: App, round_scene: TeamRoundScene, store: SQLAlchemyResultsStore
) -> None:
    start_round(app, ["Ann", "Bob", "Cy"])
    assert round_scene.phase == HANDOVER and round_scene.names == ["Ann", "Bob", "Cy"]

    press(app, pygame.K_RETURN)  # "Start Ann's turn"
    conversation = app.stack.top
    assert isinstance(conversation, ConversationScene) and conversation.mode == "assess"
    play_turn(app, 3)
    assert round_scene.phase == STANDINGS
    assert [(s.player, s.overall) for s in round_scene.standings] == [("Ann", 44.4)]
    assert round_scene.table.glowing == ["Ann"]
    assert app.ctx.player == "Trainer"

    press(app, pygame.K_RETURN)  # "Next: hand over to Bob"
    assert round_scene.phase == HANDOVER and round_scene.names[round_scene.turn] == "Bob"
    press(app, pygame.K_RETURN)
    play_turn(app, 1)
    assert [s.player for s in round_scene.standings] == ["Bob", "Ann"]

    press(app, pygame.K_RETURN)
    press(app, pygame.K_RETURN)
    play_turn(app, 2)
    assert round_scene.phase == PODIUM
    settle(app)
    assert [(s.rank, s.player, s.overall) for s in round_scene.standings] == [
        (1, "Bob", 83.3),
        (2, "Ann", 44.4),
        (3, "Cy", 0.0),
    ]
    recorded = {(r.player, r.overall) for r in store.results_for("tiny")}
    assert recorded == {("Ann", 44.4), ("Bob", 83.3), ("Cy", 0.0)}
    board = store.leaderboard(scenario="tiny")
    assert [row.player for row in board] == ["Bob", "Ann", "Cy"]
    assert app.ctx.saves.latest()[0] is None  # turns leave no saved game behind
    frames(app, 120)
    assert round_scene.settled

    press(app, pygame.K_RETURN)  # "Done"
    assert isinstance(app.stack.top, BaseScene)
    assert app.ctx.player == "Trainer"


def test_another_round_starts_again_with_the_same_team(
    app: App, round_scene: TeamRoundScene
) -> None:
    start_round(app, ["Ann", "Bob"])
    for choice in (1, 2):
        press(app, pygame.K_RETURN)
        play_turn(app, choice)
        if round_scene.phase == STANDINGS:
            press(app, pygame.K_RETURN)
    assert round_scene.phase == PODIUM
    press(app, pygame.K_LEFT)  # from "Done" to "Play another round"
    press(app, pygame.K_RETURN)
    assert round_scene.phase == HANDOVER
    assert round_scene.turn == 0 and round_scene.standings == []
    assert round_scene.names == ["Ann", "Bob"]


# -- setting up ----------------------------------------------------------------------------------
def test_names_are_checked_before_they_join_the_team(app: App, round_scene: TeamRoundScene) -> None:
    add_player(app, "   ")
    assert round_scene.names == [] and round_scene.error is not None
    assert "empty" in round_scene.error

    add_player(app, "Ann")
    assert round_scene.names == ["Ann"] and round_scene.error is None
    add_player(app, "ANN")
    assert round_scene.names == ["Ann"]
    assert round_scene.error == "ANN is already in the team; add each player once."
    press(app, pygame.K_BACKSPACE)
    press(app, pygame.K_BACKSPACE)
    press(app, pygame.K_BACKSPACE)
    add_player(app, "Bo\u202eb")
    assert round_scene.names == ["Ann"] and round_scene.error is not None
    assert "text-direction" in round_scene.error


def test_a_round_needs_two_players(app: App, round_scene: TeamRoundScene) -> None:
    add_player(app, "Ann")
    press(app, pygame.K_RETURN)  # empty name with one player: cannot start yet
    assert round_scene.phase == SETUP
    assert round_scene.error == "Add at least 2 players to start a round."


def test_a_round_has_room_for_a_limited_team(app: App, round_scene: TeamRoundScene) -> None:
    for number in range(MAX_PLAYERS):
        add_player(app, f"Player {number + 1}")
    add_player(app, "One too many")
    assert len(round_scene.names) == MAX_PLAYERS
    assert round_scene.error is not None and str(MAX_PLAYERS) in round_scene.error


def test_enter_on_a_name_removes_it(app: App, round_scene: TeamRoundScene) -> None:
    add_player(app, "Ann")
    add_player(app, "Bob")
    press(app, pygame.K_DOWN)  # from the field to the first name
    focused = round_scene.focus.focused
    assert focused is not None and focused.label == "Ann"
    press(app, pygame.K_RETURN)
    assert round_scene.names == ["Bob"]


def test_scenario_can_be_changed_with_the_arrow_keys(
    app: App, tmp_path: Path, store: SQLAlchemyResultsStore
) -> None:
    second = SCENARIO_YAML.replace("id: tiny", "id: other").replace("A Tiny Talk", "Other Talk")
    (tmp_path / "scenarios" / "other.yaml").write_text(second, encoding="utf-8")
    library = load_library(tmp_path / "scenarios")
    settings = Settings(volume=0, text_speed="instant")
    made = App(
        Options(), library=library, store=StoreHandle.of(store), settings=settings, fast=True
    )
    scene = team_round_scene(made.ctx)
    made.stack.push(scene)
    frames(made)
    first = scene.scenario_id
    press(made, pygame.K_UP)  # from the name field to the scenario row
    press(made, pygame.K_RIGHT)
    assert scene.scenario_id != first and scene.scenario_id in {"tiny", "other"}
    press(made, pygame.K_LEFT)
    assert scene.scenario_id == first


def test_escape_in_setup_goes_back(app: App, round_scene: TeamRoundScene) -> None:
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.stack.top, BaseScene)


# -- during the round ----------------------------------------------------------------------------
def test_stopping_a_turn_offers_it_again_and_records_nothing(
    app: App, round_scene: TeamRoundScene, store: SQLAlchemyResultsStore
) -> None:
    start_round(app, ["Ann", "Bob"])
    press(app, pygame.K_RETURN)
    assert isinstance(app.stack.top, ConversationScene)
    press(app, pygame.K_ESCAPE)  # the pause menu
    press(app, pygame.K_3)  # "Stop this turn"
    assert app.stack.scenes[-1] is round_scene
    assert round_scene.phase == HANDOVER and round_scene.names[round_scene.turn] == "Ann"
    assert app.ctx.player == "Trainer"
    assert store.results_for("tiny") == []


def test_skipping_a_player_leaves_them_off_the_board(app: App, round_scene: TeamRoundScene) -> None:
    start_round(app, ["Ann", "Bob"])
    press(app, pygame.K_RETURN)
    play_turn(app, 1)
    press(app, pygame.K_RETURN)  # hand over to Bob
    press(app, pygame.K_LEFT)  # "Skip Bob"
    press(app, pygame.K_RETURN)
    assert round_scene.phase == PODIUM
    assert [s.player for s in round_scene.standings] == ["Ann"]
    assert round_scene.skipped == ["Bob"]


def test_leaving_mid_round_keeps_results_and_gives_the_name_back(
    app: App, round_scene: TeamRoundScene, store: SQLAlchemyResultsStore
) -> None:
    start_round(app, ["Ann", "Bob"])
    press(app, pygame.K_RETURN)
    play_turn(app, 1)
    press(app, pygame.K_ESCAPE)  # "Leave the team round?"
    press(app, pygame.K_2)  # "Leave the round"
    assert isinstance(app.stack.top, BaseScene)
    assert app.ctx.player == "Trainer"
    settle(app)
    assert [r.player for r in store.results_for("tiny")] == ["Ann"]


def test_result_that_cannot_be_recorded_is_pointed_out(
    library: Library, round_scene: TeamRoundScene, app: App
) -> None:
    app.ctx.worker.store = StoreHandle()  # no database at all
    start_round(app, ["Ann", "Bob"])
    press(app, pygame.K_RETURN)
    play_turn(app, 1)
    settle(app)
    assert round_scene.phase == STANDINGS
    assert round_scene._record_note() == "Not recorded on the leaderboard: Ann."
