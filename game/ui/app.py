"""The game window: builds the shared context, runs the fixed-step loop, routes input to the
top scene, and takes screenshots and autoplays for demos and tests.

`main(options)` is what `run.py` calls. Nothing slow is imported before the
first frame: the scenario loader starts on a background thread right after it,
and the results store is opened by the entry point's opener on first use.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game import logs
from game.core.modes import Mode
from game.folders import saves_folder, settings_path
from game.saves import SaveFolder
from game.settings import Settings, SettingsError, load_settings, save_settings
from game.ui.assets import ASSETS_DIR, Art
from game.ui.autoplay import MAX_FRAMES, AutoplayPlan
from game.ui.canvas import Canvas
from game.ui.commands import Command, Hover, InputMap, Quit, ToggleFullscreen, ToggleVoice
from game.ui.drawing import draw_notices
from game.ui.fade import Fade
from game.ui.hints import point
from game.ui.launch import check_autoplay, check_usage, store_opener
from game.ui.layer import StillLayer
from game.ui.options import Options
from game.ui.scene import Context, SceneStack
from game.ui.services import LibraryHandle, StoreHandle
from game.ui.sound import Sounds
from game.ui.text import Fonts
from game.ui.theme import HIGH_CONTRAST, WARM, Palette
from game.ui.voice import SpeechBackend, Voice, platform_speech
from game.ui.worker import STOP_WAIT_S, StoreWorker

if TYPE_CHECKING:
    from game.loader import Library

log = logs.Log("game.ui")

STEP_S = 1 / 60  # seconds per update
FPS = 60  # frames drawn per second at most
MAX_STEPS_PER_FRAME = 8  # updates caught up after a slow frame, at most
FAST_FORWARD_STEPS = 120  # updates per frame while an autoplay waits for a timer
AUTOPLAY_RETRY_FRAMES = 90  # frames to wait before repeating input that changed nothing
# Seconds a window on simulated time sleeps after a frame while a store job waits: a loop that
# never sleeps can starve the worker thread of the interpreter for seconds.
WORKER_YIELD_S = 0.001
FIRST_FRAME_ENV = "RAPPORT_FIRST_FRAME"  # "1": print "first frame" when shown; "exit": then quit
WINDOW_TITLE = "Rapport"
ICON = Path("icon") / "rapport-64.png"  # in the assets folder


def palette_for(settings: Settings) -> Palette:
    return HIGH_CONTRAST if settings.high_contrast else WARM


class App:
    """One window and its scene stack. `fast` runs on simulated time (autoplay and tests)."""

    def __init__(
        self,
        options: Options,
        *,
        library: Library | None = None,
        store: StoreHandle | None = None,
        settings: Settings | None = None,
        fast: bool = False,
        assets: Path = ASSETS_DIR,
        speech: SpeechBackend | None = None,
        freeze: bool = False,
    ) -> None:
        """`speech` reads aloud instead of the platform's own (tests record what is read);
        `freeze`: the process's one window, whose start-up objects are kept out of the cycle
        collector's way once the first frame is up (not for tests making many windows)."""
        self.freeze = freeze
        pygame.mixer.pre_init(44100, -16, 2, 512)  # a small buffer: sounds answer keys at once
        pygame.display.init()  # only what the window uses; the mixer after the first frame
        pygame.font.init()
        self.options = options
        self.fast = fast or options.autoplay is not None
        loaded, problem = load_settings() if settings is None else (settings, None)
        if options.fullscreen:
            loaded = loaded._replace(fullscreen=True)
        self.settings_file = settings_path()
        self._set_icon(assets / ICON)
        pygame.display.set_caption(WINDOW_TITLE)  # before the window: never "pygame window"
        self.window = self._open_window(loaded.fullscreen)
        canvas = Canvas(
            self.window, Fonts(assets / "fonts"), palette_for(loaded), loaded.text_scale
        )
        self.stack = SceneStack()
        handle = store or StoreHandle()
        self.ctx = Context(
            canvas=canvas,
            art=Art.beside(options.scenarios_dir, assets),
            sounds=Sounds(assets / "sounds", volume=loaded.volume),
            settings=loaded,
            saves=SaveFolder(saves_folder()),
            library=LibraryHandle(options.scenarios_dir, library),
            store=handle,
            worker=StoreWorker(handle),
            options=options,
            stack=self.stack,
            apply_settings=self.apply_settings,
            quit=self.quit,
            voice=Voice(
                find=(lambda: speech) if speech is not None else platform_speech,
                notify=lambda text: self.ctx.notify(text),
            ),
        )
        self.ctx.voice.set_enabled(loaded.voice)
        if options.player:
            self.ctx.set_player(options.player)
        if problem:
            self.ctx.notify(problem, error=True)
        if options.autoplay is not None and options.scenario is not None:
            self.ctx.autoplay = AutoplayPlan(
                options.scenario, options.mode or Mode.COACH, deque(options.autoplay)
            )
        self.input = InputMap(canvas.to_logical)
        self.running = True
        self.frames = 0
        self.shots = 0
        self._shot_view: object = None
        self._posted_view: object = None
        self._last_view: object = None
        self._waited = 0
        self._text_input = False
        self.stuck: str | None = None  # why an autoplay gave up
        self.unavailable: str | None = None  # why a screenshot run could not show its screen
        self._clock = pygame.time.Clock()
        self._pending_s = 0.0  # real time not yet turned into updates
        self.fade = Fade()
        self.still = StillLayer()  # the top screen's still picture, drawn once per change

    # -- the display ------------------------------------------------------------------------------
    @staticmethod
    def _set_icon(path: Path) -> None:
        """The window's icon, set before the window opens (some platforms read it only then)."""
        try:
            pygame.display.set_icon(pygame.image.load(str(path)))
        except (pygame.error, OSError) as error:
            log.warning("the window icon %s could not be loaded: %s", path, error)

    def _open_window(self, fullscreen: bool) -> pygame.Surface:
        if fullscreen:
            try:
                return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            except pygame.error as error:
                log.warning("full screen is not available (%s); using a window", error)
        return pygame.display.set_mode(self.options.size, pygame.RESIZABLE)

    def _resized(self) -> None:
        surface = pygame.display.get_surface()
        if surface is not None:
            self.window = surface
            self.ctx.canvas.set_surface(surface)
            self.still.invalidate()

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings at once (palette, text size, display, sound) and save them."""
        old = self.ctx.settings
        self.ctx.settings = settings
        canvas = self.ctx.canvas
        canvas.palette = palette_for(settings)
        canvas.text_scale = settings.text_scale
        self.still.invalidate()
        self.ctx.sounds.volume = settings.volume
        if settings.voice != old.voice:
            self.ctx.voice.set_enabled(settings.voice)
            if settings.voice:
                top = self.stack.top
                shown = (top.spoken() or top.spoken_focus()) if top is not None else ""
                self.ctx.voice.say(f"Reading aloud is on. {shown}")
        if settings.fullscreen != old.fullscreen:
            self.window = self._open_window(settings.fullscreen)
            canvas.set_surface(self.window)
        try:
            save_settings(settings, self.settings_file)
        except SettingsError as error:
            self.ctx.notify(str(error), error=True)

    def quit(self) -> None:
        self.running = False

    # -- the loop ---------------------------------------------------------------------------------
    def run(self) -> int:
        """Run until the window closes; returns the exit status."""
        self.start()
        try:
            while self.running:
                self.frame()
        finally:
            self.close()
        return self._exit_status()

    def start(self) -> None:
        """Show the first screen (game.ui.flow.start)."""
        from game.ui import flow

        flow.start(self.ctx)

    def close(self) -> None:
        """Let the screens stop what they started, the voice fall silent and the store worker
        finish its jobs; stop."""
        self.stack.close()  # a live session ends, its results safe
        self.ctx.voice.close()
        self.ctx.worker.stop(wait_s=STOP_WAIT_S)

    def frame(self) -> None:
        """One turn of the loop: input, fixed updates, one render, screenshot, autoplay."""
        self._handle_events()
        if self.frames > 0:
            steps = self._steps_due(self._pending_s)
            if not self.fast:
                self._pending_s -= steps * STEP_S
            for _ in range(steps):
                self._update()
        self.ctx.voice.screen(self.stack.top)  # a screen that came up is read aloud
        self._draw()
        pygame.display.flip()
        if self.frames == 0:
            if self.freeze:  # start-up's objects live as long as the window: the cycle
                gc.freeze()  # collector passes them by (quicker collections, and exit)
            marker = os.environ.get(FIRST_FRAME_ENV)
            if marker:
                print("first frame", flush=True)
                if marker == "exit":
                    self.running = False
                    return
            logs.apply()
            self.ctx.sounds.open()
            self.ctx.library.start()
        self._screenshot()
        self._autoplay()
        self.frames += 1
        if not self.fast:
            elapsed_s = self._clock.tick(FPS) / 1000
            self._pending_s = min(self._pending_s + elapsed_s, MAX_STEPS_PER_FRAME * STEP_S)
        elif not self.ctx.worker.idle:  # simulated time: the store worker still needs real time
            time.sleep(WORKER_YIELD_S)

    def _steps_due(self, pending_s: float) -> int:
        if not self.fast:
            return min(MAX_STEPS_PER_FRAME, int(pending_s / STEP_S))
        plan = self.ctx.autoplay
        return FAST_FORWARD_STEPS if plan is not None and plan.fast_forward else 1

    def _handle_events(self) -> None:
        for event in pygame.event.get():
            if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
                self._resized()
                continue
            top = self.stack.top
            for command in self.input.translate(event, top.text_input if top else False):
                self._dispatch(point(self.ctx.canvas, top, command) if top else command)
        self._sync_text_input()

    def _dispatch(self, command: Command) -> None:
        top = self.stack.top
        if isinstance(command, Quit):
            self.running = False
        elif isinstance(command, ToggleFullscreen):
            settings = self.ctx.settings
            self.apply_settings(settings._replace(fullscreen=not settings.fullscreen))
        elif isinstance(command, ToggleVoice):
            settings = self.ctx.settings
            self.apply_settings(settings._replace(voice=not settings.voice))
            state = "off" if settings.voice else "on"
            self.ctx.notify(f"Reading aloud is {state} (V or Settings switch it).")
        elif top is not None:
            self.still.invalidate()
            top.ensure_layout()
            focused = top.spoken_focus()
            top.handle(command)
            if self.stack.top is top and not isinstance(command, Hover):  # the keyboard's move
                self.ctx.voice.focus_moved(focused, top.spoken_focus())

    def _sync_text_input(self) -> None:
        """Let the platform's input method work only while a text field has the keyboard."""
        top = self.stack.top
        wanted = bool(top and top.text_input)
        if wanted != self._text_input:
            self._text_input = wanted
            if wanted:
                pygame.key.start_text_input()
                box = top.text_input_box if top else None
                if box is not None:
                    pygame.key.set_text_input_rect(self.ctx.canvas.physical(box))
            else:
                pygame.key.stop_text_input()

    def _update(self) -> None:
        self.fade.step(STEP_S)
        top = self.stack.top
        if top is None:
            self.running = False
            return
        if self.ctx.worker.deliver():  # answers from the results store, on this thread
            self.still.invalidate()
        self.ctx.voice.update()
        top = self.stack.top
        if top is None:
            return
        top.ensure_layout()
        top.update(STEP_S)
        for notice in list(self.ctx.notices):
            notice.left_s -= STEP_S
            if notice.left_s <= 0:
                self.ctx.notices.remove(notice)

    def _draw(self) -> None:
        canvas = self.ctx.canvas
        still = self.ctx.settings.reduced_motion or self.frames == 0
        self.fade.start(self.stack.top, self.window, still=still)
        scenes = self.stack.visible()
        for scene in scenes:
            scene.ensure_layout()
        # The window's first frame is drawn at once, without making a layer (start-up time).
        self.still.draw(canvas, scenes, self.ctx.library.ready, whole=self.frames == 0)
        if self.fade.left_s > 0:  # (a fade that ended let its frame go in `step`)
            self.fade.draw(self.window)
        if self.ctx.notices:
            draw_notices(canvas, self.ctx.notices)
        canvas.letterbox()

    # -- screenshots and autoplay -----------------------------------------------------------------
    def _screenshot(self) -> None:
        folder = self.options.screenshots
        top = self.stack.top
        if folder is None or top is None or not top.settled or self.fade.left_s > 0:
            return
        view = (top.name, top.view)
        if view == self._shot_view:
            return
        self._shot_view = view
        self.shots += 1
        path = folder / f"{self.shots:03d}-{top.name}.png"
        try:
            pygame.image.save(self.window, str(path))
        except (pygame.error, OSError) as error:
            log.warning("the screenshot %s could not be saved: %s", path, error)
        if (self.options.meeting or self.options.host) and top.shown_in_full:
            # `--meeting` or `--host` with `--screenshots`: the screen once it shows, then done.
            self.unavailable = top.unavailable
            self.running = False

    def _autoplay(self) -> None:
        plan = self.ctx.autoplay
        top = self.stack.top
        if plan is None or top is None:
            return
        view = (top.name, top.view)
        if view != self._last_view:
            self._last_view = view
            plan.fast_forward = False  # whatever it waited for has happened
        if self.frames > MAX_FRAMES:
            self.stuck = f"the autoplay got stuck on the {top.name} screen"
            self.running = False
            return
        self._waited += 1
        if not top.autoplay_ready or self.fade.left_s > 0:  # a player waits for the screen
            return
        if view == self._posted_view and self._waited < AUTOPLAY_RETRY_FRAMES:
            return
        events = top.autoplay(plan)
        if events:
            for event in events:
                pygame.event.post(event)
            self._posted_view = view
            self._waited = 0

    def _exit_status(self) -> int:
        if self.unavailable is not None:
            print(f"run.py: {self.unavailable}", file=sys.stderr)
            return 1
        plan = self.ctx.autoplay
        if plan is None or os.environ.get(FIRST_FRAME_ENV) == "exit":
            return 0
        if self.stuck:
            print(f"run.py: {self.stuck}.", file=sys.stderr)
            return 1
        if not plan.finished:
            print("run.py: the window was closed before the autoplay finished.", file=sys.stderr)
            return 1
        for kept, message in self.ctx.records:
            if not kept:
                print(f"run.py: {message}", file=sys.stderr)
                return 1
        return 0


