"""The six moods in a face: brows, eyes, mouth and the small marks that go with them.

Each mood changes brows, lids and mouth together, and each has one mark that still reads
when the portrait is small: the wide toothy smile (pleased), closed laughing eyes and an
open mouth (delighted), a hard V of the brows with creases between them (annoyed), raised
inner brows, a tear and an open down-turned mouth (upset), a look up and aside with one
brow high (thinking).
"""

from __future__ import annotations

from typing import Final, NamedTuple

from art.cast import Person
from art.palette import C
from art.portrait.geometry import CX, EYE_DX, EYE_Y, MOUTH_Y
from art.svg import Svg, d


class Brow(NamedTuple):
    outer: float  # how far the outer end moves down (+) or up (-)
    inner: float  # the same for the inner end
    arch: float  # how far the middle bows up (-) or down (+)


# one pair per mood: (the viewer's left brow, the viewer's right brow)
BROWS: Final = {
    "neutral": (Brow(0, 0, -5), Brow(0, 0, -5)),
    "pleased": (Brow(-6, -7, -9), Brow(-6, -7, -9)),
    "delighted": (Brow(-12, -14, -10), Brow(-12, -14, -10)),
    "annoyed": (Brow(-7, 13, 1), Brow(-7, 13, 1)),
    "upset": (Brow(7, -15, 1), Brow(7, -15, 1)),
    "thinking": (Brow(-17, -9, -11), Brow(4, 6, -2)),
}
# where the irises look, as (dx, dy) from the middle of each eye
GAZE: Final = {"thinking": (-6, -5), "annoyed": (5, 1)}
# cheeks: how much warmer (or paler) than at rest
BLUSH: Final = {"delighted": 1.8, "pleased": 1.5, "upset": 0.6, "annoyed": 1.3}


def eye_shape(x: float, y: float, w: float = 16, up: float = 13, down: float = 11) -> str:
    return d(
        ("M", x - w, y),
        ("C", x - w * 0.6, y - up, x + w * 0.6, y - up, x + w, y),
        ("C", x + w * 0.6, y + down, x - w * 0.6, y + down, x - w, y),
        "Z",
    )


def draw_expression(s: Svg, p: Person, mood: str) -> None:
    """Mouth, tear, eyes, brows and creases for the mood, on a face already drawn."""
    draw_mouth(s, p, mood)
    if p.beard and p.beard.kind in ("moustache", "goatee"):
        draw_moustache(s, p)
    if mood == "upset":
        draw_tear(s)
    draw_eyes(s, p, mood)
    draw_brows(s, p, mood)
    draw_creases(s, mood)


