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
        for x, y in ((0, 0), (width - c, 0), (0, height - c), (width - c, height - c)):
            big = pygame.Surface((c * SUPERSAMPLE, c * SUPERSAMPLE), pygame.SRCALPHA)
            self._shape(big, (-x * SUPERSAMPLE, -y * SUPERSAMPLE))
            yield pygame.Rect(x, y, c, c), big

    def _shape(self, big: pygame.Surface, offset: tuple[int, int]) -> None:
        """The rounded rectangle drawn large, its top left at `offset` on `big`."""
        body = pygame.Rect(offset, self.big)
        radius = self.radius
        if self.border is not None:
            pygame.draw.rect(big, self.border, body, border_radius=radius)
            inset = self.inset * SUPERSAMPLE
            body = body.inflate(-2 * inset, -2 * inset)
            radius = max(0, radius - inset)
        pygame.draw.rect(big, self.colour, body, border_radius=radius)


def _shadow(width: int, height: int, radius: int, margin: int, alpha: int) -> pygame.Surface:
    """A soft shadow: blurred small (a quarter of the size, a sixth for the widest), then
    enlarged. Its blur is half its width, whichever the fraction: in the window the two
    differ by at most 3 of 255 in any channel."""
    shrink = WIDEST_SHADOW_SHRINK if margin == WIDEST_SHADOW else SHADOW_SHRINK
    full = (width + 2 * margin, height + 2 * margin)
    small = (max(1, full[0] // shrink), max(1, full[1] // shrink))
    shade = pygame.Surface(small, pygame.SRCALPHA)
    inner = pygame.Rect(
        margin // shrink, margin // shrink, max(1, width // shrink), max(1, height // shrink)
    )
    pygame.draw.rect(shade, (20, 12, 16, alpha), inner, border_radius=max(0, radius // shrink))
    blurred = pygame.transform.gaussian_blur(shade, max(1, margin // (2 * shrink)))
    return pygame.transform.smoothscale(blurred, full)
