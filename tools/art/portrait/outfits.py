"""Outfits: one drawing function per outfit word in the cast file, with its main colour."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Final, NamedTuple

from art.cast import Person
from art.palette import C
from art.portrait.body import body_d, shade_side
from art.portrait.geometry import CX, NECK_Y, PH
from art.svg import Svg, d, num


def o_sport_jacket(s: Svg, p: Person) -> None:
    # tee underneath
    s.path(body_d(p, "round", 16), C["cream"])
    jacket = p.col("jacket", "terracotta")
    s.path(body_d(p, "v", 150, neck_gap=8), jacket)
    shade_side(s, p)
    # racing stripes over the shoulders and down the sleeves
    for side in (-1, 1):
        x0 = CX + side * (p.sh - 50)
        s.stroke(
            d(
                ("M", x0, NECK_Y + 14),
                (
                    "C",
                    CX + side * (p.sh - 18),
                    NECK_Y + 28,
                    CX + side * (p.sh - 6),
                    NECK_Y + 70,
                    CX + side * (p.sh - 2),
                    PH + 4,
                ),
            ),
            C["mustard"],
            12,
            stroke_linecap="butt",
        )
        s.stroke(
            d(
                ("M", x0 - side * 16, NECK_Y + 12),
                (
                    "C",
                    CX + side * (p.sh - 34),
                    NECK_Y + 30,
                    CX + side * (p.sh - 22),
                    NECK_Y + 74,
                    CX + side * (p.sh - 18),
                    PH + 4,
                ),
            ),
            C["cream"],
            5,
            stroke_linecap="butt",
        )
    # stand-up collar, open at the front
    for side in (-1, 1):
        nx = CX + side * (p.neck + 8)
        s.path(
            d(
                ("M", nx, NECK_Y + 2),
                (
                    "C",
                    nx + side * 2,
                    NECK_Y - 24,
                    nx + side * 4,
                    NECK_Y - 34,
                    nx + side * 8,
                    NECK_Y - 38,
                ),
                (
                    "C",
                    nx + side * 26,
                    NECK_Y - 30,
                    nx + side * 34,
                    NECK_Y - 14,
                    nx + side * 40,
                    NECK_Y + 8,
                ),
                ("C", nx + side * 30, NECK_Y + 14, nx + side * 18, NECK_Y + 12, nx, NECK_Y + 2),
                "Z",
            ),
            C["rust"],
        )
    # zip edges
    for side in (-1, 1):
        s.line(CX + side * 4, NECK_Y + 150, CX + side * (p.neck + 4), NECK_Y + 6, C["rust"], 4)
        s.line(CX + side * 2, NECK_Y + 150, CX + side * 1, PH, C["rust"], 4)


def o_suit(s: Svg, p: Person) -> None:
    s.path(body_d(p, "high", 20), C["white"])
    # tie
    s.poly(
        [
            (CX - 10, NECK_Y + 14),
            (CX + 10, NECK_Y + 14),
            (CX + 7, NECK_Y + 30),
            (CX - 7, NECK_Y + 30),
        ],
        p.col("tie", "mustard"),
    )
    s.path(
        d(
            ("M", CX - 7, NECK_Y + 28),
            ("L", CX + 7, NECK_Y + 28),
            ("L", CX + 16, NECK_Y + 140),
            ("L", CX, PH + 2),
            ("L", CX - 16, NECK_Y + 140),
            "Z",
        ),
        p.col("tie", "mustard"),
    )
    for i in range(4):
        y = NECK_Y + 48 + i * 30
        s.line(CX - 8, y, CX + 10, y + 10, C["white"], 3, opacity=0.35)
    suit = p.col("suit", "navy")
    s.path(body_d(p, "v", 175, neck_gap=14), suit)
    shade_side(s, p)
    # lapels
    for side in (-1, 1):
        nx = CX + side * (p.neck + 14)
        s.path(
            d(
                ("M", nx, NECK_Y),
                ("L", CX + side * 4, NECK_Y + 175),
                ("L", CX + side * 34, NECK_Y + 112),
                ("L", CX + side * 60, NECK_Y + 84),
                ("L", CX + side * 50, NECK_Y + 60),
                ("L", nx + side * 22, NECK_Y + 4),
                "Z",
            ),
            C["ink"],
            opacity=0.28,
        )
    # shirt collar points
    for side in (-1, 1):
        s.poly(
            [
                (CX + side * (p.neck + 4), NECK_Y - 16),
                (CX + side * 2, NECK_Y + 16),
                (CX + side * (p.neck + 14), NECK_Y + 12),
            ],
            C["white"],
        )
        s.poly(
            [
                (CX + side * (p.neck + 4), NECK_Y - 16),
                (CX + side * 2, NECK_Y + 16),
                (CX + side * (p.neck + 14), NECK_Y + 12),
            ],
            C["ink"],
            opacity=0.06,
        )
    # pocket square and name badge
    s.poly(
        [(CX - 114, NECK_Y + 112), (CX - 80, NECK_Y + 112), (CX - 90, NECK_Y + 96)], C["mustard"]
    )
    s.poly(
        [(CX - 114, NECK_Y + 112), (CX - 96, NECK_Y + 112), (CX - 104, NECK_Y + 100)],
        C["white"],
        opacity=0.35,
    )
    s.rect(CX + 70, NECK_Y + 96, 52, 26, C["cream"], rx=4)
    s.rect(CX + 70, NECK_Y + 96, 12, 26, C["teal"], rx=3)
    s.line(CX + 90, NECK_Y + 105, CX + 114, NECK_Y + 105, C["stone"], 3)
    s.line(CX + 90, NECK_Y + 114, CX + 106, NECK_Y + 114, C["stone"], 3)


def o_rumpled_shirt(s: Svg, p: Person) -> None:
    shirt = p.col("shirt", "sky")
    s.path(body_d(p, "v", 58), shirt)
    shade_side(s, p)
    # placket and buttons
    s.line(CX + 2, NECK_Y + 58, CX + 6, PH, C["ink"], 3, opacity=0.15)
    for y in (NECK_Y + 84, NECK_Y + 128):
        s.circle(CX + 10, y, 4, C["white"])
    # wrinkles
    for x0, y0, x1, y1, cx_, cy_ in (
        (CX - 120, NECK_Y + 90, CX - 70, NECK_Y + 120, CX - 100, NECK_Y + 96),
        (CX + 60, NECK_Y + 100, CX + 110, NECK_Y + 130, CX + 90, NECK_Y + 104),
        (CX - 60, NECK_Y + 140, CX - 20, NECK_Y + 150, CX - 40, NECK_Y + 136),
        (CX + 30, NECK_Y + 150, CX + 70, NECK_Y + 140, CX + 50, NECK_Y + 156),
    ):
        s.stroke(d(("M", x0, y0), ("Q", cx_, cy_, x1, y1)), C["ink"], 3, opacity=0.13)
    # open collar, one side flipped up
    s.poly(
        [
            (CX - p.neck - 8, NECK_Y - 8),
            (CX - 2, NECK_Y + 58),
            (CX - 22, NECK_Y + 52),
            (CX - p.neck - 42, NECK_Y + 24),
        ],
        C["white"],
        opacity=0.55,
    )
    s.poly(
        [
            (CX + p.neck + 8, NECK_Y - 18),
            (CX + 2, NECK_Y + 58),
            (CX + 30, NECK_Y + 44),
            (CX + p.neck + 50, NECK_Y + 4),
        ],
        C["white"],
        opacity=0.55,
    )
    # backpack strap over his right shoulder (viewer's left)
    strap = p.col("strap", "olive")
    s.path(
        d(
            ("M", CX - 58, NECK_Y + 2),
            ("C", CX - 80, NECK_Y + 40, CX - 88, NECK_Y + 110, CX - 84, PH + 2),
            ("L", CX - 122, PH + 2),
            ("C", CX - 126, NECK_Y + 110, CX - 118, NECK_Y + 40, CX - 96, NECK_Y + 4),
            "Z",
        ),
        strap,
    )
    s.stroke(
        d(
            ("M", CX - 66, NECK_Y + 12),
            ("C", CX - 84, NECK_Y + 50, CX - 92, NECK_Y + 110, CX - 90, PH),
        ),
        C["white"],
        2,
        opacity=0.35,
        stroke_dasharray="6 6",
    )
    s.rect(CX - 118, NECK_Y + 110, 40, 26, C["charcoal"], rx=5)
    s.rect(CX - 110, NECK_Y + 116, 24, 14, strap, rx=3)


def o_round_top(s: Svg, p: Person) -> None:
    s.path(body_d(p, "round", 34), p.col("top", "apricot"))
    shade_side(s, p)
    # neckline band
    nl, nr = CX - p.neck - 6, CX + p.neck + 6
    s.stroke(d(("M", nl, NECK_Y), ("Q", CX, NECK_Y + 68, nr, NECK_Y)), C["white"], 5, opacity=0.4)
    if "rosette" in p.extras:
        x, y = CX + 82, NECK_Y + 96
        s.poly(
            [(x - 12, y + 6), (x - 24, y + 62), (x - 12, y + 54), (x - 4, y + 66), (x, y + 10)],
            C["teal"],
        )
        s.poly(
            [(x + 12, y + 6), (x + 24, y + 58), (x + 12, y + 52), (x + 4, y + 64), (x, y + 10)],
            C["deepteal"],
        )
        for i in range(12):
            a = i * math.pi / 6
            s.circle(x + 22 * math.cos(a), y + 22 * math.sin(a), 9, C["mustard"])
        s.circle(x, y, 19, C["cream"])
        s.circle(x, y, 13, C["terracotta"])
        # a little star
        pts = []
        for i in range(10):
            a = -math.pi / 2 + i * math.pi / 5
            r = 9 if i % 2 == 0 else 4
            pts.append((x + r * math.cos(a), y + r * math.sin(a)))
        s.poly(pts, C["cream"])


def o_coat(s: Svg, p: Person) -> None:
    s.path(body_d(p, "high", 22), C["white"])
    s.path(
        d(
            ("M", CX - 8, NECK_Y + 12),
            ("L", CX + 8, NECK_Y + 12),
            ("L", CX + 14, NECK_Y + 130),
            ("L", CX, PH + 2),
            ("L", CX - 14, NECK_Y + 130),
            "Z",
        ),
        C["ink"],
    )
    s.path(body_d(p, "v", 150, neck_gap=10), C["stone"])  # knitted vest
    s.path(body_d(p, "v", 210, neck_gap=26), p.col("coat", "charcoal"))
    shade_side(s, p)
    for side in (-1, 1):
        nx = CX + side * (p.neck + 26)
        s.path(
            d(
                ("M", nx, NECK_Y - 2),
                (
                    "C",
                    nx + side * 2,
                    NECK_Y - 30,
                    nx + side * 10,
                    NECK_Y - 40,
                    nx + side * 20,
                    NECK_Y - 40,
                ),
                ("L", CX + side * 96, NECK_Y + 70),
                ("L", CX + side * 70, NECK_Y + 96),
                ("L", CX + side * 82, NECK_Y + 110),
                ("L", CX + side * 20, PH + 2),
                ("L", CX + side * 6, PH + 2),
                "Z",
            ),
            C["ink"],
            opacity=0.35,
        )
    for side in (-1, 1):
        s.poly(
            [
                (CX + side * (p.neck + 4), NECK_Y - 14),
                (CX + side * 2, NECK_Y + 16),
                (CX + side * (p.neck + 14), NECK_Y + 14),
            ],
            C["white"],
        )


def o_scarf_top(s: Svg, p: Person) -> None:
    s.path(body_d(p, "round", 30), p.col("top", "deepteal"))
    shade_side(s, p)
    scarf, stripe = p.col("scarf", "mustard"), p.col("stripe", "rust")
    # hanging end
    s.path(
        d(
            ("M", CX + 4, NECK_Y + 20),
            ("L", CX + 62, NECK_Y + 24),
            ("L", CX + 70, PH + 2),
            ("L", CX + 14, PH + 2),
            "Z",
        ),
        scarf,
    )
    for y in (NECK_Y + 90, NECK_Y + 110, PH - 20):
        s.path(
            d(
                ("M", CX + 7, y),
                ("L", CX + 67, y + 2),
                ("L", CX + 67, y + 8),
                ("L", CX + 7, y + 6),
                "Z",
            ),
            stripe,
        )
    s.line(CX + 40, NECK_Y + 40, CX + 44, PH, C["ink"], 3, opacity=0.12)
    # the wrap around the neck
    n = p.neck
    s.path(
        d(
            ("M", CX - n - 30, NECK_Y - 18),
            ("C", CX - n - 44, NECK_Y + 10, CX - n - 20, NECK_Y + 44, CX, NECK_Y + 46),
            ("C", CX + n + 20, NECK_Y + 44, CX + n + 44, NECK_Y + 10, CX + n + 30, NECK_Y - 18),
            ("C", CX + n + 10, NECK_Y - 4, CX - n - 10, NECK_Y - 4, CX - n - 30, NECK_Y - 18),
            "Z",
        ),
        scarf,
    )
    s.stroke(
        d(
            ("M", CX - n - 34, NECK_Y + 2),
            ("C", CX - n, NECK_Y + 30, CX + n, NECK_Y + 30, CX + n + 34, NECK_Y + 2),
        ),
        stripe,
        6,
    )
    s.stroke(
        d(
            ("M", CX - n - 26, NECK_Y + 22),
            ("C", CX - n, NECK_Y + 42, CX + n, NECK_Y + 42, CX + n + 26, NECK_Y + 22),
        ),
        C["ink"],
        3,
        opacity=0.12,
    )


def o_v_top(s: Svg, p: Person) -> None:
    s.path(body_d(p, "v", 70), p.col("top", "plum"))
    shade_side(s, p)
    s.stroke(
        d(
            ("M", CX - p.neck - 2, NECK_Y - 12),
            ("Q", CX - 10, NECK_Y + 50, CX, NECK_Y + 54),
            ("Q", CX + 10, NECK_Y + 50, CX + p.neck + 2, NECK_Y - 12),
        ),
        C["mustard"],
        2,
    )
    s.circle(CX, NECK_Y + 60, 6, C["mustard"])
    s.circle(CX, NECK_Y + 60, 3, C["cream"])


def o_blazer(s: Svg, p: Person) -> None:
    s.path(body_d(p, "round", 22), C["cream"])
    for i in range(9):
        t = (i + 0.5) / 9
        x = CX - p.neck - 4 + t * (2 * p.neck + 8)
        y = NECK_Y + 4 + 4 * 44 * t * (1 - t)
        s.circle(x, y, 5, C["white"])
        s.circle(x - 1.5, y - 1.5, 1.6, C["white"])
    blazer = p.col("blazer", "teal")
    s.path(body_d(p, "v", 160, neck_gap=26), blazer)
    shade_side(s, p)
    for side in (-1, 1):
        nx = CX + side * (p.neck + 26)
        s.path(
            d(
                ("M", nx, NECK_Y + 2),
                ("L", CX + side * 4, NECK_Y + 160),
                ("L", CX + side * 30, NECK_Y + 106),
                ("L", CX + side * 62, NECK_Y + 86),
                ("L", CX + side * 56, NECK_Y + 64),
                ("L", nx + side * 16, NECK_Y + 6),
                "Z",
            ),
            C["ink"],
            opacity=0.22,
        )
    s.circle(CX + 4, NECK_Y + 166, 5, C["ink"], opacity=0.3)


def o_cardigan(s: Svg, p: Person) -> None:
    x: float
    s.path(body_d(p, "high", 20), C["sky"])
    # check pattern on the shirt
    for x in range(CX - 40, CX + 41, 16):
        s.line(x, NECK_Y + 6, x, PH, C["white"], 3, opacity=0.45)
    for y in range(NECK_Y + 20, PH, 16):
        s.line(CX - 46, y, CX + 46, y, C["white"], 3, opacity=0.45)
    for side in (-1, 1):
        s.poly(
            [
                (CX + side * (p.neck + 4), NECK_Y - 16),
                (CX + side * 2, NECK_Y + 16),
                (CX + side * (p.neck + 16), NECK_Y + 14),
            ],
            C["cream"],
        )
    card = p.col("cardigan", "honey")
    s.path(body_d(p, "v", 150, neck_gap=16), card)
    shade_side(s, p)
    # ribbed front bands
    for side in (-1, 1):
        s.stroke(
            d(
                ("M", CX + side * (p.neck + 16), NECK_Y),
                ("L", CX + side * 8, NECK_Y + 150),
                ("L", CX + side * 8, PH + 2),
            ),
            C["ink"],
            12,
            opacity=0.12,
            stroke_linecap="butt",
        )
    for y in (NECK_Y + 158, NECK_Y + 196 if NECK_Y + 196 < PH else PH - 8):
        s.circle(CX - 14, y - 14, 6, C["brick"])
    # pocket
    s.rect(CX + 64, NECK_Y + 112, 50, 40, C["ink"], rx=6, opacity=0.1)
    # texture
    for i in range(5):
        x = CX - p.sh + 30 + i * 14
        s.line(x, NECK_Y + 110, x + 4, PH, C["white"], 2, opacity=0.15)


def o_work_shirt(s: Svg, p: Person) -> None:
    s.path(body_d(p, "round", 14), C["cream"])
    shirt = p.col("shirt", "denim")
    s.path(body_d(p, "v", 52, neck_gap=10), shirt)
    shade_side(s, p)
    for side in (-1, 1):
        x = CX + side * 70
        s.rect(x - 30, NECK_Y + 84, 60, 56, C["ink"], rx=5, opacity=0.12)
        s.path(
            d(
                ("M", x - 32, NECK_Y + 80),
                ("L", x + 32, NECK_Y + 80),
                ("L", x + 32, NECK_Y + 98),
                ("L", x, NECK_Y + 106),
                ("L", x - 32, NECK_Y + 98),
                "Z",
            ),
            shirt,
        )
        s.path(
            d(
                ("M", x - 32, NECK_Y + 80),
                ("L", x + 32, NECK_Y + 80),
                ("L", x + 32, NECK_Y + 98),
                ("L", x, NECK_Y + 106),
                ("L", x - 32, NECK_Y + 98),
                "Z",
            ),
            C["white"],
            opacity=0.12,
        )
        s.circle(x, NECK_Y + 98, 4, C["cream"])
        # stitching
        s.stroke(
            d(
                ("M", CX + side * (p.neck + 18), NECK_Y + 8),
                (
                    "C",
                    CX + side * 90,
                    NECK_Y + 30,
                    CX + side * (p.sh - 30),
                    NECK_Y + 30,
                    CX + side * (p.sh - 6),
                    NECK_Y + 54,
                ),
            ),
            C["cream"],
            2,
            opacity=0.4,
            stroke_dasharray="5 5",
        )
    s.line(CX, NECK_Y + 52, CX, PH, C["ink"], 3, opacity=0.18)
    for y in (NECK_Y + 90, NECK_Y + 140):
        s.circle(CX + 7, y, 4, C["cream"])
    for side in (-1, 1):
        s.poly(
            [
                (CX + side * (p.neck + 6), NECK_Y - 16),
                (CX + side * 2, NECK_Y + 50),
                (CX + side * 24, NECK_Y + 46),
                (CX + side * (p.neck + 44), NECK_Y + 20),
            ],
            shirt,
        )
        s.poly(
            [
                (CX + side * (p.neck + 6), NECK_Y - 16),
                (CX + side * 2, NECK_Y + 50),
                (CX + side * 24, NECK_Y + 46),
                (CX + side * (p.neck + 44), NECK_Y + 20),
            ],
            C["ink"],
            opacity=0.14,
        )


def o_hoodie(s: Svg, p: Person) -> None:
    hood = p.col("hoodie", "sage")
    s.path(body_d(p, "round", 18, neck_gap=4), hood)
    shade_side(s, p)
    # the hood lying around the neck
    n = p.neck
    s.path(
        d(
            ("M", CX - n - 44, NECK_Y + 26),
            ("C", CX - n - 50, NECK_Y - 20, CX - n - 20, NECK_Y - 30, CX - n - 4, NECK_Y - 14),
            ("C", CX - n + 6, NECK_Y + 30, CX + n - 6, NECK_Y + 30, CX + n + 4, NECK_Y - 14),
            ("C", CX + n + 20, NECK_Y - 30, CX + n + 50, NECK_Y - 20, CX + n + 44, NECK_Y + 26),
            ("C", CX + n + 20, NECK_Y + 56, CX - n - 20, NECK_Y + 56, CX - n - 44, NECK_Y + 26),
            "Z",
        ),
        hood,
    )
    s.path(
        d(
            ("M", CX - n - 44, NECK_Y + 26),
            ("C", CX - n - 20, NECK_Y + 56, CX + n + 20, NECK_Y + 56, CX + n + 44, NECK_Y + 26),
            ("C", CX + n + 20, NECK_Y + 44, CX - n - 20, NECK_Y + 44, CX - n - 44, NECK_Y + 26),
            "Z",
        ),
        C["ink"],
        opacity=0.12,
    )
    for side in (-1, 1):
        x = CX + side * 18
        s.line(x, NECK_Y + 40, x + side * 4, NECK_Y + 120, C["cream"], 5)
        s.rect(x + side * 4 - 4, NECK_Y + 118, 8, 16, C["mustard"], rx=3)


def o_trench(s: Svg, p: Person) -> None:
    """A belted trench coat with wide lapels over a round-necked top, a bag strap across."""
    s.path(body_d(p, "round", 24), p.col("top", "mustard"))
    coat = p.col("coat", "teal")
    s.path(body_d(p, "v", 170, neck_gap=20), coat)
    shade_side(s, p)
    # the collar stands up behind the neck, the lapels fold wide over the chest
    for side in (-1, 1):
        nx = CX + side * (p.neck + 20)
        s.path(
            d(
                ("M", nx, NECK_Y + 2),
                (
                    "C",
                    nx + side * 2,
                    NECK_Y - 22,
                    nx + side * 6,
                    NECK_Y - 30,
                    nx + side * 12,
                    NECK_Y - 32,
                ),
                ("L", CX + side * (p.sh - 36), NECK_Y + 40),
                ("L", CX + side * 74, NECK_Y + 92),
                ("L", CX + side * 86, NECK_Y + 104),
                ("L", CX + side * 8, NECK_Y + 170),
                "Z",
            ),
            coat,
        )
        s.path(
            d(
                ("M", nx, NECK_Y + 2),
                (
                    "C",
                    nx + side * 2,
                    NECK_Y - 22,
                    nx + side * 6,
                    NECK_Y - 30,
                    nx + side * 12,
                    NECK_Y - 32,
                ),
                ("L", CX + side * (p.sh - 36), NECK_Y + 40),
                ("L", CX + side * 74, NECK_Y + 92),
                ("L", CX + side * 86, NECK_Y + 104),
                ("L", CX + side * 8, NECK_Y + 170),
                "Z",
            ),
            C["ink"],
            opacity=0.16,
        )
        s.stroke(
            d(("M", CX + side * 74, NECK_Y + 92), ("L", CX + side * 60, NECK_Y + 80)),
            C["ink"],
            3,
            opacity=0.25,
        )
    # buttons and a shoulder epaulette
    for side in (-1, 1):
        s.circle(CX + side * 34, PH - 14, 6, C["ink"], opacity=0.3)
        s.rect(
            CX + side * (p.sh - 60) - 18,
            NECK_Y + 20,
            36,
            14,
            coat,
            rx=5,
            transform=f"rotate({side * 20} {num(CX + side * (p.sh - 60))} {NECK_Y + 27})",
        )
    # the strap of a bag, over her right shoulder and across
    strap = p.col("strap", "brick")
    s.path(
        d(
            ("M", CX - p.sh + 26, NECK_Y + 30),
            ("L", CX - p.sh + 50, NECK_Y + 18),
            ("L", CX + p.sh - 10, PH + 2),
            ("L", CX + p.sh - 46, PH + 2),
            "Z",
        ),
        strap,
    )
    s.rect(
        CX + 46,
        NECK_Y + 118,
        22,
        16,
        C["mustard"],
        rx=3,
        transform=f"rotate(38 {CX + 57} {NECK_Y + 126})",
    )


def o_work_jacket(s: Svg, p: Person) -> None:
    """A zipped work jacket with a high-visibility band across the chest and arms, a pocket
    with a pen, an ID card on a clip."""
    jacket = p.col("jacket", "olive")
    s.path(body_d(p, "high", 16, neck_gap=10), jacket)
    shade_side(s, p)
    # the high-visibility band: yellow with a reflective strip, across chest and arms
    band = p.col("stripe", "mustard")
    y = NECK_Y + 92
    s.path(
        d(
            ("M", CX - p.sh - 6, y - 4),
            ("Q", CX, y + 10, CX + p.sh + 6, y - 4),
            ("L", CX + p.sh + 8, y + 28),
            ("Q", CX, y + 42, CX - p.sh - 8, y + 28),
            "Z",
        ),
        band,
    )
    s.stroke(
        d(("M", CX - p.sh - 6, y + 12), ("Q", CX, y + 26, CX + p.sh + 6, y + 12)),
        C["white"],
        7,
        opacity=0.7,
        stroke_linecap="butt",
    )
    # the zip and the stand-up collar
    s.line(CX, NECK_Y + 10, CX, PH, C["ink"], 4, opacity=0.3)
    s.rect(CX - 4, NECK_Y + 30, 8, 16, C["stone"], rx=2)
    n = p.neck
    collar = d(
        ("M", CX - n - 14, NECK_Y + 14),
        ("C", CX - n - 16, NECK_Y - 8, CX - n - 8, NECK_Y - 22, CX - n + 2, NECK_Y - 24),
        ("C", CX - 10, NECK_Y - 6, CX + 10, NECK_Y - 6, CX + n - 2, NECK_Y - 24),
        ("C", CX + n + 8, NECK_Y - 22, CX + n + 16, NECK_Y - 8, CX + n + 14, NECK_Y + 14),
        ("C", CX + 20, NECK_Y + 24, CX - 20, NECK_Y + 24, CX - n - 14, NECK_Y + 14),
        "Z",
    )
    s.path(collar, jacket)
    s.path(collar, C["ink"], opacity=0.14)
    # a chest pocket with a pen, and an ID card clipped to the other side
    s.rect(CX + 44, NECK_Y + 44, 56, 40, C["ink"], rx=5, opacity=0.14)
    s.rect(CX + 44, NECK_Y + 40, 56, 12, jacket, rx=4)
    s.rect(CX + 78, NECK_Y + 28, 6, 22, C["denim"], rx=2)
    s.rect(CX - 96, NECK_Y + 40, 40, 50, C["white"], rx=5)
    s.rect(CX - 96, NECK_Y + 40, 40, 12, C["denim"], rx=4)
    s.rect(CX - 88, NECK_Y + 58, 16, 18, C["stone"], rx=3)
    s.line(CX - 68, NECK_Y + 62, CX - 62, NECK_Y + 62, C["stone"], 2.5)
    s.line(CX - 68, NECK_Y + 70, CX - 62, NECK_Y + 70, C["stone"], 2.5)


class Outfit(NamedTuple):
    draw: Callable[[Svg, Person], None]
    part: str  # the part whose colour a person may change, e.g. "jacket"
    default: str  # its palette colour unless the person says otherwise

    def colour(self, p: Person) -> str:
        """The outfit's main colour on this person (a sleeve is drawn in it)."""
        return p.col(self.part, self.default)


OUTFITS: Final = {
    "sport_jacket": Outfit(o_sport_jacket, "jacket", "terracotta"),
    "suit": Outfit(o_suit, "suit", "navy"),
    "rumpled_shirt": Outfit(o_rumpled_shirt, "shirt", "sky"),
    "round_top": Outfit(o_round_top, "top", "apricot"),
    "coat": Outfit(o_coat, "coat", "charcoal"),
    "scarf_top": Outfit(o_scarf_top, "top", "deepteal"),
    "v_top": Outfit(o_v_top, "top", "plum"),
    "blazer": Outfit(o_blazer, "blazer", "teal"),
    "cardigan": Outfit(o_cardigan, "cardigan", "honey"),
    "work_shirt": Outfit(o_work_shirt, "shirt", "denim"),
    "hoodie": Outfit(o_hoodie, "hoodie", "sage"),
    "trench": Outfit(o_trench, "coat", "teal"),
    "work_jacket": Outfit(o_work_jacket, "jacket", "olive"),
}


def outfit(s: Svg, p: Person) -> None:
    OUTFITS[p.outfit].draw(s, p)
