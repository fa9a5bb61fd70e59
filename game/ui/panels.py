"""Rounded panels and their soft shadows, rendered once for the canvas to keep and blit.

A panel is drawn as if SUPERSAMPLE times larger and smoothed down, so its
corners are smooth at any size; its shadow is blurred small and enlarged.
"""

from __future__ import annotations

from collections.abc import Iterator

import pygame

from game.ui.theme import Colour

SUPERSAMPLE = 2  # panels are drawn this many times larger, then smoothed down
SHADOW_SHRINK = 4  # shadows are blurred at this fraction of their size
WIDEST_SHADOW = 24  # pixels around a panel, at most (large panels have it) ...
WIDEST_SHADOW_SHRINK = 6  # ... and are blurred at this fraction: the same blur, less work


def panel_surface(
    width: int,
    height: int,
    colour: Colour,
    alpha: int,
    radius: int,
    shadow: int,
    border: Colour | None,
    border_px: int,
) -> tuple[pygame.Surface, int]:
    """Render a rounded rectangle (supersampled for smooth corners) with its shadow."""
    margin = max(4, min(width, height) // 10, radius) if shadow else 0
    margin = min(margin, WIDEST_SHADOW) if shadow else 0
    face = _Face(width, height, colour, alpha, radius, border, border_px)
    if not shadow:
        return face.render(), 0
    out = _shadow(width, height, radius, margin, shadow)
    face.blit(out, (margin, margin - margin // 4))
    return out, margin


class _Face:
    """A panel's face as if drawn SUPERSAMPLE times larger and smoothed down, made in pieces.

    Smoothing down by a whole factor averages each block of SUPERSAMPLE² pixels on
    its own, and away from the rounded corners every block is one colour: only the
    corners are drawn large and smoothed, the rest is filled. The pixels are the
    same as smoothing the whole panel down, for a fraction of the memory and time.
    """

    def __init__(
        self,
        width: int,
        height: int,
        colour: Colour,
        alpha: int,
        radius: int,
        border: Colour | None,
        border_px: int,
    ) -> None:
        self.rect = pygame.Rect(0, 0, width, height)
        self.big = (width * SUPERSAMPLE, height * SUPERSAMPLE)
        self.radius = min(radius * SUPERSAMPLE, min(self.big) // 2)
        self.colour = (*colour, alpha)
        self.border = (*border, alpha) if border is not None and border_px > 0 else None
        self.inset = border_px if self.border is not None else 0
        self.corner = -(-self.radius // SUPERSAMPLE)  # a corner's square, in pixels
        # Too small to have a part between its corners: smoothed down whole.
        self.whole = 2 * self.corner > min(width, height)

    def render(self) -> pygame.Surface:
        """The face on a surface of its own."""
        if self.whole:
            big = pygame.Surface(self.big, pygame.SRCALPHA)
            self._shape(big, (0, 0))
            return pygame.transform.smoothscale(big, self.rect.size)
        face = pygame.Surface(self.rect.size, pygame.SRCALPHA)
        self._fill(face, (0, 0))
        for corner, big in self._corners():
            pygame.transform.smoothscale(big, corner.size, face.subsurface(corner))
        return face

    def blit(self, target: pygame.Surface, pos: tuple[int, int]) -> None:
        """Blend the face onto `target` at `pos`, as blitting `render()` there would."""
        if self.whole or self.colour[3] < 255:  # only opaque pixels can be filled, not blended
            target.blit(self.render(), pos)
            return
        self._fill(target, pos)
        for corner, big in self._corners():
            smooth = pygame.transform.smoothscale(big, corner.size)
            target.blit(smooth, corner.move(pos))

    def _fill(self, target: pygame.Surface, pos: tuple[int, int]) -> None:
        """Fill everything but the corners' squares (the shape of a plus sign)."""
        c = self.corner
        width, height = self.rect.size
        face = self.rect.move(pos)
        inner = face.inflate(-2 * self.inset, -2 * self.inset)
        for band in (
            pygame.Rect(face.x + c, face.y, width - 2 * c, c),  # between the top corners
            pygame.Rect(face.x, face.y + c, width, height - 2 * c),  # the full width between
            pygame.Rect(face.x + c, face.bottom - c, width - 2 * c, c),  # the bottom corners
        ):
            if band.w <= 0 or band.h <= 0:
                continue
            if self.border is not None:
                target.fill(self.border, band)
                band = band.clip(inner)
                if band.w <= 0 or band.h <= 0:
                    continue
            target.fill(self.colour, band)

    def _corners(self) -> Iterator[tuple[pygame.Rect, pygame.Surface]]:
        """Each corner's square on the face, and the shape drawn large there."""
        c = self.corner
        if c == 0:
            return
        width, height = self.rect.size
        for corner, (x, y) in enumerate(
            ((0, 0), (width - c, 0), (0, height - c), (width - c, height - c))
        ):
            big = pygame.Surface((c * SUPERSAMPLE, c * SUPERSAMPLE), pygame.SRCALPHA)
            self._shape(big, (-x * SUPERSAMPLE, -y * SUPERSAMPLE), CORNERS[corner])
            yield pygame.Rect(x, y, c, c), big

    def _shape(self, big: pygame.Surface, offset: tuple[int, int], only: str = "") -> None:
        """The rounded rectangle drawn large, its top left at `offset` on `big`; with `only`
        (a corner's name) the other corners, which fall outside `big`, are not rounded."""
        body = pygame.Rect(offset, self.big)
        radius = self.radius
        if self.border is not None:
            _rounded(big, self.border, body, radius, only)
            inset = self.inset * SUPERSAMPLE
            body = body.inflate(-2 * inset, -2 * inset)
            radius = max(0, radius - inset)
        _rounded(big, self.colour, body, radius, only)


CORNERS = ("top_left", "top_right", "bottom_left", "bottom_right")


def _rounded(
    surface: pygame.Surface, colour: tuple[int, ...], body: pygame.Rect, radius: int, only: str
) -> None:
    """A filled rounded rectangle; with `only`, just that corner is rounded (drawing the
    others' arcs, clipped away, would be most of the work)."""
    corners = {f"border_{name}_radius": 0 for name in CORNERS if only and name != only}
    pygame.draw.rect(surface, colour, body, border_radius=radius, **corners)


def _shadow(width: int, height: int, radius: int, margin: int, alpha: int) -> pygame.Surface:
    """A soft shadow: blurred small (a quarter of the size, a sixth for the widest), then
    enlarged. Its blur is half its width, whichever the fraction: in the window the two
    differ by at most 3 of 255 in any channel."""
    shrink = WIDEST_SHADOW_SHRINK if margin == WIDEST_SHADOW else SHADOW_SHRINK
    full = (width + 2 * margin, height + 2 * margin)
    small = (max(1, full[0] // shrink), max(1, full[1] // shrink))
    inner = pygame.Rect(
        margin // shrink, margin // shrink, max(1, width // shrink), max(1, height // shrink)
    )
    shade = _blurred_rect(
        small, inner, max(0, radius // shrink), max(1, margin // (2 * shrink)), alpha
    )
    return pygame.transform.smoothscale(shade, full)


def _blurred_rect(
    size: tuple[int, int], inner: pygame.Rect, radius: int, blur: int, alpha: int
) -> pygame.Surface:
    """The rounded rectangle `inner` in the shadow's colour on a clear surface of `size`,
    blurred by `blur`.

    Away from its corners a blurred rectangle is the same all along each side, so a
    long one is blurred short (its middle cut down to one row or column) and that
    middle stretched back: the same pixels, for a fraction of the blurring.
    """
    reach = radius + 3 * blur + 1  # farther than a corner's shape changes the blur
    cut_w = max(0, inner.w - 2 * reach - 1)
    cut_h = max(0, inner.h - 2 * reach - 1)
    shade = pygame.Surface((size[0] - cut_w, size[1] - cut_h), pygame.SRCALPHA)
    shape = pygame.Rect(inner.x, inner.y, inner.w - cut_w, inner.h - cut_h)
    pygame.draw.rect(shade, (20, 12, 16, alpha), shape, border_radius=radius)
    blurred = pygame.transform.gaussian_blur(shade, blur)
    if cut_w:
        blurred = _stretched(blurred, inner.x + reach, cut_w, horizontal=True)
    if cut_h:
        blurred = _stretched(blurred, inner.y + reach, cut_h, horizontal=False)
    return blurred


def _stretched(image: pygame.Surface, at: int, extra: int, *, horizontal: bool) -> pygame.Surface:
    """`image` with its column (or row) `at` repeated `extra` more times, pixels copied as
    they are (onto a clear surface, the larger of each channel is the copied one)."""
    width, height = image.get_size()
    if horizontal:
        out = pygame.Surface((width + extra, height), pygame.SRCALPHA)
        before, middle = (0, 0, at + 1, height), (at, 0, 1, height)
        after, after_at = (at + 1, 0, width - at - 1, height), (at + 1 + extra, 0)
        stretch = pygame.Rect(at + 1, 0, extra, height)
    else:
        out = pygame.Surface((width, height + extra), pygame.SRCALPHA)
        before, middle = (0, 0, width, at + 1), (0, at, width, 1)
        after, after_at = (0, at + 1, width, height - at - 1), (0, at + 1 + extra)
        stretch = pygame.Rect(0, at + 1, width, extra)
    copy = pygame.BLEND_RGBA_MAX
    out.blit(image, (0, 0), before, special_flags=copy)
    out.blit(
        pygame.transform.scale(image.subsurface(middle), stretch.size), stretch, special_flags=copy
    )
    out.blit(image, after_at, after, special_flags=copy)
    return out
