"""Kitchenware shop: the coffee counter, espresso machines on the shelves, a demo machine with
two cups, bags of coffee beans, pans on a rail."""

from __future__ import annotations

from art.palette import C
from art.props import SH, SW, backdrop, counter, finish, plant
from art.svg import Svg, d


def espresso_machine(
    s: Svg, x: float, base: float, w: float, h: float, body: str, trim: str = "stone"
) -> None:
    """A home espresso machine standing on `base`, centred on x: body, group head with its
    portafilter, a pressure gauge, a drip tray and a steam wand."""
    left = x - w / 2
    s.rect(left, base - h, w, h, C[body], rx=w * 0.08)
    s.rect(left, base - h, w * 0.22, h, C["white"], rx=w * 0.08, opacity=0.14)
    s.rect(left + w - 6, base - h + 4, 6, h - 8, C["ink"], opacity=0.1)
    # cup warmer on top
    s.rect(left + 4, base - h - 5, w - 8, 6, C[trim], rx=2)
    # the recess where the cup stands
    s.rect(left + w * 0.14, base - h * 0.52, w * 0.72, h * 0.46, C["ink"], rx=4, opacity=0.3)
    s.rect(left + w * 0.12, base - h * 0.1, w * 0.76, h * 0.08, C[trim], rx=2)
    # group head and portafilter handle
    gx, gy = x - w * 0.08, base - h * 0.52
    s.rect(gx - w * 0.14, gy, w * 0.28, h * 0.08, C[trim], rx=3)
    s.line(
        gx + w * 0.12, gy + h * 0.05, gx + w * 0.46, gy + h * 0.09, C["charcoal"], max(3, w * 0.06)
    )
    # pressure gauge
    s.circle(x + w * 0.22, base - h * 0.74, w * 0.1, C["cream"])
    s.line(
        x + w * 0.22, base - h * 0.74, x + w * 0.27, base - h * 0.78, C["rust"], max(1.5, w * 0.02)
    )
    # steam wand down the right side
    s.stroke(
        d(
            ("M", left + w - 2, base - h * 0.6),
            ("Q", left + w + w * 0.1, base - h * 0.5, left + w + w * 0.08, base - h * 0.24),
        ),
        C[trim],
        max(2, w * 0.04),
    )


def grinder(s: Svg, x: float, base: float, k: float, body: str) -> None:
    """A coffee grinder: a body with a spout and a clear hopper of beans on top."""
    s.rect(x - 20 * k, base - 62 * k, 40 * k, 62 * k, C[body], rx=6 * k)
    s.rect(x - 20 * k, base - 62 * k, 9 * k, 62 * k, C["white"], rx=6 * k, opacity=0.14)
    s.rect(x - 9 * k, base - 30 * k, 18 * k, 20 * k, C["ink"], rx=3 * k, opacity=0.3)
    s.path(
        d(
            ("M", x - 14 * k, base - 62 * k),
            ("L", x - 24 * k, base - 104 * k),
            ("L", x + 24 * k, base - 104 * k),
            ("L", x + 14 * k, base - 62 * k),
            "Z",
        ),
        C["sky"],
        opacity=0.55,
    )
    s.path(
        d(
            ("M", x - 15 * k, base - 66 * k),
            ("L", x - 20 * k, base - 88 * k),
            ("L", x + 20 * k, base - 88 * k),
            ("L", x + 15 * k, base - 66 * k),
            "Z",
        ),
        C["cocoa"],
    )
    s.rect(x - 26 * k, base - 110 * k, 52 * k, 8 * k, C["charcoal"], rx=3 * k)


def bean_bag(s: Svg, x: float, base: float, w: float, h: float, band: str) -> None:
    """A stand-up bag of coffee beans: kraft paper, a folded top, a coloured label, a bean."""
    left = x - w / 2
    s.path(
        d(
            ("M", left + 3, base),
            ("L", left, base - h + 12),
            ("L", left + w, base - h + 12),
            ("L", left + w - 3, base),
            "Z",
        ),
        C["oat"],
    )
    s.rect(left - 1, base - h, w + 2, 14, C["honey"], rx=2)
    s.rect(left + w * 0.7, base - h + 12, w * 0.3 - 3, h - 12, C["ink"], opacity=0.08)
    s.rect(left + 5, base - h * 0.62, w - 10, h * 0.34, C[band], rx=3)
    s.ellipse(x, base - h * 0.45, w * 0.14, w * 0.2, C["cocoa"])
    s.line(
        x, base - h * 0.45 - w * 0.15, x, base - h * 0.45 + w * 0.15, C["oat"], max(1.5, w * 0.04)
    )


def cup(s: Svg, x: float, base: float, k: float, col: str, steam: bool = False) -> None:
    s.ellipse(x, base - 2 * k, 20 * k, 5 * k, C["white"])
    s.path(
        d(
            ("M", x - 14 * k, base - 30 * k),
            ("L", x + 14 * k, base - 30 * k),
            ("C", x + 14 * k, base - 10 * k, x + 8 * k, base - 4 * k, x, base - 4 * k),
            ("C", x - 8 * k, base - 4 * k, x - 14 * k, base - 10 * k, x - 14 * k, base - 30 * k),
            "Z",
        ),
        C[col],
    )
    s.stroke(
        d(("M", x + 14 * k, base - 24 * k), ("a", 7 * k, 7 * k, 0, 0, 1, 0, 12 * k)),
        C[col],
        3 * k,
    )
    s.ellipse(x, base - 30 * k, 14 * k, 3.5 * k, C["cocoa"])
    if steam:
        for i in (-1, 1):
            s.stroke(
                d(
                    ("M", x + i * 5 * k, base - 38 * k),
                    ("c", -6 * k, -10 * k, 6 * k, -16 * k, 0, -26 * k),
                ),
                C["white"],
                3 * k,
                opacity=0.6,
            )


