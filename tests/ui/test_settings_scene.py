"""The settings screen changes things at once and remembers them between runs."""

from __future__ import annotations

import pygame

from game.settings import Settings, load_settings
from game.ui.app import App
from game.ui.scenes.settings import SettingsScene
from game.ui.theme import HIGH_CONTRAST, WARM
from tests.ui.conftest import MakeApp
from tests.ui.support import frames, key, top


def open_settings(app: App) -> SettingsScene:
    app.start()
    frames(app)
    app.stack.push(SettingsScene(app.ctx))
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


def test_sound_can_be_switched_off(make_app: MakeApp) -> None:
    app = make_app(settings=Settings(sound=True))
    settings = open_settings(app)
    assert app.ctx.sounds.enabled
    settings.focus.focus_action("sound")
    key(pygame.K_RETURN)
    frames(app)
    assert app.ctx.settings.sound is False and app.ctx.sounds.enabled is False
    assert load_settings()[0].sound is False


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
