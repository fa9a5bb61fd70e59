"""The scenario picker: modules with progress from the results store, locked cards, keyboard
navigation, the mode."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.loader import Library, load_library
from game.store import MemoryResultsStore
from game.ui import flow
from game.ui.app import App
from game.ui.conversation.scene import ConversationScene
from game.ui.scenes.picker import PickerScene
from game.ui.services import ALL_SCENARIOS
from tests.store.factories import make_record
from tests.ui.conftest import MakeApp
from tests.ui.support import click, frames, key, run_until, settle_store, top, write_tiny


def open_picker(app: App, scenario: str | None = None) -> PickerScene:
    app.start()
    frames(app)
    settle_store(app)  # the player's bests have been read
    flow.pick(app.ctx, scenario)
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
    app.ctx.progress.add("Ana", first, 75.0)  # what a kept result does
    frames(app)
    assert picker.cards[0].passed and picker.cards[1].locked_by is None
    assert picker.progress[picker.module.id] == (1, len(picker.cards))


def test_progress_comes_from_the_players_results_in_the_store(
    make_app: MakeApp, store: MemoryResultsStore, shipped: Library
) -> None:
    first = shipped.modules[0].scenarios[0]
    store.record(make_record("Ana", first, overall=90.0))
    store.record(make_record("Bea", shipped.modules[0].scenarios[1], overall=90.0))
    picker = open_picker(make_app())
    assert picker.cards[0].passed and picker.cards[0].best == 90.0
    assert picker.cards[1].locked_by is None and picker.cards[1].best is None
    assert picker.cards[2].locked_by is not None  # Bea's result is not Ana's progress


def test_an_old_progress_file_is_left_alone_and_unlocks_nothing(make_app: MakeApp) -> None:
    import json
    import os

    old = Path(os.environ["RAPPORT_HOME"]) / "data" / "progress.json"
    old.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"format": "rapport-progress", "best": {"Ana": {"loaner-counter": 99.0}}})
    old.write_text(text, encoding="utf-8")
    picker = open_picker(make_app())
    assert not picker.cards[0].passed and picker.cards[1].locked_by is not None
    assert old.read_text(encoding="utf-8") == text


def test_progress_waits_for_the_store_without_holding_up_the_screen(
    make_app: MakeApp, store: MemoryResultsStore, shipped: Library
) -> None:
    import threading

    gate = threading.Event()

    class Slow(MemoryResultsStore):
        def best_overalls(self, player: str) -> dict[str, float]:
            gate.wait(10)
            return {shipped.modules[0].scenarios[0]: 80.0}

    app = make_app(results=Slow())
    app.start()
    frames(app, 3)
    flow.pick(app.ctx)
    frames(app, 30)
    picker = top(app)
    assert isinstance(picker, PickerScene) and not app.ctx.progress.loaded
    assert picker.cards[1].locked_by is not None
    gate.set()
    run_until(app, lambda: app.ctx.progress.loaded)
    frames(app)
    assert picker.cards[0].passed and picker.cards[1].locked_by is None


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


def test_a_store_that_cannot_be_read_is_said_once_and_play_goes_on(make_app: MakeApp) -> None:
    class Broken(MemoryResultsStore):
        def best_overalls(self, player: str) -> dict[str, float]:
            from game.store import StoreError

            raise StoreError("the results database cannot be reached (timeout)")

    app = make_app(results=Broken())
    picker = open_picker(app)
    assert app.ctx.progress.loaded and app.ctx.progress.problem is not None
    notices = [n.text for n in app.ctx.notices if "could not be read" in n.text]
    assert len(notices) == 1 and "timeout" in notices[0]
    assert picker.cards[0].locked_by is None  # the first scenario is still open
