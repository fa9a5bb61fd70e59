"""The meeting screen: a board that refreshes from the shared database off the render path."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.loader import Library, load_library
from game.settings import Settings
from game.store import ResultRecord, SQLAlchemyResultsStore, StoreError
from game.ui.app import App
from game.ui.meeting import check_meeting_options, meeting_scene
from game.ui.meeting.board import HIGHLIGHT_S
from game.ui.meeting.scene import REFRESH_S, MeetingScene
from game.ui.options import Options
from game.ui.services import StoreHandle

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)  # "now" for the screen in these tests
STEPS_PER_S = 60  # the app's fixed updates per second

SCENARIO_YAML = """\
format: 1
id: {id}
title: {title}
summary: A customer asks for help; answer well or badly.
source:
  title: Test story
  lesson: Ask about the need first.
setting: bike-shop
cast:
  sam: {{name: Sam, portrait: sam}}
start: ask
nodes:
  ask:
    speaker: sam
    text: Hi! Can you help me with a bike?
    choices:
      - text: Of course. What will you ride it for?
        scores: {{empathy: 2, anticipation: 2, upsell: 1}}
        feedback: You asked about her need.
        goto: good
      - text: Bikes are over there.
        scores: {{empathy: -1, anticipation: -1}}
        feedback: That sends her away.
        goto: bad
  good:
    ending: {{title: A happy rider, outcome: success, text: She rides home happy.}}
  bad:
    ending: {{title: She left, outcome: failure, text: She walks out.}}
"""

MODULES_YAML = """\
format: 1
modules:
  - id: basics
    title: The basics
    summary: Two short conversations.
    scenarios: [bikes, tyres]
    pass_percent: 60
    unlock: open
