"""Makes the window's pictures in README.md and docs/ (docs/images/screens): `make shots`.

Every picture is taken through the real window without a screen (SDL's dummy
driver), driven by the key presses a player would make, in a fresh
RAPPORT_HOME with a made-up team's results in a temporary SQLite database. Run
`python -m tests.ui.doc_shots [FOLDER]` (the default folder is the docs').
"""

from __future__ import annotations

import functools
import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"

import sys
import tempfile
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pygame

from game.core.decisions import play_decisions
from game.core.engine import TIMER, Decision
from game.core.model import Scenario
from game.core.modes import Mode
from game.loader import DEFAULT_SCENARIOS_DIR, Library, load_library
from game.settings import Settings
from game.store import SQLAlchemyResultsStore
from game.store.recording import record_playthrough
from game.ui import flow
from game.ui.app import App
from game.ui.conversation.scene import CHOICES, FEEDBACK, ConversationScene
from game.ui.meeting.scene import MeetingScene
from game.ui.meeting.team_round import TeamRoundScene
from game.ui.meeting.team_round_view import HANDOVER, PODIUM, STANDINGS
from game.ui.options import Options
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.picker import PlayChoice
from game.ui.services import StoreHandle

SCREENS = Path(__file__).resolve().parents[2] / "docs" / "images" / "screens"
LAPTOP = (1280, 720)  # window pixels: the player's screens
PROJECTOR = (1920, 1080)  # window pixels: the meeting board and the team round
START = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)  # when the made-up team played
MAX_FRAMES = 5000  # frames to wait for a screen before giving up


class Shots:
    """A temporary home and database, and the window opened over them for each picture."""

    def __init__(self, folder: Path, work: Path) -> None:
        self.folder = folder
        self.work = work
        self.library: Library = load_library(DEFAULT_SCENARIOS_DIR)
        self.databases = 0
        self.store: SQLAlchemyResultsStore | None = None
        self.new_database()
        os.environ["RAPPORT_HOME"] = str(work / "home")

    def new_database(self) -> SQLAlchemyResultsStore:
        """A fresh, empty results database (the team's screens start from their own)."""
        if self.store is not None:
            self.store.close()
        self.databases += 1
        url = f"sqlite:///{self.work / f'results-{self.databases}.db'}"
        self.store = SQLAlchemyResultsStore(url, outbox_path=self.work / "outbox")
        return self.store

    def record(
        self, player: str, scenario: str, decisions: Sequence[Decision], minutes: float
    ) -> None:
        analysis = self.library.analyses[scenario]
        assert self.store is not None
        decisions = finished(self.library.scenarios[scenario], decisions)
        outcome = record_playthrough(
            self.store,
            self.library.scenarios[scenario],
            analysis.ranges,
            decisions,
            player=player,
            seconds=180.0 + 7 * minutes,
            module=None,
            played_at=START + timedelta(minutes=minutes),
            result_id=uuid.uuid4().hex,
        )
        assert outcome.stored, outcome.message

    def window(
        self,
        size: tuple[int, int],
        now: datetime | None = None,
        text_size: str = "standard",
        first_run: bool = False,
        **options: object,
    ) -> App:
        settings = Settings(
            player_name="Ana", text_speed="instant", text_size=text_size, intro_seen=not first_run
        )
        app = App(
            Options(size=size, **options),  # type: ignore[arg-type]
            library=self.library,
            store=StoreHandle.of(self.new_database() if self.store is None else self.store),
            settings=settings,
            fast=True,
        )
        if now is not None:
            app.ctx.now = lambda: now
        app.start()
        return app

    def save(self, app: App, name: str) -> None:
        until(
            app,
            lambda: (
                bool(app.stack.top and app.stack.top.settled)
                and app.ctx.worker.idle
                and app.fade.left_s <= 0
            ),
        )
        app.frame()  # one more render of the settled screen
        pygame.image.save(app.window, str(self.folder / name))
        print(f"Wrote {self.folder / name}")

    def close(self, app: App) -> None:
        app.close()
        pygame.quit()


def finished(scenario: Scenario, decisions: Sequence[Decision]) -> list[Decision]:
    """The decisions as far as they fit, then the first choice until an ending (made-up play
    that stays playable when a scenario changes)."""
    kept: list[Decision] = []
    for decision in decisions:
        try:
            trial = play_decisions(scenario, [*kept, decision], to_ending=False)
        except ValueError:
            break
        kept.append(decision)
        if trial.finished:
            return kept
    playthrough = play_decisions(scenario, kept, to_ending=False)
    while not playthrough.finished:
        playthrough.decide(1)
    return list(playthrough.decisions)


