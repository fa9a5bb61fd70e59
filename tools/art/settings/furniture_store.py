"""Furniture store: the service desk with its terminal, the delivery schedule board on the wall,
a sofa on display, boxes waiting to go out."""

from __future__ import annotations

from art.palette import C
from art.props import SH, SW, backdrop, counter, finish, pendant, plant, window
from art.svg import Svg, d


def truck(s: Svg, x: float, y: float, k: float, body: str, cab: str) -> None:
    """A delivery van seen from the side, facing right; (x, y) is the bottom-left."""
    s.rect(x, y - 46 * k, 64 * k, 40 * k, C[body], rx=4 * k)
    s.path(
        d(
            ("M", x + 66 * k, y - 6 * k),
            ("L", x + 66 * k, y - 36 * k),
            ("L", x + 84 * k, y - 36 * k),
            ("L", x + 96 * k, y - 20 * k),
            ("L", x + 96 * k, y - 6 * k),
            "Z",
        ),
        C[cab],
    )
    s.poly(
        [
            (x + 72 * k, y - 31 * k),
            (x + 82 * k, y - 31 * k),
            (x + 89 * k, y - 21 * k),
            (x + 72 * k, y - 21 * k),
        ],
        C["sky"],
    )
    for wx in (18, 78):
        s.circle(x + wx * k, y - 5 * k, 9 * k, C["charcoal"])
        s.circle(x + wx * k, y - 5 * k, 4 * k, C["stone"])


def schedule_board(s: Svg, x: float, y: float, w: float, h: float) -> None:
    """The week's deliveries: a van, the days across, time slots down, coloured magnets."""
    s.rect(x + 6, y + 8, w, h, C["ink"], rx=10, opacity=0.16)
    s.rect(x, y, w, h, C["navy"], rx=10)
    s.rect(x + 12, y + 12, w - 24, h - 24, C["cream"], rx=4)
    s.rect(x + 12, y + 12, w - 24, 44, C["mustard"], rx=4)
    truck(s, x + 26, y + 52, 0.38, "cream", "teal")
    cols, rows = 5, 4
    gx, gy = x + 86, y + 70
    cw, ch = (w - 24 - 86) / cols, (h - 12 - 70 - 10) / rows
    for c in range(cols):
        s.rect(gx + c * cw + 8, y + 24, cw - 16, 20, C["cream"], rx=4, opacity=0.8)
    for r in range(rows):
        s.circle(x + 50, gy + r * ch + ch / 2, 11, C["stone"], opacity=0.5)
        s.line(x + 50, gy + r * ch + ch / 2, x + 50, gy + r * ch + ch / 2 - 7, C["charcoal"], 2.5)
        s.line(x + 50, gy + r * ch + ch / 2, x + 55, gy + r * ch + ch / 2, C["charcoal"], 2.5)
    for c in range(1, cols):
        s.line(gx + c * cw, gy - 4, gx + c * cw, y + h - 22, C["stone"], 2, opacity=0.4)
    for r in range(1, rows):
        s.line(gx, gy + r * ch, x + w - 20, gy + r * ch, C["stone"], 2, opacity=0.4)
    # (column, row, span, colour): done in sage, booked in teal, missed in terracotta
    magnets = (
        (0, 0, 1, "sage"),
        (0, 2, 2, "sage"),
        (1, 1, 1, "terracotta"),
        (2, 0, 2, "teal"),
        (2, 3, 1, "teal"),
        (3, 1, 1, "terracotta"),
        (3, 2, 2, "teal"),
        (4, 0, 1, "teal"),
        (1, 3, 1, "sage"),
    )
    for c, r, span, col in magnets:
        mx, my = gx + c * cw + 6, gy + r * ch + 6
        s.rect(mx, my, cw - 12, ch * span - 12, C[col], rx=5)
        s.rect(mx, my, cw - 12, 6, C["white"], rx=3, opacity=0.25)


def sofa(s: Svg, x: float, floor: float, w: float, body: str) -> None:
    """A three-seat sofa on display, standing on `floor`, its left end at x."""
    s.ellipse(x + w / 2, floor, w * 0.56, 12, C["ink"], opacity=0.16)
    # backrest and arms
    s.rect(x + 20, floor - 150, w - 40, 90, C[body], rx=22)
    s.rect(x + 20, floor - 150, w - 40, 20, C["white"], rx=10, opacity=0.1)
    for ax in (x, x + w - 46):
        s.rect(ax, floor - 112, 46, 88, C[body], rx=18)
    s.rect(x + w - 46, floor - 112, 46, 88, C["ink"], rx=18, opacity=0.1)
    # the seat: a dark base and three cushions
    s.rect(x + 30, floor - 44, w - 60, 28, C[body], rx=6)
    s.rect(x + 30, floor - 44, w - 60, 28, C["ink"], rx=6, opacity=0.25)
    cw = (w - 92) / 3
    for i in range(3):
        cx = x + 46 + i * cw
        s.rect(cx + 2, floor - 78, cw - 4, 42, C[body], rx=12)
        s.rect(cx + 2, floor - 78, cw - 4, 12, C["white"], rx=8, opacity=0.14)
    for lx in (x + 30, x + w - 36):
        s.rect(lx, floor - 18, 8, 18, C["cocoa"], rx=2)
    # scatter cushions
    s.rect(
        x + 52,
        floor - 112,
        56,
        50,
        C["mustard"],
        rx=12,
        transform=f"rotate(-8 {x + 80} {floor - 87})",
    )
    s.rect(
        x + w - 112,
        floor - 110,
        54,
        48,
        C["cream"],
        rx=12,
        transform=f"rotate(7 {x + w - 85} {floor - 86})",
    )


