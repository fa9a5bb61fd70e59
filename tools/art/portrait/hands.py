"""Hands: the hand raised to the chin while thinking."""

from __future__ import annotations

from art.cast import Person
from art.palette import C
from art.portrait.geometry import PH
from art.portrait.outfits import OUTFITS
from art.svg import Svg, d


def draw_thinking_hand(s: Svg, p: Person) -> None:
    sleeve = OUTFITS[p.outfit].colour(p)
    # forearm rising from the bottom edge to the chin
    arm = d(("M", 214, 352), ("L", 270, 352), ("L", 336, PH + 2), ("L", 240, PH + 2), "Z")
    s.path(arm, sleeve)
    s.path(arm, C["ink"], opacity=0.16)
    s.path(d(("M", 208, 338), ("L", 276, 340), ("L", 280, 366), ("L", 210, 364), "Z"), sleeve)
    s.path(
        d(("M", 208, 338), ("L", 276, 340), ("L", 280, 366), ("L", 210, 364), "Z"),
        C["ink"],
        opacity=0.06,
    )
    # a loose fist resting against the chin, knuckles towards us
    fist = d(
        ("M", 206, 300),
        ("C", 204, 286, 214, 280, 226, 282),
        ("L", 262, 286),
        ("C", 276, 288, 282, 300, 280, 316),
        ("L", 276, 336),
        ("C", 272, 348, 258, 352, 244, 350),
        ("L", 222, 346),
        ("C", 208, 342, 204, 330, 205, 316),
        "Z",
    )
    s.path(fist, p.skin)
    s.path(fist, C["ink"], opacity=0.05)
    # finger creases
    for x0, x1 in ((222, 218), (240, 236), (258, 256)):
        s.stroke(d(("M", x0, 290), ("Q", x0 + 2, 300, x1, 312)), C["ink"], 3, opacity=0.22)
    # curled finger tips along the bottom
    s.stroke(d(("M", 210, 322), ("C", 230, 330, 256, 332, 276, 326)), C["ink"], 3, opacity=0.2)
    # the thumb resting along the jaw line
    thumb = d(
        ("M", 262, 288),
        ("C", 266, 272, 270, 262, 274, 256),
        ("C", 280, 250, 290, 254, 288, 264),
        ("C", 286, 276, 282, 288, 278, 300),
        "Z",
    )
    s.path(thumb, p.skin)
    s.stroke(d(("M", 262, 288), ("C", 266, 272, 270, 262, 274, 256)), C["ink"], 3, opacity=0.2)
