"""Arms and hands: the hand at the chin (thinking) and the crossed arms (annoyed).

Sleeves take the outfit's main colour; a soft shadow under each arm keeps it apart from
the body behind it, since the flat style has no outlines.
"""

from __future__ import annotations

from art.cast import Person
from art.palette import C
from art.portrait.geometry import CHIN, CX, PH
from art.portrait.outfits import OUTFITS
from art.portrait.poses import Pose
from art.svg import Svg, d, num


def draw_gesture(s: Svg, p: Person, pose: Pose) -> None:
    if pose.gesture == "chin":
        draw_chin_hand(s, p, pose)
    elif pose.gesture == "arms_crossed":
        draw_crossed_arms(s, p)


def draw_chin_hand(s: Svg, p: Person, pose: Pose) -> None:
    """The left hand raised to the chin: a loose fist at the jaw, the index finger laid across
    the chin and the thumb along the jaw; the forearm rises from the bottom edge."""
    sleeve = OUTFITS[p.outfit].colour(p)
    skin, ink = p.skin, C["ink"]
    # drawn for an upright head, then moved to where the tilted chin is
    hx, hy = pose.head_point(CX + 36, CHIN - 2)
    s.begin(
        transform=f"translate({num(hx)} {num(hy)}) scale(1.3) translate({-CX - 36} {-CHIN + 2})"
    )
    # the forearm: a shadow on the body, the sleeve, a fold and the cuff
    s.path(
        d(
            ("M", 226, 380),
            ("C", 228, 430, 240, 470, 246, PH + 2),
            ("L", 282, PH + 2),
            ("C", 272, 470, 260, 430, 256, 380),
            "Z",
        ),
        ink,
        opacity=0.14,
    )
    arm = d(
        ("M", 240, 366),
        ("C", 242, 420, 254, 462, 262, PH + 2),
        ("L", 362, PH + 2),
        ("C", 340, 456, 312, 410, 296, 366),
        "Z",
    )
    s.path(arm, sleeve)
    s.path(
        d(
            ("M", 296, 366),
            ("C", 312, 410, 340, 456, 362, PH + 2),
            ("L", 334, PH + 2),
            ("C", 318, 456, 298, 414, 284, 370),
            "Z",
        ),
        ink,
        opacity=0.14,
    )
    s.stroke(d(("M", 262, 420), ("Q", 276, 432, 290, 428)), ink, 3, opacity=0.18)
    s.rect(236, 356, 64, 22, sleeve, rx=9)
    s.rect(236, 370, 64, 8, ink, rx=4, opacity=0.12)
    # wrist
    s.path(d(("M", 248, 336), ("L", 286, 334), ("L", 288, 362), ("L", 250, 362), "Z"), skin)
    s.path(
        d(("M", 274, 336), ("L", 286, 334), ("L", 288, 362), ("L", 276, 362), "Z"),
        ink,
        opacity=0.08,
    )
    # the curled fingers, the back of the hand towards us
    fist = d(
        ("M", 240, 296),
        ("C", 244, 286, 256, 282, 270, 284),
        ("L", 280, 286),
        ("C", 292, 288, 298, 300, 296, 314),
        ("L", 292, 334),
        ("C", 289, 346, 278, 350, 266, 348),
        ("L", 252, 344),
        ("C", 240, 341, 234, 330, 235, 316),
        "Z",
    )
    s.path(fist, skin)
    s.path(
        d(
            ("M", 296, 314),
            ("L", 292, 334),
            ("C", 289, 346, 278, 350, 266, 348),
            ("C", 280, 342, 290, 330, 296, 314),
            "Z",
        ),
        ink,
        opacity=0.1,
    )
    for y in (310, 322, 334):
        s.stroke(d(("M", 240, y), ("Q", 250, y + 2, 262, y)), ink, 2.5, opacity=0.24)
    # the index finger laid across the chin, under the lip
    s.line(270, 292, 212, 292, skin, 14)
    s.stroke(d(("M", 266, 299), ("L", 216, 299)), ink, 2.5, opacity=0.18)
    # the thumb along the jaw
    s.line(282, 292, 270, 266, skin, 13)
    s.line(289, 292, 278, 268, ink, 2.5, opacity=0.15)
    s.end()


def band(
    s: Svg,
    a: tuple[float, float],
    b: tuple[float, float],
    wa: float,
    wb: float,
    fill: str,
    **k: float,
) -> None:
    """A forearm: a rounded band from a (wa thick) to b (wb thick)."""
    (ax, ay), (bx, by) = a, b
    length = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5
    nx, ny = -(by - ay) / length, (bx - ax) / length
    s.path(
        d(
            ("M", ax + nx * wa / 2, ay + ny * wa / 2),
            ("L", bx + nx * wb / 2, by + ny * wb / 2),
            ("A", wb / 2, wb / 2, 0, 0, 0, bx - nx * wb / 2, by - ny * wb / 2),
            ("L", ax - nx * wa / 2, ay - ny * wa / 2),
            "Z",
        ),
        fill,
        **k,
    )


def grip(s: Svg, x: float, y: float, side: int, skin: str) -> None:
    """A hand holding an upper arm at (x, y), its fingers curling round to the side given."""
    ink = C["ink"]
    s.path(
        d(
            ("M", x - side * 8, y - 20),
            ("C", x + side * 14, y - 24, x + side * 30, y - 14, x + side * 32, y + 2),
            ("C", x + side * 33, y + 16, x + side * 22, y + 24, x + side * 4, y + 22),
            ("L", x - side * 12, y + 18),
            "Z",
        ),
        skin,
    )
    for k in range(3):
        yy = y - 8 + k * 10
        s.stroke(
            d(("M", x + side * 8, yy), ("L", x + side * (28 - abs(k - 1) * 3), yy + 2)),
            ink,
            2.5,
            opacity=0.24,
        )


def draw_crossed_arms(s: Svg, p: Person) -> None:
    """Arms folded over the chest, each hand on the other arm."""
    sleeve = OUTFITS[p.outfit].colour(p)
    skin, ink = p.skin, C["ink"]
    left, right = CX - p.sh, CX + p.sh
    # the lower forearm runs from the right elbow to the left upper arm
    band(s, (right + 6, 492), (left + 54, 432), 60, 50, ink, opacity=0.2)
    band(s, (right + 6, 484), (left + 54, 424), 60, 50, sleeve)
    band(s, (right + 6, 484), (left + 54, 424), 60, 50, ink, opacity=0.12)
    grip(s, left + 40, 416, -1, skin)
    s.rect(left + 46, 398, 26, 50, sleeve, rx=10, transform=f"rotate(-12 {num(left + 59)} 423)")
    # the upper forearm runs from the left elbow to the right upper arm, over the other one
    band(s, (left - 6, 500), (right - 56, 438), 64, 52, ink, opacity=0.22)
    band(s, (left - 6, 492), (right - 56, 430), 64, 52, sleeve)
    band(s, (left + 20, 470), (right - 60, 414), 8, 6, C["white"], opacity=0.12)
    grip(s, right - 42, 420, 1, skin)
    s.rect(right - 74, 404, 26, 50, sleeve, rx=10, transform=f"rotate(12 {num(right - 61)} 429)")
