"""Hair: what lies behind the head, what frames the face, and the sunglasses pushed up into it."""

from __future__ import annotations

import math

from art.cast import Person
from art.palette import C
from art.portrait.geometry import CX, TOP, dome
from art.svg import Svg, d, num


def lock(s: Svg, x: float, y: float, ang: float, ln: float, w: float, col: str) -> None:
    """A lock of hair with a soft rounded tip, growing from (x, y) towards angle ang (degrees)."""
    a = math.radians(ang)
    ux, uy = math.cos(a), math.sin(a)
    nx, ny = -uy, ux
    tx, ty = x + ux * ln, y + uy * ln
    r = w * 0.45
    s.path(
        d(
            ("M", (x + nx * w, y + ny * w)),
            (
                "Q",
                (x + ux * ln * 0.7 + nx * w * 0.9, y + uy * ln * 0.7 + ny * w * 0.9),
                (tx + nx * r, ty + ny * r),
            ),
            ("Q", (tx + ux * r * 1.4, ty + uy * r * 1.4), (tx - nx * r * 0.6, ty - ny * r * 0.6)),
            (
                "Q",
                (x + ux * ln * 0.5 - nx * w * 0.6, y + uy * ln * 0.5 - ny * w * 0.6),
                (x - nx * w, y - ny * w),
            ),
            "Z",
        ),
        col,
    )


def hair_back(s: Svg, p: Person) -> None:
    st, col, hw = p.hair_style, p.hair, p.hw
    if st == "bob":
        s.path(
            d(
                *dome(hw, 16, 290),
                ("C", CX + hw + 22, 318, CX + hw - 6, 322, CX + hw - 30, 300),
                ("L", CX - hw + 30, 300),
                ("C", CX - hw + 6, 322, CX - hw - 22, 318, CX - hw - 16, 290),
                "Z",
            ),
            col,
        )
    elif st == "curly":
        pts = []
        for i in range(15):
            a = math.pi * (0.95 + i * 1.1 / 14)
            pts.append((CX + (hw + 34) * math.cos(a), 196 + (128) * math.sin(a)))
        for i, (x, y) in enumerate(pts):
            s.circle(x, y, 34 + (i % 3) * 4, col)
        s.ellipse(CX, 196, hw + 40, 124, col)
        for x, y in (
            (CX - hw - 30, 250),
            (CX + hw + 30, 250),
            (CX - hw - 16, 284),
            (CX + hw + 16, 284),
        ):
            s.circle(x, y, 30, col)
    elif st == "wavy":
        s.path(
            d(
                *dome(hw, 16, 240),
                ("C", CX + hw + 30, 280, CX + hw + 10, 310, CX + hw + 30, 350),
                ("C", CX + hw + 40, 380, CX + hw, 392, CX + hw - 20, 370),
                ("L", CX - hw + 20, 370),
                ("C", CX - hw, 392, CX - hw - 40, 380, CX - hw - 30, 350),
                ("C", CX - hw - 10, 310, CX - hw - 30, 280, CX - hw - 16, 240),
                "Z",
            ),
            col,
        )
    elif st == "long":
        s.path(
            d(
                *dome(hw, 14, 240),
                ("C", CX + hw + 22, 320, CX + hw + 30, 400, CX + hw + 20, 452),
                ("L", CX - hw - 20, 452),
                ("C", CX - hw - 30, 400, CX - hw - 22, 320, CX - hw - 14, 240),
                "Z",
            ),
            col,
        )
    elif st == "ponytail":
        s.path(
            d(
                ("M", CX + hw - 20, 150),
                ("C", CX + hw + 60, 140, CX + hw + 70, 230, CX + hw + 46, 300),
                ("C", CX + hw + 36, 330, CX + hw + 10, 340, CX + hw + 6, 320),
                ("C", CX + hw + 26, 270, CX + hw + 20, 220, CX + hw - 10, 190),
                "Z",
            ),
            col,
        )
        s.ellipse(
            CX + hw + 4, 158, 12, 18, C["mustard"], transform=f"rotate(-30 {num(CX + hw + 4)} 158)"
        )
    elif st == "undercut":
        pass
    elif st == "bun":
        # hair drawn back into a round bun high on the crown
        s.path(d(*dome(hw, 6, 220), ("L", CX - hw - 6, 220), "Z"), col)
        s.circle(CX + 8, TOP - 14, 34, col)
        s.stroke(
            d(("M", CX - 14, TOP - 30), ("Q", CX + 8, TOP - 44, CX + 30, TOP - 28)),
            C["white"],
            4,
            opacity=0.18,
        )
    elif st in ("short", "messy", "crop", "balding", "side", "buzz"):
        s.path(d(*dome(hw, 6, 220), ("L", CX - hw - 6, 220), "Z"), col)


