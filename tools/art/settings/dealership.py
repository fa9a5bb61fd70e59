"""Car dealership: the loaner desk, a car in the showroom, a key cabinet."""

from __future__ import annotations

from art.palette import C
from art.props import SH, SW, backdrop, car_side, counter, finish, pendant, plant, window
from art.svg import Svg, d


def draw() -> str:
    s = Svg(SW, SH, "Car dealership: the loaner desk")
    backdrop(s, C["linen"], C["sand"], 452, C["oat"], C["sand"])
    # ceiling with recessed lights
    s.rect(0, 0, SW, 40, C["oat"])
    for x in range(100, SW, 180):
        s.ellipse(x, 40, 30, 6, C["white"])
        s.path(
            d(("M", x - 30, 40), ("L", x + 30, 40), ("L", x + 110, 300), ("L", x - 110, 300), "Z"),
            C["white"],
            opacity=0.06,
        )
    # showroom window on the left, with a hill and trees outside
    frame = window(s, 40, 80, 420, 360, C["sky"], C["cream"], "stone", cols=3)
    s.path(
        d(
            ("M", 40, 380),
            ("C", 140, 320, 260, 330, 330, 360),
            ("C", 380, 340, 430, 330, 460, 350),
            ("L", 460, 440),
            ("L", 40, 440),
            "Z",
        ),
        C["sage"],
    )
    for tx, ty, r in ((110, 340, 30), (150, 350, 22), (380, 330, 26)):
        s.rect(tx - 3, ty, 6, 40, C["olive"])
        s.circle(tx, ty, r, C["olive"])
    s.rect(40, 410, 420, 30, C["stone"], opacity=0.5)
    frame()
    # accent wall behind the desk
    s.rect(560, 60, 560, 392, C["deepteal"])
    s.rect(560, 60, 560, 392, s.linear(0, 60, 0, 452, [(0, C["white"], 0.08), (1, C["white"], 0)]))
    # round sign: a car and a key
    s.begin(transform="translate(-60 0)")
    s.circle(760, 170, 70, C["cream"])
    s.circle(760, 170, 58, C["teal"], opacity=0.15)
    s.path(
        d(
            ("M", 716, 186),
            ("L", 716, 170),
            ("C", 716, 164, 720, 162, 726, 161),
            ("L", 736, 146),
            ("C", 740, 140, 744, 138, 752, 138),
            ("L", 776, 138),
            ("C", 784, 138, 788, 142, 792, 148),
            ("L", 800, 161),
            ("C", 808, 162, 806, 168, 806, 172),
            ("L", 806, 186),
            "Z",
        ),
        C["teal"],
    )
    s.circle(734, 188, 9, C["deepteal"])
    s.circle(788, 188, 9, C["deepteal"])
    s.poly([(744, 158), (752, 146), (762, 146), (762, 158)], C["cream"])
    s.poly([(768, 158), (768, 146), (776, 146), (786, 158)], C["cream"])
    # the key, hanging from the sign
    s.circle(824, 214, 16, C["mustard"])
    s.circle(824, 214, 6, C["cream"])
    s.path(
        d(
            ("M", 834, 224),
            ("L", 866, 256),
            ("L", 860, 262),
            ("L", 852, 254),
            ("L", 846, 260),
            ("L", 840, 254),
            ("L", 846, 248),
            ("L", 828, 230),
            "Z",
        ),
        C["mustard"],
    )
    s.end()
    # key cabinet with tags
    s.begin(transform="translate(20 0)")
    s.rect(900, 100, 150, 170, C["honey"], rx=8)
    s.rect(910, 110, 130, 150, C["cream"], rx=4)
    tags = (
        "terracotta",
        "teal",
        "mustard",
        "sage",
        "plum",
        "apricot",
        "denim",
        "rust",
        "mustard",
        "teal",
        "sage",
        "rose",
    )
    for i, tag in enumerate(tags):
        cx_, cy_ = 930 + (i % 4) * 30, 128 + (i // 4) * 46
        s.circle(cx_, cy_, 3, C["charcoal"])
        s.line(cx_, cy_, cx_, cy_ + 10, C["stone"], 2)
        s.rect(cx_ - 7, cy_ + 10, 14, 20, C[tag], rx=3)
    s.end()
    # the car in the showroom
    car_side(s, 90, 448, 0.95, "terracotta")
    # pendant lamps over the desk
    for x in (620, 850, 1070):
        pendant(s, x, 300, C["mustard"], 0.22)
    # the desk
    counter(s, 560, 420, 560, "terracotta")
    s.rect(600, 340, 110, 72, C["charcoal"], rx=6)
    s.rect(608, 348, 94, 56, C["sky"], rx=3)
    s.rect(645, 412, 20, 10, C["charcoal"])
    s.path(d(("M", 1000, 398), ("C", 1000, 378, 1040, 378, 1040, 398), "Z"), C["mustard"])
    s.rect(994, 396, 52, 4, C["charcoal"], rx=2)
    s.circle(1020, 376, 4, C["mustard"])
    s.rect(560, 460, 560, 8, C["white"], opacity=0.2)
    plant(s, 1210, 452, 0.95)
    finish(s)
    return s.text()
