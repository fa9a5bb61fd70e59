"""Reading aloud: V and the setting switch it, the dialogue, the numbered choices, the coach and
the debrief are read through a speech backend that can be cut off; no engine is only a notice."""

from __future__ import annotations

import signal
import wave
from pathlib import Path

import pygame
import pytest

from game.core.decisions import play_decisions
from game.core.modes import Mode
from game.loader import Library, load_library
from game.settings import Settings, load_settings
from game.ui import flow
from game.ui.app import App
from game.ui.conversation.scene import CHOICES, ConversationScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.picker import PlayChoice
from game.ui.voice import NO_ENGINE, RecordingSpeech, SubprocessSpeech, Voice, platform_speech
from tests.ui.conftest import MakeApp
from tests.ui.support import frames, key, open_play, settle_store, top, write_tiny


@pytest.fixture
def tiny(tmp_path: Path) -> Library:
    write_tiny(tmp_path / "scenarios")
    return load_library(tmp_path / "scenarios")


def speaking(
    make_app: MakeApp, library: Library | None = None, voice: bool = True, **changes: object
) -> tuple[App, RecordingSpeech]:
    speech = RecordingSpeech()
    settings = Settings(player_name="Ana", text_speed="instant", volume=0, voice=voice, **changes)  # type: ignore[arg-type]
    app = make_app(library=library, settings=settings, speech=speech)
    app.start()
    frames(app)
    return app, speech


def conversation(app: App, mode: str = "coach") -> ConversationScene:
    open_play(app, "tiny-desk", mode, None)
    frames(app)
    scene = top(app)
    assert isinstance(scene, ConversationScene)
    return scene


def test_v_switches_reading_aloud_on_and_off_and_the_setting_is_kept(make_app: MakeApp) -> None:
    app, speech = speaking(make_app, voice=False)
    assert speech.spoken == []
    key(pygame.K_v, "v")
    frames(app)
    assert app.ctx.settings.voice and load_settings()[0].voice
    assert speech.spoken[-1].startswith("Reading aloud is on. Rapport.")
    assert any("Reading aloud is on" in n.text for n in app.ctx.notices)
    stops = speech.stops
    key(pygame.K_v, "v")
    frames(app)
    assert not app.ctx.settings.voice and speech.stops > stops  # cut off at once
    key(pygame.K_DOWN)
    frames(app)
    assert not speech.spoken[-1].startswith("Play")  # off: nothing more is read


def test_each_line_is_read_with_its_speaker_and_the_next_one_cuts_it_off(
    make_app: MakeApp, tiny: Library
) -> None:
    app, speech = speaking(make_app, tiny)
    scene = conversation(app)
    assert speech.spoken[-1] == "The shop opens."
    stops = speech.stops
    key(pygame.K_SPACE, " ")
    frames(app)
    assert speech.spoken[-1].startswith("Kim: Do you have this in blue?")
    assert speech.stops == stops + 1
    assert scene.phase == CHOICES


def test_the_choices_are_read_with_the_numbers_they_are_shown_with(
    make_app: MakeApp, tiny: Library
) -> None:
    app, speech = speaking(make_app, tiny)
    scene = conversation(app, "assess")
    key(pygame.K_SPACE, " ")
    frames(app)
    read = speech.spoken[-1]
    assert "You have 3 seconds. Your choices." in read
    for button in scene.focus.buttons:
        assert f"{button.badge}: {button.label}" in read
    first, second = (read.index(b.label) for b in scene.focus.buttons)
    assert first < second  # in the order on screen, shuffled or not


def test_the_keyboard_focus_is_read_but_the_mouse_hovering_is_not(
    make_app: MakeApp, tiny: Library
) -> None:
    app, speech = speaking(make_app, tiny)
    scene = conversation(app)
    key(pygame.K_SPACE, " ")
    frames(app)
    key(pygame.K_DOWN)
    frames(app)
    assert speech.spoken[-1] == "1: Let me look in the back for you."
    heard = len(speech.spoken)
    x, y, w, h = scene.focus.buttons[1].box
    pos = app.ctx.canvas.point(x + w / 2, y + h / 2)
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    )
    frames(app)
    assert scene.focus.focused is scene.focus.buttons[1] and len(speech.spoken) == heard


def test_the_coachs_card_is_read(make_app: MakeApp, tiny: Library) -> None:
    app, speech = speaking(make_app, tiny)
    scene = conversation(app)
    key(pygame.K_SPACE, " ")
    frames(app, 30)
    key(pygame.K_2, "2")
    frames(app)
    assert scene.step is not None
    assert speech.spoken[-1] == (
        "You said: “What is it for?” The coach: +2 anticipation, +1 upsell. "
        "You asked about the need first. Space: go on."
    )


