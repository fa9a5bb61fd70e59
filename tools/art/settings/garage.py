"""Garage: the service desk, a car on the lift in the open bay, a tool pegboard, tyres."""

from __future__ import annotations

from art.palette import C
from art.props import SH, SW, backdrop, car_side, counter, finish, wrench
from art.svg import Svg, d


def draw() -> str:
    s = Svg(SW, SH, "Garage: the service desk")
    backdrop(s, C["sand"], C["oat"], 456, C["stone"], C["charcoal"])
    s.rect(0, 300, SW, 156, C["stone"], opacity=0.45)
    s.rect(0, 300, SW, 8, C["mustard"])
    # the open bay with a car on the lift
    s.rect(40, 60, 560, 396, C["charcoal"])
    s.rect(52, 72, 536, 384, s.linear(0, 72, 0, 456, [(0, C["stone"]), (1, C["charcoal"])]))
    for y in range(72, 130, 14):
        s.rect(52, y, 536, 10, C["oat"], opacity=0.8)
    s.rect(52, 128, 536, 12, C["charcoal"])
    s.rect(52, 440, 536, 16, C["mustard"])
    for x in range(52, 588, 40):
        s.poly([(x, 440), (x + 20, 440), (x + 34, 456), (x + 14, 456)], C["ink"])
    for x in (110, 530):
        s.rect(x - 12, 170, 24, 270, C["mustard"])
        s.rect(x - 12, 170, 8, 270, C["white"], opacity=0.2)
    s.rect(98, 330, 444, 10, C["mustard"])
    car_side(s, 100, 330, 1.0, "teal", facing=1)
    # lamps
    for x in (320, 860, 1110):
        s.line(x, 0, x, 40, C["charcoal"], 3)
        s.glow(x, 60, 150, C["mustard"], 0.22)
        s.path(
            d(("M", x - 40, 62), ("L", x - 16, 40), ("L", x + 16, 40), ("L", x + 40, 62), "Z"),
            C["charcoal"],
        )
        s.ellipse(x, 62, 24, 5, C["cream"])
    # pegboard with tools
    s.rect(700, 80, 420, 200, C["oat"], rx=6)
    for yy in range(96, 276, 20):
        for xx in range(716, 1110, 20):
            s.circle(xx, yy, 2, C["ink"], opacity=0.2)
    wrench(s, 760, 180, 1.0, 0, "charcoal")
    wrench(s, 800, 184, 0.85, 0, "charcoal")
    wrench(s, 834, 188, 0.7, 0, "charcoal")
    # hammer
    s.rect(890, 130, 12, 110, C["honey"], rx=5)
    s.rect(866, 116, 60, 26, C["charcoal"], rx=5)
    # screwdrivers
    for i, col in enumerate(("terracotta", "mustard", "teal")):
        x = 960 + i * 30
        s.rect(x - 8, 120, 16, 46, C[col], rx=6)
        s.rect(x - 2, 166, 4, 70, C["stone"])
    # pliers
    s.path(
        d(
            ("M", 1070, 120),
            ("L", 1060, 180),
            ("L", 1046, 250),
            ("L", 1056, 252),
            ("L", 1072, 190),
            ("L", 1088, 252),
            ("L", 1098, 250),
            ("L", 1082, 180),
            ("L", 1074, 120),
            "Z",
        ),
        C["rust"],
    )
    s.circle(1072, 180, 6, C["charcoal"])
    # stacked tyres
    for i in range(4):
        y = 450 - i * 40
        s.rect(1150, y - 36, 110, 36, C["charcoal"], rx=14)
        s.rect(1160, y - 28, 90, 6, C["ink"], opacity=0.4, rx=3)
    # the counter
    counter(s, 640, 430, 480, "rust", "oat")
    s.rect(690, 340, 110, 72, C["charcoal"], rx=6)
    s.rect(698, 348, 94, 56, C["sky"], rx=3)
    s.rect(735, 412, 20, 10, C["charcoal"])
    s.rect(860, 372, 70, 44, C["cream"], rx=3, transform="rotate(-6 895 394)")
    s.rect(884, 366, 22, 10, C["stone"], rx=2, transform="rotate(-6 895 394)")
    for k in range(3):
        s.line(870, 388 + k * 9, 916, 384 + k * 9, C["stone"], 3)
    s.rect(980, 380, 34, 36, C["cream"], rx=4)
    s.path(
        d(("M", 1014, 388), ("a", 9, 9, 0, 0, 1, 0, 18)), "none", stroke=C["cream"], stroke_width=5
    )
    s.rect(980, 380, 34, 8, C["terracotta"], rx=3)
    finish(s)
    return s.text()