def boxes(s: Svg, x: float, floor: float) -> None:
    """Flat-pack boxes waiting for delivery, with tape and a label."""
    for bx, by, bw, bh in (
        (0, 0, 120, 70),
        (10, 70, 100, 60),
        (126, 0, 80, 110),
        (20, 130, 70, 44),
    ):
        left, top = x + bx, floor - by - bh
        s.rect(left, top, bw, bh, C["oat"], rx=3)
        s.rect(left + bw - 12, top, 12, bh, C["ink"], opacity=0.08)
        s.rect(left + bw * 0.42, top, bw * 0.16, bh, C["sand"])
        s.rect(left + 10, top + bh - 24, 26, 14, C["white"], rx=2, opacity=0.8)


def draw() -> str:
    s = Svg(SW, SH, "Furniture store: the service desk")
    backdrop(s, C["linen"], C["sand"], 458, C["oat"], C["honey"])
    # floorboards
    for x in range(-40, SW, 110):
        s.line(x, 458, x - 50, SH, C["ink"], 3, opacity=0.08)
    # ceiling with a beam
    s.rect(0, 0, SW, 30, C["stone"])
    s.rect(0, 30, SW, 10, C["charcoal"], opacity=0.5)
    # the accent wall behind the desk, with the delivery board and a clock
    s.rect(360, 40, 560, 418, C["sage"])
    s.rect(360, 40, 560, 418, s.linear(0, 40, 0, 458, [(0, C["white"], 0.1), (1, C["white"], 0)]))
    schedule_board(s, 420, 70, 440, 230)
    # a window onto the loading bay, and boxes waiting to go out
    frame = window(s, 40, 100, 280, 180, C["sky"], C["cream"], "charcoal", cols=2)
    s.rect(40, 226, 280, 54, C["stone"], opacity=0.5)
    truck(s, 110, 266, 1.2, "white", "terracotta")
    frame()
    boxes(s, 60, 458)
    # the sofa on display, right, with a floor lamp and a rug
    s.ellipse(1090, 460, 190, 20, C["rose"], opacity=0.6)
    sofa(s, 950, 452, 280, "teal")
    s.line(1250, 452, 1250, 250, C["charcoal"], 5)
    s.rect(1230, 448, 40, 8, C["charcoal"], rx=3)
    s.glow(1250, 250, 110, C["mustard"], 0.3)
    s.path(
        d(("M", 1222, 262), ("L", 1278, 262), ("L", 1266, 222), ("L", 1234, 222), "Z"), C["cream"]
    )
    for x in (200, 1080):
        pendant(s, x, 44, C["charcoal"], 0.16, 30)
    # the service desk with its terminal
    counter(s, 380, 440, 520, "honey", "oat")
    s.rect(380, 440, 520, 8, C["white"], opacity=0.15)
    s.rect(560, 330, 130, 84, C["charcoal"], rx=6)
    s.rect(568, 338, 114, 66, C["sky"], rx=3)
    for r in range(3):
        for c in range(5):
            s.rect(576 + c * 21, 348 + r * 17, 17, 12, C["white"], rx=2, opacity=0.6)
    s.rect(600, 352, 17, 12, C["terracotta"], rx=2)
    s.rect(619, 414, 12, 10, C["charcoal"])
    s.rect(596, 420, 60, 6, C["charcoal"], rx=2)
    s.rect(716, 410, 80, 12, C["stone"], rx=3)
    # a card reader, catalogues and a bell
    s.rect(440, 384, 36, 34, C["charcoal"], rx=5)
    s.rect(446, 390, 24, 10, C["sage"], rx=2)
    for i, col in enumerate(("cream", "mustard", "white")):
        s.rect(818 - i * 3, 412 - i * 7, 56, 8, C[col], rx=2)
    s.path(d(("M", 500, 418), ("C", 500, 398, 530, 398, 530, 418), "Z"), C["mustard"])
    s.rect(496, 416, 38, 4, C["charcoal"], rx=2)
    plant(s, 340, 458, 0.6, "honey")
    finish(s)
    return s.text()
