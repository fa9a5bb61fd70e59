"""Autoplay: a list of decisions played through the real window by posting real input events.

Each scene says which key presses or clicks a player would make to follow the
plan (`Scene.autoplay`); the app posts them with `pygame.event.post`, so they
take the same road as a player's input. `t` posts nothing: the plan asks the
app to fast-forward time until the node's timer runs out.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pygame

from game.core.modes import Mode
from game.ui.canvas import Box, Canvas

if TYPE_CHECKING:
    from game.core.engine import Decision

MAX_FRAMES = 200_000  # frames an autoplay may take before it is declared stuck


@dataclass(eq=False)
class AutoplayPlan:
    """A demo run through the real window: the scenario, its mode and the choices left."""

    scenario: str
    mode: Mode
    decisions: deque[Decision] = field(default_factory=deque)
    fast_forward: bool = False  # the app runs many steps per frame (waiting for a timer)
    finished: bool = False  # the debrief has been seen; the app may quit

    def next_decision(self) -> Decision | None:
        return self.decisions.popleft() if self.decisions else None


def key(code: int, text: str = "") -> pygame.event.Event:
    """A KEYDOWN event as the keyboard would send it."""
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode=text, scancode=0)


def number_key(number: int) -> pygame.event.Event:
    return key(getattr(pygame, f"K_{number}"), str(number))


def click(canvas: Canvas, box: Box) -> list[pygame.event.Event]:
    """A mouse move to the middle of `box` and a left click there, in window pixels."""
    x, y, w, h = box
    pos = canvas.point(x + w / 2, y + h / 2)
    return [
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
    ]
