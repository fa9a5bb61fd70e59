"""The title screen: the player's name (checked, remembered), Continue, and the menu."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pygame

from game.core.decisions import play_decisions
from game.core.modes import Mode
from game.loader import Library
from game.saves import SaveFolder
from game.settings import Settings, load_settings
from game.ui.app import App
from game.ui.conversation.scene import ConversationScene
from game.ui.scenes.title import CONTINUE, TitleScene
from tests.ui.conftest import MakeApp
from tests.ui.support import frames, key, run_until, top, type_text


def fresh_title(make_app: MakeApp, name: str = "") -> tuple[App, TitleScene]:
    settings = Settings(player_name=name, text_speed="instant", volume=0)
    app = make_app(player=None, settings=settings)
    app.start()
    frames(app, 2)
    scene = top(app)
    assert isinstance(scene, TitleScene)
    return app, scene


def saves() -> SaveFolder:
    return SaveFolder(Path(os.environ["RAPPORT_HOME"]) / "data" / "saves")


def test_a_typed_name_is_checked_remembered_and_used(make_app: MakeApp) -> None:
    app, title = fresh_title(make_app)
    assert title.text_input  # an empty name: the field has the keyboard
    type_text("Zo")
    type_text("e\u0301")  # e + combining acute: stored as é
    key(pygame.K_RETURN)
    frames(app)
    assert app.ctx.player == "Zoé"
    assert load_settings()[0].player_name == "Zoé"
    key(pygame.K_RETURN)  # the focus moved on to Play
    run_until(app, lambda: top(app).name == "picker")


def test_letters_typed_in_the_name_field_are_not_commands(make_app: MakeApp) -> None:
    app, title = fresh_title(make_app)
    key(pygame.K_h, "h")  # H is "history" elsewhere; here only the TEXTINPUT counts
    type_text("h")
    frames(app)
    assert title.field.text == "h"
    assert top(app) is title


def test_a_name_with_a_direction_override_is_refused_with_a_reason(make_app: MakeApp) -> None:
    app, title = fresh_title(make_app)
    type_text("Ana\u202eevil")
    key(pygame.K_RETURN)
    frames(app)
    assert title.error is not None and "text-direction" in title.error
    assert title.error.endswith(".") and title.error[0].isupper()
    key(pygame.K_DOWN)
    key(pygame.K_RETURN)  # Play is refused while the name is wrong
    frames(app, 3)
    assert top(app) is title
    assert app.ctx.player == ""


def test_an_empty_name_cannot_start_play(make_app: MakeApp) -> None:
    app, title = fresh_title(make_app)
    key(pygame.K_DOWN)
    key(pygame.K_RETURN)
    frames(app, 2)
    assert title.error is not None and "empty" in title.error
    assert title.text_input  # the field has the focus again


def test_a_huge_paste_is_cut_at_the_name_limit(make_app: MakeApp) -> None:
    app, title = fresh_title(make_app)
    type_text("x" * 100_000)
    frames(app)
    assert len(title.field.text) == 40


def test_emoji_and_right_to_left_names_are_accepted(make_app: MakeApp) -> None:
    app, title = fresh_title(make_app)
    type_text("שרה 🌟")
    key(pygame.K_RETURN)
    frames(app, 2)
    assert title.error is None
    assert app.ctx.player == "שרה 🌟"


def test_backspace_in_the_field_erases_a_whole_accented_letter(make_app: MakeApp) -> None:
    app, title = fresh_title(make_app)
    type_text("Rene\u0301")
    key(pygame.K_BACKSPACE)
    frames(app)
    assert title.field.text == "Ren"


def test_continue_is_offered_only_when_an_autosave_exists(
    make_app: MakeApp, shipped: Library
) -> None:
    _, title = fresh_title(make_app, "Ana")
    assert all(b.action != CONTINUE for b in title.focus.buttons)
    scenario = shipped.scenarios["loaner-counter"]
    from datetime import UTC, datetime

    saves().write(
        play_decisions(scenario, [2], to_ending=False),
        mode=Mode.COACH,
        module=None,
        player="Ana",
        saved_at=datetime.now(UTC),
    )
    _, title = fresh_title(make_app, "Ana")
    assert any(b.action == CONTINUE for b in title.focus.buttons)
    assert title.focus.focused is not None and title.focus.focused.action == CONTINUE


def test_continue_resumes_exactly_where_the_save_was_made(
    make_app: MakeApp, shipped: Library
) -> None:
    from datetime import UTC, datetime

    scenario = shipped.scenarios["loaner-counter"]
    saved = play_decisions(scenario, [2, 2], to_ending=False)
    saved.add_time(42.0)
    saves().write(saved, mode=Mode.ASSESS, module=None, player="Ana", saved_at=datetime.now(UTC))
    app, _ = fresh_title(make_app, "Ana")
    key(pygame.K_RETURN)
    run_until(app, lambda: top(app).name == "conversation")
    conversation = top(app)
    assert isinstance(conversation, ConversationScene)
    assert conversation.playthrough.decisions == [2, 2]
    assert conversation.playthrough.current.id == saved.current.id
    assert conversation.playthrough.elapsed_s >= 42.0
    assert conversation.mode == "assess"


def test_a_damaged_save_is_refused_with_a_message_and_left_untouched(make_app: MakeApp) -> None:
    path = saves().path_for("loaner-counter")
    path.parent.mkdir(parents=True)
    damaged = b'{"format": "rapport-autosave", "version": 1, "scen'
    path.write_bytes(damaged)
    app, title = fresh_title(make_app, "Ana")
    assert all(b.action != CONTINUE for b in title.focus.buttons)
    notices = [n.text for n in app.ctx.notices]
    assert any("loaner-counter.json" in n and "left as it is" in n for n in notices)
    assert path.read_bytes() == damaged


def test_a_save_whose_scenario_changed_is_kept_and_a_restart_is_offered(
    make_app: MakeApp, shipped: Library
) -> None:
    from datetime import UTC, datetime

    scenario = shipped.scenarios["loaner-counter"]
    path = saves().write(
        play_decisions(scenario, [2], to_ending=False),
        mode=Mode.COACH,
        module=None,
        player="Ana",
        saved_at=datetime.now(UTC),
    )
    document = json.loads(path.read_text(encoding="utf-8"))
    # The save was made against an earlier version of the scenario; re-sign it as the game would.
    document["playthrough"]["content_hash"] = "an-older-version"
    from game.saves import _checksum

    payload = {k: v for k, v in document.items() if k != "checksum"}
    document["checksum"] = _checksum(payload)
    path.write_text(json.dumps(document), encoding="utf-8")
    before = path.read_bytes()
    app, _ = fresh_title(make_app, "Ana")
    key(pygame.K_RETURN)  # Continue
    run_until(app, lambda: top(app).name == "changed")
    assert path.read_bytes() == before
    key(pygame.K_RETURN)  # Start again
    run_until(app, lambda: top(app).name == "conversation")
    conversation = top(app)
    assert isinstance(conversation, ConversationScene)
    assert conversation.playthrough.decisions == []
