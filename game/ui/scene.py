"""Scenes on a stack, and the context every scene shares (canvas, art, sound, settings, data).

A scene turns commands into state changes (`handle`), advances animations in
fixed steps (`update`), and draws (`draw`, which never changes state). The
stack pushes, pops and replaces scenes; an `overlay` scene (a menu) is drawn
over the scene beneath it, which stays frozen because only the top scene is
updated.

A scene never decides which scene follows it. Whoever pushes it may give a
callback (`push(scene, on_result)`); the scene finishes with `dismiss(result)`,
which takes it off the stack and hands the result to that callback, or reports
a choice while it stays (`emit(result)`: a menu that opens another screen over
itself). game.ui.flow is where those callbacks wire the screens together.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import pygame

from game.saves import SaveFolder
from game.settings import Settings
from game.ui.assets import Art
from game.ui.canvas import Box, Canvas
from game.ui.commands import Command
from game.ui.hints import Hint, HintBar
from game.ui.options import Options
from game.ui.progress import PlayerProgress
from game.ui.services import LibraryHandle, StoreHandle
from game.ui.sound import Sounds
from game.ui.voice import Voice
from game.ui.widgets import Button, FocusGroup
from game.ui.worker import StoreWorker

if TYPE_CHECKING:
    from datetime import datetime

    from game.ui.autoplay import AutoplayPlan

R = TypeVar("R")  # what a scene finishes with

NOTICE_S = 6.0  # seconds a notice stays on screen


def utc_now() -> datetime:
    from datetime import UTC, datetime  # imported on first use: start-up time

    return datetime.now(UTC)


@dataclass(eq=False)
class Notice:
    """A message shown over the screen for a while; an error stays longer, in its own colour."""

    text: str
    error: bool
    left_s: float = NOTICE_S


@dataclass(eq=False, repr=False)
class Context:
    """What every scene may use. Built once by the app; scenes never reach for globals."""

    canvas: Canvas
    art: Art
    sounds: Sounds
    settings: Settings
    saves: SaveFolder
    library: LibraryHandle
    store: StoreHandle
    worker: StoreWorker  # every scene reaches the store through it, never directly
    options: Options
    stack: SceneStack
    # The app applies settings (palette, text size, fullscreen, sound) and saves them.
    apply_settings: Callable[[Settings], None]
    quit: Callable[[], None]
    now: Callable[[], datetime] = utc_now
    voice: Voice = field(default_factory=Voice)  # reading aloud (self-voicing)
    player: str = ""  # the checked player name, once the title screen has one
    progress: PlayerProgress = field(default_factory=PlayerProgress)
    notices: list[Notice] = field(default_factory=list)
    autoplay: AutoplayPlan | None = None
    # (kept, message) for every finished playthrough: kept means stored or queued.
    records: list[tuple[bool, str]] = field(default_factory=list)

    def set_player(self, name: str) -> None:
        """The player is `name` from now on; their progress is read from the store."""
        self.player = name
        self.progress.follow(name, self.worker)

    def let_go(self) -> None:
        """A scenario ended (its conversation, then its debrief): its pictures and rendered
        text are let go, and the next screen renders what it shows."""
        self.art.release()
        self.canvas.release()

    def notify(self, text: str, error: bool = False) -> None:
        """Show a short message at the bottom of the screen (errors stay a little longer)."""
        if any(n.text == text for n in self.notices):
            return
        self.notices.append(Notice(text, error, NOTICE_S * (1.5 if error else 1.0)))
        del self.notices[:-3]


class Scene(Generic[R]):
    """One screen that finishes with a result of type R. Subclasses set `name` and override
    what they need."""

    name = "scene"  # used in screenshot file names
    overlay = False  # drawn over the scene below (menus, the history)

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._metrics: tuple[float, float] | None = None
        self.layouts = 0  # how many times the scene was laid out (a still picture's key uses it)
        self._on_result: Callable[[R], None] | None = None
        self.pointed_hint: Hint | None = None  # the key hint under the pointer (the app sets it)

    # -- finishing --------------------------------------------------------------------------------
    def dismiss(self, result: R) -> None:
        """Leave the stack and hand `result` to whoever pushed this scene."""
        self.ctx.stack.dismiss(self, result)

    def emit(self, result: R) -> None:
        """Report `result` to whoever pushed this scene, staying on the stack."""
        if self._on_result is not None:
            self._on_result(result)

    # -- the lifecycle the stack drives -----------------------------------------------------------
    def enter(self) -> None:
        """Called when the scene becomes the top one (pushed, or uncovered by a pop)."""

    def exit(self) -> None:
        """Called when the scene leaves the stack (popped, dismissed, replaced or reset)."""

    def layout(self) -> None:
        """Recompute logical boxes; called when pushed and when the window or text size changes."""

    def ensure_layout(self) -> None:
        if self._metrics != self.ctx.canvas.metrics:
            self._metrics = self.ctx.canvas.metrics
            self.layouts += 1
            self.layout()

    def relayout(self) -> None:
        """Lay out again now (after the content changed)."""
        self._metrics = self.ctx.canvas.metrics
        self.layouts += 1
        self.layout()

    def handle(self, command: Command) -> None:
        """Act on one command."""

    def update(self, step_s: float) -> None:
        """Advance animations and timers by one fixed step of `step_s` seconds."""

    def draw(self, canvas: Canvas) -> None:
        """Draw the current state; must not change it."""

    def still(self) -> Hashable | None:
        """What the screen's still picture (`draw_still`) shows, beyond its layout, the palette
        and the text size: the same key, the same picture. None (the default, and while
        something animates): the screen is drawn whole every frame. The app draws the still
        picture again after any command or store answer as well (game.ui.layer)."""
        return None

    def draw_still(self, canvas: Canvas) -> None:
        """What stays the same from frame to frame while `still()` does (by default, all)."""
        self.draw(canvas)

    def draw_moving(self, canvas: Canvas) -> None:
        """What changes every frame, drawn over the still picture (a timer bar)."""

    # -- what the app reads -----------------------------------------------------------------------
    def spoken(self) -> str:
        """What reading aloud says when this screen comes up: its heading and what it shows."""
        return ""

    def spoken_focus(self) -> str:
        """What reading aloud says when the keyboard moves the focus: the focused item."""
        focus = getattr(self, "focus", None)  # the screens' convention: a FocusGroup `focus`
        button = focus.focused if isinstance(focus, FocusGroup) else None
        return spoken_button(button) if button is not None else ""

    def hint_bars(self) -> Sequence[HintBar]:
        """The key hints on screen now; the app turns a click on one into its command."""
        return ()

    @property
    def text_input(self) -> bool:
        """True while a text field has the keyboard (letters arrive as typed text)."""
        return False

    @property
    def text_input_box(self) -> Box | None:
        """Where the text being typed is (input methods place their candidate list by it)."""
        return None

    @property
    def view(self) -> Hashable:
        """Changes whenever the screen shows something new (a screenshot is taken then)."""
        return self.name

    @property
    def settled(self) -> bool:
        """True when nothing is animating, so a screenshot shows the finished screen."""
        return True

    @property
    def shown_in_full(self) -> bool:
        """True once the screen shows what it is for, so a screenshot run of it alone may end
        (the meeting board after its first reading). Screens played through say False."""
        return False

    @property
    def unavailable(self) -> str | None:
        """Why the screen cannot show what it is for (one sentence), or None."""
        return None

    @property
    def autoplay_ready(self) -> bool:
        """True when an autoplay may act (by default: once the screen has settled)."""
        return self.settled

    def autoplay(self, plan: AutoplayPlan) -> list[pygame.event.Event]:
        """The real input events a player would give now to follow `plan` (none: wait)."""
        return []


def spoken_button(button: Button[Any]) -> str:
    """A button as it is read aloud: "2: Of course…", "Text size: Large", "Play"."""
    if button.kind == "field":
        return ""
    if button.kind == "row" and button.value is not None:
        return f"{button.label}: {button.value}"
    if button.badge:
        return f"{button.badge}: {button.label}"
    return button.label


AnyScene = Scene[Any]


class SceneStack:
    """Push, pop and replace scenes; the top one gets input and updates."""

    def __init__(self) -> None:
        self._scenes: list[AnyScene] = []

    def __len__(self) -> int:
        return len(self._scenes)

    @property
    def top(self) -> AnyScene | None:
        return self._scenes[-1] if self._scenes else None

    @property
    def scenes(self) -> tuple[AnyScene, ...]:
        return tuple(self._scenes)

    def push(self, scene: Scene[R], on_result: Callable[[R], None] | None = None) -> None:
        """Put `scene` on top; `on_result` receives what it finishes with (see `dismiss`)."""
        scene._on_result = on_result
        scene.ensure_layout()
        self._scenes.append(scene)
        scene.enter()

    def pop(self) -> AnyScene | None:
        """Take the top scene off (its result, if any, goes nowhere) and resume the one below."""
        if not self._scenes:
            return None
        scene = self._scenes.pop()
        scene.exit()
        self._resume()
        return scene

    def dismiss(self, scene: Scene[R], result: R) -> None:
        """Take `scene` (and any overlay above it) off, then hand `result` to its callback.

        The scene below is resumed only if the callback did not push another in
        its place, so a flow can go from one screen to the next without the one
        beneath flickering back in between.
        """
        if scene not in self._scenes:
            return
        while self._scenes:
            leaving = self._scenes.pop()
            leaving.exit()
            if leaving is scene:
                break
        below = self.top
        if scene._on_result is not None:
            scene._on_result(result)
        if self.top is below:
            self._resume()

    def replace(self, scene: Scene[R], on_result: Callable[[R], None] | None = None) -> None:
        """Swap the top scene for `scene` (the one below is not resumed in between)."""
        if self._scenes:
            self._scenes.pop().exit()
        self.push(scene, on_result)

    def reset(self, scene: AnyScene) -> None:
        """Leave every scene and start again from `scene` (back to the menu)."""
        while self._scenes:
            self._scenes.pop().exit()
        self.push(scene)

    def close(self) -> None:
        """The window is closing: every scene's `exit` runs, top first, so each stops what it
        started (the scenes stay, for whoever looks at the last screen)."""
        for scene in reversed(self._scenes):
            scene.exit()

    def visible(self) -> list[AnyScene]:
        """The scenes to draw, bottom first: the top one and any it overlays."""
        scenes = self._scenes
        if scenes and not scenes[-1].overlay:
            return scenes[-1:]  # the usual case: one screen
        shown: list[AnyScene] = []
        for scene in reversed(scenes):
            shown.append(scene)
            if not scene.overlay:
                break
        return list(reversed(shown))

    def _resume(self) -> None:
        if self._scenes:
            self._scenes[-1].ensure_layout()
            self._scenes[-1].enter()
