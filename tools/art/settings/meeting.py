"""Meeting room: a calm dark backdrop for the projected leaderboard."""

from __future__ import annotations

from art.palette import C
from art.props import SH, SW
from art.svg import Svg, d


def draw() -> str:
    s = Svg(SW, SH, "Meeting room backdrop for the leaderboard")
    s.rect(0, 0, SW, SH, s.linear(0, 0, 0, SH, [(0, C["navy"]), (1, C["ink"])]))
    s.glow(640, 0, 760, C["deepteal"], 0.45)
    s.circle(120, 640, 260, C["plum"], opacity=0.12)
    s.circle(1180, 120, 220, C["deepteal"], opacity=0.2)
    for y in range(120, SH, 60):
        s.line(80, y, 1200, y, C["white"], 1, opacity=0.035)
    # two large, very faint speech bubbles: the Rapport motif, kept out of the way of any text
    s.rect(-120, 470, 420, 200, C["white"], rx=90, opacity=0.035)
    s.path(d(("M", 150, 660), ("L", 230, 740), ("L", 230, 660), "Z"), C["white"], opacity=0.035)
    s.rect(1000, 40, 380, 180, C["teal"], rx=80, opacity=0.08)
    s.path(d(("M", 1080, 210), ("L", 1050, 290), ("L", 1140, 210), "Z"), C["teal"], opacity=0.08)
    s.rect(0, SH - 6, SW, 6, C["mustard"], opacity=0.5)
    return s.text()
