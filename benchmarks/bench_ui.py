"""Window speed and memory: a conversation frame against a floor of the same blits, start-up
against a bare pygame window, and memory over a long autoplay loop.

Run with `python benchmarks/bench_ui.py` (headless: it sets SDL's dummy drivers).
Targets: frame / floor at most 1.3; start-up / bare at most 2.0; memory flat
(a few hundred KB of drift at most over many minutes of frames).
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
os.environ.setdefault("RAPPORT_HOME", tempfile.mkdtemp(prefix="rapport-bench-"))

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pygame  # noqa: E402

from game.core.engine import replay  # noqa: E402
from game.loader import DEFAULT_SCENARIOS_DIR, load_library  # noqa: E402
from game.settings import Settings  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.options import Options  # noqa: E402
from game.ui.services import StoreHandle  # noqa: E402

FRAMES = 600  # frames timed per round
ROUNDS = 7  # best of this many rounds
STARTS = 9  # process starts timed, best of
LOOP_MINUTES = 30  # minutes of play (at 60 frames a second) in the memory loop
BARE = (
    "import os, pygame; pygame.init(); pygame.display.set_mode((1280, 720)); "
    "pygame.display.flip(); print('first frame', flush=True)"
)


class NullStore:
    """Takes results and keeps nothing, so the loop measures the window alone."""

    def record(self, record: Any) -> Any:
        from game.store import RecordOutcome

        return RecordOutcome(stored=True, queued=False)

    def leaderboard(self, **_: Any) -> list[Any]:
        return []

    def best_overalls(self, player: str) -> dict[str, float]:
        return {}

    def close(self) -> None:
        pass


def make_app(library: Any) -> App:
    settings = Settings(player_name="Bench", text_speed="instant", sound=False)
    store = StoreHandle.of(NullStore())  # type: ignore[arg-type]
    app = App(Options(player="Bench"), library=library, store=store, settings=settings, fast=True)
    app.ctx.player = "Bench"
    return app


def best_of(run: Callable[[], None], rounds: int = ROUNDS) -> float:
    fastest = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        fastest = min(fastest, time.perf_counter() - started)
    return fastest


# -- frame cost -------------------------------------------------------------------------------
class Recorder(pygame.Surface):
    """A surface that remembers every blit drawn on it, to replay them as the floor."""

    def __init__(self, size: tuple[int, int]) -> None:
        super().__init__(size)
        self.ops: list[Callable[[], object]] = []
        self.target: pygame.Surface | None = None

    def blit(self, source: Any, dest: Any, area: Any = None, special_flags: int = 0) -> Any:  # type: ignore[override]
        target = self.target
        assert target is not None
        alpha = source.get_alpha()
        if area is None:
            self.ops.append(lambda: target.blit(source, dest))
        else:
            self.ops.append(lambda: target.blit(source, dest, area))
        if alpha not in (None, 255):
            self.ops[-1] = _with_alpha(source, alpha, self.ops[-1])
        return super().blit(source, dest, area, special_flags)


def _with_alpha(
    source: pygame.Surface, alpha: int, op: Callable[[], object]
) -> Callable[[], object]:
    def run() -> None:
        source.set_alpha(alpha)
        op()
        source.set_alpha(255)

    return run


def conversation_frame(library: Any) -> float:
    """A decision node with a timer, choices shown: draw cost over the floor of its blits."""
    from game.ui.conversation.scene import ConversationScene

    app = make_app(library)
    scenario = library.scenarios["airline-rebooking"]
    analysis = library.analyses["airline-rebooking"]
    app.stack.push(
        ConversationScene(app.ctx, scenario, analysis, "coach", None, replay(scenario, []))
    )
    scene = app.stack.top
    assert scene is not None
    for _ in range(30):
        app._update()
        app._draw()
    window = app.window
    canvas = app.ctx.canvas
    # Record one frame's blits and primitive draws, aimed at the real window.
    recorder = Recorder(window.get_size())
    recorder.target = window
    drawn: list[Callable[[], object]] = recorder.ops
    originals = {name: getattr(pygame.draw, name) for name in ("rect", "circle", "ellipse")}

    def recording(name: str) -> Callable[..., Any]:
        original = originals[name]

        def draw(surface: Any, *args: Any, **kwargs: Any) -> Any:
            drawn.append(lambda: original(window, *args, **kwargs))
            return original(surface, *args, **kwargs)

        return draw

    for name in originals:
        setattr(pygame.draw, name, recording(name))
    canvas.surface = recorder
    try:
        app._draw()
    finally:
        canvas.surface = window
        for name, original in originals.items():
            setattr(pygame.draw, name, original)
    ops = list(drawn)

    def frames() -> None:
        for _ in range(FRAMES):
            app._draw()

    def floor() -> None:
        for _ in range(FRAMES):
            for op in ops:
                op()

    gc.collect()
    frame_s = best_of(frames)
    floor_s = best_of(floor)
    print(
        f"ui: conversation frame = {frame_s / FRAMES * 1000:.3f} ms ({len(ops)} blits and shapes)"
    )
    print(f"ui: floor of the same pre-rendered pieces = {floor_s / FRAMES * 1000:.3f} ms")
    return frame_s / floor_s


# -- start-up -------------------------------------------------------------------------------------
def time_to_marker(command: list[str]) -> float:
    """Seconds from starting a process to its `first frame` line.

    Bytecode caching is allowed, as on a player's computer (some shells and CI
    set PYTHONDONTWRITEBYTECODE, which would compile every module on every start).
    """
    env = {**os.environ, "RAPPORT_FIRST_FRAME": "exit"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, env=env, cwd=ROOT, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - started
    process.wait()
    if "first frame" not in line:
        raise RuntimeError(f"{command} printed {line!r} instead of the first-frame mark")
    return elapsed


def startup() -> float:
    python = sys.executable
    time_to_marker([python, "run.py"])  # once first, to write the bytecode cache
    run_s = min(time_to_marker([python, "run.py"]) for _ in range(STARTS))
    bare_s = min(time_to_marker([python, "-c", BARE]) for _ in range(STARTS))
    print(f"ui: run.py to first frame = {run_s * 1000:.0f} ms")
    print(f"ui: bare pygame.init() + set_mode() to first frame = {bare_s * 1000:.0f} ms")
    return run_s / bare_s


# -- memory over a long loop -------------------------------------------------------------------
def rss_kb() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def memory_loop(library: Any) -> None:
    """Replay every scenario's best path again and again through real key events."""
    from collections import deque

    from game.core.modes import Mode
    from game.ui import flow
    from game.ui.autoplay import AutoplayPlan
    from game.ui.scenes.picker import PlayChoice

    app = make_app(library)
    app.start()
    plays = [(sid, a.best) for sid, a in sorted(library.analyses.items()) if a.best]
    target_frames = LOOP_MINUTES * 60 * 60
    frames = 0
    games = 0

    def play_once(scenario_id: str, best: Any) -> int:
        plan = AutoplayPlan(scenario_id, Mode.COACH, deque(best))
        app.ctx.autoplay = plan
        flow.play(app.ctx, PlayChoice(scenario_id, Mode.COACH, None))  # the debrief follows
        count = 0
        while not plan.finished:
            app.frame()
            count += 1
            if count > 20_000:
                raise RuntimeError(f"the loop got stuck in {scenario_id}")
        pygame.event.get()  # drain (pygame.event.clear() keeps the posted events' data alive)
        app.running = True
        while app.stack.top is not None and len(app.stack) > 1:
            app.stack.pop()
        return count

    for scenario_id, best in plays:  # warm every cache once
        frames += play_once(scenario_id, best)
    gc.collect()
    tracemalloc.start()
    start_rss = rss_kb()
    started = time.perf_counter()
    halfway: int | None = None
    loop_frames = 0
    while loop_frames < target_frames:
        for scenario_id, best in plays:
            loop_frames += play_once(scenario_id, best)
            games += 1
        if halfway is None and loop_frames >= target_frames // 2:
            gc.collect()
            halfway = tracemalloc.get_traced_memory()[0]
    gc.collect()
    end_traced = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    end_rss = rss_kb()
    seconds = time.perf_counter() - started
    middle = halfway or 0
    print(
        f"ui: memory loop = {loop_frames} frames ({loop_frames / 3600:.1f} min at 60 fps), "
        f"{games} playthroughs in {seconds:.1f} s (after {frames} frames of warm-up)"
    )
    print(
        f"ui: Python memory kept since the loop began: {middle / 1024:.0f} KB at half time, "
        f"{end_traced / 1024:.0f} KB at the end "
        f"(second half {(end_traced - middle) / 1024:+.0f} KB)"
    )
    print(f"ui: RSS start {start_rss / 1024:.1f} MB, end {end_rss / 1024:.1f} MB")


def main() -> None:
    library = load_library(DEFAULT_SCENARIOS_DIR)
    ratio = conversation_frame(library)
    print(f"ui: conversation frame / floor = {ratio:.2f} (target at most 1.3)")
    ratio = startup()
    print(f"ui: start-up / bare pygame = {ratio:.2f} (target at most 2.0)")
    memory_loop(library)
    pygame.quit()


if __name__ == "__main__":
    main()