def until(app: App, done: Callable[[], bool]) -> None:
    for _ in range(MAX_FRAMES):
        if done():
            return
        app.frame()
    raise RuntimeError(
        f"the {app.stack.top.name if app.stack.top else 'empty'} screen never got there"
    )


def press(app: App, code: int, text: str = "") -> None:
    event = pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode=text, scancode=0)
    pygame.event.post(event)
    app.frame()
    app.frame()


def best(shots: Shots, scenario: str) -> list[Decision]:
    found = shots.library.analyses[scenario].best
    assert found is not None
    return list(found)


# -- the player's screens -------------------------------------------------------------------------
def title_and_picker(shots: Shots) -> None:
    shots.record("Ana", "loaner-counter", best(shots, "loaner-counter"), 1)
    shots.record("Ana", "airline-rebooking", airline_play(shots), 2)
    app = shots.window(LAPTOP, player="Ana")
    until(app, lambda: app.ctx.library.ready and app.ctx.progress.loaded)
    shots.save(app, "title.png")
    press(app, pygame.K_RETURN)  # Play
    until(app, lambda: app.stack.top is not None and app.stack.top.name == "picker")
    shots.save(app, "picker.png")
    shots.close(app)


# The conversation shots: Dana's "Client meeting" line, reached by these choices (by their
# opening words, so the shots stay put when choices are added or moved).
TO_CLIENT_MEETING = ("Of course, here's the key", "Gorgeous. Busy day ahead")
THE_COAST_ROAD = "The coast road!"


def conversation(shots: Shots, size: tuple[int, int], text_size: str, name: str) -> None:
    app = shots.window(size, player="Ana", text_size=text_size)
    until(app, lambda: app.ctx.library.ready)
    flow.play(app.ctx, PlayChoice("loaner-counter", Mode.COACH, None))
    first = app.stack.top
    assert isinstance(first, ConversationScene)
    scene: ConversationScene = first
    path = iter(TO_CLIENT_MEETING)
    for _ in range(MAX_FRAMES):
        if app.stack.top is not scene:
            raise RuntimeError("the conversation ended before Dana's client meeting")
        if scene.phase == CHOICES:
            if scene.node.text.startswith("Client meeting"):
                break
            choose(app, scene, next(path))
        else:
            press(app, pygame.K_SPACE, " ")
    if name == "conversation-choices.png":
        shots.save(app, name)
        choose(app, scene, THE_COAST_ROAD)
        until(app, lambda: scene.phase == FEEDBACK)
        shots.save(app, "conversation.png")
    else:
        shots.save(app, name)
    shots.close(app)


def choose(app: App, scene: ConversationScene, opening: str) -> None:
    """Press the number of the choice on screen that begins with `opening`, once it takes input."""
    until(app, lambda: scene.choices_ready)
    labels = [button.label for button in scene.focus.buttons]
    place = next((i for i, label in enumerate(labels, 1) if label.startswith(opening)), None)
    if place is None:
        raise RuntimeError(f"no choice begins {opening!r} at {scene.node.id}: {labels}")
    press(app, getattr(pygame, f"K_{place}"), str(place))


def debrief(shots: Shots, scenario: str, decisions: list[Decision], name: str) -> None:
    shots.new_database()  # a first result: it unlocks the next scenario
    app = shots.window(LAPTOP, player="Ana")
    until(app, lambda: app.ctx.library.ready and app.ctx.progress.loaded)
    home = app.ctx.library.module_of(scenario)
    playthrough = play_decisions(
        shots.library.scenarios[scenario], finished(shots.library.scenarios[scenario], decisions)
    )
    playthrough.add_time(240.0)
    choice = PlayChoice(scenario, Mode.COACH, home.id if home else None)
    flow.debrief(
        app.ctx,
        shots.library.scenarios[scenario],
        shots.library.analyses[scenario],
        playthrough,
        choice,
    )
    scene = app.stack.top
    assert isinstance(scene, DebriefScene)
    if name == "debrief-decisions.png":  # scrolled to the decisions
        until(app, lambda: scene.recorded)
        heading = next(s for s in scene.sections if s.kind == "heading")
        scene.area.target = heading.y - 120
        scene.area.clamp()
    shots.save(app, name)
    shots.close(app)


def intro(shots: Shots) -> None:
    app = shots.window(LAPTOP, first_run=True)
    app.frame()
    press(app, pygame.K_RIGHT)  # the page on the three competencies
    shots.save(app, "intro.png")
    shots.close(app)


def settings(shots: Shots) -> None:
    app = shots.window(LAPTOP, player="Ana")
    app.frame()
    flow.settings(app.ctx)
    shots.save(app, "settings.png")
    shots.close(app)


def airline_play(shots: Shots) -> list[Decision]:
    """Ana's airline playthrough: she lets the first timer run out, then plays on."""
    return playable(shots, [TIMER, 1, 1, 2], "airline-rebooking")


