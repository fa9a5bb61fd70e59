"""The first-run introduction: shown once, skippable, page by page, again from the settings."""

from __future__ import annotations

import pygame

from game.settings import Settings, load_settings
from game.ui.app import App
from game.ui.scenes.intro import PAGES, IntroScene, page_text
from tests.ui.conftest import MakeApp
from tests.ui.support import click, frames, key, top

FIRST_RUN = Settings(player_name="Ana", text_speed="instant", volume=0, intro_seen=False)


def started(app: App) -> App:
    app.start()
    frames(app)
    return app


def test_a_first_run_opens_on_the_introduction_and_escape_skips_it_for_good(
    make_app: MakeApp,
) -> None:
    app = started(make_app(settings=FIRST_RUN))
    assert isinstance(top(app), IntroScene)
    key(pygame.K_ESCAPE)
    frames(app)
    assert top(app).name == "title"
    assert app.ctx.settings.intro_seen and load_settings()[0].intro_seen
    again = started(make_app(settings=load_settings()[0]))
    assert top(again).name == "title"


def test_the_first_run_shows_the_introduction_alone_and_the_title_after_it(
    make_app: MakeApp,
) -> None:
    app = started(make_app(settings=FIRST_RUN))
    assert [scene.name for scene in app.stack.visible()] == ["intro"]
    assert len(app.stack) == 1  # nothing laid out beneath it for the first frame
    key(pygame.K_ESCAPE)
    frames(app)
    assert len(app.stack) == 1 and top(app).name == "title"


def test_anyone_who_played_before_goes_straight_to_the_title(make_app: MakeApp) -> None:
    assert top(started(make_app())).name == "title"


def test_the_pages_turn_with_the_arrows_and_the_buttons_and_the_last_one_starts_playing(
    make_app: MakeApp,
) -> None:
    app = started(make_app(settings=FIRST_RUN))
    intro = top(app)
    assert isinstance(intro, IntroScene) and intro.page == 0
    key(pygame.K_RIGHT)
    frames(app)
    key(pygame.K_LEFT)
    key(pygame.K_LEFT)  # no page before the first
    frames(app)
    assert intro.page == 0
    for _ in range(len(PAGES) - 1):
        forward = next(b for b in intro.focus.buttons if b.action == "next")
        x, y, w, h = forward.box
        click(app, (x + w / 2, y + h / 2))
        frames(app)
    assert intro.page == len(PAGES) - 1
    assert [b.label for b in intro.focus.buttons] == ["Skip", "Back", "Start playing"]
    key(pygame.K_RETURN)
    frames(app)
    assert top(app).name == "title" and app.ctx.settings.intro_seen


def test_the_introduction_says_what_each_competency_means_and_how_to_play() -> None:
    text = " ".join(page_text(page) for page in PAGES)
    for words in ("Empathy", "Anticipation", "Upsell", "Coaching", "Assessment", "0%", "100%"):
        assert words in text
    for way in ("Keyboard", "Mouse or touch", "Voice"):
        assert way in text


def test_an_autoplay_is_never_held_up_by_the_introduction(make_app: MakeApp) -> None:
    app = make_app(settings=FIRST_RUN, scenario="loaner-counter", autoplay=(1,))
    app.start()
    frames(app)
    assert top(app).name == "title"