def test_the_debrief_is_read_numbers_in_words_decisions_and_lesson(
    make_app: MakeApp, shipped: Library
) -> None:
    app, speech = speaking(make_app)
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
    settle_store(app)
    frames(app)
    debrief = top(app)
    assert isinstance(debrief, DebriefScene) and debrief.result.overall is not None
    read = speech.spoken[-1]
    assert read.startswith("Success: The first day with her next car.")
    assert f"Overall {debrief.result.overall:g}%." in read
    assert "Anticipation 100%: +11 points: the most anyone can score here." in read
    assert "this scenario gives from −9 (0%)" in read
    assert "Decision 1. You chose “" in read and "The best choice at that point." in read
    assert debrief._lesson() in read
    assert read.endswith("Play again")  # then what has the focus


def test_without_a_speech_engine_reading_aloud_is_a_notice_not_an_error(
    make_app: MakeApp, tiny: Library
) -> None:
    settings = Settings(player_name="Ana", text_speed="instant", volume=0)
    app = make_app(library=tiny, settings=settings)
    app.ctx.voice = Voice(find=lambda: None, notify=lambda text: app.ctx.notify(text))
    app.start()
    frames(app)
    app.ctx.voice.set_enabled(True)
    app.ctx.voice.set_enabled(False)
    app.ctx.voice.set_enabled(True)  # asked again: still one notice
    conversation(app)
    key(pygame.K_SPACE, " ")
    frames(app)
    assert [n.text for n in app.ctx.notices if n.text == NO_ENGINE] == [NO_ENGINE]
    assert not any(n.error for n in app.ctx.notices)


@pytest.mark.parametrize(
    ("platform", "programs", "program"),
    [
        ("linux", {"espeak-ng", "espeak"}, "espeak-ng"),
        ("linux", {"espeak"}, "espeak"),
        ("darwin", {"say"}, "say"),
        ("win32", {"powershell"}, "powershell"),
    ],
)
def test_each_platform_uses_its_own_speech(platform: str, programs: set[str], program: str) -> None:
    found = platform_speech(platform, lambda name: f"/bin/{name}" if name in programs else None)
    assert isinstance(found, SubprocessSpeech) and found.command[0] == f"/bin/{program}"


@pytest.mark.parametrize("platform", ["linux", "darwin", "win32"])
def test_a_platform_without_speech_has_none(platform: str) -> None:
    assert platform_speech(platform, lambda _: None) is None


def test_the_windows_speech_reads_unicode_from_standard_input() -> None:
    found = platform_speech("win32", lambda name: name if name == "powershell" else None)
    assert isinstance(found, SubprocessSpeech)
    script = found.command[-1]
    assert "System.Speech" in script and "UTF8" in script and "ReadToEnd" in script


# -- the real engine ------------------------------------------------------------------------------
@pytest.mark.needs("espeak-ng")
def test_espeak_ng_reads_a_line_and_a_new_line_cuts_the_old_one_off(tmp_path: Path) -> None:
    heard = tmp_path / "heard.wav"
    speech = SubprocessSpeech(["espeak-ng", "-w", str(heard)])
    speech.speak("This is a sentence that goes on for a while. " * 400)
    long_one = speech._speaking
    assert long_one is not None and speech.speaking
    speech.speak("Kim: Do you have this in blue?")
    assert long_one.wait(5) == -signal.SIGTERM  # stopped, not finished
    short_one = speech._speaking
    assert short_one is not None and short_one.wait(10) == 0
    with wave.open(str(heard)) as sound:
        seconds = sound.getnframes() / sound.getframerate()
    assert 1.0 < seconds < 5.0  # the short line, read in full
    speech.close()
    assert not speech.speaking


def test_a_speech_program_that_cannot_start_is_logged_and_the_game_goes_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    speech = SubprocessSpeech(["/no/such/speech-program"])
    speech.speak("Hello")
    assert not speech.speaking
    assert "could not start" in caplog.text
    speech.close()


def test_closing_the_window_stops_the_speech(tmp_path: Path) -> None:
    speech = SubprocessSpeech(["sleep", "30"])  # a stand-in that never finishes by itself
    speech.speak("ignored")
    process = speech._speaking
    assert process is not None
    speech.close()
    assert process.returncode == -signal.SIGTERM