def pan(s: Svg, x: float, y: float, r: float, col: str) -> None:
    """A pan hanging by its handle from a hook at (x, y)."""
    s.line(x, y, x, y + 10, C["charcoal"], 3)
    s.rect(x - 5, y + 8, 10, r * 1.3, C["charcoal"], rx=4)
    s.circle(x, y + 10 + r * 1.3 + r, r, C[col])
    s.circle(x, y + 10 + r * 1.3 + r, r * 0.74, C["ink"], opacity=0.18)
    s.circle(x - r * 0.3, y + 10 + r * 1.3 + r * 0.7, r * 0.25, C["white"], opacity=0.2)


def draw() -> str:
    s = Svg(SW, SH, "Kitchenware shop: the coffee counter")
    backdrop(s, C["cream"], C["linen"], 458, C["oat"], C["sand"])
    # white tiles on the wall behind the counter
    for row, y in enumerate(range(60, 458, 30)):
        off = 0 if row % 2 else 30
        for x in range(330 - off, 960, 60):
            s.rect(x + 2, y + 2, 56, 26, C["white"], rx=3, opacity=0.5)
    # a wooden ceiling beam and pendant lamps
    s.rect(0, 0, SW, 34, C["honey"])
    s.rect(0, 30, SW, 6, C["ink"], opacity=0.12)
    # shelves of espresso machines, the middle of the wall
    for y in (176, 300):
        s.rect(340, y, 600, 14, C["honey"], rx=3)
        s.rect(340, y + 14, 600, 6, C["ink"], opacity=0.12)
        for bx in (370, 910):
            s.poly([(bx - 8, y + 14), (bx + 8, y + 14), (bx, y + 38)], C["honey"])
    espresso_machine(s, 400, 176, 78, 92, "terracotta")
    espresso_machine(s, 520, 176, 96, 100, "stone", "white")
    grinder(s, 616, 176, 0.9, "charcoal")
    espresso_machine(s, 716, 176, 84, 96, "deepteal")
    espresso_machine(s, 848, 176, 90, 88, "sky", "white")
    grinder(s, 384, 300, 0.85, "terracotta")
    espresso_machine(s, 480, 300, 86, 94, "charcoal")
    espresso_machine(s, 600, 300, 78, 86, "mustard")
    espresso_machine(s, 712, 300, 96, 100, "white", "stone")
    grinder(s, 808, 300, 0.85, "stone")
    espresso_machine(s, 890, 300, 70, 82, "sage")
    # pans on a rail, left
    s.rect(40, 96, 250, 8, C["charcoal"], rx=4)
    for x, r, col in (
        (70, 26, "rust"),
        (126, 32, "charcoal"),
        (188, 24, "teal"),
        (244, 30, "terracotta"),
    ):
        pan(s, x, 104, r, col)
    # a tall shelf of coffee bags, right
    s.rect(1000, 70, 240, 388, C["oat"], rx=6)
    s.rect(1010, 80, 220, 368, C["linen"], rx=4)
    bands = ("teal", "terracotta", "mustard", "deepteal", "rust", "sage", "plum")
    for row, y in enumerate((190, 310, 440)):
        s.rect(1010, y, 220, 10, C["honey"])
        for i in range(4):
            bean_bag(
                s, 1040 + i * 54, y, 42, 74 - (i + row) % 2 * 8, bands[(i + row * 2) % len(bands)]
            )
    # spotlights in the beam, warm on the shelves
    for x in (420, 640, 860):
        s.glow(x, 40, 150, C["mustard"], 0.16)
        s.ellipse(x, 36, 22, 5, C["white"])
    # the counter with the demo machine, cups and bags of beans
    counter(s, 330, 442, 620, "deepteal", "oat")
    s.rect(330, 442, 620, 8, C["white"], opacity=0.12)
    espresso_machine(s, 620, 420, 150, 140, "terracotta", "white")
    cup(s, 610, 418, 0.9, "cream", steam=True)
    cup(s, 720, 420, 1.0, "white", steam=True)
    cup(s, 770, 420, 1.0, "mustard")
    s.ellipse(500, 417, 26, 6, C["charcoal"], opacity=0.3)
    grinder(s, 500, 420, 0.9, "stone")
    for i, band in enumerate(("mustard", "teal", "rust")):
        bean_bag(s, 848 + i * 38, 420, 34, 58 - i * 4, band)
    # a few loose beans
    for bx, by in ((400, 414), (414, 418), (392, 420), (426, 413)):
        s.ellipse(bx, by, 5, 3.5, C["cocoa"])
    plant(s, 1230, 470, 0.7)
    finish(s)
    return s.text()