def hair_front(s: Svg, p: Person) -> None:
    x: float
    y: float
    st, col, hw = p.hair_style, p.hair, p.hw
    if st == "bob":
        # side-swept fringe
        s.path(
            d(
                *dome(hw, 16, 250),
                ("L", CX + hw - 4, 250),
                ("L", CX + hw - 6, 180),
                ("C", CX + hw - 20, 140, CX + 10, 128, CX - 30, 140),
                ("C", CX - 50, 146, CX - hw + 10, 160, CX - hw + 4, 190),
                ("L", CX - hw + 4, 250),
                "Z",
            ),
            col,
        )
        s.stroke(
            d(("M", CX + hw + 2, 170), ("C", CX + hw + 6, 200, CX + hw + 6, 240, CX + hw, 280)),
            C["white"],
            4,
            opacity=0.18,
        )
    elif st == "short":
        s.path(
            d(
                *dome(hw, 8, 196, lift=6),
                ("L", CX + hw - 2, 196),
                ("C", CX + hw - 6, 150, CX + hw - 20, 138, CX + 20, 136),
                ("L", CX - 26, 122),
                ("C", CX - 50, 138, CX - hw + 4, 146, CX - hw + 2, 196),
                "Z",
            ),
            col,
        )
        s.stroke(
            d(("M", CX - 26, 122), ("C", CX - 30, 108, CX - 34, 96, CX - 36, 86)),
            C["white"],
            3,
            opacity=0.22,
        )
    elif st == "bun":
        # smooth over the head from a side parting, a band round the bun, one loose strand
        s.path(
            d(
                *dome(hw, 6, 206, lift=2),
                ("L", CX + hw - 2, 206),
                ("C", CX + hw - 4, 160, CX + hw - 28, 128, CX - 22, 122),
                ("C", CX - 46, 134, CX - hw + 6, 156, CX - hw + 2, 206),
                "Z",
            ),
            col,
        )
        s.stroke(
            d(("M", CX - 22, 122), ("C", CX + 10, 104, CX + 40, 100, CX + hw - 10, 120)),
            C["white"],
            3,
            opacity=0.16,
        )
        s.stroke(
            d(("M", CX - 18, TOP + 8), ("Q", CX + 8, TOP + 16, CX + 34, TOP + 8)),
            p.col("band", "mustard"),
            6,
        )
        s.stroke(
            d(
                ("M", CX - hw + 8, 168),
                ("C", CX - hw + 2, 200, CX - hw + 12, 226, CX - hw + 4, 252),
            ),
            col,
            5,
        )
    elif st == "buzz":
        # close-cropped, a clean hairline, grey coming in at the temples
        s.path(
            d(
                *dome(hw, 3, 190, lift=2),
                ("L", CX + hw - 1, 190),
                ("C", CX + hw - 4, 150, CX + hw - 18, 130, CX + 36, 124),
                ("C", CX + 12, 120, CX - 12, 120, CX - 36, 124),
                ("C", CX - hw + 18, 130, CX - hw + 4, 150, CX - hw + 1, 190),
                "Z",
            ),
            col,
        )
        for side in (-1, 1):
            s.path(
                d(
                    ("M", CX + side * (hw + 3), 186),
                    (
                        "C",
                        CX + side * (hw + 3),
                        166,
                        CX + side * (hw - 2),
                        150,
                        CX + side * (hw - 8),
                        140,
                    ),
                    ("L", CX + side * (hw - 12), 152),
                    (
                        "C",
                        CX + side * (hw - 6),
                        162,
                        CX + side * (hw - 2),
                        174,
                        CX + side * (hw - 1),
                        190,
                    ),
                    "Z",
                ),
                C["hair_grey"],
                opacity=0.45,
            )
        s.stroke(
            d(("M", CX - 40, 98), ("C", CX - 10, 88, CX + 20, 88, CX + 44, 98)),
            C["white"],
            3,
            opacity=0.14,
        )
    elif st == "messy":
        s.path(
            d(
                *dome(hw, 8, 190, lift=8),
                ("L", CX + hw - 2, 190),
                ("C", CX + hw - 8, 150, CX + 40, 150, CX + 20, 138),
                ("C", CX, 152, CX - 30, 140, CX - 40, 150),
                ("C", CX - hw + 10, 146, CX - hw + 2, 170, CX - hw + 2, 190),
                "Z",
            ),
            col,
        )
        # tousled locks sticking out of the crown, leaning every which way
        for x, y, ang, ln, w in (
            (-64, 120, -150, 24, 18),
            (-40, 94, -118, 24, 20),
            (-6, 82, -84, 22, 20),
            (28, 86, -52, 24, 20),
            (58, 104, -22, 22, 18),
            (76, 138, 8, 18, 14),
            (-24, 144, 115, 20, 14),
            (14, 146, 72, 16, 12),
        ):
            lock(s, CX + x, y, ang, ln, w, col)
        s.stroke(
            d(("M", CX - 30, 96), ("C", CX - 4, 90, CX + 26, 94, CX + 44, 108)),
            C["white"],
            3,
            opacity=0.2,
        )
    elif st == "curly":
        for i in range(9):
            x = CX - hw + 10 + i * (2 * hw - 20) / 8
            y = 130 - 18 * math.sin(math.pi * i / 8) + (i % 2) * 6
            s.circle(x, y + 8, 18, col)
        # hair clip bow
        x, y = CX + hw - 10, 118
        s.poly([(x, y), (x - 22, y - 16), (x - 22, y + 16)], C["terracotta"])
        s.poly([(x, y), (x + 22, y - 16), (x + 22, y + 16)], C["terracotta"])
        s.circle(x, y, 7, C["mustard"])
    elif st == "wavy":
        s.path(
            d(
                *dome(hw, 16, 260),
                ("C", CX + hw + 4, 250, CX + hw - 4, 200, CX + hw - 10, 170),
                ("C", CX + hw - 20, 134, CX + 20, 128, CX + 2, 118),
                ("C", CX - 10, 128, CX - hw + 20, 134, CX - hw + 10, 170),
                ("C", CX - hw + 4, 200, CX - hw - 4, 250, CX - hw - 16, 260),
                "Z",
            ),
            col,
        )
        s.stroke(
            d(("M", CX - 30, 100), ("C", CX - 60, 110, CX - 80, 140, CX - 88, 180)),
            C["white"],
            4,
            opacity=0.16,
        )
    elif st == "long":
        s.path(
            d(
                *dome(hw, 14, 300),
                ("L", CX + hw - 2, 300),
                ("C", CX + hw - 6, 200, CX + hw - 30, 130, CX + 6, 112),
                ("C", CX - 20, 126, CX - hw + 10, 150, CX - hw + 2, 220),
                ("L", CX - hw + 2, 300),
                "Z",
            ),
            col,
        )
        # locks falling in front of the shoulders
        for side in (-1, 1):
            x = CX + side * (hw + 2)
            s.path(
                d(
                    ("M", x - side * 14, 260),
                    ("C", x + side * 14, 320, x + side * 6, 380, x + side * 24, 450),
                    ("C", x + side * 40, 420, x + side * 32, 330, x + side * 14, 240),
                    "Z",
                ),
                col,
            )
        s.stroke(
            d(("M", CX + 20, 100), ("C", CX + 50, 112, CX + 66, 140, CX + 72, 190)),
            C["white"],
            4,
            opacity=0.2,
        )
    elif st == "crop":
        s.path(
            d(
                *dome(hw, 8, 196, lift=8),
                ("L", CX + hw - 2, 196),
                ("C", CX + hw - 6, 150, CX + 40, 136, CX, 136),
                ("C", CX - 40, 136, CX - hw + 6, 150, CX - hw + 2, 196),
                "Z",
            ),
            col,
        )
        # a soft curly edge and a few darker curls
        for i in range(13):
            a = math.pi * (1.0 + i / 12)
            x, y = CX + (hw + 8) * math.cos(a), 182 + 106 * math.sin(a)
            s.circle(x, y, 12, col)
        for x, y in (
            (-50, 110),
            (-20, 96),
            (14, 94),
            (46, 104),
            (-64, 140),
            (66, 138),
            (-30, 122),
            (30, 120),
            (0, 112),
        ):
            s.stroke(
                d(("M", CX + x - 6, y), ("a", 6, 6, 0, 1, 1, 12, 0)), C["charcoal"], 3, opacity=0.3
            )
    elif st == "balding":
        for side in (-1, 1):
            s.path(
                d(
                    ("M", CX + side * (hw + 6), 232),
                    (
                        "C",
                        CX + side * (hw + 10),
                        190,
                        CX + side * (hw + 4),
                        150,
                        CX + side * (hw - 16),
                        128,
                    ),
                    (
                        "C",
                        CX + side * (hw - 14),
                        160,
                        CX + side * (hw - 6),
                        190,
                        CX + side * (hw - 4),
                        232,
                    ),
                    "Z",
                ),
                col,
            )
        s.stroke(
            d(("M", CX - 40, 112), ("C", CX - 10, 100, CX + 20, 102, CX + 44, 112)),
            col,
            5,
            opacity=0.8,
        )
        s.stroke(
            d(("M", CX - 30, 120), ("C", CX - 4, 110, CX + 24, 112, CX + 40, 122)),
            col,
            4,
            opacity=0.6,
        )
    elif st == "ponytail":
        s.path(
            d(
                *dome(hw, 6, 200, lift=2),
                ("L", CX + hw - 2, 200),
                ("C", CX + hw - 6, 150, CX + 30, 130, CX - 8, 128),
                ("C", CX - 40, 130, CX - hw + 6, 150, CX - hw + 2, 200),
                "Z",
            ),
            col,
        )
        s.stroke(
            d(("M", CX - 8, 128), ("C", CX + 20, 110, CX + 50, 104, CX + hw, 130)),
            C["white"],
            3,
            opacity=0.15,
        )
        s.stroke(
            d(
                ("M", CX - hw + 6, 176),
                ("C", CX - hw + 12, 200, CX - hw + 4, 220, CX - hw + 14, 240),
            ),
            col,
            4,
        )
    elif st == "undercut":
        # shaved sides
        for side in (-1, 1):
            s.path(
                d(
                    ("M", CX + side * (hw + 1), 212),
                    (
                        "C",
                        CX + side * (hw + 3),
                        180,
                        CX + side * (hw - 2),
                        150,
                        CX + side * (hw - 16),
                        132,
                    ),
                    ("L", CX + side * (hw - 30), 150),
                    (
                        "C",
                        CX + side * (hw - 12),
                        170,
                        CX + side * (hw - 6),
                        190,
                        CX + side * (hw - 4),
                        212,
                    ),
                    "Z",
                ),
                col,
                opacity=0.45,
            )
        # a full top swept over to one side
        s.path(
            d(
                ("M", CX - hw + 4, 152),
                ("C", CX - hw - 4, 96, CX - 30, 66, CX + 20, 66),
                ("C", CX + 70, 66, CX + hw + 8, 96, CX + hw + 2, 150),
                ("C", CX + hw - 10, 134, CX + 40, 132, CX + 20, 124),
                ("C", CX + 4, 140, CX - 30, 148, CX - hw + 4, 152),
                "Z",
            ),
            col,
        )
        for x, y, ang, ln, w in (
            (-56, 94, -170, 16, 12),
            (-30, 74, -140, 18, 12),
            (56, 82, -30, 22, 12),
            (hw - 2, 132, 40, 24, 12),
        ):
            lock(s, CX + x, y, ang, ln, w, col)
        dye = p.col("dye", "teal")
        for k, (x0, y0, x1, y1) in enumerate(
            ((-30, 78, 40, 128), (-6, 72, 62, 120), (20, 70, 74, 108))
        ):
            s.stroke(
                d(
                    ("M", CX + x0, y0),
                    ("C", CX + x0 + 30, y0 - 2, CX + x1 - 10, y1 - 30, CX + x1, y1),
                ),
                dye,
                6 - k,
                opacity=0.9,
            )
