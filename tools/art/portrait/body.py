"""The torso under every outfit: its outline, the neck and the shade on the far side."""

from __future__ import annotations

from art.cast import Person
from art.palette import C
from art.portrait.geometry import CX, NECK_Y, PH
from art.svg import PathPart, Svg, d


def body_d(
    p: Person,
    neckline: str = "round",
    depth: float = 30,
    sh: float | None = None,
    top_y: float = NECK_Y,
    neck_gap: float = 6,
) -> str:
    """Outline of the torso, with the neckline cut out of the top edge."""
    sh = p.sh if sh is None else sh
    nl, nr = CX - p.neck - neck_gap, CX + p.neck + neck_gap
    right: list[PathPart] = [
        "C",
        (nr + 44, top_y + 6),
        (CX + sh - 34, top_y + 22),
        (CX + sh - 6, top_y + 58),
        "C",
        (CX + sh + 6, top_y + 76),
        (CX + sh + 10, top_y + 110),
        (CX + sh + 12, PH + 2),
    ]
    left: list[PathPart] = [
        "L",
        (CX - sh - 12, PH + 2),
        "C",
        (CX - sh - 10, top_y + 110),
        (CX - sh - 6, top_y + 76),
        (CX - sh + 6, top_y + 58),
        "C",
        (CX - sh + 34, top_y + 22),
        (nl - 44, top_y + 6),
        (nl, top_y),
    ]
    start: list[PathPart]
    close: list[PathPart]
    if neckline == "v":
        start = ["M", (CX, top_y + depth), "L", (nr, top_y)]
        close = ["L", (CX, top_y + depth), "Z"]
    elif neckline == "round":
        start = ["M", (nl, top_y), "Q", (CX, top_y + depth * 2), (nr, top_y)]
        close = ["Z"]
    else:  # "high": covers the base of the neck
        start = ["M", (nl, top_y), "Q", (CX, top_y + depth), (nr, top_y)]
        close = ["Z"]
    return d(*start, *right, *left, *close)


def skin_neck(s: Svg, p: Person, chest_depth: float = 110) -> None:
    n = p.neck
    s.path(
        d(
            ("M", CX - n, 250),
            ("L", CX - n + 1, NECK_Y - 6),
            ("C", CX - n - 10, NECK_Y + 4, CX - n - 30, NECK_Y + 10, CX - n - 40, NECK_Y + 16),
            ("L", CX - 40, NECK_Y + chest_depth),
            ("L", CX + 40, NECK_Y + chest_depth),
            ("L", CX + n + 40, NECK_Y + 16),
            ("C", CX + n + 30, NECK_Y + 10, CX + n + 10, NECK_Y + 4, CX + n - 1, NECK_Y - 6),
            ("L", CX + n, 250),
            "Z",
        ),
        p.skin,
    )
    # shadow cast by the chin
    s.path(
        d(
            ("M", CX - n, 270),
            ("L", CX + n, 270),
            ("L", CX + n, 306),
            ("Q", CX, 348, CX - n, 306),
            "Z",
        ),
        C["ink"],
        opacity=0.16,
    )


def shade_side(s: Svg, p: Person, sh: float | None = None) -> None:
    """A soft shadow down the far (right) side of the torso."""
    sh = p.sh if sh is None else sh
    s.path(
        d(
            ("M", CX + sh - 6, NECK_Y + 58),
            ("C", CX + sh + 6, NECK_Y + 76, CX + sh + 10, NECK_Y + 110, CX + sh + 12, PH + 2),
            ("L", CX + sh - 22, PH + 2),
            ("C", CX + sh - 22, NECK_Y + 120, CX + sh - 20, NECK_Y + 80, CX + sh - 6, NECK_Y + 58),
            "Z",
        ),
        C["ink"],
        opacity=0.1,
    )
