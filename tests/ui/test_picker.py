"""The scenario picker: modules with progress, locked cards, keyboard navigation, the mode."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.loader import Library, load_library
from game.ui.app import App
from game.ui.scenes.conversation import ConversationScene
from game.ui.scenes.picker import PickerScene
from game.ui.services import ALL_SCENARIOS
from tests.ui.conftest import MakeApp
from tests.ui.support import click, frames, key, top, write_tiny


def open_picker(app: App, scenario: str | None = None) -> PickerScene:
    app.start()
    frames(app)
    app.stack.push(PickerScene(app.ctx, scenario=scenario))
    frames(app, 2)
    scene = top(app)
    assert isinstance(scene, PickerScene)
    return scene


def test_modules_come_from_modules_yaml_with_their_scenarios(
    make_app: MakeApp, shipped: Library
) -> None:
    picker = open_picker(make_app())
    assert [m.id for m in picker.modules] == [m.id for m in shipped.modules]
    assert [c.scenario.id for c in picker.cards] == list(shipped.modules[0].scenarios)


def test_in_a_sequential_module_only_the_first_scenario_is_open_at_first(make_app: MakeApp) -> None:
    picker = open_picker(make_app())
    assert picker.cards[0].locked_by is None
    assert all(card.locked_by is not None for card in picker.cards[1:])
    assert picker.cards[1].locked_by == picker.cards[0].scenario.title


def test_a_locked_card_explains_itself_instead_of_opening(make_app: MakeApp) -> None:
    app = make_app()
    picker = open_picker(app)
    locked = picker.cards[1]
    button = next(b for b in picker.focus.buttons if b.action == ("card", locked.scenario.id))
    x, y, w, h = button.box
    click(app, (x + w / 2, y + h / 2))
    frames(app)
    assert top(app) is picker
    assert any("to unlock" in n.text for n in app.ctx.notices)


def test_passing_a_scenario_unlocks_the_next_one(make_app: MakeApp) -> None:
    app = make_app()
    picker = open_picker(app)
    first = picker.cards[0].scenario.id
    app.ctx.progress.record("Ana", first, 75.0)
    picker.enter()  # what happens when the picker is uncovered after a debrief
    assert picker.cards[0].passed and picker.cards[1].locked_by is None
    assert picker.progress[picker.module.id] == (1, len(picker.cards))


def test_arrow_keys_move_between_cards_and_enter_opens_one(make_app: MakeApp) -> None:
    app = make_app()
    picker = open_picker(app)
    assert picker.focus.focused is not None
    assert picker.focus.focused.action == ("card", picker.cards[0].scenario.id)
    key(pygame.K_LEFT)  # to the module list
    frames(app)
    assert picker.focus.focused.action[0] == "module"
    ids = [m.id for m in picker.modules]
    landed = ids.index(str(picker.focus.focused.action[1]))
    assert landed + 1 < len(ids)
    key(pygame.K_DOWN)  # the next module becomes the shown one
    frames(app)
    assert picker.module.id == ids[landed + 1]
    key(pygame.K_RETURN)  # from a module, Enter goes to its first open scenario
    frames(app)
    assert picker.focus.focused.action == ("card", picker.cards[0].scenario.id)
    key(pygame.K_RETURN)
    frames(app)
    conversation = top(app)
    assert isinstance(conversation, ConversationScene)
    assert conversation.scenario.id == picker.cards[0].scenario.id
    assert conversation.module == ids[landed + 1]


def test_the_mode_switch_starts_scenarios_in_assessment(make_app: MakeApp) -> None:
    app = make_app()
    picker = open_picker(app)
    assess = next(b for b in picker.focus.buttons if b.action == ("mode", "assess"))
    x, y, w, h = assess.box
    click(app, (x + w / 2, y + h / 2))
    frames(app)
    assert picker.mode == "assess"
    picker.focus.focus_action(("card", picker.cards[0].scenario.id))
    key(pygame.K_RETURN)
    frames(app)
    conversation = top(app)
    assert isinstance(conversation, ConversationScene) and conversation.mode == "assess"


def test_a_scenario_named_on_the_command_line_is_focused_and_open(make_app: MakeApp) -> None:
    picker = open_picker(make_app(), scenario="candle-shop")
    card = next(c for c in picker.cards if c.scenario.id == "candle-shop")
    assert card.locked_by is None
    assert picker.focus.focused is not None and picker.focus.focused.action == (
        "card",
        "candle-shop",
    )


def test_a_folder_without_modules_shows_all_its_scenarios_open(
    make_app: MakeApp, tmp_path: Path
) -> None:
    write_tiny(tmp_path / "scenarios")
    picker = open_picker(make_app(library=load_library(tmp_path / "scenarios")))
    assert [m.id for m in picker.modules] == [ALL_SCENARIOS]
    assert [(c.scenario.id, c.locked_by) for c in picker.cards] == [("tiny-desk", None)]


def test_escape_goes_back_to_the_title(make_app: MakeApp) -> None:
    app = make_app()
    open_picker(app)
    key(pygame.K_ESCAPE)
    frames(app)
    assert top(app).name == "title"
