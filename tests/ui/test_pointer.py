"""Mouse and touch reach everything the keyboard does, and no click or tap answers unseen: real
pygame mouse and finger events through the window's one input road."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame
import pytest

from game.core.decisions import play_decisions
from game.core.modes import Mode
from game.loader import Library, load_library
from game.settings import Settings
from game.ui import flow
from game.ui.app import App
from game.ui.conversation.scene import CHOICES, ConversationScene
from game.ui.hints import Hint, hint_boxes
from game.ui.scene import Scene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.picker import PickerScene, PlayChoice
from game.ui.widgets import SETTLE_S
from tests.ui.conftest import MakeApp
from tests.ui.support import (
    click,
    drag,
    frames,
    key,
    open_play,
    right_click,
    settle_store,
    tap,
    top,
    write_tiny,
)

GUARD_FRAMES = round(SETTLE_S * 60)  # updates the choices wait before they accept input


@pytest.fixture
def tiny(tmp_path: Path) -> Library:
    write_tiny(tmp_path / "scenarios")
    return load_library(tmp_path / "scenarios")


def open_tiny(make_app: MakeApp, tiny: Library, speed: str = "instant") -> tuple[App, Scene[Any]]:
    app = make_app(library=tiny, settings=Settings(player_name="Ana", text_speed=speed, volume=0))
    app.start()
    frames(app)
    open_play(app, "tiny-desk", "coach", None)
    frames(app)
    return app, top(app)


def middle(box: tuple[float, float, float, float]) -> tuple[float, float]:
    x, y, w, h = box
    return (x + w / 2, y + h / 2)


def hint_box(app: App, scene: Scene[Any], wanted: Hint) -> tuple[float, float, float, float]:
    for bar in scene.hint_bars():
        for box, hint in hint_boxes(app.ctx.canvas, bar):
            if hint == wanted:
                return box
    raise AssertionError(f"{wanted} is not among the hints of the {scene.name} screen")


def conversation(app: App) -> ConversationScene:
    scene = top(app)
    assert isinstance(scene, ConversationScene)
    return scene


# -- no answer unseen -----------------------------------------------------------------------------
@pytest.mark.parametrize("pointer", ["mouse", "touch"])
def test_quick_clicks_through_the_text_never_pick_a_choice(
    make_app: MakeApp, tiny: Library, pointer: str
) -> None:
    app, _ = open_tiny(make_app, tiny, speed="slow")
    scene = conversation(app)
    press = click if pointer == "mouse" else tap
    where = middle(scene.panel)
    for _ in range(8):  # eight quick clicks, one a frame, at the text and then at choice 1
        if scene.phase == CHOICES:
            where = middle(scene.focus.buttons[0].box)
        press(app, where)
        frames(app)
    assert scene.phase == CHOICES and scene.playthrough.decisions == []
    frames(app, GUARD_FRAMES)
    press(app, middle(scene.focus.buttons[1].box))
    frames(app)
    assert scene.playthrough.decisions == [2]


def test_a_number_key_waits_for_the_choices_to_settle_like_a_click(
    make_app: MakeApp, tiny: Library
) -> None:
    app, _ = open_tiny(make_app, tiny)
    scene = conversation(app)
    key(pygame.K_SPACE, " ")
    key(pygame.K_1, "1")  # in the same frame as the key that showed the choices
    frames(app)
    assert scene.phase == CHOICES and scene.playthrough.decisions == []
    for _ in range(GUARD_FRAMES - 2):
        key(pygame.K_2, "2")
        frames(app)
    assert scene.playthrough.decisions == []
    frames(app, 2)
    key(pygame.K_2, "2")
    frames(app)
    assert scene.playthrough.decisions == [2]


def test_the_timer_starts_when_the_choices_accept_input(make_app: MakeApp, tiny: Library) -> None:
    app, _ = open_tiny(make_app, tiny)
    scene = conversation(app)
    key(pygame.K_SPACE, " ")
    frames(app, GUARD_FRAMES)
    assert scene.timer_left_s == 3.0
    frames(app, 30)
    assert scene.timer_left_s is not None and 2.45 < scene.timer_left_s < 2.55


def test_the_click_that_closes_the_ending_never_picks_a_debrief_button(
    make_app: MakeApp, shipped: Library
) -> None:
    app = make_app()
    app.start()
    frames(app)
    scenario = shipped.scenarios["loaner-counter"]
    best = list(shipped.analyses["loaner-counter"].best or ())
    choice = PlayChoice("loaner-counter", Mode.ASSESS, None)
    flow.debrief(
        app.ctx,
        scenario,
        shipped.analyses[scenario.id],
        play_decisions(scenario, best, to_ending=False),
        choice,
    )
    debrief = top(app)
    assert isinstance(debrief, DebriefScene)
    replay_button = next(b for b in debrief.focus.buttons if b.action == "replay")
    click(app, middle(replay_button.box))
    frames(app)
    assert top(app) is debrief  # too soon: nothing happened
    settle_store(app)
    frames(app, GUARD_FRAMES)
    click(app, middle(replay_button.box))
    frames(app)
    assert isinstance(top(app), ConversationScene)


# -- everything by pointer -----------------------------------------------------------------------
def test_the_top_bar_hints_pause_show_the_history_and_undo_by_click(
    make_app: MakeApp, tiny: Library
) -> None:
    app, _ = open_tiny(make_app, tiny)
    scene = conversation(app)
    key(pygame.K_SPACE, " ")
    frames(app, GUARD_FRAMES + 1)
    key(pygame.K_2, "2")
    frames(app)
    assert scene.playthrough.decisions == [2]
    click(app, middle(hint_box(app, scene, ("⌫", "undo"))))
    frames(app)
    assert scene.playthrough.decisions == []
    click(app, middle(hint_box(app, scene, ("H", "history"))))
    frames(app)
    history = top(app)
    assert history.name == "history"
    click(app, middle(hint_box(app, history, ("H", "close"))))
    frames(app)
    assert top(app) is scene
    click(app, middle(hint_box(app, scene, ("Esc", "menu"))))
    frames(app)
    assert top(app).name == "pause"


def test_a_click_on_a_hint_does_not_also_move_the_conversation_on(
    make_app: MakeApp, tiny: Library
) -> None:
    app, _ = open_tiny(make_app, tiny)
    scene = conversation(app)
    click(app, middle(hint_box(app, scene, ("H", "history"))))
    frames(app)
    key(pygame.K_ESCAPE)
    frames(app)
    assert scene.node.id == "hello"  # still the first line


def test_the_right_button_pauses_and_a_click_beside_the_menu_resumes(
    make_app: MakeApp, tiny: Library
) -> None:
    app, _ = open_tiny(make_app, tiny)
    scene = conversation(app)
    right_click(app, (640, 400))
    frames(app)
    pause = top(app)
    assert pause.name == "pause"
    click(app, (20, 20))  # beside the menu
    frames(app)
    assert top(app) is scene and scene.node.id == "hello"


def test_a_click_beside_the_history_closes_it(make_app: MakeApp, tiny: Library) -> None:
    app, _ = open_tiny(make_app, tiny)
    scene = conversation(app)
    key(pygame.K_h, "h")
    frames(app)
    assert top(app).name == "history"
    click(app, (10, 360))
    frames(app)
    assert top(app) is scene


def test_the_pointed_hint_is_remembered_for_drawing(make_app: MakeApp, tiny: Library) -> None:
    app, _ = open_tiny(make_app, tiny)
    scene = conversation(app)
    x, y = middle(hint_box(app, scene, ("H", "history")))
    pygame.event.post(
        pygame.event.Event(
            pygame.MOUSEMOTION, pos=app.ctx.canvas.point(x, y), rel=(0, 0), buttons=(0, 0, 0)
        )
    )
    frames(app)
    assert scene.pointed_hint == ("H", "history")


@pytest.mark.parametrize("pointer", ["mouse", "touch"])
def test_the_pickers_back_hint_leads_back_to_the_title(make_app: MakeApp, pointer: str) -> None:
    app = make_app()
    app.start()
    frames(app)
    app.ctx.library.wait()
    flow.pick(app.ctx)
    frames(app, 3)
    picker = top(app)
    assert isinstance(picker, PickerScene)
    (click if pointer == "mouse" else tap)(app, middle(hint_box(app, picker, ("Esc", "back"))))
    frames(app)
    assert top(app).name == "title"


@pytest.mark.parametrize("screen", ["settings", "leaderboard"])
def test_every_menu_screen_has_a_back_hint_a_pointer_can_use(
    make_app: MakeApp, screen: str
) -> None:
    app = make_app()
    app.start()
    frames(app)
    app.ctx.library.wait()
    if screen == "settings":
        flow.settings(app.ctx)
    else:
        from game.ui.scenes.leaderboard import LeaderboardScene

        app.stack.push(LeaderboardScene(app.ctx))
    frames(app, 3)
    scene = top(app)
    back = next(h for bar in scene.hint_bars() for h in bar.hints if h[0] == "Esc")
    tap(app, middle(hint_box(app, scene, back)))
    frames(app)
    assert top(app).name == "title"


def test_a_finger_drag_scrolls_the_debrief(make_app: MakeApp, shipped: Library) -> None:
    app = make_app()
    app.start()
    frames(app)
    scenario = shipped.scenarios["loaner-counter"]
    best = list(shipped.analyses["loaner-counter"].best or ())
    choice = PlayChoice("loaner-counter", Mode.ASSESS, None)
    flow.debrief(
        app.ctx,
        scenario,
        shipped.analyses[scenario.id],
        play_decisions(scenario, best, to_ending=False),
        choice,
    )
    debrief = top(app)
    assert isinstance(debrief, DebriefScene)
    settle_store(app)
    drag(app, (640, 500), (640, 300))
    frames(app)
    assert debrief.area.target == pytest.approx(200.0)
    assert isinstance(top(app), DebriefScene)  # the drag picked no button
