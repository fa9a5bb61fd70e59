"""Candle shop: the counter, shelves of candles and jars, string lights, a gift box."""

from __future__ import annotations

import math
import random

from art.palette import C
from art.props import SH, SW, backdrop, counter, finish, window
from art.svg import Svg, d, num


def candle(s: Svg, x: float, base: float, w: float, h: float, col: str, lit: bool = True) -> None:
    if lit:
        s.glow(x, base - h - 14, 46, C["mustard"], 0.45)
    s.rect(x - w / 2, base - h, w, h, C[col], rx=4)
    s.rect(x - w / 2, base - h, w * 0.3, h, C["white"], rx=4, opacity=0.18)
    s.ellipse(x, base - h, w / 2, 4, C["white"], opacity=0.3)
    s.line(x, base - h, x, base - h - 6, C["charcoal"], 2)
    if lit:
        s.path(
            d(
                ("M", x, base - h - 24),
                ("C", x + 7, base - h - 14, x + 6, base - h - 6, x, base - h - 5),
                ("C", x - 6, base - h - 6, x - 7, base - h - 14, x, base - h - 24),
                "Z",
            ),
            C["mustard"],
        )
        s.ellipse(x, base - h - 10, 2.5, 4.5, C["white"])


def jar(s: Svg, x: float, base: float, w: float, h: float, wax: str, lid: str) -> None:
    s.rect(x - w / 2, base - h * 0.7, w, h * 0.7, C[wax], rx=6)
    s.rect(x - w / 2, base - h, w, h, C["sky"], rx=8, opacity=0.35)
    s.rect(x - w / 2 - 3, base - h - 10, w + 6, 12, C[lid], rx=3)
    s.rect(x - w / 2 + 6, base - h * 0.6, w - 12, h * 0.3, C["cream"], rx=3)


def draw() -> str:
    rnd = random.Random(7)
    s = Svg(SW, SH, "Candle shop: the counter")
    backdrop(s, C["linen"], C["peach"], 460, C["oat"], C["honey"])
    # soft wallpaper stripes
    for x in range(0, SW, 64):
        s.rect(x, 0, 22, 460, C["white"], opacity=0.13)
    # an arched window with an evening sky
    frame = window(s, 50, 70, 230, 330, C["apricot"], C["plum"], "honey", cols=2, arch=True)
    s.path(
        d(
            ("M", 50, 360),
            ("L", 100, 330),
            ("L", 100, 310),
            ("L", 150, 310),
            ("L", 150, 340),
            ("L", 200, 320),
            ("L", 200, 300),
            ("L", 240, 300),
            ("L", 240, 330),
            ("L", 280, 340),
            ("L", 280, 400),
            ("L", 50, 400),
            "Z",
        ),
        C["plum"],
    )
    frame()
    # string of lights
    pts = [(300 + i * 40, 40 + 26 * math.sin(math.pi * (i % 6) / 6)) for i in range(24)]
    s.stroke(
        d(("M", pts[0], *[q for pt in pts[1:] for q in ("L", pt)])), C["charcoal"], 2, opacity=0.6
    )
    for i, (x, y) in enumerate(pts):
        s.glow(x, y + 8, 22, C["mustard"], 0.5)
        s.circle(x, y + 8, 5, C["mustard"] if i % 2 else C["cream"])
    # shelves of candles and jars
    cols = ("cream", "rose", "sage", "mustard", "terracotta", "plum", "apricot", "linen", "teal")
    for y in (160, 262, 364):
        s.rect(340, y, 760, 14, C["honey"], rx=3)
        s.rect(340, y + 14, 760, 6, C["ink"], opacity=0.12)
        for bx in (380, 720, 1060):
            s.poly([(bx - 8, y + 14), (bx + 8, y + 14), (bx, y + 40)], C["honey"])
        x = 372
        while x < 1070:
            kind = rnd.random()
            col = cols[rnd.randrange(len(cols))]
            if kind < 0.3:
                w, h = 40, 48
                jar(s, x + w / 2, y, w, h, col, "honey" if rnd.random() < 0.5 else "charcoal")
            elif kind < 0.55:
                w = 24
                h = 40 + rnd.randrange(40)
                candle(s, x + w / 2, y, w, h, col, lit=rnd.random() < 0.5)
            else:
                w = 38
                h = 30 + rnd.randrange(36)
                candle(s, x + w / 2, y, w, h, col, lit=rnd.random() < 0.6)
            x += w + 12 + rnd.randrange(16)
    # dried flowers in a vase, right
    for i, ang in enumerate((-24, -10, 4, 16, 30)):
        a = math.radians(ang - 90)
        x1, y1 = 1190 + 130 * math.cos(a), 330 + 130 * math.sin(a)
        s.line(1190, 330, x1, y1, C["olive"], 3)
        s.ellipse(
            x1,
            y1,
            9,
            16,
            C[("mustard", "rose", "cream", "apricot", "sage")[i]],
            transform=f"rotate({ang} {num(x1)} {num(y1)})",
        )
    s.path(
        d(
            ("M", 1160, 330),
            ("C", 1150, 380, 1160, 440, 1190, 452),
            ("C", 1220, 440, 1230, 380, 1220, 330),
            "Z",
        ),
        C["teal"],
    )
    # the counter with a gift box and a roll of paper
    counter(s, 300, 462, 680, "rust", "oat")
    s.rect(360, 382, 96, 64, C["teal"], rx=4)
    s.rect(400, 382, 16, 64, C["mustard"])
    s.rect(352, 372, 112, 18, C["deepteal"], rx=4)
    s.rect(400, 372, 16, 18, C["mustard"])
    s.ellipse(396, 366, 16, 9, C["mustard"], transform="rotate(-25 396 366)")
    s.ellipse(420, 366, 16, 9, C["mustard"], transform="rotate(25 420 366)")
    s.rect(720, 422, 180, 24, C["sand"], rx=12)
    s.ellipse(720, 434, 10, 12, C["oat"])
    for x, h, col in ((560, 50, "cream"), (600, 70, "rose"), (640, 40, "sage")):
        candle(s, x, 446, 30, h, col)
    finish(s, vignette=0.24)
    return s.text()