def draw_eyes(s: Svg, p: Person, mood: str) -> None:
    ink = C["ink"]
    for side in (-1, 1):
        x, y = CX + side * EYE_DX, EYE_Y
        if mood == "delighted":
            # closed in happy arcs, with the cheeks pushed up under them
            s.stroke(d(("M", x - 16, y + 5), ("Q", x, y - 15, x + 16, y + 5)), ink, 6.5)
            s.stroke(
                d(("M", x - 11, y + 13), ("Q", x, y + 8, x + 11, y + 13)), ink, 2.5, opacity=0.3
            )
            if p.lashes:
                s.line(x + side * 16, y + 5, x + side * 22, y + 1, ink, 4)
            continue
        gx, gy = GAZE.get(mood, (0, 0))
        up = 15 if mood == "thinking" else 13
        s.path(eye_shape(x, y, up=up), C["white"])
        s.circle(x + gx, y + gy + 1, 9, p.iris)
        s.circle(x + gx, y + gy + 1, 4.5, ink)
        s.circle(x + gx + 3, y + gy - 2, 2.6, C["white"])
        if mood == "annoyed":
            # narrowed: the upper lid comes down flat, sloping to the nose; the lower lid rises
            outer, inner = x + side * 20, x - side * 20
            s.path(
                d(
                    ("M", outer, y - 20),
                    ("L", inner, y - 20),
                    ("L", inner, y + 2),
                    ("L", outer, y - 4),
                    "Z",
                ),
                p.skin,
            )
            s.path(
                d(
                    ("M", x - 20, y + 14),
                    ("L", x - 16, y + 7),
                    ("Q", x, y + 3, x + 16, y + 7),
                    ("L", x + 20, y + 14),
                    "Z",
                ),
                p.skin,
            )
            s.line(x + side * 17, y - 4, x - side * 16, y + 1, ink, 5.5)
        elif mood == "upset":
            # sad lids: the outer corners droop; the lower lid is wet
            oy, iy = y - 1, y - 11
            ox, ix = x + side * 18, x - side * 18
            s.path(
                d(("M", ox, y - 20), ("L", ix, y - 20), ("L", ix, iy), ("L", ox, oy), "Z"), p.skin
            )
            s.stroke(d(("M", ox - side * 2, oy), ("L", ix + side * 3, iy)), ink, 5)
            s.stroke(
                d(("M", x - 13, y + 8), ("Q", x, y + 12, x + 13, y + 8)), C["sky"], 3, opacity=0.9
            )
            s.circle(x + 5 * side, y + 4, 1.8, C["white"])
        else:
            lift = 2 if mood == "thinking" else 0
            s.stroke(
                d(
                    ("M", x - 16, y - lift / 2),
                    ("C", x - 9.6, y - 13 - lift, x + 9.6, y - 13 - lift, x + 16, y - lift / 2),
                ),
                ink,
                4.5,
            )
            if mood == "pleased":
                # smiling eyes: the lower lid pushed up into a crescent
                s.path(
                    d(
                        ("M", x - 21, y + 15),
                        ("L", x - 17, y + 6),
                        ("Q", x, y - 1, x + 17, y + 6),
                        ("L", x + 21, y + 15),
                        "Z",
                    ),
                    p.skin,
                )
                s.stroke(
                    d(("M", x - 14, y + 8), ("Q", x, y + 3, x + 14, y + 8)), ink, 2.5, opacity=0.4
                )
        if p.lashes and mood not in ("upset", "annoyed"):
            s.line(x + side * 15, y - 2, x + side * 21, y - 7, ink, 4)
        elif p.lashes and mood == "annoyed":
            s.line(x + side * 17, y - 4, x + side * 22, y - 7, ink, 4)


def draw_brows(s: Svg, p: Person, mood: str) -> None:
    base = EYE_Y - 30
    for i, side in enumerate((-1, 1)):
        brow = BROWS[mood][i]
        ox, ix = CX + side * (EYE_DX + 20), CX + side * (EYE_DX - 16)
        if mood == "annoyed":
            ix -= side * 4
        s.stroke(
            d(
                ("M", ox, base + brow.outer),
                (
                    "Q",
                    (ox + ix) / 2,
                    base + (brow.outer + brow.inner) / 2 + brow.arch,
                    ix,
                    base + brow.inner,
                ),
            ),
            p.brow,
            p.brow_w + (1 if mood in ("annoyed", "upset") else 0),
        )


def draw_creases(s: Svg, mood: str) -> None:
    ink = C["ink"]
    if mood == "annoyed":
        # a frown between the brows
        for dx in (-5, 5):
            s.line(CX + dx, EYE_Y - 24, CX + dx * 0.6, EYE_Y - 12, ink, 2.5, opacity=0.3)
    elif mood == "upset":
        # worry lines in the middle of the forehead
        for dy in (0, 10):
            s.stroke(
                d(
                    ("M", CX - 16, EYE_Y - 52 + dy),
                    ("Q", CX, EYE_Y - 58 + dy, CX + 16, EYE_Y - 52 + dy),
                ),
                ink,
                2.5,
                opacity=0.22,
            )


