"""The window: frames against floors recorded from them, and memory over a long autoplay.

- frame-*: one screen (a conversation at a timed decision, the meeting board,
  a debrief) drawn again and again, against a floor that replays exactly the
  blits, fills, clips and shapes that reached the window in one real frame of
  it (recorded by standing in for the window surface and for pygame.draw).
  Both sides end with `pygame.display.flip()`, and after each side the window
  must hold the same pixels, so the floor cannot skip anything the frame shows.
  At 1280×720 and 1920×1080.
- memory: a fresh process plays every shipped scenario once in one window (the
  best playthrough, through real key events), reads its resident memory, then
  plays on for 30 minutes of frames and reads it again at half time and at
  the end.

Headless: SDL's dummy drivers. The user's folders point into a scratch folder.
"""

from __future__ import annotations

import gc
import hashlib
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.harness import (
    Measured,
    Mode,
    Row,
    Sample,
    Side,
    alternate,
    child_cpu_ns,
    child_env,
    ratio_result,
)

CONVERSATION_GOAL = 1.1  # conversation frame / its floor, at most
BOARD_GOAL = 1.15  # meeting board or debrief frame / its floor, at most
MEMORY_GOAL_MB = 150.0  # resident memory after every shipped scenario, at most
FLAT_GOAL_MB = 5.0  # growth of resident memory over the second half of the loop, at most
LOOP_MINUTES = 30  # minutes of frames (at 60 a second) in the memory loop
FRAMES = 300  # frames per side per round
SIZES = ((1280, 720), (1920, 1080))
DRAW_FUNCTIONS = (
    "rect",
    "circle",
    "ellipse",
    "line",
    "lines",
    "aaline",
    "aalines",
    "polygon",
    "arc",
)


def _headless(mode: Mode) -> None:
    mode.environ(
        SDL_VIDEODRIVER="dummy",
        SDL_AUDIODRIVER="dummy",
        PYGAME_HIDE_SUPPORT_PROMPT="1",
        RAPPORT_HOME=str(mode.scratch / "home"),
    )


def _library(mode: Mode) -> Any:
    if "library" not in mode.shared:
        from game.loader import DEFAULT_SCENARIOS_DIR, load_library

        mode.shared["library"] = load_library(DEFAULT_SCENARIOS_DIR)
    return mode.shared["library"]


class NullStore:
    """Takes results and keeps nothing, so a loop measures the window alone."""

    def record(self, record: Any) -> Any:
        from game.store import RecordOutcome

        return RecordOutcome(stored=True, queued=False)

    def leaderboard(self, **_: Any) -> list[Any]:
        return []

    def best_overalls(self, player: str) -> dict[str, float]:
        return {}

    def close(self) -> None:
        pass


def make_app(library: Any, size: tuple[int, int], store: Any = None) -> Any:
    from game.settings import Settings
    from game.ui.app import App
    from game.ui.options import Options
    from game.ui.services import StoreHandle

    settings = Settings(player_name="Bench", text_speed="instant", volume=0)
    handle = StoreHandle.of(store if store is not None else NullStore())  # type: ignore[arg-type]
    app = App(
        Options(player="Bench", size=size),
        library=library,
        store=handle,
        settings=settings,
        fast=True,
    )
    app.ctx.player = "Bench"
    return app


# -- recording one frame ---------------------------------------------------------------------
Op = Callable[[], object]


def _with_alpha(source: Any, alpha: int, op: Op) -> Op:
    def run() -> None:
        source.set_alpha(alpha)
        op()
        source.set_alpha(255)

    return run


def _kept(value: Any) -> Any:
    """A copy of a Rect argument, which its owner may change after the call."""
    import pygame

    return pygame.Rect(value) if isinstance(value, pygame.Rect) else value


@contextmanager
def recording(app: Any) -> Iterator[list[Op]]:
    """Record what one `app._draw()` does to the window, as ops that redo it on the window."""
    import pygame

    window = app.window
    ops: list[Op] = []

    class Recorder(pygame.Surface):
        def blit(
            self, source: Any, dest: Any = (0, 0), area: Any = None, special_flags: int = 0
        ) -> Any:
            dest, area = _kept(dest), _kept(area)
            alpha = source.get_alpha()
            op: Op = lambda: window.blit(source, dest, area, special_flags)  # noqa: E731
            ops.append(op if alpha in (None, 255) else _with_alpha(source, alpha, op))
            return super().blit(source, dest, area, special_flags)

        def blits(self, sequence: Any, doreturn: Any = True) -> Any:
            items = list(sequence)
            ops.append(lambda: window.blits(items, False))
            return super().blits(items, doreturn)

        def fill(self, color: Any, rect: Any = None, special_flags: int = 0) -> Any:
            rect = _kept(rect)
            ops.append(lambda: window.fill(color, rect, special_flags))
            return super().fill(color, rect, special_flags)

        def set_clip(self, rect: Any = None) -> None:
            rect = _kept(rect)
            ops.append(lambda: window.set_clip(rect))
            super().set_clip(rect)

    recorder = Recorder(window.get_size())
    recorder.blit(window, (0, 0))  # start from what the window shows
    recorder.set_clip(window.get_clip())
    ops.clear()
    originals = {name: getattr(pygame.draw, name) for name in DRAW_FUNCTIONS}

    def recorded(name: str) -> Callable[..., Any]:
        original = originals[name]

        def draw(surface: Any, *args: Any, **kwargs: Any) -> Any:
            if surface is recorder:
                args = tuple(_kept(a) for a in args)
                kwargs = {k: _kept(v) for k, v in kwargs.items()}
                ops.append(lambda: original(window, *args, **kwargs))
            return original(surface, *args, **kwargs)

        return draw

    canvas = app.ctx.canvas
    for name in DRAW_FUNCTIONS:
        setattr(pygame.draw, name, recorded(name))
    canvas.surface = recorder
    try:
        yield ops
    finally:
        canvas.surface = window
        window.set_clip(None)
        for name, original in originals.items():
            setattr(pygame.draw, name, original)


