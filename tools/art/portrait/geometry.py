"""Where a portrait's parts sit: a 400 x 500 view box, the figure centred on x = 200.

The top of the skull is at y = 86, the eyes at y = 204, the mouth at y = 266, the chin at
y = 306, the neck meets the shoulders at y = 338, and the shoulders run off the bottom edge.
"""

from __future__ import annotations

from typing import Final

from art.svg import PathPart

PW: Final = 400
PH: Final = 500
CX: Final = 200
TOP: Final = 86  # top of the skull
CHIN: Final = 306
EYE_Y: Final = 204
MOUTH_Y: Final = 266
NECK_Y: Final = 338  # where the neck meets the shoulders
EYE_DX: Final = 34  # from the middle of the face to the middle of each eye


def dome(hw: float, m: float, y_end: float, top: float = TOP, lift: float = 0) -> list[PathPart]:
    """Path tokens of a dome over the head, from the left side at y_end to the
    right side at y_end, m units outside the skull (lift raises the crown)."""
    hgt = CHIN - top
    t = top - m - lift
    return [
        "M",
        (CX - hw - m, y_end),
        "L",
        (CX - hw - m, top + hgt * 0.5),
        "C",
        (CX - hw - m, top + hgt * 0.24),
        (CX - hw * 0.58 - m * 0.6, t),
        (CX, t),
        "C",
        (CX + hw * 0.58 + m * 0.6, t),
        (CX + hw + m, top + hgt * 0.24),
        (CX + hw + m, top + hgt * 0.5),
        "L",
        (CX + hw + m, y_end),
    ]
