"""Bicycle shop: the workshop counter, bikes on the wall, a wheel rack, helmets."""

from __future__ import annotations

import math
import random

from art.palette import C
from art.props import SH, SW, backdrop, counter, finish, window, wrench
from art.svg import Svg, d


def bicycle(s: Svg, x: float, y: float, k: float, frame: str) -> None:
    """A bicycle seen from the side; (x, y) is the middle of the rear wheel."""
    r = 52 * k
    fx = x + 150 * k
    for wx in (x, fx):
        s.circle(wx, y, r, "none", stroke=C["charcoal"], stroke_width=8 * k)
        s.circle(wx, y, r - 8 * k, "none", stroke=C["stone"], stroke_width=2 * k, opacity=0.6)
        for a in range(0, 180, 30):
            ra = math.radians(a)
            s.line(
                wx - (r - 8 * k) * math.cos(ra),
                y - (r - 8 * k) * math.sin(ra),
                wx + (r - 8 * k) * math.cos(ra),
                y + (r - 8 * k) * math.sin(ra),
                C["stone"],
                1.5 * k,
                opacity=0.6,
            )
        s.circle(wx, y, 6 * k, C["charcoal"])
    bb = (x + 66 * k, y + 4 * k)
    seat = (x + 54 * k, y - 70 * k)
    head = (fx - 20 * k, y - 72 * k)
    pts = d(
        ("M", x, y),
        ("L", *bb),
        ("L", *seat),
        "Z",
        ("M", *bb),
        ("L", head[0], head[1] + 12 * k),
        ("L", seat[0] + 6 * k, seat[1] + 8 * k),
        ("M", head[0], head[1]),
        ("L", fx, y),
    )
    s.stroke(pts, C[frame], 9 * k)
    s.stroke(
        d(("M", seat[0], seat[1]), ("L", seat[0] - 4 * k, seat[1] - 16 * k)), C["charcoal"], 6 * k
    )
    s.path(
        d(
            ("M", seat[0] - 26 * k, seat[1] - 18 * k),
            ("L", seat[0] + 14 * k, seat[1] - 20 * k),
            (
                "C",
                seat[0] + 18 * k,
                seat[1] - 14 * k,
                seat[0] + 6 * k,
                seat[1] - 10 * k,
                seat[0] - 26 * k,
                seat[1] - 12 * k,
            ),
            "Z",
        ),
        C["ink"],
    )
    s.stroke(
        d(
            ("M", head[0], head[1]),
            ("L", head[0] - 4 * k, head[1] - 18 * k),
            ("L", head[0] + 18 * k, head[1] - 22 * k),
        ),
        C["charcoal"],
        6 * k,
    )
    s.circle(bb[0], bb[1], 12 * k, C["charcoal"])


def draw() -> str:
    rnd = random.Random(5)
    s = Svg(SW, SH, "Bicycle shop: the workshop counter")
    backdrop(s, C["linen"], C["sand"], 458, C["oat"], C["honey"])
    # a quiet brick texture
    for row, y in enumerate(range(0, 458, 34)):
        off = 0 if row % 2 else 46
        for x in range(-off, SW, 92):
            if rnd.random() < 0.55:
                s.rect(
                    x + 4, y + 4, 84, 26, C["terracotta"], rx=4, opacity=0.08 + rnd.random() * 0.05
                )
    # floorboards
    for x in range(0, SW, 120):
        s.line(x, 458, x - 60, SH, C["ink"], 3, opacity=0.1)
    # window with the street
    frame = window(s, 40, 80, 280, 320, C["sky"], C["cream"], "olive", cols=2, rows=2)
    s.rect(40, 330, 280, 70, C["stone"], opacity=0.5)
    s.rect(236, 220, 10, 120, C["olive"])
    s.circle(241, 210, 50, C["sage"])
    s.circle(210, 236, 34, C["sage"])
    frame()
    # bicycles hanging on the wall
    s.rect(380, 96, 520, 10, C["charcoal"], rx=4)
    for x, col in ((420, "teal"), (680, "terracotta")):
        s.line(x + 34, 106, x + 34, 130, C["charcoal"], 4)
        s.line(x + 128, 106, x + 128, 130, C["charcoal"], 4)
        bicycle(s, x, 196, 0.85, col)
    # wheels on a rack, right
    for i in range(4):
        x = 990 + i * 56
        s.circle(x, 190, 62, "none", stroke=C["charcoal"], stroke_width=7)
        s.circle(x, 190, 54, "none", stroke=C["stone"], stroke_width=2, opacity=0.5)
        s.circle(x, 190, 6, C["stone"])
    s.rect(940, 120, 290, 10, C["charcoal"], rx=4)
    # shelf of helmets
    s.rect(940, 320, 290, 12, C["honey"], rx=3)
    for i, col in enumerate(("mustard", "teal", "terracotta", "sage")):
        x = 976 + i * 70
        helmet_d = d(
            ("M", x - 30, 320),
            ("C", x - 32, 282, x - 8, 266, x + 4, 266),
            ("C", x + 24, 266, x + 34, 288, x + 32, 316),
            "Z",
        )
        s.path(helmet_d, C[col])
        for k in range(3):
            s.path(
                d(
                    ("M", x - 18 + k * 14, 276 + abs(k - 1) * 4),
                    ("l", 8, 0),
                    ("l", 4, 20),
                    ("l", -7, 0),
                    "Z",
                ),
                C["ink"],
                opacity=0.3,
            )
        s.path(
            d(("M", x - 34, 320), ("L", x - 24, 308), ("L", x + 2, 312), ("L", x - 4, 322), "Z"),
            C["charcoal"],
        )
    # a small board of tools in the middle
    s.rect(540, 280, 200, 120, C["oat"], rx=6)
    for yy in range(292, 396, 16):
        for xx in range(552, 736, 16):
            s.circle(xx, yy, 1.8, C["ink"], opacity=0.2)
    wrench(s, 580, 340, 0.7, 0, "charcoal")
    wrench(s, 606, 342, 0.6, 0, "charcoal")
    for k, col in enumerate(("mustard", "teal", "terracotta")):
        s.rect(636 + k * 18, 306, 10, 64, C[col], rx=5)
    s.circle(706, 340, 22, "none", stroke=C["charcoal"], stroke_width=6)
    s.circle(706, 340, 12, "none", stroke=C["stone"], stroke_width=3)
    # the counter
    counter(s, 380, 440, 520, "olive", "oat")
    s.rect(420, 380, 80, 38, C["charcoal"], rx=4)
    s.rect(428, 386, 64, 18, C["sage"], rx=2)
    s.stroke(d(("M", 776, 400), ("C", 810, 400, 812, 340, 784, 332)), C["charcoal"], 4)
    s.rect(762, 326, 10, 92, C["terracotta"], rx=4)
    s.line(767, 326, 767, 308, C["stone"], 4)
    s.rect(744, 302, 46, 10, C["charcoal"], rx=5)
    s.rect(744, 412, 46, 8, C["charcoal"], rx=3)
    s.circle(850, 408, 10, C["stone"])
    s.rect(846, 396, 8, 6, C["charcoal"])
    finish(s)
    return s.text()