def draw_mouth(s: Svg, p: Person, mood: str) -> None:
    y = MOUTH_Y
    lip = p.lip
    if mood == "neutral":
        s.stroke(d(("M", CX - 16, y), ("Q", CX, y + 3, CX + 16, y)), lip, 6)
    elif mood == "pleased":
        # a wide smile showing the upper teeth
        mouth = d(
            ("M", CX - 30, y - 6),
            ("Q", CX, y + 2, CX + 30, y - 6),
            ("Q", CX, y + 22, CX - 30, y - 6),
            "Z",
        )
        s.path(mouth, C["mouth"])
        s.path(
            d(
                ("M", CX - 26, y - 4),
                ("Q", CX, y + 3, CX + 26, y - 4),
                ("Q", CX, y + 9, CX - 26, y - 4),
                "Z",
            ),
            C["white"],
        )
        s.stroke(mouth, lip, 3.5)
        for side in (-1, 1):
            s.stroke(
                d(("M", CX + side * 31, y - 11), ("Q", CX + side * 37, y - 6, CX + side * 33, y)),
                C["ink"],
                2.5,
                opacity=0.3,
            )
    elif mood == "delighted":
        mouth = d(
            ("M", CX - 33, y - 9),
            ("Q", CX, y - 3, CX + 33, y - 9),
            ("C", CX + 29, y + 24, CX + 14, y + 34, CX, y + 34),
            ("C", CX - 14, y + 34, CX - 29, y + 24, CX - 33, y - 9),
            "Z",
        )
        s.path(mouth, C["mouth"])
        s.path(
            d(
                ("M", CX - 29, y - 7),
                ("Q", CX, y - 2, CX + 29, y - 7),
                ("L", CX + 26, y + 4),
                ("Q", CX, y + 8, CX - 26, y + 4),
                "Z",
            ),
            C["white"],
        )
        s.path(
            d(
                ("M", CX - 15, y + 30),
                ("C", CX - 11, y + 17, CX + 11, y + 17, CX + 15, y + 30),
                ("C", CX + 8, y + 34, CX - 8, y + 34, CX - 15, y + 30),
                "Z",
            ),
            C["rose"],
        )
        s.stroke(mouth, lip, 3)
    elif mood == "annoyed":
        # pressed flat and pulled down at one corner
        s.stroke(
            d(("M", CX - 20, y + 2), ("Q", CX - 2, y - 3, CX + 14, y + 1), ("L", CX + 22, y + 7)),
            lip,
            6,
        )
    elif mood == "upset":
        mouth = d(
            ("M", CX - 24, y + 12),
            ("C", CX - 18, y - 9, CX + 18, y - 9, CX + 24, y + 12),
            ("Q", CX, y + 5, CX - 24, y + 12),
            "Z",
        )
        s.path(mouth, C["mouth"])
        s.stroke(mouth, lip, 4)
    elif mood == "thinking":
        # pushed to one side, lips pressed: "hmm"
        s.stroke(d(("M", CX + 2, y + 1), ("Q", CX + 12, y + 3, CX + 24, y - 4)), lip, 6)
        s.line(CX + 26, y - 9, CX + 27, y - 3, C["ink"], 2.5, opacity=0.3)


def draw_moustache(s: Svg, p: Person) -> None:
    assert p.beard is not None
    if p.beard.kind == "goatee":
        # a trim one, kept clear of the lip
        s.path(
            d(
                ("M", CX, MOUTH_Y - 13),
                ("C", CX + 14, MOUTH_Y - 18, CX + 28, MOUTH_Y - 14, CX + 32, MOUTH_Y - 4),
                ("C", CX + 22, MOUTH_Y - 8, CX + 12, MOUTH_Y - 9, CX, MOUTH_Y - 9),
                ("C", CX - 12, MOUTH_Y - 9, CX - 22, MOUTH_Y - 8, CX - 32, MOUTH_Y - 4),
                ("C", CX - 28, MOUTH_Y - 14, CX - 14, MOUTH_Y - 18, CX, MOUTH_Y - 13),
                "Z",
            ),
            p.beard.colour,
            opacity=p.beard.opacity,
        )
        return
    s.path(
        d(
            ("M", CX, MOUTH_Y - 14),
            ("C", CX + 14, MOUTH_Y - 20, CX + 30, MOUTH_Y - 16, CX + 36, MOUTH_Y - 2),
            ("C", CX + 24, MOUTH_Y - 6, CX + 12, MOUTH_Y - 6, CX, MOUTH_Y - 6),
            ("C", CX - 12, MOUTH_Y - 6, CX - 24, MOUTH_Y - 6, CX - 36, MOUTH_Y - 2),
            ("C", CX - 30, MOUTH_Y - 16, CX - 14, MOUTH_Y - 20, CX, MOUTH_Y - 14),
            "Z",
        ),
        p.beard.colour,
    )


def draw_tear(s: Svg) -> None:
    x, y = CX - EYE_DX - 10, EYE_Y + 14
    s.path(
        d(
            ("M", x, y),
            ("C", x + 7, y + 12, x + 9, y + 20, x + 2, y + 23),
            ("C", x - 7, y + 24, x - 8, y + 14, x, y),
            "Z",
        ),
        C["sky"],
    )
    s.circle(x + 1, y + 17, 2, C["white"], opacity=0.8)
