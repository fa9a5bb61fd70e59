"""Title backdrop: two people at a counter with speech bubbles; the middle stays calm."""

from __future__ import annotations

import math

from art.palette import C
from art.props import SH, SW
from art.svg import Svg, d, num


def bubble(s: Svg, x: float, y: float, w: float, h: float, col: str, tail_left: bool) -> None:
    s.rect(x, y, w, h, C[col], rx=h / 2.4)
    if tail_left:
        s.path(
            d(
                ("M", x + w * 0.2, y + h - 4),
                ("L", x + w * 0.12, y + h + 40),
                ("L", x + w * 0.36, y + h - 4),
                "Z",
            ),
            C[col],
        )
    else:
        s.path(
            d(
                ("M", x + w * 0.64, y + h - 4),
                ("L", x + w * 0.88, y + h + 40),
                ("L", x + w * 0.8, y + h - 4),
                "Z",
            ),
            C[col],
        )


def bust(s: Svg, x: float, y: float, k: float, col: str, skin: str, hair: str, side: int) -> None:
    """A simple figure, head and shoulders, turned a little towards the middle."""
    s.rect(x - 20 * k, y - 10 * k, 40 * k, 60 * k, C[skin])
    s.path(
        d(
            ("M", x - 110 * k, y + 160 * k),
            ("C", x - 110 * k, y + 70 * k, x - 60 * k, y + 40 * k, x, y + 40 * k),
            ("C", x + 60 * k, y + 40 * k, x + 110 * k, y + 70 * k, x + 110 * k, y + 160 * k),
            "Z",
        ),
        C[col],
    )
    s.circle(x, y - 40 * k, 50 * k, C[skin])
    s.circle(x + side * 44 * k, y - 34 * k, 10 * k, C[skin])
    s.path(
        d(
            ("M", x - 54 * k, y - 30 * k),
            ("C", x - 60 * k, y - 90 * k, x - 20 * k, y - 100 * k, x, y - 100 * k),
            ("C", x + 30 * k, y - 100 * k, x + 62 * k, y - 80 * k, x + 54 * k, y - 30 * k),
            (
                "C",
                x + side * -10 * k + 30 * k * side,
                y - 64 * k,
                x - side * 30 * k,
                y - 66 * k,
                x - 54 * k,
                y - 30 * k,
            ),
            "Z",
        ),
        C[hair],
    )


def draw() -> str:
    s = Svg(SW, SH, "Title backdrop: a shop counter and a conversation")
    s.rect(
        0, 0, SW, SH, s.linear(0, 0, 0, SH, [(0, C["peach"]), (0.6, C["linen"]), (1, C["sand"])])
    )
    s.glow(640, 250, 620, C["white"], 0.55)
    s.circle(160, 120, 180, C["apricot"], opacity=0.12)
    s.circle(1150, 160, 220, C["mustard"], opacity=0.12)
    s.circle(1040, 620, 260, C["terracotta"], opacity=0.1)
    s.circle(220, 640, 200, C["sage"], opacity=0.16)
    # two people, one each side of the counter
    bust(s, 230, 392, 1.15, "teal", "skin4", "hair_dark", 1)
    bust(s, 1050, 392, 1.15, "terracotta", "skin2", "hair_auburn", -1)
    # speech bubbles
    bubble(s, 250, 150, 220, 104, "cream", True)
    for i in range(3):
        s.circle(316 + i * 44, 202, 11, C["teal"])
    bubble(s, 810, 190, 220, 104, "teal", False)
    hx, hy = 920, 242
    s.path(
        d(
            ("M", hx, hy + 26),
            ("C", hx - 35, hy + 2, hx - 43, hy - 18, hx - 31, hy - 30),
            ("C", hx - 19, hy - 42, hx - 5, hy - 36, hx, hy - 24),
            ("C", hx + 5, hy - 36, hx + 19, hy - 42, hx + 31, hy - 30),
            ("C", hx + 43, hy - 18, hx + 35, hy + 2, hx, hy + 26),
            "Z",
        ),
        C["cream"],
    )
    # the counter
    s.rect(0, 540, SW, 180, C["rust"])
    s.rect(0, 540, SW, 180, s.linear(0, 540, 0, 720, [(0, C["ink"], 0.2), (1, C["ink"], 0)]))
    s.rect(0, 520, SW, 28, C["oat"])
    s.rect(0, 544, SW, 6, C["ink"], opacity=0.12)
    for x in range(0, SW, 160):
        s.rect(x + 20, 580, 120, 120, C["white"], opacity=0.05, rx=8)
    # a cup and a little plant on the counter
    s.rect(400, 478, 44, 44, C["cream"], rx=8)
    s.path(
        d(("M", 444, 488), ("a", 12, 12, 0, 0, 1, 0, 24)), "none", stroke=C["cream"], stroke_width=6
    )
    for i in range(3):
        s.stroke(
            d(("M", 412 + i * 10, 468), ("c", -6, -10, 6, -16, 0, -26)), C["white"], 3, opacity=0.6
        )
    px = 860
    s.path(
        d(("M", px - 24, 522), ("L", px - 20, 486), ("L", px + 20, 486), ("L", px + 24, 522), "Z"),
        C["terracotta"],
    )
    for ang in (-30, 0, 30):
        a = math.radians(ang - 90)
        s.ellipse(
            px + 26 * math.cos(a),
            480 + 26 * math.sin(a),
            9,
            22,
            C["olive"],
            transform=f"rotate({ang} {num(px + 26 * math.cos(a))} {num(480 + 26 * math.sin(a))})",
        )
    return s.text()
