"""The face: ears, skin, cheeks, age lines, nose, beard, and the mood in brows, eyes and mouth."""

from __future__ import annotations

from art.cast import Person
from art.palette import C
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


def eye_shape(x: float, y: float, w: float = 16, up: float = 13, down: float = 11) -> str:
    return d(
        ("M", x - w, y),
        ("C", x - w * 0.6, y - up, x + w * 0.6, y - up, x + w, y),
        ("C", x + w * 0.6, y + down, x - w * 0.6, y + down, x - w, y),
        "Z",
    )


def draw_eyes(s: Svg, p: Person, mood: str) -> None:
    ink = C["ink"]
    for side in (-1, 1):
        x, y = CX + side * EYE_DX, EYE_Y
        if mood == "delighted":
            s.stroke(d(("M", x - 15, y + 4), ("Q", x, y - 14, x + 15, y + 4)), ink, 6)
            if p.lashes:
                s.line(x + side * 15, y + 4, x + side * 21, y + 1, ink, 4)
            continue
        gx, gy = {"thinking": (-6, -4), "annoyed": (side * 0 + 4, 1)}.get(mood, (0, 0))
        s.path(eye_shape(x, y), C["white"])
        s.circle(x + gx, y + gy + 1, 9, p.iris)
        s.circle(x + gx, y + gy + 1, 4.5, C["ink"])
        s.circle(x + gx + 3, y + gy - 2, 2.6, C["white"])
        # lids, drawn in skin colour over the eye, then the lash line
        if mood == "annoyed":
            lid = y - 1
            s.path(
                d(
                    ("M", x - 20, y - 18),
                    ("L", x + 20, y - 18),
                    ("L", x + 20, lid + 1),
                    ("Q", x, lid - 3, x - 20, lid + 1),
                    "Z",
                ),
                p.skin,
            )
            s.stroke(d(("M", x - 16, lid + 1), ("Q", x, lid - 4, x + 16, lid + 1)), ink, 5)
        elif mood == "upset":
            # sad lids: the outer corners droop
            oy, iy = y - 1, y - 10
            ox, ix = x + side * 18, x - side * 18
            s.path(
                d(("M", ox, y - 20), ("L", ix, y - 20), ("L", ix, iy), ("L", ox, oy), "Z"), p.skin
            )
            s.stroke(d(("M", ox - side * 2, oy), ("L", ix + side * 3, iy)), ink, 5)
        else:
            s.stroke(
                d(("M", x - 16, y), ("C", x - 9.6, y - 13, x + 9.6, y - 13, x + 16, y)), ink, 4.5
            )
            if mood == "pleased":
                s.path(
                    d(
                        ("M", x - 20, y + 14),
                        ("L", x - 16, y + 6),
                        ("Q", x, y - 1, x + 16, y + 6),
                        ("L", x + 20, y + 14),
                        "Z",
                    ),
                    p.skin,
                )
                s.stroke(
                    d(("M", x - 13, y + 7), ("Q", x, y + 2, x + 13, y + 7)), ink, 2.5, opacity=0.35
                )
        if p.lashes and mood not in ("upset",):
            s.line(x + side * 15, y - 2, x + side * 21, y - 7, ink, 4)


BROWS = {
    # (outer dy, inner dy, arch) relative to the resting brow line
    "neutral": ((0, 0, -5), (0, 0, -5)),
    "pleased": ((-3, -4, -7), (-3, -4, -7)),
    "delighted": ((-10, -12, -9), (-10, -12, -9)),
    "annoyed": ((-6, 10, 0), (-6, 10, 0)),
    "upset": ((6, -12, 0), (6, -12, 0)),
    "thinking": ((-14, -8, -10), (3, 5, -3)),
}


def draw_brows(s: Svg, p: Person, mood: str) -> None:
    base = EYE_Y - 30
    for i, side in enumerate((-1, 1)):
        od, idy, arch = BROWS[mood][i]
        ox, ix = CX + side * (EYE_DX + 20), CX + side * (EYE_DX - 16)
        if mood == "annoyed":
            ix -= side * 3
        s.stroke(
            d(
                ("M", ox, base + od),
                ("Q", (ox + ix) / 2, base + (od + idy) / 2 + arch, ix, base + idy),
            ),
            p.brow,
            p.brow_w,
        )


