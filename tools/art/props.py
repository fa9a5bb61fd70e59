"""Props every setting may use: the frame (size, backdrop, finish) and things found in many shops.

Settings are 1280 x 720. The lower ~35 % is covered by the dialogue box and a portrait may
cover the left or right third, so every scene keeps its telling details in the upper middle
and stays calm and a little muted: each one ends with ``finish``.
"""

from __future__ import annotations

from typing import Final

from art.palette import C
from art.svg import Later, Svg, d, num

SW: Final = 1280
SH: Final = 720


def backdrop(
    s: Svg, top: str, bottom: str, floor_y: float, floor_top: str, floor_bottom: str
) -> None:
    s.rect(0, 0, SW, floor_y, s.linear(0, 0, 0, floor_y, [(0, top), (1, bottom)]))
    s.rect(
        0,
        floor_y,
        SW,
        SH - floor_y,
        s.linear(0, floor_y, 0, SH, [(0, floor_top), (1, floor_bottom)]),
    )
    s.rect(0, floor_y - 10, SW, 10, C["ink"], opacity=0.07)


def finish(s: Svg, vignette: float = 0.2, haze: float = 0.06) -> None:
    """Soft vignette and a faint cream haze that keeps every scene a touch muted."""
    s.rect(
        0,
        0,
        SW,
        SH,
        s.radial(640, 300, 820, [(0, C["ink"], 0), (0.55, C["ink"], 0), (1, C["ink"], vignette)]),
    )
    if haze:
        s.rect(0, 0, SW, SH, C["cream"], opacity=haze)


def pendant(s: Svg, x: float, y: float, shade: str, glow: float = 0.32, w: float = 42) -> None:
    s.line(x, 0, x, y, C["charcoal"], 3)
    s.glow(x, y + 44, 190, C["mustard"], glow)
    s.ellipse(x, y + 36, w * 0.5, 9, C["white"])
    s.path(
        d(
            ("M", x - w, y + 36),
            ("C", x - w, y + 6, x - w * 0.5, y - 2, x, y - 2),
            ("C", x + w * 0.5, y - 2, x + w, y + 6, x + w, y + 36),
            "Z",
        ),
        shade,
    )
    s.path(
        d(
            ("M", x - w, y + 36),
            ("C", x - w, y + 6, x - w * 0.5, y - 2, x, y - 2),
            ("C", x - w * 0.3, y + 4, x - w * 0.6, y + 14, x - w * 0.6, y + 36),
            "Z",
        ),
        C["white"],
        opacity=0.18,
    )


def plant(s: Svg, x: float, y: float, k: float = 1.0, pot: str = "terracotta") -> None:
    """A potted plant standing on (x, y)."""
    leaves = (
        (-40, -150, -30),
        (30, -160, 28),
        (-70, -110, -55),
        (64, -118, 50),
        (0, -190, 4),
        (-26, -70, -70),
        (36, -74, 66),
    )
    for i, (lx, ly, ang) in enumerate(leaves):
        cx_, cy_ = x + lx * k * 0.6, y - 60 * k + ly * k * 0.6
        s.ellipse(
            cx_,
            cy_,
            16 * k,
            46 * k,
            C["olive"] if i % 2 else C["sage"],
            transform=f"rotate({ang} {num(cx_)} {num(cy_)})",
        )
        s.line(x, y - 60 * k, cx_, cy_ + 10 * k, C["olive"], 3 * k)
    s.path(
        d(
            ("M", x - 44 * k, y - 70 * k),
            ("L", x + 44 * k, y - 70 * k),
            ("L", x + 34 * k, y),
            ("L", x - 34 * k, y),
            "Z",
        ),
        C[pot],
    )
    s.rect(x - 48 * k, y - 78 * k, 96 * k, 14 * k, C[pot], rx=4 * k)
    s.rect(x - 48 * k, y - 78 * k, 96 * k, 14 * k, C["ink"], rx=4 * k, opacity=0.12)


