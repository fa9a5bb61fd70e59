"""Computer shop: the service counter, shelves of laptops, a big wall screen."""

from __future__ import annotations

from art.palette import C
from art.props import SH, SW, backdrop, counter, finish
from art.svg import Svg, d


def laptop(s: Svg, x: float, base: float, w: float, screen: str) -> None:
    h = w * 0.62
    s.rect(x - w / 2, base - h - 6, w, h, C["charcoal"], rx=5)
    s.rect(x - w / 2 + 5, base - h - 1, w - 10, h - 10, C[screen], rx=2)
    s.rect(x - w / 2 + 5, base - h - 1, (w - 10) * 0.4, h - 10, C["white"], rx=2, opacity=0.15)
    s.path(
        d(
            ("M", x - w / 2 - 10, base - 6),
            ("L", x + w / 2 + 10, base - 6),
            ("L", x + w / 2 + 4, base),
            ("L", x - w / 2 - 4, base),
            "Z",
        ),
        C["stone"],
    )


def box(s: Svg, x: float, base: float, w: float, h: float, stripe: str) -> None:
    s.rect(x, base - h, w, h, C["sand"], rx=3)
    s.rect(x, base - h, w, h * 0.25, C[stripe], rx=3)
    s.rect(x + w - 8, base - h, 8, h, C["ink"], opacity=0.08)


def draw() -> str:
    s = Svg(SW, SH, "Computer shop: the service counter")
    backdrop(s, C["cream"], C["linen"], 458, C["stone"], C["oat"])
    # track lights
    s.rect(0, 0, SW, 36, C["sand"])
    s.rect(80, 40, 1120, 8, C["charcoal"], rx=4)
    for x in range(160, 1160, 160):
        s.rect(x - 10, 46, 20, 26, C["charcoal"], rx=6)
        s.path(
            d(("M", x - 10, 72), ("L", x + 10, 72), ("L", x + 60, 300), ("L", x - 60, 300), "Z"),
            C["white"],
            opacity=0.08,
        )
    # shelves on both sides
    for x0 in (40, 920):
        s.rect(x0, 80, 320, 380, C["oat"], rx=6)
        s.rect(x0 + 10, 90, 300, 360, C["linen"], rx=4)
        for y in (190, 300, 410):
            s.rect(x0 + 10, y, 300, 10, C["honey"])
    laptop(s, 120, 190, 100, "sky")
    laptop(s, 260, 190, 100, "teal")
    box(s, 60, 300, 80, 70, "teal")
    box(s, 150, 300, 80, 56, "terracotta")
    box(s, 240, 300, 90, 80, "mustard")
    laptop(s, 130, 410, 100, "deepteal")
    s.rect(220, 340, 100, 66, C["charcoal"], rx=6)
    s.rect(227, 347, 86, 50, C["apricot"], rx=3)
    s.rect(262, 404, 16, 6, C["charcoal"])
    # right: monitors, keyboards, mice
    for i, col in enumerate(("sage", "sky")):
        x = 960 + i * 140
        s.rect(x, 112, 120, 70, C["charcoal"], rx=6)
        s.rect(x + 7, 119, 106, 56, C[col], rx=3)
        s.rect(x + 54, 182, 12, 8, C["charcoal"])
    for i in range(3):
        s.rect(950 + i * 92, 276, 84, 18, C["stone"], rx=4)
        for k in range(6):
            s.rect(956 + i * 92 + k * 13, 280, 10, 4, C["cream"], opacity=0.6)
    for i in range(4):
        s.ellipse(966 + i * 70, 392, 20, 14, C[("charcoal", "teal", "stone", "terracotta")[i]])
        s.rect(964 + i * 70, 380, 4, 10, C["white"], opacity=0.4)
    box(s, 1180, 410, 50, 60, "plum")
    # the big screen on the accent wall
    s.rect(400, 60, 480, 390, C["deepteal"], rx=8)
    s.rect(440, 92, 400, 230, C["ink"], rx=10)
    s.rect(452, 104, 376, 206, s.linear(0, 104, 0, 310, [(0, C["teal"]), (1, C["deepteal"])]), rx=4)
    s.rect(490, 140, 130, 90, C["cream"], rx=6)
    s.rect(490, 140, 130, 18, C["mustard"], rx=6)
    s.rect(640, 170, 150, 100, C["cream"], rx=6, opacity=0.9)
    s.rect(640, 170, 150, 18, C["terracotta"], rx=6)
    s.circle(715, 232, 22, C["sage"])
    s.path(
        d(("M", 705, 232), ("L", 713, 240), ("L", 728, 222)),
        "none",
        stroke=C["white"],
        stroke_width=5,
        stroke_linecap="round",
        stroke_linejoin="round",
    )
    for k in range(3):
        s.rect(504, 172 + k * 16, 100 - k * 24, 8, C["stone"], rx=4)
    # cables on the accent wall
    for k, col in enumerate(("mustard", "terracotta", "sky")):
        y = 352 + k * 14
        s.stroke(d(("M", 410, y), ("C", 470, y + 40, 540, y - 30, 600, y + 10)), C[col], 5)
    # the counter with a laptop under repair and a desk lamp
    counter(s, 400, 440, 480, "charcoal", "oat")
    s.rect(400, 440, 480, 8, C["teal"])
    laptop(s, 640, 418, 150, "sky")
    s.rect(598, 336, 84, 16, C["white"], rx=3, opacity=0.7)
    s.line(800, 418, 820, 350, C["stone"], 6)
    s.line(820, 350, 770, 320, C["stone"], 6)
    s.path(d(("M", 752, 304), ("L", 790, 318), ("L", 776, 342), ("L", 744, 326), "Z"), C["mustard"])
    s.glow(752, 338, 60, C["mustard"], 0.3)
    s.rect(786, 412, 40, 8, C["stone"], rx=3)
    s.rect(470, 402, 60, 16, C["terracotta"], rx=3)
    s.rect(478, 396, 44, 8, C["terracotta"], rx=3)
    finish(s)
    return s.text()