"""


@pytest.fixture(autouse=True)
def fresh_pygame() -> Iterator[None]:
    """Each test starts pygame afresh (the conftest keeps it headless and files in tmp_path)."""
    yield
    pygame.quit()


@pytest.fixture
def library(tmp_path: Path) -> Library:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    for scenario_id, title in (("bikes", "Choosing a Bike"), ("tyres", "Flat Tyres")):
        text = SCENARIO_YAML.format(id=scenario_id, title=title)
        (folder / f"{scenario_id}.yaml").write_text(text, encoding="utf-8")
    (folder / "modules.yaml").write_text(MODULES_YAML, encoding="utf-8")
    loaded = load_library(folder)
    assert set(loaded.analyses) == {"bikes", "tyres"}
    return loaded


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'results.db'}"


@pytest.fixture
def make_store(tmp_path: Path) -> Iterator[Callable[[str, str], SQLAlchemyResultsStore]]:
    """Stores on the same database, each with its own outbox: one per "computer"."""
    made: list[SQLAlchemyResultsStore] = []

    def make(url: str, computer: str) -> SQLAlchemyResultsStore:
        store = SQLAlchemyResultsStore(url, outbox_path=tmp_path / f"outbox-{computer}")
        made.append(store)
        return store

    yield make
    for store in made:
        store.close()


def result(
    player: str,
    overall: float,
    percent: tuple[float | None, float | None, float | None] | None = None,
    *,
    scenario: str = "bikes",
    minutes: float = 1.0,
    seconds: float = 90.0,
    session: str | None = None,
) -> ResultRecord:
    """A result played `minutes` after T0 (negative: before the meeting began)."""
    return ResultRecord(
        id=uuid.uuid4().hex,
        player=player,
        scenario=scenario,
        content_hash="test",
        module=None,
        raw=(1, 1, 1),
        percent=percent or (overall, overall, overall),
        overall=overall,
        ending="good",
        outcome="success",
        decisions=(1,),
        path=("ask", "good"),
        seconds=seconds,
        played_at=T0 + timedelta(minutes=minutes),
        app_version="test",
        session=session,
    )


def open_meeting(library: Library, store: Any, **scope: str | None) -> tuple[App, MeetingScene]:
    settings = Settings(volume=0, text_speed="instant")
    handle = store if isinstance(store, StoreHandle) else StoreHandle.of(store)
    app = App(Options(), library=library, store=handle, settings=settings, fast=True)
    app.ctx.now = lambda: T0
    scene = meeting_scene(app.ctx, **scope)
    app.stack.push(scene)
    return app, scene


@pytest.fixture
def meetings() -> Iterator[list[MeetingScene]]:
    """Screens whose window's store worker is stopped at the end of a test, so no thread
    outlives it."""
    opened: list[MeetingScene] = []
    yield opened
    for scene in opened:
        scene.ctx.worker.stop(wait_s=5)


def run_until(app: App, done: Callable[[], bool], timeout_s: float = 10.0) -> None:
    """Run frames (fixed steps of simulated time) until `done`, giving the reader real time."""
    deadline = time.monotonic() + timeout_s
    while not done():
        assert time.monotonic() < deadline, "the meeting screen never got there"
        app.frame()
        time.sleep(0.001)


def run_frames(app: App, count: int) -> None:
    for _ in range(count):
        app.frame()


def readings(scene: MeetingScene) -> int:
    return scene.readings


def players(scene: MeetingScene) -> list[str]:
    return [s.player for s in scene.standings]


def key(code: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0))


# -- refreshing ----------------------------------------------------------------------------------
def test_first_board_shows_earlier_results_without_announcing_them(
    library: Library, db_url: str, make_store: Any, meetings: list[MeetingScene]
) -> None:
    store = make_store(db_url, "projector")
    store.record(result("Ann", 70.0, minutes=-5))
    app, scene = open_meeting(library, store, scenario="bikes")
    meetings.append(scene)
    run_until(app, lambda: readings(scene) == 1)
    assert players(scene) == ["Ann"]
    assert scene.just_in == []
    assert scene.table.glowing == []


def test_result_from_another_computer_appears_after_the_next_refresh(
    library: Library, db_url: str, make_store: Any, meetings: list[MeetingScene]
) -> None:
    projector = make_store(db_url, "projector")
    laptop = make_store(db_url, "laptop")
    projector.record(result("Ann", 70.0, minutes=-5))
    app, scene = open_meeting(library, projector, scenario="bikes")
    meetings.append(scene)
    run_until(app, lambda: readings(scene) == 1)

    laptop.record(result("Bob", 90.0, minutes=1))
    run_frames(app, STEPS_PER_S)  # one second: the board is not read again yet
    assert players(scene) == ["Ann"]

    run_until(app, lambda: readings(scene) == 2)
    assert players(scene) == ["Bob", "Ann"]
    assert [r.player for r in scene.just_in] == ["Bob"]
    assert scene.table.glowing == ["Bob"]
    bob = scene.table.rows[0]
    assert bob.slide > 0 and not scene.settled  # the new row is sliding in
    run_frames(app, int(HIGHLIGHT_S * STEPS_PER_S) + 1)
    assert scene.settled and scene.table.glowing == []


def test_result_recorded_by_a_separate_process_appears(
    library: Library, db_url: str, make_store: Any, meetings: list[MeetingScene], tmp_path: Path
) -> None:
    app, scene = open_meeting(library, make_store(db_url, "projector"), scenario="bikes")
    meetings.append(scene)
    run_until(app, lambda: readings(scene) == 1)
    assert players(scene) == []

    env = {**os.environ, "RAPPORT_HOME": str(tmp_path / "other-computer")}
    scenario_file = str(tmp_path / "scenarios" / "bikes.yaml")
    command = [sys.executable, "-m", "game", "play", scenario_file, "--choices", "1"]
    command += ["--player", "Cleo", "--db", db_url]
    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert finished.returncode == 0, finished.stderr

    run_until(app, lambda: "Cleo" in players(scene))
    assert scene.standings[0].overall == 100.0  # the best answer in every competency
    assert [r.player for r in scene.just_in] == ["Cleo"]


def test_reads_repeat_every_couple_of_seconds(
    library: Library, db_url: str, make_store: Any, meetings: list[MeetingScene]
) -> None:
    app, scene = open_meeting(library, make_store(db_url, "projector"))
    meetings.append(scene)
    run_until(app, lambda: readings(scene) == 1)
    run_frames(app, int(REFRESH_S * STEPS_PER_S) - 2)
    assert readings(scene) == 1
    run_until(app, lambda: readings(scene) == 2, timeout_s=5)


def test_space_reads_the_board_at_once(
    library: Library, db_url: str, make_store: Any, meetings: list[MeetingScene]
) -> None:
    projector = make_store(db_url, "projector")
    app, scene = open_meeting(library, projector)
    meetings.append(scene)
    run_until(app, lambda: readings(scene) == 1)
    make_store(db_url, "laptop").record(result("Dee", 40.0))
    key(pygame.K_SPACE)
    run_until(app, lambda: readings(scene) == 2)
    assert scene.asked_at_s < REFRESH_S  # asked at once, well before the next regular read
    assert players(scene) == ["Dee"]


# -- sessions and scope --------------------------------------------------------------------------
def test_session_is_started_when_the_meeting_opens_and_filters_the_board(
    library: Library, db_url: str, make_store: Any, meetings: list[MeetingScene]
) -> None:
    store = make_store(db_url, "projector")
    store.record(result("Before", 99.0, minutes=-30))  # played before the meeting
    app, scene = open_meeting(library, store, session="Monday stand-up")
    meetings.append(scene)
    run_until(app, lambda: readings(scene) == 1)
    window = store.session_window("Monday stand-up")
    assert window is not None and window.started_at == T0
    assert players(scene) == []

    make_store(db_url, "laptop").record(result("During", 50.0, minutes=2))
    run_until(app, lambda: readings(scene) == 2)
    assert players(scene) == ["During"]


def test_existing_session_is_kept_not_restarted(
    library: Library, db_url: str, make_store: Any, meetings: list[MeetingScene]
) -> None:
    store = make_store(db_url, "projector")
    store.start_session("Workshop", T0 - timedelta(hours=1))
    store.record(result("Early", 60.0, minutes=-30))  # inside the workshop, before the screen
    store.record(result("Outside", 95.0, minutes=-120))
    app, scene = open_meeting(library, store, session="Workshop")
    meetings.append(scene)
    run_until(app, lambda: readings(scene) == 1)
    window = store.session_window("Workshop")
    assert window is not None and window.started_at == T0 - timedelta(hours=1)
    assert players(scene) == ["Early"]


def test_scenario_scope_leaves_out_other_scenarios(
    library: Library, db_url: str, make_store: Any, meetings: list[MeetingScene]
) -> None:
    store = make_store(db_url, "projector")
    store.record(result("Ann", 70.0, scenario="bikes"))
    store.record(result("Bob", 90.0, scenario="tyres"))
    app, scene = open_meeting(library, store, scenario="bikes")
    meetings.append(scene)
    run_until(app, lambda: readings(scene) == 1)
    assert players(scene) == ["Ann"]
    assert scene.scope_title == "Choosing a Bike"


def test_module_scope_ranks_players_who_played_every_scenario(
    library: Library, db_url: str, make_store: Any, meetings: list[MeetingScene]
) -> None:
    store = make_store(db_url, "projector")
    store.record(result("Ann", 60.0, scenario="bikes"))
    store.record(result("Ann", 80.0, scenario="tyres"))
    store.record(result("Bob", 100.0, scenario="bikes"))  # one of the two only
    app, scene = open_meeting(library, store, module="basics")
    meetings.append(scene)
    run_until(app, lambda: readings(scene) == 1)
    assert [(s.player, s.overall) for s in scene.standings] == [("Ann", 70.0)]
    assert scene.scope_title == "The basics"


def test_unknown_module_says_so_and_reads_nothing(
    library: Library, db_url: str, make_store: Any, meetings: list[MeetingScene]
) -> None:
    app, scene = open_meeting(library, make_store(db_url, "projector"), module="basic")
    meetings.append(scene)
    run_frames(app, 30)
    assert scene.problem is not None
    assert "'basic'" in scene.problem and "basics" in scene.problem
    assert scene.reader is None and app.ctx.worker.idle


# -- podium and champions ------------------------------------------------------------------------
def test_podium_is_the_top_three_and_each_competency_has_its_champion(
    library: Library, db_url: str, make_store: Any, meetings: list[MeetingScene]
) -> None:
    store = make_store(db_url, "projector")
    store.record(result("Ann", 80.0, (95.0, 70.0, 75.0)))
    store.record(result("Bob", 75.0, (60.0, 90.0, 75.0)))
    store.record(result("Cy", 70.0, (50.0, 60.0, 100.0)))
    store.record(result("Dee", 30.0, (30.0, 30.0, 30.0)))
    store.record(result("Eve", 75.0, (75.0, 75.0, 75.0), seconds=200.0))  # slower than Bob
    app, scene = open_meeting(library, store)
    meetings.append(scene)
    run_until(app, lambda: readings(scene) == 1)
    assert [s.player for s in scene.standings[:3]] == ["Ann", "Bob", "Eve"]
    assert scene.snapshot is not None
    assert scene.snapshot.champions == (("Ann", 95.0), ("Bob", 90.0), ("Cy", 100.0))
    app.frame()  # the podium and champions draw with these rows


def test_empty_board_draws_empty_podium_and_no_champions(
    library: Library, db_url: str, make_store: Any, meetings: list[MeetingScene]
) -> None:
    app, scene = open_meeting(library, make_store(db_url, "projector"))
    meetings.append(scene)
    run_until(app, lambda: readings(scene) == 1)
    assert scene.standings == []
    assert scene.snapshot is not None and scene.snapshot.champions == (None, None, None)
    app.frame()


# -- failures ------------------------------------------------------------------------------------
class FlakyStore:
    """A real store that can be made to fail, or to hang, on reads."""

    def __init__(self, store: SQLAlchemyResultsStore) -> None:
        self.store = store
        self.broken = False
        self.gate = threading.Event()
        self.gate.set()

    def leaderboard(self, **options: Any) -> Any:
        self.gate.wait(10)
        if self.broken:
            raise StoreError("the results database db.example cannot be reached (timeout)")
        return self.store.leaderboard(**options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


def test_database_failure_keeps_the_board_and_shows_reconnecting(
    library: Library, db_url: str, make_store: Any, meetings: list[MeetingScene]
) -> None:
    real = make_store(db_url, "projector")
    real.record(result("Ann", 70.0))
    flaky = FlakyStore(real)
    app, scene = open_meeting(library, flaky)
    meetings.append(scene)
    run_until(app, lambda: readings(scene) == 1)

    flaky.broken = True
    run_until(app, lambda: readings(scene) == 2)
    assert scene.reconnecting
    assert players(scene) == ["Ann"]
    app.frame()  # the banner and the old board draw

    flaky.broken = False
    real.record(result("Bob", 90.0))
    run_until(app, lambda: readings(scene) == 3, timeout_s=15)
    assert not scene.reconnecting
    assert players(scene) == ["Bob", "Ann"]


def test_slow_database_never_holds_up_drawing(
    library: Library, db_url: str, make_store: Any, meetings: list[MeetingScene]
) -> None:
    flaky = FlakyStore(make_store(db_url, "projector"))
    flaky.gate.clear()  # every read hangs until the gate opens
    app, scene = open_meeting(library, flaky)
    meetings.append(scene)
    started = time.monotonic()
    run_frames(app, 3 * STEPS_PER_S)  # three seconds of screen time
    assert time.monotonic() - started < 8
    assert app.ctx.worker.busy(scene) and readings(scene) == 0
    assert scene._board_message() == "Reading the results…"
    flaky.gate.set()
    run_until(app, lambda: readings(scene) == 1)


def test_database_that_cannot_be_opened_is_explained_on_screen(
    library: Library, meetings: list[MeetingScene]
) -> None:
    def refuse() -> Any:
        raise StoreError("the database URL 'nope://' cannot be used")

    app, scene = open_meeting(library, StoreHandle(refuse))
    meetings.append(scene)
    run_until(app, lambda: scene.problem is not None)
    assert scene.problem is not None and "nope://" in scene.problem
    app.frame()


# -- leaving and options -------------------------------------------------------------------------
def test_escape_leaves_the_screen_and_stops_reading(
    library: Library, db_url: str, make_store: Any, meetings: list[MeetingScene]
) -> None:
    flaky = FlakyStore(make_store(db_url, "projector"))
    app, scene = open_meeting(library, flaky)
    meetings.append(scene)
    run_until(app, lambda: readings(scene) == 1)
    run_until(app, lambda: app.ctx.worker.busy(scene))  # the next reading is under way
    flaky.gate.clear()
    key(pygame.K_ESCAPE)
    app.frame()
    assert len(app.stack) == 0
    assert not app.ctx.worker.busy(scene)  # its reading is forgotten: nothing more comes
    app.frame()
    assert not app.running  # opened with --meeting, leaving the board closes the window
    flaky.gate.set()
    thread = app.ctx.worker._thread
    app.close()
    assert thread is not None
    thread.join(5)
    assert not thread.is_alive() and readings(scene) == 1


@pytest.mark.parametrize(
    ("scenario", "module", "session", "expected"),
    [
        (None, None, None, None),
        ("bikes", None, "Monday", None),
        ("bikes", "basics", None, "not both"),
        (None, None, "   ", "the session name is empty"),
        (None, None, "x" * 61, "at most 60 characters"),
        (None, None, "line\nbreak", "line break"),
    ],
)
def test_meeting_options_are_checked_before_the_window_opens(
    scenario: str | None, module: str | None, session: str | None, expected: str | None
) -> None:
    problem = check_meeting_options(scenario, module, session)
    if expected is None:
        assert problem is None
    else:
        assert problem is not None and expected in problem


def run_meeting_shots(tmp_path: Path, db: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    env.update(RAPPORT_HOME=str(tmp_path / "home"), RAPPORT_DB=db)
    command = [sys.executable, "run.py", "--meeting", "--screenshots", str(tmp_path / "shots")]
    root = Path(__file__).resolve().parents[2]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=120)


def test_meeting_screenshots_show_the_read_board_then_exit(
    tmp_path: Path, db_url: str, make_store: Any
) -> None:
    make_store(db_url, "laptop").record(result("Ann", 70.0, scenario="loaner-counter"))
    done = run_meeting_shots(tmp_path, db_url)
    assert done.returncode == 0, done.stderr
    shots = sorted((tmp_path / "shots").glob("*.png"))
    assert shots and shots[-1].name.endswith("-meeting.png")


def test_meeting_screenshots_of_an_unusable_database_say_why_and_exit_1(tmp_path: Path) -> None:
    done = run_meeting_shots(tmp_path, "nope://nowhere")
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("run.py: ") and "nope" in last
    assert sorted((tmp_path / "shots").glob("*.png"))  # the board with the message is shown