# -- the team's screens ---------------------------------------------------------------------------
TEAM = (  # (player, decisions in the Loaner Counter)
    ("Lena Fischer", [2, 3, 1, 1, 2]),
    ("美咲", [2, 1, 2, 2]),
    ("Tom Delacroix-Brooks", [1, 2, 1]),
    ("محمد علي", [2, 2, 2]),
    ("Maya Okafor", [3, 1, 2]),
)
LATE = (("Frank", [1, 1, 2]), ("Rosa", [3, 2, 1]))  # they finish while the board is up


def ready_to_choose(conversation: ConversationScene) -> bool:
    return conversation.choices_ready


def ready_to_leave(debrief: DebriefScene) -> bool:
    return debrief.recorded and debrief.guard.ready


def playable(
    shots: Shots, decisions: Sequence[Decision], scenario_id: str = "loaner-counter"
) -> list[Decision]:
    return finished(shots.library.scenarios[scenario_id], decisions)


def meeting(shots: Shots) -> None:
    shots.new_database()
    for minute, (player, decisions) in enumerate(TEAM):
        shots.record(player, "loaner-counter", playable(shots, decisions), 60 + minute)
    app = shots.window(
        PROJECTOR, now=START + timedelta(minutes=70), meeting=True, scenario="loaner-counter"
    )
    scene = app.stack.top
    assert isinstance(scene, MeetingScene)
    until(app, lambda: scene.snapshot is not None)
    for minute, (player, decisions) in enumerate(LATE):
        shots.record(player, "loaner-counter", playable(shots, decisions), 71 + minute)
    until(app, lambda: scene.readings >= 2)  # the late results arrive: they glow, "Just in"
    shots.save(app, "meeting.png")
    shots.close(app)


def empty_meeting(shots: Shots) -> None:
    shots.new_database()
    app = shots.window(PROJECTOR, now=START, meeting=True, scenario="loaner-counter")
    scene = app.stack.top
    assert isinstance(scene, MeetingScene)
    until(app, lambda: scene.snapshot is not None)
    shots.save(app, "meeting-empty.png")
    shots.close(app)


def team_round(shots: Shots) -> None:
    shots.new_database()
    app = shots.window(PROJECTOR, player="Ana")
    until(app, lambda: app.ctx.library.ready)
    flow.open_team_round(app.ctx, "loaner-counter")
    round_scene = app.stack.top
    assert isinstance(round_scene, TeamRoundScene)
    players = {
        "Maya Okafor": [3, 1, 2],
        "Lena Fischer": [2, 3, 1, 1, 2],
        "Raj": [2, 2, 2],
        "Sam": [],
    }
    for name in players:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=name))
        press(app, pygame.K_RETURN)
    press(app, pygame.K_RETURN)  # an empty name: that's everyone
    press(app, pygame.K_RETURN)  # Start the round
    until(app, lambda: round_scene.phase == HANDOVER)
    shots.save(app, "team-round-handover.png")
    for decisions in players.values():
        until(app, lambda: round_scene.phase == HANDOVER)
        press(app, pygame.K_RETURN)  # start the turn
        plan = iter(playable(shots, decisions))
        while not isinstance(app.stack.top, TeamRoundScene):
            top = app.stack.top
            if isinstance(top, ConversationScene) and top.phase == CHOICES:
                until(app, functools.partial(ready_to_choose, top))
                number = int(next(plan))  # in file order; assessment shows them shuffled
                place = [b.action for b in top.focus.buttons].index(number) + 1
                press(app, getattr(pygame, f"K_{place}"), str(place))
            elif isinstance(top, DebriefScene):
                until(app, functools.partial(ready_to_leave, top))
                press(app, pygame.K_RETURN)
            else:
                press(app, pygame.K_SPACE, " ")
        if round_scene.phase == STANDINGS:
            press(app, pygame.K_RETURN)  # hand over to the next player
    until(app, lambda: round_scene.phase == PODIUM)
    shots.save(app, "team-round.png")
    shots.close(app)


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else SCREENS
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        shots = Shots(folder, Path(temp))
        try:
            intro(shots)
            title_and_picker(shots)
            conversation(shots, LAPTOP, "standard", "conversation-choices.png")
            conversation(shots, LAPTOP, "projector", "conversation-projector-text.png")
            debrief(shots, "loaner-counter", best(shots, "loaner-counter"), "debrief.png")
            debrief(shots, "airline-rebooking", airline_play(shots), "debrief-decisions.png")
            settings(shots)
            meeting(shots)
            empty_meeting(shots)
            team_round(shots)
            from tests.ui import live_shots  # hosts a real session on 127.0.0.1

            live_shots.main(shots)
        finally:
            if shots.store is not None:
                shots.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
