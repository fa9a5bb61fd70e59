"""Evening restaurant: a table for two by an arched window on the city at night."""

from __future__ import annotations

import random

from art.palette import C
from art.props import SH, SW, backdrop, finish, plant, window
from art.svg import Svg, d


def draw() -> str:
    rnd = random.Random(11)
    s = Svg(SW, SH, "Evening restaurant: a table for two")
    backdrop(s, C["plum"], C["rust"], 470, C["brick"], C["rust"])
    # wood panelling low on the wall
    s.rect(0, 330, SW, 140, C["brick"], opacity=0.55)
    for x in range(0, SW, 80):
        s.rect(x + 8, 344, 64, 112, C["white"], opacity=0.05, rx=4)
    # big window with the city at night
    wx, wy, ww, wh = 380, 60, 520, 360
    frame = window(s, wx, wy, ww, wh, C["navy"], C["plum"], "brick", cols=2, arch=True)
    s.circle(780, 180, 30, C["cream"])
    s.glow(780, 180, 90, C["cream"], 0.25)
    for _ in range(18):
        sx, sy = wx + 20 + rnd.random() * (ww - 40), wy + 80 + rnd.random() * 120
        s.circle(sx, sy, 1.8, C["cream"], opacity=0.8)
    x = wx
    while x < wx + ww:
        bw, bh = 40 + rnd.randrange(50), 80 + rnd.randrange(130)
        bw = min(bw, wx + ww - x)
        s.rect(x, wy + wh - bh, bw, bh, C["ink"] if rnd.random() < 0.5 else C["navy"])
        for yy in range(int(wy + wh - bh + 12), int(wy + wh - 10), 18):
            for xx in range(int(x + 8), int(x + bw - 10), 14):
                if rnd.random() < 0.35:
                    s.rect(xx, yy, 6, 8, C["mustard"], opacity=0.85)
        x += bw
    frame()
    # curtains
    for side in (-1, 1):
        cxw = 640 + side * (ww / 2 + 30)
        s.path(
            d(
                ("M", cxw - 50, 40),
                ("L", cxw + 50, 40),
                ("C", cxw + 40 * -side + 10, 200, cxw + 30 * side, 330, cxw + 60 * side, 470),
                ("L", cxw - 40 * side, 470),
                ("C", cxw - 50 * side, 330, cxw - 60, 200, cxw - 50, 40),
                "Z",
            ),
            C["terracotta"],
        )
        for k in range(3):
            xk = cxw - 30 + k * 26
            s.line(xk, 50, xk + side * 20, 460, C["ink"], 6, opacity=0.1)
    s.rect(280, 32, 720, 12, C["honey"], rx=6)
    # framed pictures and wall lamps at the sides
    for x in (120, 1160):
        s.rect(x - 60, 110, 120, 150, C["honey"], rx=4)
        s.rect(x - 50, 120, 100, 130, C["linen"])
        s.circle(x - 10, 170, 26, C["apricot"])
        s.path(
            d(
                ("M", x - 50, 250),
                ("L", x - 10, 200),
                ("L", x + 20, 230),
                ("L", x + 50, 190),
                ("L", x + 50, 250),
                "Z",
            ),
            C["sage"],
        )
    for x in (250, 1030):
        s.glow(x, 150, 110, C["mustard"], 0.35)
        s.path(
            d(("M", x - 18, 132), ("L", x + 18, 132), ("L", x + 12, 168), ("L", x - 12, 168), "Z"),
            C["cream"],
        )
        s.rect(x - 3, 168, 6, 20, C["honey"])
    # the table
    s.ellipse(640, 470, 330, 46, C["cream"])
    s.path(d(("M", 310, 470), ("L", 310, SH), ("L", 970, SH), ("L", 970, 470), "Z"), C["cream"])
    s.path(
        d(("M", 310, 470), ("L", 310, SH), ("L", 970, SH), ("L", 970, 470), "Z"),
        s.linear(0, 470, 0, SH, [(0, C["ink"], 0.12), (1, C["ink"], 0)]),
    )
    for x in (400, 520, 760, 880):
        s.line(x, 500, x, SH, C["ink"], 4, opacity=0.06)
    s.glow(640, 420, 200, C["mustard"], 0.35)
    # candle, glasses, a flower
    s.rect(628, 400, 24, 60, C["cream"], rx=4)
    s.rect(620, 456, 40, 8, C["honey"], rx=3)
    s.path(
        d(
            ("M", 640, 372),
            ("C", 648, 384, 647, 394, 640, 396),
            ("C", 633, 394, 632, 384, 640, 372),
            "Z",
        ),
        C["mustard"],
    )
    s.ellipse(640, 388, 3, 5, C["white"])
    for x in (540, 740):
        s.path(
            d(
                ("M", x - 20, 380),
                ("L", x + 20, 380),
                ("C", x + 22, 410, x + 10, 420, x, 420),
                ("C", x - 10, 420, x - 22, 410, x - 20, 380),
                "Z",
            ),
            C["sky"],
            opacity=0.45,
        )
        s.path(
            d(
                ("M", x - 19, 396),
                ("L", x + 19, 396),
                ("C", x + 16, 412, x + 8, 418, x, 418),
                ("C", x - 8, 418, x - 16, 412, x - 19, 396),
                "Z",
            ),
            C["brick"],
        )
        s.line(x, 420, x, 458, C["sky"], 4, opacity=0.6)
        s.ellipse(x, 460, 16, 4, C["sky"], opacity=0.6)
    s.rect(836, 420, 18, 42, C["teal"], rx=6)
    s.line(845, 420, 850, 380, C["olive"], 3)
    s.circle(851, 374, 10, C["rose"])
    s.circle(851, 374, 4, C["terracotta"])
    plant(s, 60, 470, 0.9, "honey")
    plant(s, 1230, 470, 0.8, "honey")
    finish(s, vignette=0.3, haze=0.05)
    return s.text()
