"""The settings screen changes things at once and remembers them between runs."""

from __future__ import annotations

import pygame

from game.settings import Settings, load_settings
from game.ui import flow
from game.ui.app import App
from game.ui.scenes.settings import SettingsScene
from game.ui.theme import HIGH_CONTRAST, WARM
from tests.ui.conftest import MakeApp
from tests.ui.support import click, frames, key, top


def open_settings(app: App) -> SettingsScene:
    app.start()
    frames(app)
    flow.settings(app.ctx)
    frames(app)
    scene = top(app)
    assert isinstance(scene, SettingsScene)
    return scene


def test_left_and_right_change_the_text_size_through_every_step_and_save_it(
    make_app: MakeApp,
) -> None:
    app = make_app()
    open_settings(app)
    seen = []
    for _ in range(4):
        key(pygame.K_RIGHT)
        frames(app)
        seen.append(app.ctx.settings.text_size)
    assert seen == ["large", "larger", "projector", "standard"]
    key(pygame.K_LEFT)
    frames(app)
    assert app.ctx.settings.text_size == "projector"
    assert app.ctx.canvas.text_scale == 1.65
    assert load_settings()[0].text_size == "projector"


def test_text_speed_can_be_instant(make_app: MakeApp) -> None:
    app = make_app(settings=Settings(text_speed="normal"))
    open_settings(app)
    key(pygame.K_DOWN)
    frames(app)
    while app.ctx.settings.text_speed != "instant":
        key(pygame.K_RIGHT)
        frames(app)
    assert app.ctx.settings.chars_per_s is None
    assert load_settings()[0].text_speed == "instant"


def test_high_contrast_swaps_the_palette_everywhere(make_app: MakeApp) -> None:
    app = make_app()
    settings = open_settings(app)
    assert app.ctx.canvas.palette is WARM
    settings.focus.focus_action("high_contrast")
    key(pygame.K_RETURN)
    frames(app)
    assert app.ctx.canvas.palette is HIGH_CONTRAST
    assert load_settings()[0].high_contrast is True


def test_the_volume_goes_down_in_steps_to_silence_and_stays_there(make_app: MakeApp) -> None:
    app = make_app(settings=Settings(volume=30))
    settings = open_settings(app)
    assert app.ctx.sounds.enabled and app.ctx.sounds.volume == 30
    settings.focus.focus_action("volume")
    seen = []
    for _ in range(4):
        key(pygame.K_LEFT)
        frames(app)
        seen.append(app.ctx.settings.volume)
    assert seen == [20, 10, 0, 0]  # the volume does not wrap round to full
    assert app.ctx.settings.sound is False and app.ctx.sounds.enabled is False
    assert load_settings()[0].volume == 0
    key(pygame.K_RIGHT)
    frames(app)
    assert app.ctx.sounds.volume == 10


def test_a_click_on_the_left_half_of_a_row_steps_back(make_app: MakeApp) -> None:
    app = make_app(settings=Settings(timers="longer"))
    settings = open_settings(app)
    row = next(b for b in settings.focus.buttons if b.action == "timers")
    x, y, w, h = row.box
    click(app, (x + w * 0.25, y + h / 2))
    frames(app)
    assert app.ctx.settings.timers == "normal"
    click(app, (x + w * 0.75, y + h / 2))
    frames(app)
    assert app.ctx.settings.timers == "longer"


def test_every_row_can_be_reached_at_projector_size_and_scrolls_into_view(
    make_app: MakeApp,
) -> None:
    app = make_app(settings=Settings(text_size="projector"))
    settings = open_settings(app)
    assert settings.area.scrollable  # the rows do not all fit at this size
    for _ in range(len(settings.rows) - 1):
        key(pygame.K_DOWN)
        frames(app, 20)
        focused = settings.focus.focused
        assert focused is not None
        _x, y, _w, h = focused.box
        area = settings.area.box
        assert area[1] <= y and y + h <= area[1] + area[3]
    assert settings.focus.focused is settings.rows[-1]


def test_the_introduction_can_be_shown_again_from_settings(make_app: MakeApp) -> None:
    app = make_app()
    settings = open_settings(app)
    settings.focus.focus_action("intro")
    key(pygame.K_RETURN)
    frames(app)
    assert top(app).name == "intro"
    key(pygame.K_ESCAPE)
    frames(app)
    assert top(app) is settings


def test_f11_and_the_display_row_switch_full_screen_and_back(make_app: MakeApp) -> None:
    app = make_app()
    settings = open_settings(app)
    key(pygame.K_F11)
    frames(app)
    assert app.ctx.settings.fullscreen is True
    assert load_settings()[0].fullscreen is True
    settings.focus.focus_action("fullscreen")
    key(pygame.K_RETURN)
    frames(app)
    assert app.ctx.settings.fullscreen is False
    assert app.window.get_size() == (1280, 720)


def test_escape_leaves_settings(make_app: MakeApp) -> None:
    app = make_app()
    open_settings(app)
    key(pygame.K_ESCAPE)
    frames(app)
    assert top(app).name == "title"
