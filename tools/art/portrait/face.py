"""The face: ears, skin, cheeks, age lines, nose and beard, then the mood's expression."""

from __future__ import annotations

from art.cast import Person
from art.palette import C
from art.portrait.expressions import BLUSH, draw_expression
from art.portrait.geometry import CHIN, CX, EYE_DX, EYE_Y, MOUTH_Y, TOP
from art.svg import Svg, d


def head_d(p: Person, grow: float = 0) -> str:
    """Outline of the head (grow widens it evenly)."""
    hw, jaw, ch = p.hw + grow, p.jaw + grow, p.chin + grow * 0.5
    top, chin = TOP - grow, CHIN + grow
    hgt = chin - top
    mid = top + hgt * 0.5
    return d(
        ("M", CX, top),
        ("C", (CX + hw * 0.58, top), (CX + hw, top + hgt * 0.26), (CX + hw, mid)),
        ("C", (CX + hw, top + hgt * 0.7), (CX + jaw, top + hgt * 0.84), (CX + ch, chin - 6)),
        ("C", (CX + ch * 0.5, chin + 1), (CX - ch * 0.5, chin + 1), (CX - ch, chin - 6)),
        ("C", (CX - jaw, top + hgt * 0.84), (CX - hw, top + hgt * 0.7), (CX - hw, mid)),
        ("C", (CX - hw, top + hgt * 0.26), (CX - hw * 0.58, top), (CX, top)),
        "Z",
    )


def draw_face(s: Svg, p: Person, mood: str) -> None:
    # ears
    for side in (-1, 1):
        ex = CX + side * (p.hw - 2)
        s.ellipse(ex, EYE_Y + 14, 14, 22, p.skin)
        s.ellipse(ex + side * 2, EYE_Y + 14, 7, 13, C["ink"], opacity=0.12)
        if p.earrings == "studs":
            s.circle(ex + side * 2, EYE_Y + 38, 5, C["mustard"])
        elif p.earrings == "hoops":
            s.stroke(
                d(("M", ex + side * 2, EYE_Y + 34), ("a", 9, 9, 0, 1, 0, 0.1, 0)), C["mustard"], 3.5
            )
        elif p.earrings == "pearls":
            s.circle(ex + side * 2, EYE_Y + 38, 5.5, C["white"])
    s.path(head_d(p), p.skin)
    # soft shade on the far side of the face
    s.path(
        d(
            ("M", CX + p.hw, EYE_Y - 10),
            ("C", CX + p.hw, EYE_Y + 40, CX + p.jaw, EYE_Y + 80, CX + p.chin, CHIN - 6),
            ("C", CX + p.jaw - 14, EYE_Y + 76, CX + p.hw - 12, EYE_Y + 40, CX + p.hw, EYE_Y - 10),
            "Z",
        ),
        C["ink"],
        opacity=0.06,
    )
    # cheeks
    blush = p.blush * BLUSH.get(mood, 1.0)
    for side in (-1, 1):
        s.ellipse(CX + side * 50, EYE_Y + 36, 17, 10, C["terracotta"], opacity=min(blush, 0.7))
    # age lines
    if p.age >= 60:
        for y in (132, 146):
            s.stroke(d(("M", CX - 34, y), ("Q", CX, y - 6, CX + 34, y)), C["ink"], 3, opacity=0.16)
        for side in (-1, 1):
            x = CX + side * (EYE_DX + 22)
            s.line(x, EYE_Y + 2, x + side * 8, EYE_Y - 2, C["ink"], 2.5, opacity=0.22)
            s.line(x, EYE_Y + 8, x + side * 8, EYE_Y + 10, C["ink"], 2.5, opacity=0.22)
    if p.age >= 55:
        for side in (-1, 1):
            s.stroke(
                d(
                    ("M", CX + side * 22, EYE_Y + 44),
                    ("Q", CX + side * 34, EYE_Y + 58, CX + side * 32, MOUTH_Y + 8),
                ),
                C["ink"],
                3,
                opacity=0.13,
            )
    # nose
    s.path(
        d(
            ("M", CX - 4, EYE_Y + 2),
            ("C", CX - 8, EYE_Y + 20, CX - 14, EYE_Y + 32, CX - 12, EYE_Y + 40),
            ("Q", CX - 2, EYE_Y + 46, CX + 10, EYE_Y + 40),
            ("Q", CX, EYE_Y + 36, CX - 4, EYE_Y + 2),
            "Z",
        ),
        C["ink"],
        opacity=0.12,
    )
    s.stroke(
        d(("M", CX - 10, EYE_Y + 40), ("Q", CX, EYE_Y + 46, CX + 10, EYE_Y + 40)),
        C["ink"],
        3.5,
        opacity=0.25,
    )
    # beard under the mouth
    if p.beard:
        kind, col, op = p.beard.kind, p.beard.colour, p.beard.opacity
        top = EYE_Y + (34 if kind == "stubble" else 10)
        if kind in ("full", "stubble"):
            s.path(
                d(
                    ("M", CX - p.hw + 2, top),
                    ("C", CX - p.hw + 2, EYE_Y + 60, CX - p.jaw, EYE_Y + 80, CX - p.chin, CHIN - 6),
                    (
                        "C",
                        CX - p.chin * 0.5,
                        CHIN + 2,
                        CX + p.chin * 0.5,
                        CHIN + 2,
                        CX + p.chin,
                        CHIN - 6,
                    ),
                    ("C", CX + p.jaw, EYE_Y + 80, CX + p.hw - 2, EYE_Y + 60, CX + p.hw - 2, top),
                    ("L", CX + p.hw - 16, top + 30),
                    ("C", CX + 50, MOUTH_Y - 10, CX + 36, MOUTH_Y - 20, CX, MOUTH_Y - 18),
                    ("C", CX - 36, MOUTH_Y - 20, CX - 50, MOUTH_Y - 10, CX - p.hw + 16, top + 30),
                    "Z",
                ),
                col,
                opacity=op,
            )
    if p.beard and p.beard.kind == "goatee":
        draw_goatee(s, p)
    draw_expression(s, p, mood)


def draw_goatee(s: Svg, p: Person) -> None:
    """A trimmed beard round the mouth and on the chin (the moustache goes over the mouth)."""
    assert p.beard is not None
    s.path(
        d(
            ("M", CX - 34, MOUTH_Y - 4),
            ("C", CX - 38, MOUTH_Y + 20, CX - 30, CHIN - 4, CX, CHIN + 2),
            ("C", CX + 30, CHIN - 4, CX + 38, MOUTH_Y + 20, CX + 34, MOUTH_Y - 4),
            ("L", CX + 26, MOUTH_Y - 2),
            ("C", CX + 26, MOUTH_Y + 20, CX + 14, MOUTH_Y + 24, CX, MOUTH_Y + 24),
            ("C", CX - 14, MOUTH_Y + 24, CX - 26, MOUTH_Y + 20, CX - 26, MOUTH_Y - 2),
            "Z",
        ),
        p.beard.colour,
        opacity=p.beard.opacity,
    )