def _pixels(window: Any) -> str:
    import pygame

    return hashlib.sha256(pygame.image.tobytes(window, "RGB")).hexdigest()


def _frame_side(work: Callable[[], None], window: Any) -> Side:
    def side() -> Sample:
        gc.collect()
        window.fill((0, 0, 0))  # the floor must paint everything the frame paints
        started = time.thread_time_ns()
        work()
        spent = time.thread_time_ns() - started
        return spent, _pixels(window)

    return side


def compare_frames(app: Any, mode: Mode, goal: float) -> Measured:
    """The app's current screen drawn `FRAMES` times against its recorded floor."""
    import pygame

    for _ in range(3):
        app._draw()
    with recording(app) as ops:
        app._draw()
    replay = list(ops)
    frames = mode.size(FRAMES, 5)
    window = app.window

    def real() -> None:
        for _ in range(frames):
            app._draw()
            pygame.display.flip()

    def floor() -> None:
        for _ in range(frames):
            for op in replay:
                op()
            pygame.display.flip()

    ratios = alternate(_frame_side(real, window), _frame_side(floor, window), mode.rounds_or(15))
    measured = ratio_result(ratios, goal)
    return Measured(f"{measured.figures}, {len(replay)} ops", measured.met)


def _settle(app: Any, frames: int, until: Callable[[], bool] = lambda: True) -> None:
    """Run at least `frames` frames and on until `until()`, giving worker threads real time."""
    deadline = time.monotonic() + 30
    count = 0
    while count < frames or not until():
        if time.monotonic() > deadline:
            raise RuntimeError("the screen never became ready")
        app.frame()
        count += 1
        if not until():
            time.sleep(0.002)


def conversation_row(size: tuple[int, int]) -> Callable[[Mode], Measured]:
    def run(mode: Mode) -> Measured:
        _headless(mode)
        import pygame

        from game.core.engine import Playthrough
        from game.core.modes import Mode
        from game.ui.conversation.scene import ConversationScene

        library = _library(mode)
        app = make_app(library, size)
        scenario = library.scenarios["airline-rebooking"]
        analysis = library.analyses["airline-rebooking"]
        scene = ConversationScene(
            app.ctx, scenario, analysis, Mode.COACH, None, Playthrough(scenario)
        )
        app.stack.push(scene)
        _settle(app, 60)
        try:
            return compare_frames(app, mode, CONVERSATION_GOAL)
        finally:
            pygame.display.quit()

    return run


def _board_store(mode: Mode) -> Any:
    """An SQLite results store with a dozen players' results on one scenario."""
    import uuid

    import game
    from game.store import SQLAlchemyResultsStore
    from game.store.records import ResultRecord

    folder = Path(tempfile.mkdtemp(prefix="board-", dir=mode.scratch))
    store = SQLAlchemyResultsStore(f"sqlite:///{folder / 'results.db'}", outbox_path=folder / "out")
    mode.cleanup.callback(store.close)
    for n in range(12):
        percent = (40.0 + n * 5, 30.0 + n * 4, 50.0 + n * 3)
        store.record(
            ResultRecord(
                id=uuid.uuid4().hex,
                player=f"Player {n + 1}",
                scenario="loaner-counter",
                content_hash="bench",
                module=None,
                raw=(1, 1, 1),
                percent=percent,
                overall=round(sum(percent) / 3, 1),
                ending="test_drive",
                outcome="success",
                decisions=(1,),
                path=("arrive", "test_drive"),
                seconds=60.0 + n,
                played_at=datetime.now(UTC),
                app_version=game.__version__,
            )
        )
    return store


def meeting_row(size: tuple[int, int]) -> Callable[[Mode], Measured]:
    def run(mode: Mode) -> Measured:
        _headless(mode)
        import pygame

        from game.ui.meeting import meeting_scene

        library = _library(mode)
        app = make_app(library, size, _board_store(mode))
        scene = meeting_scene(app.ctx, scenario="loaner-counter")
        app.stack.push(scene)
        try:
            _settle(app, 240, lambda: scene.snapshot is not None)
            _settle(app, 240)  # let the rows slide in
            return compare_frames(app, mode, BOARD_GOAL)
        finally:
            scene.exit()
            pygame.display.quit()

    return run


