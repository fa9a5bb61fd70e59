"""Layouts that hold: every screen at the largest text size, in a 1280×720 and a 1920×1080
window, is drawn with the canvas noting every text and panel (their visible parts), and the
notes are checked: no text leaves the canvas, no two texts overlap, no panel is drawn over a
text, no two buttons overlap, and every choice of a conversation is shown whole."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.core.decisions import play_decisions
from game.core.modes import Mode
from game.settings import Settings
from game.store import ResultRecord
from game.store.memory_store import MemoryResultsStore
from game.ui import flow
from game.ui.app import App
from game.ui.canvas import Box, Drawn
from game.ui.conversation.scene import CHOICES, FEEDBACK, ConversationScene
from game.ui.drawing import draw_button
from game.ui.meeting import meeting_scene
from game.ui.meeting.scene import MeetingScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.picker import PlayChoice
from game.ui.theme import CANVAS_H, CANVAS_W
from tests.ui.conftest import MakeApp
from tests.ui.support import frames, key, run_until, settle_store, top

SIZES = {"1280x720": (1280, 720), "1920x1080": (1920, 1080)}
SLACK = 2.0  # logical pixels: anti-aliased edges may touch


def overlap(a: Box, b: Box) -> bool:
    return (
        min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]) > SLACK
        and min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]) > SLACK
    )


def drawn(app: App) -> tuple[list[Drawn], list[Box]]:
    """What the top screen draws in one frame, and the boxes of the buttons among it. An
    overlay (pause, history) covers the screen under it, so only the top one is checked."""
    canvas = app.ctx.canvas
    buttons: list[Box] = []
    import game.ui.drawing as drawing

    *below, shown = app.stack.visible()
    for scene in below:
        scene.ensure_layout()
        scene.draw(canvas)
    canvas.drawn = []

    def noting(canvas_: object, button: object, focused: bool) -> None:
        buttons.append(button.box)  # type: ignore[attr-defined]
        draw_button(canvas_, button, focused)  # type: ignore[arg-type]

    originals: dict[Any, Any] = {}
    module: Any = __import__(type(shown).__module__, fromlist=["draw_button"])
    if hasattr(module, "draw_button"):
        originals[module] = module.draw_button
        module.draw_button = noting
    try:
        shown.ensure_layout()
        shown.draw(canvas)
    finally:
        for module, original in originals.items():
            module.draw_button = original
        notes, canvas.drawn = canvas.drawn, None
    assert drawing.draw_button is draw_button
    return notes, buttons


def problems(notes: list[Drawn], buttons: list[Box]) -> list[str]:
    found = []
    texts = [(i, n) for i, n in enumerate(notes) if n.kind == "text"]
    for _i, note in texts:
        x, y, w, h = note.box
        if x < -SLACK or y < -SLACK or x + w > CANVAS_W + SLACK or y + h > CANVAS_H + SLACK:
            found.append(f"{note.label!r} leaves the canvas at {note.box}")
    for a in range(len(texts)):
        for b in range(a + 1, len(texts)):
            if overlap(texts[a][1].box, texts[b][1].box):
                found.append(f"{texts[a][1].label!r} overlaps {texts[b][1].label!r}")
    for index, note in texts:
        for later in notes[index + 1 :]:
            if later.kind == "panel" and overlap(note.box, later.box):
                found.append(f"{note.label!r} is covered by a panel at {later.box}")
                break
    for a in range(len(buttons)):
        for b in range(a + 1, len(buttons)):
            if overlap(buttons[a], buttons[b]):
                found.append(f"buttons at {buttons[a]} and {buttons[b]} overlap")
    return found


def projector_app(make_app: MakeApp, size: tuple[int, int], **options: object) -> App:
    settings = Settings(player_name="Ana", text_speed="instant", volume=0, text_size="projector")
    app = make_app(settings=settings, size=size, **options)
    app.start()
    frames(app, 2)
    return app


def check(app: App, where: str) -> None:
    run_until(app, lambda: top(app).settled and app.fade.left_s <= 0)
    notes, buttons = drawn(app)
    assert notes, where
    found = problems(notes, buttons)
    if found:
        shot = Path("/tmp") / f"layout-{where}.png"
        pygame.image.save(app.window, str(shot))
    assert not found, f"{where}: " + "; ".join(found[:6])


Screen = Callable[[App], None]


def title(app: App) -> None:
    pass


def picker(app: App) -> None:
    settle_store(app)
    flow.pick(app.ctx)
    key(pygame.K_DOWN)  # the second module: its heading must stay above its cards
    frames(app, 3)


def settings(app: App) -> None:
    flow.settings(app.ctx)


def leaderboard(app: App) -> None:
    from game.ui.scenes.leaderboard import LeaderboardScene

    app.ctx.stack.push(LeaderboardScene(app.ctx))


def conversation(app: App) -> None:
    flow.play(app.ctx, PlayChoice("loaner-counter", Mode.COACH, None))
    scene = top(app)
    assert isinstance(scene, ConversationScene)
    for _ in range(40):
        if scene.phase == CHOICES:
            break
        key(pygame.K_SPACE, " ")
        frames(app, 2)
    assert scene.phase == CHOICES
    run_until(app, lambda: scene.choices_ready)  # new choices wait a moment before any input


def feedback(app: App) -> None:
    conversation(app)
    key(pygame.K_1, "1")
    frames(app, 3)
    scene = top(app)
    assert isinstance(scene, ConversationScene) and scene.phase == FEEDBACK


def debrief(app: App) -> None:
    run_until(app, lambda: app.ctx.library.ready)
    scenario = app.ctx.library.scenario("loaner-counter")
    analysis = app.ctx.library.analysis("loaner-counter")
    assert scenario is not None and analysis is not None and analysis.best is not None
    played = play_decisions(scenario, list(analysis.best))
    flow.debrief(app.ctx, scenario, analysis, played, PlayChoice(scenario.id, Mode.ASSESS, None))
    scene = top(app)
    assert isinstance(scene, DebriefScene)
    run_until(app, lambda: scene.guard.ready and app.ctx.worker.idle)


def history(app: App) -> None:
    feedback(app)
    key(pygame.K_h, "h")
    frames(app, 3)
    assert top(app).name == "history"


def pause(app: App) -> None:
    conversation(app)
    key(pygame.K_ESCAPE)
    frames(app, 3)
    assert top(app).name == "pause"


def team_round(app: App) -> None:
    flow.open_team_round(app.ctx, "loaner-counter")


# A team from around the world, more of them than the board has rows.
TEAM = (
    "Lena Fischer",
    "美咲",
    "محمد علي",
    "Tom Delacroix-Brooks",
    "สมชาย",
    "דוד כהן",
    "अर्जुन",
    "Ana 👍🏽",
    "김민준",
    "Frank",
)


def team_results(count: int) -> MemoryResultsStore:
    store = MemoryResultsStore()
    for place, player in enumerate(TEAM[:count]):
        overall = 95.0 - 5 * place
        store.record(
            ResultRecord(
                id=uuid.uuid4().hex,
                player=player,
                scenario="loaner-counter",
                content_hash="test",
                module=None,
                raw=(1, 1, 1),
                percent=(overall, overall - 20, overall - 40),
                overall=overall,
                ending="extended_test_drive",
                outcome="success",
                decisions=(1,),
                path=("opening",),
                seconds=90.0 + place,
                played_at=datetime.now(UTC) - timedelta(minutes=5),
                app_version="test",
            )
        )
    return store


def meeting(count: int) -> Callable[[App], None]:
    def opened(app: App) -> None:
        app.ctx.stack.push(meeting_scene(app.ctx, scenario="loaner-counter"))
        scene = top(app)
        assert isinstance(scene, MeetingScene)
        run_until(app, lambda: scene.snapshot is not None and app.ctx.worker.idle)
        assert len(scene.snapshot.rows) == count if scene.snapshot else False

    return opened


SCREENS: dict[str, Screen] = {
    "title": title,
    "picker": picker,
    "settings": settings,
    "leaderboard": leaderboard,
    "conversation": conversation,
    "feedback": feedback,
    "history": history,
    "pause": pause,
    "debrief": debrief,
    "team-round": team_round,
    "meeting": meeting(len(TEAM)),
    "meeting-empty": meeting(0),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_every_screen_holds_at_the_largest_text_size(
    make_app: MakeApp, screen: str, size: str
) -> None:
    results = team_results(len(TEAM) if screen == "meeting" else 0)
    app = projector_app(make_app, SIZES[size], results=results)
    SCREENS[screen](app)
    check(app, f"{screen}-{size}")


@pytest.mark.parametrize("size", SIZES)
def test_every_choice_is_shown_whole(make_app: MakeApp, size: str) -> None:
    app = projector_app(make_app, SIZES[size])
    conversation(app)
    run_until(app, lambda: top(app).settled)
    scene = top(app)
    assert isinstance(scene, ConversationScene)
    lower = scene.lower.box
    for button in scene.focus.buttons:
        _x, y, _w, h = button.box
        assert lower[1] - SLACK <= y and y + h <= lower[1] + lower[3] + SLACK, button.label


def test_a_heading_drawn_under_a_card_is_found() -> None:
    notes = [Drawn("text", (100, 100, 200, 30), "Module 2"), Drawn("panel", (90, 90, 400, 200))]
    assert problems(notes, []) == ["'Module 2' is covered by a panel at (90, 90, 400, 200)"]
    assert problems([Drawn("text", (1200, 10, 200, 30), "late")], [])  # off the canvas
    assert problems([], [(0, 0, 100, 40), (90, 0, 100, 40)])  # Back over ▶
