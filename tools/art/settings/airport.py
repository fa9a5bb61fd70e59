"""Airport: the ticket desk, a departures board, a plane outside, queue posts."""

from __future__ import annotations

from art.palette import C
from art.props import SH, SW, backdrop, counter, finish, window
from art.svg import Svg, d, num


def plane(s: Svg, x: float, y: float, k: float) -> None:
    s.ellipse(x + 150 * k, y + 44 * k, 170 * k, 8 * k, C["ink"], opacity=0.12)
    s.poly(
        [
            (x + 250 * k, y - 2 * k),
            (x + 290 * k, y - 70 * k),
            (x + 320 * k, y - 70 * k),
            (x + 300 * k, y + 4 * k),
        ],
        C["teal"],
    )
    s.path(
        d(
            ("M", x, y + 14 * k),
            ("C", x, y - 4 * k, x + 20 * k, y - 10 * k, x + 44 * k, y - 10 * k),
            ("L", x + 290 * k, y - 10 * k),
            ("C", x + 310 * k, y - 10 * k, x + 322 * k, y, x + 322 * k, y + 8 * k),
            ("L", x + 290 * k, y + 24 * k),
            ("L", x + 40 * k, y + 24 * k),
            ("C", x + 14 * k, y + 24 * k, x, y + 22 * k, x, y + 14 * k),
            "Z",
        ),
        C["white"],
    )
    s.path(
        d(
            ("M", x + 40 * k, y + 24 * k),
            ("L", x + 290 * k, y + 24 * k),
            ("L", x + 300 * k, y + 18 * k),
            ("L", x + 20 * k, y + 18 * k),
            "Z",
        ),
        C["ink"],
        opacity=0.08,
    )
    s.stroke(d(("M", x + 30 * k, y + 6 * k), ("L", x + 300 * k, y + 6 * k)), C["terracotta"], 4 * k)
    for i in range(16):
        s.circle(x + 60 * k + i * 14 * k, y - 1 * k, 2.6 * k, C["navy"])
    s.path(
        d(
            ("M", x + 14 * k, y - 2 * k),
            ("L", x + 30 * k, y - 6 * k),
            ("L", x + 30 * k, y + 4 * k),
            ("L", x + 12 * k, y + 6 * k),
            "Z",
        ),
        C["navy"],
    )
    s.poly(
        [
            (x + 120 * k, y + 14 * k),
            (x + 200 * k, y + 14 * k),
            (x + 160 * k, y + 34 * k),
            (x + 110 * k, y + 34 * k),
        ],
        C["stone"],
    )
    s.rect(x + 130 * k, y + 24 * k, 40 * k, 14 * k, C["stone"], rx=7 * k)
    for wx in (60, 170, 184):
        s.line(x + wx * k, y + 24 * k, x + wx * k, y + 38 * k, C["charcoal"], 3 * k)
        s.circle(x + wx * k, y + 40 * k, 5 * k, C["charcoal"])


def plane_icon(s: Svg, x: float, y: float, k: float, col: str) -> None:
    """An aeroplane seen from above, nose up and to the right."""
    s.begin(transform=f"translate({num(x)} {num(y)}) rotate(45) scale({num(k)})")
    s.rect(-5, -30, 10, 58, col, rx=5)
    s.path(d(("M", -4, -6), ("L", -30, 8), ("L", -30, 14), ("L", -4, 8), "Z"), col)
    s.path(d(("M", 4, -6), ("L", 30, 8), ("L", 30, 14), ("L", 4, 8), "Z"), col)
    s.path(d(("M", -3, 18), ("L", -13, 26), ("L", -13, 30), ("L", -3, 27), "Z"), col)
    s.path(d(("M", 3, 18), ("L", 13, 26), ("L", 13, 30), ("L", 3, 27), "Z"), col)
    s.end()


