"""The conversation screen: beats, choices by key, arrows and mouse, the timer, feedback,
pause, history, undo, and the autosave after every choice."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pygame
import pytest

from game.core.engine import TIMER
from game.loader import Library, load_library
from game.saves import SaveFolder
from game.settings import Settings
from game.ui.app import App
from game.ui.conversation.scene import BEAT, CHOICES, ENDING, FEEDBACK, ConversationScene, Portrait
from tests.ui.conftest import MakeApp
from tests.ui.support import click, frames, key, open_play, run_until, say, top, write_tiny


@pytest.fixture
def tiny(tmp_path: Path) -> Library:
    write_tiny(tmp_path / "scenarios")
    return load_library(tmp_path / "scenarios")


def open_tiny(
    make_app: MakeApp, tiny: Library, mode: str = "coach", speed: str = "instant"
) -> tuple[App, ConversationScene]:

    settings = Settings(player_name="Ana", text_speed=speed, volume=0)
    app = make_app(library=tiny, settings=settings)
    app.start()
    frames(app)
    open_play(app, "tiny-desk", mode, None)
    frames(app)
    scene = top(app)
    assert isinstance(scene, ConversationScene)
    return app, scene


def to_choices(app: App, scene: ConversationScene) -> None:
    """Space through the text, then wait until the choices accept input."""
    while not scene.choices_ready:
        if scene.phase != CHOICES:
            key(pygame.K_SPACE, " ")
        frames(app)


def save_path() -> Path:
    return SaveFolder(Path(os.environ["RAPPORT_HOME"]) / "data" / "saves").path_for("tiny-desk")


def test_passage_lines_come_one_after_another_then_the_choices(
    make_app: MakeApp, tiny: Library
) -> None:
    app, scene = open_tiny(make_app, tiny)
    assert scene.phase == BEAT and scene.node.id == "hello"
    key(pygame.K_SPACE, " ")
    frames(app)
    assert scene.node.id == "kim_asks" and scene.phase == CHOICES
    assert [b.label for b in scene.focus.buttons] == [
        "Let me look in the back for you.",
        "What is it for?",
    ]


def test_a_key_completes_the_typewriter_before_moving_on(make_app: MakeApp, tiny: Library) -> None:
    app, scene = open_tiny(make_app, tiny, speed="slow")
    frames(app, 3)
    assert not scene.revealed
    key(pygame.K_SPACE, " ")
    frames(app)
    assert scene.revealed and scene.node.id == "hello"
    key(pygame.K_SPACE, " ")
    frames(app)
    assert scene.node.id == "kim_asks"


def test_a_number_key_takes_that_choice_and_coaching_shows_the_scores(
    make_app: MakeApp, tiny: Library
) -> None:
    app, scene = open_tiny(make_app, tiny)
    to_choices(app, scene)
    key(pygame.K_2, "2")
    frames(app)
    assert scene.phase == FEEDBACK
    assert scene.step is not None and scene.step.scores == (0, 2, 1)
    assert scene.step.feedback == "You asked about the need first."
    assert scene.playthrough.decisions == [2]


def test_assessment_mode_goes_straight_on_without_feedback(
    make_app: MakeApp, tiny: Library
) -> None:
    app, scene = open_tiny(make_app, tiny, mode="assess")
    to_choices(app, scene)
    say(scene, 2)  # "What is it for?", wherever the shuffle shows it
    frames(app)
    assert scene.phase != FEEDBACK
    assert scene.node.id == "gift"


def test_enter_does_nothing_until_a_choice_has_the_focus_then_takes_it(
    make_app: MakeApp, tiny: Library
) -> None:
    app, scene = open_tiny(make_app, tiny)
    to_choices(app, scene)
    key(pygame.K_RETURN)
    frames(app)
    assert scene.playthrough.decisions == []  # no choice taken by a stray Enter
    key(pygame.K_DOWN)
    key(pygame.K_DOWN)
    key(pygame.K_RETURN)
    frames(app)
    assert scene.playthrough.decisions == [2]


def test_a_click_on_a_choice_takes_it(make_app: MakeApp, tiny: Library) -> None:
    app, scene = open_tiny(make_app, tiny)
    to_choices(app, scene)
    x, y, w, h = scene.focus.buttons[0].box
    click(app, (x + w / 2, y + h / 2))
    frames(app)
    assert scene.playthrough.decisions == [1]


def test_the_timer_runs_out_on_real_time_and_pausing_stops_it(
    make_app: MakeApp, tiny: Library
) -> None:
    app, scene = open_tiny(make_app, tiny)
    to_choices(app, scene)
    assert scene.timer_left_s is not None and 2.95 < scene.timer_left_s <= 3.0
    frames(app, 60)
    left = scene.timer_left_s
    assert left is not None and 1.9 < left < 2.1
    key(pygame.K_ESCAPE)
    frames(app, 600)
    assert top(app).name == "pause"
    assert scene.timer_left_s == left
    key(pygame.K_ESCAPE)  # resume
    frames(app, 200)
    assert scene.playthrough.decisions == [TIMER]
    assert scene.step is not None and scene.step.feedback == "She left while you waited."


def test_the_ending_leads_to_the_debrief(make_app: MakeApp, tiny: Library, store: object) -> None:
    app, scene = open_tiny(make_app, tiny)
    to_choices(app, scene)
    key(pygame.K_1, "1")
    frames(app)
    while scene.phase != ENDING:
        key(pygame.K_SPACE, " ")
        frames(app)
    key(pygame.K_SPACE, " ")
    run_until(app, lambda: top(app).name == "debrief")


def test_backspace_takes_back_a_choice_in_coaching_mode(make_app: MakeApp, tiny: Library) -> None:
    app, scene = open_tiny(make_app, tiny)
    to_choices(app, scene)
    key(pygame.K_2, "2")
    frames(app)
    key(pygame.K_BACKSPACE)
    frames(app)
    assert scene.playthrough.decisions == []
    assert scene.phase == CHOICES and scene.node.id == "kim_asks"


def test_backspace_cannot_take_back_a_choice_in_assessment_mode(
    make_app: MakeApp, tiny: Library
) -> None:
    app, scene = open_tiny(make_app, tiny, mode="assess")
    to_choices(app, scene)
    say(scene, 2)
    frames(app)
    key(pygame.K_BACKSPACE)
    frames(app)
    assert scene.playthrough.decisions == [2]
    assert any("coaching mode" in n.text for n in app.ctx.notices)


def test_h_shows_the_conversation_so_far_including_the_players_lines(
    make_app: MakeApp, tiny: Library
) -> None:
    app, scene = open_tiny(make_app, tiny)
    to_choices(app, scene)
    key(pygame.K_2, "2")
    frames(app)
    key(pygame.K_h, "h")
    frames(app)
    history = top(app)
    assert history.name == "history"
    lines = history.lines  # type: ignore[attr-defined]
    assert lines == [
        ("", "The shop opens.", "narration"),
        ("Kim", "Do you have this in blue?", "speech"),
        ("You", "What is it for?", "you"),
    ]
    key(pygame.K_ESCAPE)
    frames(app)
    assert top(app) is scene


def test_the_speakers_portrait_shows_the_mood_of_the_node(make_app: MakeApp, tiny: Library) -> None:
    app, scene = open_tiny(make_app, tiny)
    assert scene.portrait is None  # the narrator opens; nobody is at the counter yet
    to_choices(app, scene)
    assert scene.portrait == Portrait("kim", "thinking")
    key(pygame.K_2, "2")
    frames(app)
    key(pygame.K_SPACE, " ")
    frames(app)
    assert scene.portrait == Portrait("kim", "delighted")
    assert scene.previous == Portrait("kim", "thinking") and scene.fade < 1.0
    frames(app, 30)
    assert scene.fade == 1.0


def test_every_choice_is_autosaved_and_a_finished_scenario_forgets_its_save(
    make_app: MakeApp, tiny: Library
) -> None:
    app, scene = open_tiny(make_app, tiny)
    to_choices(app, scene)
    key(pygame.K_2, "2")
    frames(app)
    saved = SaveFolder(save_path().parent).read("tiny-desk")
    assert saved.playthrough["decisions"] == [2] and saved.mode == "coach"
    key(pygame.K_SPACE, " ")
    frames(app)
    to_choices(app, scene)
    key(pygame.K_1, "1")
    frames(app)
    assert scene.playthrough.finished
    assert not save_path().exists()


def test_a_full_disk_keeps_the_old_save_byte_identical_and_the_game_goes_on(
    make_app: MakeApp, tiny: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, scene = open_tiny(make_app, tiny)
    to_choices(app, scene)
    key(pygame.K_2, "2")
    frames(app)
    before = save_path().read_bytes()

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    key(pygame.K_BACKSPACE)  # the undo changes the state, so it is saved (and fails)
    frames(app)
    assert scene.playthrough.decisions == [] and scene.phase == CHOICES
    assert save_path().read_bytes() == before
    notices = [n.text for n in app.ctx.notices if n.error]
    assert any("disk is full" in n and "keep playing" in n for n in notices)
    assert [p.name for p in save_path().parent.iterdir()] == ["tiny-desk.json"]  # no temp left
    to_choices(app, scene)
    key(pygame.K_1, "1")
    frames(app)
    assert scene.playthrough.decisions == [1]


def test_pause_menu_restart_starts_afresh_and_forgets_the_save(
    make_app: MakeApp, tiny: Library
) -> None:
    app, scene = open_tiny(make_app, tiny)
    to_choices(app, scene)
    key(pygame.K_2, "2")
    frames(app)
    key(pygame.K_ESCAPE)
    frames(app)
    key(pygame.K_2, "2")  # "Restart the scenario"
    frames(app)
    fresh = top(app)
    assert isinstance(fresh, ConversationScene) and fresh is not scene
    assert fresh.playthrough.decisions == []
    assert not save_path().exists()


def test_pause_menu_back_leaves_the_conversation_and_keeps_the_save(
    make_app: MakeApp, tiny: Library
) -> None:
    app, scene = open_tiny(make_app, tiny)
    to_choices(app, scene)
    key(pygame.K_2, "2")
    frames(app)
    key(pygame.K_ESCAPE)
    frames(app)
    key(pygame.K_4, "4")  # "Back to the scenarios"
    frames(app)
    assert top(app).name == "title"  # opened without the picker, so back to the title
    assert SaveFolder(save_path().parent).read("tiny-desk").playthrough["decisions"] == [2]


def test_settings_from_the_pause_menu_apply_to_the_conversation(
    make_app: MakeApp, tiny: Library
) -> None:
    app, scene = open_tiny(make_app, tiny)
    to_choices(app, scene)
    key(pygame.K_ESCAPE)
    frames(app)
    key(pygame.K_3, "3")  # Settings
    frames(app)
    assert top(app).name == "settings"
    key(pygame.K_RIGHT)  # text size: standard -> large
    frames(app)
    key(pygame.K_ESCAPE)
    frames(app, 2)
    assert app.ctx.settings.text_size == "large"
    assert top(app) is scene and scene._metrics == app.ctx.canvas.metrics
    assert app.ctx.canvas.text_scale == 1.2