def draw_mouth(s: Svg, p: Person, mood: str) -> None:
    y = MOUTH_Y
    lip = p.lip
    if mood == "neutral":
        s.stroke(d(("M", CX - 18, y), ("Q", CX, y + 5, CX + 18, y)), lip, 6)
    elif mood == "pleased":
        s.stroke(d(("M", CX - 26, y - 5), ("Q", CX, y + 16, CX + 26, y - 5)), lip, 6)
    elif mood == "delighted":
        mouth = d(
            ("M", CX - 32, y - 8),
            ("Q", CX, y - 2, CX + 32, y - 8),
            ("C", CX + 28, y + 22, CX + 14, y + 32, CX, y + 32),
            ("C", CX - 14, y + 32, CX - 28, y + 22, CX - 32, y - 8),
            "Z",
        )
        s.path(mouth, C["mouth"])
        s.path(
            d(
                ("M", CX - 28, y - 6),
                ("Q", CX, y - 1, CX + 28, y - 6),
                ("L", CX + 25, y + 4),
                ("Q", CX, y + 8, CX - 25, y + 4),
                "Z",
            ),
            C["white"],
        )
        s.path(
            d(
                ("M", CX - 14, y + 28),
                ("C", CX - 10, y + 16, CX + 10, y + 16, CX + 14, y + 28),
                ("C", CX + 8, y + 32, CX - 8, y + 32, CX - 14, y + 28),
                "Z",
            ),
            C["rose"],
        )
        s.stroke(mouth, lip, 3)
    elif mood == "annoyed":
        s.stroke(d(("M", CX - 20, y + 4), ("Q", CX - 4, y - 2, CX + 20, y + 1)), lip, 6)
        s.line(CX + 22, y + 2, CX + 26, y + 6, lip, 4, opacity=0.5)
    elif mood == "upset":
        mouth = d(
            ("M", CX - 22, y + 10),
            ("C", CX - 16, y - 8, CX + 16, y - 8, CX + 22, y + 10),
            ("Q", CX, y + 4, CX - 22, y + 10),
            "Z",
        )
        s.path(mouth, C["mouth"])
        s.stroke(mouth, lip, 4)
    elif mood == "thinking":
        s.stroke(d(("M", CX - 4, y + 3), ("Q", CX + 10, y + 1, CX + 22, y - 4)), lip, 6)


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
    blush = p.blush * {"delighted": 1.8, "pleased": 1.4, "upset": 0.6, "annoyed": 1.3}.get(
        mood, 1.0
    )
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
    draw_mouth(s, p, mood)
    if p.beard and p.beard.kind == "moustache":
        col = p.beard.colour
        s.path(
            d(
                ("M", CX, MOUTH_Y - 14),
                ("C", CX + 14, MOUTH_Y - 20, CX + 30, MOUTH_Y - 16, CX + 36, MOUTH_Y - 2),
                ("C", CX + 24, MOUTH_Y - 6, CX + 12, MOUTH_Y - 6, CX, MOUTH_Y - 6),
                ("C", CX - 12, MOUTH_Y - 6, CX - 24, MOUTH_Y - 6, CX - 36, MOUTH_Y - 2),
                ("C", CX - 30, MOUTH_Y - 16, CX - 14, MOUTH_Y - 20, CX, MOUTH_Y - 14),
                "Z",
            ),
            col,
        )
    if mood == "upset":
        s.path(
            d(
                ("M", CX - EYE_DX - 10, EYE_Y + 14),
                (
                    "C",
                    CX - EYE_DX - 4,
                    EYE_Y + 24,
                    CX - EYE_DX - 2,
                    EYE_Y + 30,
                    CX - EYE_DX - 8,
                    EYE_Y + 32,
                ),
                (
                    "C",
                    CX - EYE_DX - 16,
                    EYE_Y + 32,
                    CX - EYE_DX - 16,
                    EYE_Y + 24,
                    CX - EYE_DX - 10,
                    EYE_Y + 14,
                ),
                "Z",
            ),
            C["sky"],
        )
    draw_eyes(s, p, mood)
    draw_brows(s, p, mood)
