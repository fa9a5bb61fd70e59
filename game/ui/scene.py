"""Scenes on a stack, and the context every scene shares (canvas, art, sound, settings, data).

A scene turns commands into state changes (`handle`), advances animations in
fixed steps (`update`), and draws (`draw`, which never changes state). The
stack pushes, pops and replaces scenes; an `overlay` scene (a menu) is drawn
over the scene beneath it, which stays frozen because only the top scene is
updated.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pygame

from game.saves import Progress, SaveFolder
from game.settings import Settings
from game.ui.assets import Art
from game.ui.canvas import Box, Canvas
from game.ui.commands import Command
from game.ui.options import Options
from game.ui.services import LibraryHandle, StoreHandle
from game.ui.sound import Sounds

if TYPE_CHECKING:
    from datetime import datetime

    from game.ui.autoplay import AutoplayPlan

NOTICE_S = 6.0  # seconds a notice stays on screen


def utc_now() -> datetime:
    from datetime import UTC, datetime  # imported on first use: start-up time

    return datetime.now(UTC)


@dataclass(eq=False)
class Notice:
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
    progress: Progress
    library: LibraryHandle
    store: StoreHandle
    options: Options
    stack: SceneStack
    # The app applies settings (palette, text size, fullscreen, sound) and saves them.
    apply_settings: Callable[[Settings], None]
    quit: Callable[[], None]
    now: Callable[[], datetime] = utc_now
    player: str = ""  # the checked player name, once the title screen has one
    notices: list[Notice] = field(default_factory=list)
    autoplay: AutoplayPlan | None = None
    # (kept, message) for every finished playthrough: kept means stored or queued.
    records: list[tuple[bool, str]] = field(default_factory=list)

    def notify(self, text: str, error: bool = False) -> None:
        """Show a short message at the bottom of the screen (errors stay a little longer)."""
        if any(n.text == text for n in self.notices):
            return
        self.notices.append(Notice(text, error, NOTICE_S * (1.5 if error else 1.0)))
        del self.notices[:-3]


class Scene:
    """One screen. Subclasses set `name` and override what they need."""

    name = "scene"  # used in screenshot file names
    overlay = False  # drawn over the scene below (menus, the history)

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._metrics: tuple[float, float] | None = None

    # -- the lifecycle the stack drives -----------------------------------------------------------
    def enter(self) -> None:
        """Called when the scene becomes the top one (pushed, or uncovered by a pop)."""

    def layout(self) -> None:
        """Recompute logical boxes; called when pushed and when the window or text size changes."""

    def ensure_layout(self) -> None:
        if self._metrics != self.ctx.canvas.metrics:
            self._metrics = self.ctx.canvas.metrics
            self.layout()

    def relayout(self) -> None:
        """Lay out again now (after the content changed)."""
        self._metrics = self.ctx.canvas.metrics
        self.layout()

    def handle(self, command: Command) -> None:
        """Act on one command."""

    def update(self, step_s: float) -> None:
        """Advance animations and timers by one fixed step of `step_s` seconds."""

    def draw(self, canvas: Canvas) -> None:
        """Draw the current state; must not change it."""

    # -- what the app reads -----------------------------------------------------------------------
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
    def autoplay_ready(self) -> bool:
        """True when an autoplay may act (by default: once the screen has settled)."""
        return self.settled

    def autoplay(self, plan: AutoplayPlan) -> list[pygame.event.Event]:
        """The real input events a player would give now to follow `plan` (none: wait)."""
        return []


class SceneStack:
    """Push, pop and replace scenes; the top one gets input and updates."""

    def __init__(self) -> None:
        self._scenes: list[Scene] = []

    def __len__(self) -> int:
        return len(self._scenes)

    @property
    def top(self) -> Scene | None:
        return self._scenes[-1] if self._scenes else None

    @property
    def scenes(self) -> tuple[Scene, ...]:
        return tuple(self._scenes)

    def push(self, scene: Scene) -> None:
        scene.ensure_layout()
        self._scenes.append(scene)
        scene.enter()

    def pop(self) -> Scene | None:
        if not self._scenes:
            return None
        scene = self._scenes.pop()
        if self._scenes:
            self._scenes[-1].ensure_layout()
            self._scenes[-1].enter()
        return scene

    def replace(self, scene: Scene) -> None:
        """Swap the top scene for `scene` (the one below is not resumed in between)."""
        if self._scenes:
            self._scenes.pop()
        self.push(scene)

    def reset(self, scene: Scene) -> None:
        """Leave every scene and start again from `scene` (back to the menu)."""
        self._scenes.clear()
        self.push(scene)

    def find(self, kind: type[Scene]) -> Scene | None:
        return next((s for s in reversed(self._scenes) if isinstance(s, kind)), None)

    def visible(self) -> list[Scene]:
        """The scenes to draw, bottom first: the top one and any it overlays."""
        shown: list[Scene] = []
        for scene in reversed(self._scenes):
            shown.append(scene)
            if not scene.overlay:
                break
        return list(reversed(shown))
