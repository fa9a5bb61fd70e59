"""The window icon: two speech bubbles on a teal tile, the motif of the title screen.

Drawn on a 256 x 256 view box with bold shapes and no detail finer than 1/16 of the tile,
so it still reads at 32 and 16 pixels.
"""

from __future__ import annotations

from typing import Final

from art.palette import C
from art.svg import Svg, d

SIZE: Final = 256
PNG_SIZE: Final = 64  # the window icon as a picture, for the window manager


def icon_svg() -> str:
    s = Svg(SIZE, SIZE, "Rapport window icon")
    # the tile: a rounded square, lit from the upper left
    s.rect(8, 8, 240, 240, s.linear(0, 8, 0, 248, [(0, C["teal"]), (1, C["deepteal"])]), rx=56)
    s.path(
        d(
            ("M", 8, 130),
            ("L", 8, 64),
            ("C", 8, 33, 33, 8, 64, 8),
            ("L", 192, 8),
            ("C", 223, 8, 248, 33, 248, 64),
            ("L", 248, 80),
            ("C", 170, 72, 80, 96, 8, 130),
            "Z",
        ),
        C["white"],
        opacity=0.1,
    )
    # the customer's bubble, behind: warm, with a heart
    s.rect(114, 112, 120, 90, C["ink"], rx=40, opacity=0.2)
    s.rect(110, 104, 120, 90, C["mustard"], rx=40)
    s.path(d(("M", 190, 186), ("L", 212, 226), ("L", 164, 190), "Z"), C["mustard"])
    hx, hy = 178, 152
    s.path(
        d(
            ("M", hx, hy + 24),
            ("C", hx - 30, hy + 4, hx - 34, hy - 16, hx - 22, hy - 24),
            ("C", hx - 12, hy - 31, hx - 3, hy - 26, hx, hy - 16),
            ("C", hx + 3, hy - 26, hx + 12, hy - 31, hx + 22, hy - 24),
            ("C", hx + 34, hy - 16, hx + 30, hy + 4, hx, hy + 24),
            "Z",
        ),
        C["rust"],
    )
    # the employee's bubble, in front: cream, with three dots (listening)
    s.rect(30, 50, 130, 94, C["ink"], rx=44, opacity=0.22)
    s.rect(24, 40, 130, 94, C["cream"], rx=44)
    s.path(d(("M", 52, 124), ("L", 40, 172), ("L", 90, 130), "Z"), C["cream"])
    for i in range(3):
        s.circle(59 + i * 30, 87, 11, C["deepteal"])
    return s.text()
