"""Things a person wears or holds besides the outfit: glasses and a bike helmet."""

from __future__ import annotations

from art.cast import Person
from art.palette import C
from art.portrait.geometry import CX, EYE_DX, EYE_Y, PH
from art.svg import Svg, d


def draw_sunglasses(s: Svg, p: Person) -> None:
    """Black sunglasses pushed up onto the hair."""
    hw = p.hw
    y = 118
    for side in (-1, 1):
        x = CX + side * 34
        s.path(
            d(
                ("M", x - 28, y - 12),
                ("L", x + 28, y - 12),
                ("C", x + 28, y + 10, x + 16, y + 18, x, y + 18),
                ("C", x - 16, y + 18, x - 28, y + 10, x - 28, y - 12),
                "Z",
            ),
            C["ink"],
        )
        s.stroke(d(("M", x - 16, y - 4), ("L", x - 6, y - 4)), C["white"], 3, opacity=0.5)
    s.stroke(d(("M", CX - 8, y - 8), ("Q", CX, y - 14, CX + 8, y - 8)), C["ink"], 5)
    for side in (-1, 1):
        s.line(CX + side * 62, y - 10, CX + side * (hw + 8), y - 2, C["ink"], 5)


def draw_glasses(s: Svg, p: Person) -> None:
    frame = C["brick"]
    for side in (-1, 1):
        x = CX + side * EYE_DX
        s.rect(x - 26, EYE_Y - 20, 52, 40, C["white"], rx=12, opacity=0.18)
        s.rect(x - 26, EYE_Y - 20, 52, 40, "none", rx=12, stroke=frame, stroke_width=5)
        s.line(CX + side * (EYE_DX + 26), EYE_Y - 8, CX + side * (p.hw - 2), EYE_Y - 4, frame, 5)
    s.stroke(d(("M", CX - 8, EYE_Y - 6), ("Q", CX, EYE_Y - 12, CX + 8, EYE_Y - 6)), frame, 5)


def draw_helmet(s: Svg, p: Person) -> None:
    # a bike helmet held low at the left, by its rim
    hx, hy = 92, 458
    shell = C["mustard"]
    s.path(
        d(
            ("M", hx - 78, hy + 20),
            ("C", hx - 80, hy - 50, hx - 30, hy - 84, hx + 20, hy - 84),
            ("C", hx + 70, hy - 84, hx + 96, hy - 40, hx + 92, hy + 14),
            ("C", hx + 60, hy + 4, hx - 40, hy + 6, hx - 78, hy + 20),
            "Z",
        ),
        shell,
    )
    for i, x in enumerate((-40, -8, 24, 56)):
        s.path(
            d(
                ("M", hx + x, hy - 64 + abs(i - 1.5) * 6),
                (
                    "C",
                    hx + x + 14,
                    hy - 68 + abs(i - 1.5) * 6,
                    hx + x + 16,
                    hy - 40,
                    hx + x + 12,
                    hy - 20,
                ),
                ("C", hx + x + 6, hy - 30, hx + x - 2, hy - 44, hx + x, hy - 64 + abs(i - 1.5) * 6),
                "Z",
            ),
            C["ink"],
            opacity=0.55,
        )
    s.path(
        d(
            ("M", hx - 78, hy + 20),
            ("C", hx - 40, hy + 6, hx + 60, hy + 4, hx + 92, hy + 14),
            ("L", hx + 92, hy + 26),
            ("C", hx + 60, hy + 16, hx - 40, hy + 18, hx - 78, hy + 32),
            "Z",
        ),
        C["ink"],
    )
    s.path(
        d(
            ("M", hx + 10, hy - 84),
            ("C", hx + 50, hy - 82, hx + 80, hy - 60, hx + 88, hy - 30),
            ("C", hx + 70, hy - 50, hx + 40, hy - 70, hx + 10, hy - 84),
            "Z",
        ),
        C["white"],
        opacity=0.35,
    )
    # strap
    s.stroke(
        d(("M", hx - 50, hy + 28), ("C", hx - 40, hy + 70, hx + 20, hy + 70, hx + 40, hy + 24)),
        C["ink"],
        4,
    )
    # hand: four fingers over the rim
    for i in range(4):
        s.rect(hx + 8 + i * 17, hy + 2, 18, 34, p.skin, rx=8)
        s.rect(hx + 8 + i * 17, hy + 2, 18, 34, C["ink"], rx=8, opacity=0.06 + 0.02 * i)
    sleeve = p.col("hoodie", "sage")
    s.path(
        d(
            ("M", hx + 10, hy + 30),
            ("L", hx + 84, hy + 30),
            ("L", hx + 96, PH + 2),
            ("L", hx + 4, PH + 2),
            "Z",
        ),
        p.skin,
    )
    s.path(
        d(
            ("M", hx + 2, hy + 44),
            ("L", hx + 96, hy + 40),
            ("L", hx + 104, PH + 2),
            ("L", hx - 6, PH + 2),
            "Z",
        ),
        sleeve,
    )
    s.path(
        d(
            ("M", hx + 2, hy + 44),
            ("L", hx + 96, hy + 40),
            ("L", hx + 104, PH + 2),
            ("L", hx - 6, PH + 2),
            "Z",
        ),
        C["ink"],
        opacity=0.12,
    )
