"""The still layer: a screen's still picture is drawn once per change and blitted every frame,
and what the window shows is exactly what drawing the whole screen shows."""

from __future__ import annotations

import pygame

from game.core.engine import Playthrough
from game.core.modes import Mode
from game.loader import Library
from game.ui.app import App
from game.ui.conversation.scene import CHOICES, ConversationScene
from game.ui.scenes.debrief import DebriefScene
from tests.ui.conftest import MakeApp
from tests.ui.support import frames, key, run_until, top


def pixels(app: App) -> bytes:
    return pygame.image.tobytes(app.window, "RGB")


def drawn_whole(app: App) -> bytes:
    """The window as the frame would be without the layer: every scene drawn in full."""
    scene = top(app)
    still = scene.still
    scene.still = lambda: None  # type: ignore[method-assign]
    try:
        app._draw()
    finally:
        del scene.still
        assert scene.still == still
    return pixels(app)


def at_timed_choices(
    make_app: MakeApp, shipped: Library, **options: object
) -> tuple[App, ConversationScene]:
    app = make_app(**options)
    scenario = shipped.scenarios["airline-rebooking"]
    scene = ConversationScene(
        app.ctx,
        scenario,
        shipped.analyses["airline-rebooking"],
        Mode.COACH,
        None,
        Playthrough(scenario),
    )
    app.stack.push(scene)
    frames(app)
    while scene.phase != CHOICES:
        key(pygame.K_SPACE, " ")
        frames(app)
    run_until(app, lambda: scene.choices_ready and scene.settled)
    assert scene.timer_left_s is not None
    return app, scene


def test_a_running_timer_redraws_only_what_moves_and_shows_what_a_whole_draw_shows(
    make_app: MakeApp, shipped: Library
) -> None:
    app, scene = at_timed_choices(make_app, shipped)
    frames(app)
    drawn = app.still.drawn
    for _ in range(3):
        left = scene.timer_left_s
        assert left is not None
        frames(app, 40)
        assert scene.timer_left_s is not None and scene.timer_left_s < left
        assert app.still.drawn == drawn  # the still picture was kept
        assert pixels(app) == drawn_whole(app)


def test_a_key_that_moves_the_focus_draws_the_still_picture_again(
    make_app: MakeApp, shipped: Library
) -> None:
    app, scene = at_timed_choices(make_app, shipped)
    frames(app)
    before, drawn = pixels(app), app.still.drawn
    key(pygame.K_DOWN)
    frames(app)
    assert scene.focus.index == 0
    assert app.still.drawn > drawn
    shown = pixels(app)
    assert shown != before
    assert shown == drawn_whole(app)


def test_a_larger_text_size_or_another_palette_draws_it_again(
    make_app: MakeApp, shipped: Library
) -> None:

    app, _scene = at_timed_choices(make_app, shipped)
    frames(app)
    for change in ({"text_size": "large"}, {"high_contrast": True}):
        drawn = app.still.drawn
        app.apply_settings(app.ctx.settings._replace(**change))
        frames(app)
        assert app.still.drawn > drawn
        assert pixels(app) == drawn_whole(app)


def test_the_debrief_scrolled_shows_what_a_whole_draw_shows(
    make_app: MakeApp, shipped: Library
) -> None:
    from game.ui import flow
    from game.ui.scenes.picker import PlayChoice

    app = make_app()
    app.start()
    scenario = shipped.scenarios["loaner-counter"]
    playthrough = Playthrough(scenario)
    while not playthrough.finished:
        if playthrough.choices:
            playthrough.choose(1)
        else:
            playthrough.let_timer_expire()
    choice = PlayChoice(scenario.id, Mode.COACH, None)
    flow.debrief(app.ctx, scenario, shipped.analyses[scenario.id], playthrough, choice)
    scene = top(app)
    assert isinstance(scene, DebriefScene)
    run_until(app, lambda: scene.settled)
    frames(app)
    first = pixels(app)
    assert first == drawn_whole(app)
    key(pygame.K_PAGEDOWN)
    run_until(app, lambda: scene.area.settled)
    frames(app)
    assert pixels(app) != first
    assert pixels(app) == drawn_whole(app)
