"""Placeholders: what the game shows for a picture that is missing or cannot be read."""

from __future__ import annotations

from art.palette import C
from art.portrait.geometry import CX, PH, PW
from art.svg import Svg, d


def placeholder_portrait() -> str:
    """A calm, neutral silhouette for a person whose picture is missing."""
    s = Svg(PW, PH, "placeholder portrait")
    col = C["stone"]
    s.path(
        d(
            ("M", 40, PH),
            ("C", 40, 400, 90, 352, 160, 340),
            ("L", 240, 340),
            ("C", 310, 352, 360, 400, 360, PH),
            "Z",
        ),
        col,
    )
    s.rect(164, 260, 72, 100, col, rx=24)
    s.ellipse(CX, 196, 78, 96, col)
    s.ellipse(CX - 24, 160, 26, 36, C["white"], opacity=0.12)
    return s.text()


def placeholder_setting() -> str:
    s = Svg(1280, 720, "placeholder setting")
    s.rect(0, 0, 1280, 720, s.linear(0, 0, 0, 720, [(0, C["linen"]), (1, C["oat"])]))
    s.glow(640, 260, 520, C["white"], 0.45)
    return s.text()
