"""The fade between screens: when a new screen comes on top, the last frame of the one before
fades out over it in a fifth of a second (not with reduced motion)."""

from __future__ import annotations

import pygame

SCENE_FADE_S = 0.18  # seconds a screen takes to fade into the next


class Fade:
    """Watches which screen is on top and cross-fades from the one before."""

    def __init__(self) -> None:
        self._shown: object = None  # the top screen last drawn (a change starts a fade)
        self._from: pygame.Surface | None = None  # the last frame of the screen before
        self.left_s = 0.0  # seconds of the fade still to run

    def step(self, seconds: float) -> None:
        self.left_s = max(0.0, self.left_s - seconds)
        if self.left_s <= 0:
            self._from = None  # done: the frame before is let go

    def start(self, top: object, window: pygame.Surface, *, still: bool) -> None:
        """Before drawing: a new screen on top keeps the window's last frame to fade it out.
        `still`: no fade (reduced motion, or nothing drawn yet)."""
        if top is self._shown:
            return
        first = self._shown is None
        self._shown = top
        if first or still:
            self.left_s = 0.0
            return
        self._from = window.copy()
        self.left_s = SCENE_FADE_S

    def draw(self, window: pygame.Surface) -> None:
        """After drawing: the screen before, fading out over the new one."""
        if self.left_s <= 0 or self._from is None:
            self._from = None
            return
        if self._from.get_size() != window.get_size():
            self._from = None
            return
        self._from.set_alpha(round(255 * self.left_s / SCENE_FADE_S))
        window.blit(self._from, (0, 0))