def debrief_row(size: tuple[int, int]) -> Callable[[Mode], Measured]:
    def run(mode: Mode) -> Measured:
        _headless(mode)
        import pygame

        from game.core.engine import Playthrough
        from game.core.modes import Mode
        from game.ui import flow
        from game.ui.scenes.debrief import DebriefScene
        from game.ui.scenes.picker import PlayChoice

        library = _library(mode)
        app = make_app(library, size)
        app.start()
        scenario = library.scenarios["loaner-counter"]
        analysis = library.analyses["loaner-counter"]
        playthrough = Playthrough(scenario)  # not the best way: the reviews have advice to show
        best = analysis.best
        playthrough.choose(1 if best and best[0] != 1 else 2)
        while not playthrough.finished:
            if playthrough.choices:
                playthrough.choose(1)
            else:
                playthrough.let_timer_expire()
        choice = PlayChoice(scenario.id, Mode.ASSESS, None)
        flow.debrief(app.ctx, scenario, analysis, playthrough, choice)
        assert isinstance(app.stack.top, DebriefScene)
        _settle(app, 120)
        try:
            return compare_frames(app, mode, BOARD_GOAL)
        finally:
            pygame.display.quit()

    return run


# -- memory ----------------------------------------------------------------------------------
_MEMORY_SCRIPT = """
import gc, sys
from collections import deque
from pathlib import Path
sys.path.insert(0, {root!r})
from benchmarks.bench_ui import make_app
from game.loader import DEFAULT_SCENARIOS_DIR, load_library
from game.core.modes import Mode
from game.ui import flow
from game.ui.autoplay import AutoplayPlan
from game.ui.scenes.picker import PlayChoice

def rss_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise SystemExit("no /proc/self/status here")

library = load_library(DEFAULT_SCENARIOS_DIR)
app = make_app(library, (1280, 720))
app.start()
plays = [(sid, a.best) for sid, a in sorted(library.analyses.items()) if a.best]

def play_once(scenario_id, best):
    import pygame
    plan = AutoplayPlan(scenario_id, Mode.COACH, deque(best))
    app.ctx.autoplay = plan
    flow.play(app.ctx, PlayChoice(scenario_id, Mode.COACH, None))  # the debrief follows
    count = 0
    while not plan.finished:
        app.frame()
        count += 1
        if count > 20_000:
            raise SystemExit(f"the autoplay got stuck in {{scenario_id}}")
    pygame.event.get()
    app.running = True
    while app.stack.top is not None and len(app.stack) > 1:
        app.stack.pop()
    return count

frames = sum(play_once(sid, best) for sid, best in plays)
gc.collect()
after_seven = rss_mb()
target = {frames_target}
looped = 0
half = None
while looped < target:
    for sid, best in plays:
        looped += play_once(sid, best)
    if half is None and looped >= target // 2:
        gc.collect()
        half = rss_mb()
gc.collect()
print(len(plays), frames, after_seven, half, rss_mb(), looped)
"""


def memory_row(mode: Mode) -> Measured:
    from benchmarks.harness import ROOT

    frames_target = mode.size(LOOP_MINUTES * 60 * 60, 200)
    script = _MEMORY_SCRIPT.format(root=str(ROOT), frames_target=frames_target)
    env = child_env(
        RAPPORT_HOME=str(mode.scratch / "memory-home"),
        SDL_VIDEODRIVER="dummy",
        SDL_AUDIODRIVER="dummy",
        PYGAME_HIDE_SUPPORT_PROMPT="1",
    )
    _, output = child_cpu_ns([sys.executable, "-c", script], env)
    played, _, after_seven, half, end, looped = output.split()[-6:]
    after_mb, half_mb, end_mb = float(after_seven), float(half), float(end)
    growth = end_mb - half_mb
    met = after_mb <= MEMORY_GOAL_MB and end_mb <= MEMORY_GOAL_MB and growth <= FLAT_GOAL_MB
    return Measured(
        f"{after_mb:.0f} MB after all {played} scenarios; {half_mb:.0f} MB at half time and "
        f"{end_mb:.0f} MB after {int(looped) / 3600:.1f} min of frames ({growth:+.1f} MB)",
        met,
    )


def rows() -> list[Row]:
    table: list[Row] = []
    for screen, make, goal in (
        ("conversation", conversation_row, CONVERSATION_GOAL),
        ("meeting", meeting_row, BOARD_GOAL),
        ("debrief", debrief_row, BOARD_GOAL),
    ):
        for width, height in SIZES:
            table.append(
                Row(
                    f"frame-{screen}-{height}",
                    "ui",
                    f"{screen} frame / floor of its recorded blits, {width}×{height}",
                    f"≤ {goal}×",
                    make((width, height)),
                )
            )
    table.append(
        Row(
            "memory",
            "ui",
            f"resident memory after every shipped scenario, then {LOOP_MINUTES} min of autoplay",
            f"≤ {MEMORY_GOAL_MB:g} MB, flat (≤ {FLAT_GOAL_MB:+g} MB over the second half)",
            memory_row,
        )
    )
    return table
