"""How the head and hands move with each mood, so a mood reads even where a face is small.

The head turns about the base of the neck and may rise or bow; a gesture adds arms:
the hand to the chin of a person thinking, the crossed arms of one annoyed.
"""

from __future__ import annotations

import math
from typing import Final, NamedTuple

from art.portrait.geometry import CX
from art.svg import num

PIVOT_Y: Final = 330  # the head turns about (CX, PIVOT_Y), at the base of the neck


class Pose(NamedTuple):
    tilt: float  # degrees, clockwise: the top of the head moves to the viewer's right
    lift: float  # units the head rises (negative: it bows)
    gesture: str | None  # "chin" or "arms_crossed"

    def head_transform(self) -> str | None:
        """The SVG transform for everything that moves with the head, if anything does."""
        parts = []
        if self.tilt:
            parts.append(f"rotate({num(self.tilt)} {CX} {PIVOT_Y})")
        if self.lift:
            parts.append(f"translate(0 {num(-self.lift)})")
        return " ".join(parts) or None

    def head_point(self, x: float, y: float) -> tuple[float, float]:
        """Where a point of the upright head ends up (as head_transform moves it)."""
        y -= self.lift
        a = math.radians(self.tilt)
        dx, dy = x - CX, y - PIVOT_Y
        return (
            CX + dx * math.cos(a) - dy * math.sin(a),
            PIVOT_Y + dx * math.sin(a) + dy * math.cos(a),
        )


POSES: Final = {
    "neutral": Pose(0, 0, None),
    "pleased": Pose(-6, 1, None),
    "delighted": Pose(-4, 7, None),
    "annoyed": Pose(0, 2, "arms_crossed"),
    "upset": Pose(5, -7, None),
    "thinking": Pose(7, 0, "chin"),
}