# -- the entry point ------------------------------------------------------------------------------
HEADLESS_DRIVERS = ("offscreen", "dummy")  # SDL video drivers that show nothing
NO_SCREEN = 3  # exit status: no screen here (`make play` then starts the terminal player)


def no_screen(options: Options) -> bool:
    """True when the window would show nobody anything.

    That is SDL on an invisible driver (its own fallback, or SDL_VIDEODRIVER
    set to one) or no video driver at all, unless the run is headless on
    purpose: an autoplay, screenshots, or a first-frame measurement.
    """
    if (
        options.autoplay is not None
        or options.screenshots is not None
        or os.environ.get(FIRST_FRAME_ENV)
    ):
        return False
    if os.environ.get("SDL_VIDEODRIVER", "").strip().lower() in HEADLESS_DRIVERS:
        return True
    with _quiet_stderr():  # SDL's probes print to the C stream (XDG_RUNTIME_DIR, Wayland…)
        try:
            pygame.display.init()
        except pygame.error:
            return True
    return pygame.display.get_driver() in HEADLESS_DRIVERS


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Silence file descriptor 2 (C libraries' messages) for the block; Python's own
    sys.stderr is unaffected once the block ends."""
    try:
        saved = os.dup(2)
    except OSError:  # no stderr at all (a windowed launcher): nothing to silence
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def main(options: Options) -> int:
    """Open the window as `options` say; returns the exit status.

    0 done, 1 bad input, 2 usage, 3 (NO_SCREEN) there is no screen to show it on.
    """
    logs.configure("rapport: %(message)s")  # set up after the first frame (start-up time)
    options, problem = check_usage(options)
    if problem is not None:
        print(f"run.py: {problem}.", file=sys.stderr)
        return 2
    if options.screenshots is not None:
        try:
            options.screenshots.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            print(
                f"run.py: the screenshot folder {options.screenshots} cannot be made "
                f"({error.strerror or error}).",
                file=sys.stderr,
            )
            return 1
    if no_screen(options):
        print(
            "run.py: there is no screen to open the window on here; play in the terminal "
            "instead, e.g. `rapport play loaner-counter` (or set SDL_VIDEODRIVER=dummy "
            "with --autoplay and --screenshots for a run without a screen).",
            file=sys.stderr,
        )
        return NO_SCREEN
    store = StoreHandle(store_opener(options.db_url, options.scenarios_dir))
    if options.autoplay is not None:
        options, problem = check_autoplay(options)
        if problem is not None:
            print(f"run.py: {problem}.", file=sys.stderr)
            return 1
        if store.get() is None:  # a demo that cannot record its result is a failed demo
            print(f"run.py: {store.error}", file=sys.stderr)
            return 1
    try:
        return App(options, store=store, freeze=True).run()
    finally:
        store.close()
        pygame.quit()