def window(
    s: Svg,
    x: float,
    y: float,
    w: float,
    h: float,
    top: str,
    bottom: str,
    frame: str,
    cols: int = 2,
    rows: int = 1,
    arch: bool = False,
) -> Later:
    """Draw the glass (a sky gradient) and return a function that draws the frame on top."""
    sky = s.linear(0, y, 0, y + h, [(0, top), (1, bottom)])
    if arch:
        s.path(
            d(
                ("M", x, y + h),
                ("L", x, y + w / 2),
                ("A", w / 2, w / 2, 0, 0, 1, x + w, y + w / 2),
                ("L", x + w, y + h),
                "Z",
            ),
            sky,
        )
    else:
        s.rect(x, y, w, h, sky)

    def frame_fn() -> None:
        t = 12
        if arch:
            s.stroke(
                d(
                    ("M", x, y + h),
                    ("L", x, y + w / 2),
                    ("A", w / 2, w / 2, 0, 0, 1, x + w, y + w / 2),
                    ("L", x + w, y + h),
                    "Z",
                ),
                C[frame],
                t,
            )
            for i in range(1, cols):
                s.line(
                    x + w * i / cols,
                    y + (0 if cols % 2 == 0 and i == cols // 2 else w * 0.12),
                    x + w * i / cols,
                    y + h,
                    C[frame],
                    7,
                )
        else:
            s.rect(x, y, w, h, "none", stroke=C[frame], stroke_width=t)
            for i in range(1, cols):
                s.line(
                    x + w * i / cols, y, x + w * i / cols, y + h, C[frame], 7, stroke_linecap="butt"
                )
        for j in range(1, rows):
            s.line(x, y + h * j / rows, x + w, y + h * j / rows, C[frame], 7, stroke_linecap="butt")
        s.rect(x - 14, y + h, w + 28, 12, C[frame], rx=3)
        # a glint on the glass
        s.poly(
            [(x + w * 0.12, y + h), (x + w * 0.3, y), (x + w * 0.38, y), (x + w * 0.2, y + h)],
            C["white"],
            opacity=0.12,
        )

    return frame_fn


def counter(
    s: Svg, x: float, y: float, w: float, front: str, top: str = "oat", h: float | None = None
) -> None:
    h = SH - y if h is None else h
    s.rect(x, y, w, h, C[front])
    s.rect(x, y, w, h, s.linear(0, y, 0, y + 160, [(0, C["ink"], 0.18), (1, C["ink"], 0)]))
    s.rect(x - 16, y - 22, w + 32, 24, C[top], rx=6)
    s.rect(x - 16, y - 4, w + 32, 6, C["ink"], opacity=0.12)


def car_side(s: Svg, x: float, y: float, k: float, body: str, facing: int = -1) -> None:
    """A small hatchback seen from the side; (x, y) is the bottom-left of its 440 x 130 box."""

    def X(v: float) -> float:
        return x + (v if facing < 0 else 440 - v) * k

    def Y(v: float) -> float:
        return y - 130 * k + v * k

    def P(*pts: tuple[float, float]) -> list[tuple[float, float]]:
        return [(X(a), Y(b)) for a, b in pts]

    s.ellipse(X(220), Y(128), 230 * k, 10 * k, C["ink"], opacity=0.18)
    body_d = d(
        ("M", *P((6, 112))[0]),
        ("L", *P((2, 82))[0]),
        ("C", *P((2, 68), (14, 62), (36, 60))),
        ("L", *P((126, 52))[0]),
        ("C", *P((160, 18), (196, 10), (246, 10))),
        ("L", *P((312, 12))[0]),
        ("C", *P((350, 14), (372, 34), (394, 56))),
        ("L", *P((424, 64))[0]),
        ("C", *P((438, 70), (440, 84), (438, 100))),
        ("L", *P((434, 112))[0]),
        "Z",
    )
    s.path(body_d, C[body])
    # lower body shade and a highlight line along the shoulder
    s.path(
        d(
            ("M", *P((6, 112))[0]),
            ("L", *P((4, 92))[0]),
            ("L", *P((436, 92))[0]),
            ("L", *P((434, 112))[0]),
            "Z",
        ),
        C["ink"],
        opacity=0.14,
    )
    s.stroke(d(("M", *P((30, 66))[0]), ("L", *P((420, 68))[0])), C["white"], 3 * k, opacity=0.35)
    # windows
    s.poly(P((142, 52), (178, 22), (240, 18), (240, 52)), C["sky"])
    s.poly(P((252, 52), (252, 18), (306, 20), (338, 34), (360, 52)), C["sky"])
    s.poly(P((150, 52), (170, 32), (184, 32), (166, 52)), C["white"], opacity=0.45)
    # door line and handle
    s.line(X(246), Y(54), X(246), Y(108), C["ink"], 2.5 * k, opacity=0.25)
    s.line(X(196), Y(66), X(214), Y(66), C["ink"], 4 * k, opacity=0.3)
    s.line(X(290), Y(66), X(308), Y(66), C["ink"], 4 * k, opacity=0.3)
    # lights
    s.ellipse(X(14), Y(74), 10 * k, 7 * k, C["cream"])
    s.rect(min(X(424), X(436)), Y(70), 12 * k, 12 * k, C["rust"], rx=3 * k)
    for wx in (92, 350):
        s.circle(X(wx), Y(110), 40 * k, C["ink"], opacity=0.35)
        s.circle(X(wx), Y(112), 34 * k, C["charcoal"])
        s.circle(X(wx), Y(112), 17 * k, C["stone"])
        s.circle(X(wx), Y(112), 6 * k, C["charcoal"])


def wrench(s: Svg, x: float, y: float, k: float, ang: float, col: str) -> None:
    s.begin(transform=f"translate({num(x)} {num(y)}) rotate({num(ang)})")
    s.rect(-5 * k, -46 * k, 10 * k, 92 * k, C[col], rx=4 * k)
    s.circle(0, -50 * k, 13 * k, C[col])
    s.rect(-5 * k, -66 * k, 10 * k, 18 * k, C["oat"])
    s.circle(0, 48 * k, 11 * k, C[col])
    s.circle(0, 48 * k, 5 * k, C["oat"])
    s.end()