def draw() -> str:
    s = Svg(SW, SH, "Airport: the ticket desk")
    backdrop(s, C["linen"], C["sand"], 456, C["stone"], C["oat"])
    s.rect(0, 456, SW, 264, C["cream"], opacity=0.35)
    # tall windows onto the apron
    frame = window(s, 0, 50, SW, 300, C["sky"], C["cream"], "charcoal", cols=8)
    s.rect(0, 292, SW, 58, C["stone"], opacity=0.45)
    s.rect(0, 318, SW, 4, C["white"], opacity=0.5)
    # control tower and terminal far away
    s.rect(150, 170, 26, 130, C["stone"])
    s.path(d(("M", 132, 170), ("L", 194, 170), ("L", 186, 140), ("L", 140, 140), "Z"), C["stone"])
    s.rect(140, 146, 46, 14, C["sky"], opacity=0.7)
    s.rect(60, 250, 300, 44, C["oat"])
    for x in range(72, 350, 28):
        s.rect(x, 262, 16, 10, C["sky"], opacity=0.8)
    plane(s, 760, 262, 1.15)
    frame()
    # ceiling trusses
    s.rect(0, 0, SW, 50, C["oat"])
    for x in range(0, SW + 1, 160):
        s.line(x, 0, x + 80, 50, C["stone"], 5, opacity=0.6)
        s.line(x + 160, 0, x + 80, 50, C["stone"], 5, opacity=0.6)
    # departures board
    for x in (520, 760):
        s.line(x, 0, x, 80, C["charcoal"], 3)
    s.rect(470, 78, 340, 150, C["navy"], rx=10)
    for i in range(5):
        y = 96 + i * 24
        s.rect(488, y, 34, 12, C["mustard"], rx=2)
        s.rect(534, y, 150 - (i * 37) % 60, 12, C["cream"], rx=2, opacity=0.85)
        s.rect(716, y, 40, 12, C["sky"], rx=2, opacity=0.6)
        s.circle(784, y + 6, 6, C[("sage", "sage", "terracotta", "sage", "mustard")[i]])
    # the desk: a backlit panel with a plane sign, and the counter
    s.rect(380, 300, 520, 156, C["terracotta"])
    s.rect(
        380, 300, 520, 156, s.linear(0, 300, 0, 456, [(0, C["white"], 0.12), (1, C["white"], 0)])
    )
    for cx_ in (500, 780):
        s.circle(cx_, 360, 36, C["cream"])
        plane_icon(s, cx_, 360, 0.9, C["deepteal"])
    counter(s, 380, 430, 520, "deepteal", "cream")
    for x in (450, 640, 790):
        s.rect(x, 372, 70, 46, C["charcoal"], rx=5)
        s.rect(x + 5, 377, 60, 36, C["sky"], rx=3, opacity=0.9)
        s.rect(x + 30, 418, 10, 10, C["charcoal"])
    # queue posts with belts
    for x0 in (70, 980):
        for i in range(3):
            x = x0 + i * 110
            s.rect(x - 5, 372, 10, 100, C["stone"])
            s.rect(x - 16, 468, 32, 8, C["stone"], rx=3)
            s.circle(x, 370, 9, C["stone"])
        s.stroke(
            d(
                ("M", x0, 382),
                ("Q", x0 + 55, 396, x0 + 110, 382),
                ("Q", x0 + 165, 396, x0 + 220, 382),
            ),
            C["terracotta"],
            8,
        )
    # a suitcase waiting
    s.rect(1150, 346, 90, 120, C["mustard"], rx=12)
    s.rect(1150, 346, 90, 120, C["ink"], rx=12, opacity=0.06)
    for x in (1172, 1195, 1218):
        s.line(x, 360, x, 452, C["ink"], 3, opacity=0.15)
    s.path(
        d(("M", 1180, 346), ("L", 1180, 326), ("L", 1210, 326), ("L", 1210, 346)),
        "none",
        stroke=C["charcoal"],
        stroke_width=5,
    )
    s.circle(1164, 472, 7, C["charcoal"])
    s.circle(1226, 472, 7, C["charcoal"])
    finish(s)
    return s.text()
