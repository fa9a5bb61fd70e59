"""A tiny SVG writer with stable number formatting, so the output is byte for byte the same.

It writes only what pygame-ce's SVG loader (SDL_image / nanosvg) draws well: path, rect,
circle, ellipse, polygon, groups with transforms and opacity, and linear/radial gradients
in user-space units.  No text, filters, masks, clip paths, CSS or <use>.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeAlias

# A piece of path data: a command letter or a bare string, a number, a point (x, y),
# or a command written as a tuple ("C", (x1, y1), (x2, y2), (x, y)).
PathPart: TypeAlias = "str | float | tuple[PathPart, ...]"
# An attribute value; None leaves the attribute out.
Attr: TypeAlias = str | float | None
# A gradient stop: (offset, colour) or (offset, colour, opacity).
Stop: TypeAlias = tuple[float, str] | tuple[float, str, float]
# Something that draws more on a picture once the caller is ready for it.
Later: TypeAlias = Callable[[], None]


def num(v: float) -> str:
    if isinstance(v, int):
        return str(v)
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def d(*parts: PathPart) -> str:
    """Path data from commands, one tuple per command: d(("M", x, y), ("L", (x, y)), "Z").

    Inside a command, numbers are formatted and a point (x, y) is written "x,y";
    a bare string is written as it is.
    """
    out: list[str] = []

    def emit(p: PathPart) -> None:
        if isinstance(p, int | float):
            out.append(num(p))
        elif isinstance(p, tuple) and p and isinstance(p[0], str):
            for q in p:
                emit(q)
        elif isinstance(p, tuple):
            coords = []
            for v in p:
                if not isinstance(v, int | float):
                    raise TypeError(f"a point holds numbers only, not {p!r}")
                coords.append(num(v))
            out.append(",".join(coords))
        else:
            out.append(p)

    for p in parts:
        emit(p)
    return " ".join(out)


class Svg:
    """One picture: shapes are appended in drawing order, gradients collected in <defs>."""

    def __init__(self, w: int, h: int, title: str) -> None:
        self.w, self.h, self.title = w, h, title
        self.defs: list[str] = []
        self.items: list[str] = []
        self._ids = 0
        self._depth = 0

    # -- internals --
    @staticmethod
    def _attrs(attrs: dict[str, Attr]) -> str:
        out = []
        for k, v in attrs.items():
            if v is None:
                continue
            name = k.rstrip("_").replace("_", "-")
            text = num(v) if isinstance(v, int | float) else v
            out.append(f'{name}="{text}"')
        return " ".join(out)

    def _emit(self, line: str) -> None:
        self.items.append("  " * (self._depth + 1) + line)

    def el(self, tag: str, **attrs: Attr) -> None:
        self._emit(f"<{tag} {self._attrs(attrs)}/>")

    # -- shapes --
    def rect(
        self, x: float, y: float, w: float, h: float, fill: str, rx: float | None = None, **a: Attr
    ) -> None:
        self.el("rect", x=x, y=y, width=w, height=h, rx=rx, fill=fill, **a)

    def circle(self, cx: float, cy: float, r: float, fill: str, **a: Attr) -> None:
        self.el("circle", cx=cx, cy=cy, r=r, fill=fill, **a)

    def ellipse(self, cx: float, cy: float, rx: float, ry: float, fill: str, **a: Attr) -> None:
        self.el("ellipse", cx=cx, cy=cy, rx=rx, ry=ry, fill=fill, **a)

    def path(self, dd: str, fill: str = "none", **a: Attr) -> None:
        self.el("path", d=dd, fill=fill, **a)

    def poly(self, pts: Sequence[tuple[float, float]], fill: str, **a: Attr) -> None:
        self.el("polygon", points=" ".join(f"{num(x)},{num(y)}" for x, y in pts), fill=fill, **a)

    def stroke(self, dd: str, color: str, width: float, **a: Attr) -> None:
        a.setdefault("stroke_linecap", "round")
        a.setdefault("stroke_linejoin", "round")
        self.el("path", d=dd, fill="none", stroke=color, stroke_width=width, **a)

    def line(
        self, x1: float, y1: float, x2: float, y2: float, color: str, width: float, **a: Attr
    ) -> None:
        self.stroke(d(("M", x1, y1), ("L", x2, y2)), color, width, **a)

    def begin(self, **a: Attr) -> None:
        self._emit(f"<g {self._attrs(a)}>")
        self._depth += 1

    def end(self) -> None:
        self._depth -= 1
        self._emit("</g>")

    # -- paint servers (always in user space: nanosvg handles that best) --
    def _grad(self, kind: str, geo: dict[str, Attr], stops: Sequence[Stop]) -> str:
        self._ids += 1
        gid = f"g{self._ids}"
        lines = [f'<{kind} id="{gid}" {self._attrs(geo)} gradientUnits="userSpaceOnUse">']
        for st in stops:
            off, col = st[0], st[1]
            op = st[2] if len(st) > 2 else 1
            extra = f' stop-opacity="{num(op)}"' if op != 1 else ""
            lines.append(f'<stop offset="{num(off)}" stop-color="{col}"{extra}/>')
        lines.append(f"</{kind}>")
        self.defs.append("\n    ".join(lines))
        return f"url(#{gid})"

    def linear(self, x1: float, y1: float, x2: float, y2: float, stops: Sequence[Stop]) -> str:
        return self._grad("linearGradient", {"x1": x1, "y1": y1, "x2": x2, "y2": y2}, stops)

    def radial(self, cx: float, cy: float, r: float, stops: Sequence[Stop]) -> str:
        return self._grad("radialGradient", {"cx": cx, "cy": cy, "r": r}, stops)

    def glow(self, cx: float, cy: float, r: float, color: str, strength: float = 0.5) -> None:
        """A soft round light: a radial gradient fading to nothing."""
        fill = self.radial(cx, cy, r, [(0, color, strength), (1, color, 0)])
        self.circle(cx, cy, r, fill)

    def text(self) -> str:
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.w}" height="{self.h}" '
            f'viewBox="0 0 {self.w} {self.h}">\n'
            f"  <!-- {self.title}. Original art made for Rapport, CC BY 4.0. "
            f"Generated by tools/make_art.py. -->\n"
        )
        defs = ""
        if self.defs:
            defs = "  <defs>\n    " + "\n    ".join(self.defs) + "\n  </defs>\n"
        return head + defs + "\n".join(self.items) + "\n</svg>\n"
