"""The still layer: what does not change between frames, drawn once per change and blitted.

A screen that says what its still picture depends on (`Scene.still`, a key)
has that part drawn onto a surface the window's size, kept with its key; each
frame blits it and draws only what moves (`Scene.draw_moving`: the timer bar)
on top. A new key, a command, an answer from the store, the settings or a new
window size draw it again. A screen whose key is None (the default, and while
anything on it animates) is drawn whole every frame, as before.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from game.ui.canvas import Canvas
    from game.ui.scene import AnyScene


class StillLayer:
    """One surface of the window's size holding the top screen's still picture."""

    def __init__(self) -> None:
        self._surface: pygame.Surface | None = None
        self._key: Hashable = None
        self.drawn = 0  # how many times the still picture was drawn (tests read it)

    def invalidate(self) -> None:
        """Draw the still picture again next frame (input or new data arrived)."""
        self._key = None

    def release(self) -> None:
        """Let the surface go (a scenario ended): the next frame makes a new one."""
        self._surface = None
        self._key = None

    def draw(
        self,
        canvas: Canvas,
        scenes: Sequence[AnyScene],
        depends: Hashable = (),
        *,
        whole: bool = False,
    ) -> None:
        """Draw `scenes` (bottom first) on the canvas's surface, through the layer when the
        top one alone is visible and says what its still picture depends on. `depends`:
        what else it depends on (the library being ready…); `whole`: draw without the layer."""
        top = scenes[-1] if scenes else None
        still = top.still() if top is not None and len(scenes) == 1 and not whole else None
        if top is None or still is None:
            for scene in scenes:
                scene.draw(canvas)
            return
        window = canvas.surface
        key = (top, top.layouts, still, canvas.palette, canvas.metrics, depends)
        surface = self._surface
        if surface is None or surface.get_size() != window.get_size():
            surface = self._surface = pygame.Surface(window.get_size(), 0, window)
            self._key = None
        if key != self._key:
            canvas.surface = surface
            try:
                top.draw_still(canvas)
            finally:
                canvas.surface = window
            self._key = key
            self.drawn += 1
        window.blit(surface, (0, 0))
        top.draw_moving(canvas)
