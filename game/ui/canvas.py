"""The canvas: a logical 1280×720 drawing surface rendered crisply at the window's real size.

Scenes place everything in logical pixels; the canvas scales positions to the
window, letterboxes when the aspect differs, and renders text with fonts sized
for the physical scale (never a bitmap scaled up), so text stays sharp from a
small window to a 4K projector. Text, wrapped blocks and panels are rendered
once and kept in bounded caches, so a steady frame is blits only (fonts,
rendering and wrapping text are in game.ui.text).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from itertools import groupby
from typing import NamedTuple

import pygame

from game.logs import Log
from game.ui.panels import panel_surface
from game.ui.text import (
    LRU,
    Fonts,
    TextBlock,
    TextFont,
    render_text,
    surface_bytes,
    text_width,
    wrap_lines,
)
from game.ui.theme import (
    CANVAS_H,
    CANVAS_W,
    FOCUS_GAP,
    FOCUS_WIDTH,
    RADIUS,
    STYLES,
    Colour,
    Palette,
    TextStyle,
)

log = Log("game.ui")

Box = tuple[float, float, float, float]  # x, y, width, height in logical pixels
MB = 1024 * 1024
TEXT_CACHE_BYTES = 12 * MB  # rendered strings kept, at most
BLOCK_CACHE_BYTES = 16 * MB  # wrapped paragraphs kept (their rendered lines), at most
FIT_CACHE_ENTRIES = 800  # shortened strings kept (no pixels)
PANEL_CACHE_BYTES = 20 * MB  # rounded panels, buttons and scrims kept, at most
GRADIENT_CACHE_ENTRIES = 8  # backdrop gradients kept (a few hundred bands each, no pixels)
Band = tuple[tuple[int, ...], int, int]  # a gradient's colour, its first row and its rows


class Drawn(NamedTuple):
    """Something drawn, in logical pixels: its kind ("text" or "panel"), the part of its box
    not clipped away, and what it says (for text)."""

    kind: str
    box: Box
    label: str = ""


class Line(NamedTuple):
    """A line of text rendered and placed in window pixels (`Canvas.line`)."""

    text: str
    surface: pygame.Surface
    rect: pygame.Rect


class Canvas:
    """Logical-pixel drawing onto the window surface, with letterboxing and caches."""

    def __init__(self, surface: pygame.Surface, fonts: Fonts, palette: Palette, text_scale: float):
        self.fonts = fonts
        self.palette = palette
        self._text_scale = text_scale
        self._px: dict[str, int] = {}  # each style's font size at this scale and text size
        self._text: LRU[tuple[str, str, Colour, int], pygame.Surface] = LRU(
            TEXT_CACHE_BYTES, surface_bytes
        )
        self._blocks: LRU[tuple[str, str, int, int], TextBlock] = LRU(
            BLOCK_CACHE_BYTES, _block_bytes, grows=True
        )
        self._fits: LRU[tuple[str, str, int, int], str] = LRU(FIT_CACHE_ENTRIES)
        self._panels: LRU[tuple[object, ...], tuple[pygame.Surface, int]] = LRU(
            PANEL_CACHE_BYTES, _panel_bytes
        )
        self._gradients: LRU[tuple[int, Colour, Colour], list[Band]] = LRU(GRADIENT_CACHE_ENTRIES)
        self.surface = surface
        self.scale = 1.0
        self.ox = 0
        self.oy = 0
        # When a list, every text and panel drawn is noted in it (layout tests read it).
        self.drawn: list[Drawn] | None = None
        self.set_surface(surface)

    # -- geometry ---------------------------------------------------------------------------------
    def set_surface(self, surface: pygame.Surface) -> None:
        """Fit the logical canvas into `surface` (the window), letterboxed."""
        self.surface = surface
        width, height = surface.get_size()
        self.scale = max(0.05, min(width / CANVAS_W, height / CANVAS_H))
        self.ox = round((width - CANVAS_W * self.scale) / 2)
        self.oy = round((height - CANVAS_H * self.scale) / 2)
        self._measured()

    @property
    def text_scale(self) -> float:
        """The player's text size, a factor on every font."""
        return self._text_scale

    @text_scale.setter
    def text_scale(self, value: float) -> None:
        self._text_scale = value
        self._measured()

    def _measured(self) -> None:
        """The window's scale or the text size changed: so did what layouts depend on
        (`metrics`: scenes lay out again when it changes) and every style's font size."""
        self.metrics: tuple[float, float] = (self.scale, self._text_scale)
        self._px.clear()

    def length(self, value: float) -> int:
        return round(value * self.scale)

    def point(self, x: float, y: float) -> tuple[int, int]:
        return (self.ox + round(x * self.scale), self.oy + round(y * self.scale))

    def physical(self, box: Box) -> pygame.Rect:
        x, y, w, h = box
        scale, ox, oy = self.scale, self.ox, self.oy
        left, top = ox + round(x * scale), oy + round(y * scale)
        right, bottom = ox + round((x + w) * scale), oy + round((y + h) * scale)
        return pygame.Rect(left, top, right - left, bottom - top)

    def to_logical(self, pos: tuple[int, int]) -> tuple[float, float]:
        return ((pos[0] - self.ox) / self.scale, (pos[1] - self.oy) / self.scale)

    @property
    def size_px(self) -> tuple[int, int]:
        """The canvas's size in window pixels (for art rendered to fit it)."""
        return (self.length(CANVAS_W), self.length(CANVAS_H))

    # -- text -------------------------------------------------------------------------------------
    def font_px(self, style: TextStyle) -> int:
        # Big headings grow less than reading text: they are legible already.
        factor = 1.0 + (self.text_scale - 1.0) * style.growth
        return max(6, round(style.size * factor * self.scale))

    def font(self, style_name: str) -> TextFont:
        style = STYLES[style_name]
        return self.fonts.get(style.weight, self.font_px(style))

    def line_height(self, style_name: str) -> float:
        style = STYLES[style_name]
        return round(self.font_px(style) * style.line_spacing) / self.scale

    def rendered(self, text: str, style_name: str, colour: Colour) -> pygame.Surface:
        px = self._px.get(style_name)
        if px is None:
            px = self._px[style_name] = self.font_px(STYLES[style_name])
        key = (text, style_name, colour, px)
        surface = self._text.get(key)
        if surface is None:
            surface = self._text.put(
                key, render_text(self.fonts.get(STYLES[style_name].weight, px), text, colour)
            )
        return surface

    def fit(self, text: str, style_name: str, width: float) -> str:
        """`text`, shortened with an ellipsis if it is wider than `width` logical pixels."""
        key = (text, style_name, self.font_px(STYLES[style_name]), self.length(width))
        known = self._fits.get(key)
        if known is not None:
            return known
        if self.measure(text, style_name)[0] <= width:
            return self._fits.put(key, text)
        low, high = 0, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            if self.measure(text[:middle].rstrip() + "…", style_name)[0] <= width:
                low = middle
            else:
                high = middle - 1
        return self._fits.put(key, text[:low].rstrip() + "…")

    def measure(self, text: str, style_name: str) -> tuple[float, float]:
        """Logical width and height of one line of text."""
        surface = self.rendered(text, style_name, self.palette.ink)
        return (surface.get_width() / self.scale, surface.get_height() / self.scale)

    def wrap(self, text: str, style_name: str, width: float) -> TextBlock:
        """`text` wrapped to `width` logical pixels in a style (cached)."""
        style = STYLES[style_name]
        px = self.font_px(style)
        max_px = max(1, self.length(width))
        key = (text, style_name, px, max_px)
        block = self._blocks.get(key)
        if block is None:
            font = self.fonts.get(style.weight, px)
            lines = wrap_lines(font, text, max_px)
            widest = max((text_width(font, line) for line in lines), default=0)
            block = TextBlock(lines, font, round(px * style.line_spacing), self.scale, 0.0)
            block.width = widest / self.scale
            self._blocks.put(key, block)
        return block

    def text(
        self,
        text: str,
        style_name: str,
        pos: tuple[float, float],
        colour: Colour | None = None,
        anchor: str = "topleft",
    ) -> Box:
        """Draw one line of text anchored at `pos`; returns its logical box."""
        line = self.line(text, style_name, pos, colour, anchor)
        self.show(line)
        x, y, w, h = line.rect
        scale = self.scale
        return ((x - self.ox) / scale, (y - self.oy) / scale, w / scale, h / scale)

    def line(
        self,
        text: str,
        style_name: str,
        pos: tuple[float, float],
        colour: Colour | None = None,
        anchor: str = "topleft",
    ) -> Line:
        """One line of text rendered and placed as `text()` draws it, to draw with `show()`
        (a line drawn every frame is kept by its screen until it changes)."""
        surface = self.rendered(text, style_name, colour or self.palette.ink)
        rect = surface.get_rect()
        scale = self.scale
        setattr(rect, anchor, (self.ox + round(pos[0] * scale), self.oy + round(pos[1] * scale)))
        return Line(text, surface, rect)

    def show(self, line: Line) -> None:
        """Draw a line made by `line()` (for this canvas's scale)."""
        self.surface.blit(line.surface, line.rect)
        if self.drawn is not None and line.text.strip():
            self._note("text", line.rect, line.text)

    def block(
        self,
        block: TextBlock,
        pos: tuple[float, float],
        colour: Colour | None = None,
        reveal: int | None = None,
        align: str = "left",
        width: float = 0.0,
    ) -> None:
        """Draw a wrapped block; `reveal` shows only that many characters (the typewriter).

        `align` is "left", "center" or "right" within `width` logical pixels.
        """
        surfaces = block.surfaces(colour or self.palette.ink)
        x, y = self.point(*pos)
        if self.drawn is not None and block.lines:
            width_px = max(s.get_width() for s in surfaces)
            left_px = (
                x
                if align == "left"
                else x + (self.length(width) - width_px) // (2 if align == "center" else 1)
            )
            height_px = (len(block.lines) - 1) * block.line_px + block.font.get_height()
            self._note("text", pygame.Rect(left_px, y, width_px, height_px), block.lines[0])
        remaining = block.characters if reveal is None else reveal
        blit = self.surface.blit
        for index, surface in enumerate(surfaces):
            if remaining <= 0:
                break
            left = x
            if align == "center":
                left = x + (self.length(width) - surface.get_width()) // 2
            elif align == "right":
                left = x + self.length(width) - surface.get_width()
            length = len(block.lines[index])
            top = y + index * block.line_px
            if remaining >= length:
                blit(surface, (left, top))
            else:
                shown = block.prefix_px(index, remaining)
                if block.right_to_left(index):  # Arabic and Hebrew appear from the right
                    cut = surface.get_width() - shown
                    blit(surface, (left + cut, top), (cut, 0, shown, surface.get_height()))
                else:
                    blit(surface, (left, top), (0, 0, shown, surface.get_height()))
            remaining -= length

    # -- shapes -----------------------------------------------------------------------------------
    def fill(self, colour: Colour) -> None:
        self.surface.fill(colour)

    def rect(self, box: Box, colour: Colour, radius: float = 0, width: float = 0) -> None:
        """A plain (opaque) rectangle, for bars and rules that change every frame."""
        pygame.draw.rect(
            self.surface,
            colour,
            self.physical(box),
            width=max(1, self.length(width)) if width else 0,
            border_radius=self.length(radius),
        )

    def circle(self, centre: tuple[float, float], radius: float, colour: Colour) -> None:
        pygame.draw.circle(self.surface, colour, self.point(*centre), max(1, self.length(radius)))

    def panel(
        self,
        box: Box,
        colour: Colour,
        radius: float = RADIUS,
        alpha: int = 255,
        shadow: int = 0,
        border: Colour | None = None,
        border_width: float = 2,
    ) -> None:
        """A rounded, anti-aliased panel with an optional soft shadow (rendered once, cached)."""
        target = self.physical(box)
        if target.w <= 0 or target.h <= 0:
            return
        if border is None and colour == self.palette.panel:
            border = self.palette.panel_border  # high contrast outlines every panel
        key = (
            target.w,
            target.h,
            colour,
            alpha,
            self.length(radius),
            shadow,
            border,
            self.length(border_width) if border else 0,
        )
        cached = self._panels.get(key)
        if cached is None:
            cached = self._panels.put(key, panel_surface(*key))
        surface, margin = cached
        self.surface.blit(surface, (target.x - margin, target.y - margin + margin // 4))
        if self.drawn is not None and alpha >= 200:
            self._note("panel", target, "")

    def focus_ring(self, box: Box, radius: float) -> None:
        """The focus indicator around `box`: a ring in the focus colour, kept apart from the
        thing it surrounds by a gap of panel colour, so it shows on any fill (WCAG 2.4.11)."""
        x, y, w, h = box
        out = FOCUS_GAP + FOCUS_WIDTH
        self.panel((x - out, y - out, w + 2 * out, h + 2 * out), self.palette.focus, radius + out)
        gap = (x - FOCUS_GAP, y - FOCUS_GAP, w + 2 * FOCUS_GAP, h + 2 * FOCUS_GAP)
        # No outline on the gap, even in high contrast: it must stay the panel's colour.
        self.panel(
            gap, self.palette.panel, radius + FOCUS_GAP, border=self.palette.panel, border_width=0
        )

    def _note(self, kind: str, rect: pygame.Rect, label: str) -> None:
        """Keep what was drawn (its visible part), for layout tests."""
        assert self.drawn is not None
        visible = rect.clip(self.surface.get_clip())
        if visible.w <= 0 or visible.h <= 0:
            return
        left, top = self.to_logical(visible.topleft)
        self.drawn.append(
            Drawn(kind, (left, top, visible.w / self.scale, visible.h / self.scale), label)
        )

    def scrim(self, colour: Colour, alpha: int) -> None:
        """Darken the whole canvas (under a menu or behind text on art)."""
        if alpha <= 0:
            return
        rect = self.physical((0, 0, CANVAS_W, CANVAS_H))
        key = ("scrim", rect.w, rect.h, colour, alpha)
        cached = self._panels.get(key)
        if cached is None:
            surface = pygame.Surface(rect.size, pygame.SRCALPHA)
            surface.fill((*colour, alpha))
            cached = self._panels.put(key, (surface, 0))
        self.surface.blit(cached[0], rect)

    def gradient(self, box: Box, top: Colour, bottom: Colour) -> None:
        """A vertical gradient filling `box`: one column smoothed to the height, drawn as bands
        of rows that share a colour (cached), each one fill: the pixels of widening the column,
        for a fraction of the work."""
        rect = self.physical(box)
        if rect.w <= 0 or rect.h <= 0:
            return
        key = (rect.h, top, bottom)
        bands = self._gradients.get(key)
        if bands is None:
            bands = self._gradients.put(key, _gradient_bands(top, bottom, rect.h))
        fill = self.surface.fill  # clipped to the surface's clip, like any drawing
        for colour, y, height in bands:
            fill(colour, (rect.x, rect.y + y, rect.w, height))

    def image(self, surface: pygame.Surface, pos: tuple[float, float], alpha: int = 255) -> None:
        """Blit a surface already rendered at window scale, top-left at logical `pos`."""
        if alpha < 255:
            # Surface alpha multiplies per-pixel alpha; 255 (not None) restores it, as
            # None would switch blending off and draw transparent pixels black.
            surface.set_alpha(max(0, alpha))
            self.surface.blit(surface, self.point(*pos))
            surface.set_alpha(255)
        else:
            self.surface.blit(surface, self.point(*pos))

    @contextlib.contextmanager
    def clip(self, box: Box) -> Iterator[None]:
        """Draw only inside `box` for the duration of the block (scrolling areas)."""
        previous = self.surface.get_clip()
        self.surface.set_clip(self.physical(box).clip(previous))
        try:
            yield
        finally:
            self.surface.set_clip(previous)

    def letterbox(self) -> None:
        """Fill the bars outside the canvas when the window's aspect differs."""
        if self.ox <= 0 and self.oy <= 0:
            return  # the canvas fills the window
        width, height = self.surface.get_size()
        inner = self.physical((0, 0, CANVAS_W, CANVAS_H))
        colour = self.palette.backdrop
        if inner.x > 0:
            self.surface.fill(colour, (0, 0, inner.x, height))
            self.surface.fill(colour, (inner.right, 0, width - inner.right, height))
        if inner.y > 0:
            self.surface.fill(colour, (0, 0, width, inner.y))
            self.surface.fill(colour, (0, inner.bottom, width, height - inner.bottom))

    @property
    def cached(self) -> int:
        return len(self._text) + len(self._blocks) + len(self._panels)

    @property
    def cached_bytes(self) -> int:
        """What the rendered text, paragraphs and panels kept take."""
        return self._text.bytes + self._blocks.bytes + self._panels.bytes

    def release(self) -> None:
        """Forget everything rendered (a scenario ended): what is drawn next is rendered anew."""
        for cache in (self._text, self._blocks, self._fits, self._panels, self._gradients):
            cache.clear()


def _gradient_bands(top: Colour, bottom: Colour, height: int) -> list[Band]:
    """The rows of a two-colour column smoothed to `height`, as (colour, first row, rows)."""
    column = pygame.Surface((1, 2))
    column.set_at((0, 0), top)
    column.set_at((0, 1), bottom)
    tall = pygame.image.tobytes(pygame.transform.smoothscale(column, (1, height)), "RGB")
    bands: list[Band] = []
    y = 0
    for colour, rows in groupby(zip(tall[0::3], tall[1::3], tall[2::3], strict=True)):
        count = sum(1 for _ in rows)
        bands.append((colour, y, count))
        y += count
    return bands


def _block_bytes(block: TextBlock) -> int:
    return block.bytes + 256  # its lines and widths besides the pixels


def _panel_bytes(cached: tuple[pygame.Surface, int]) -> int:
    return surface_bytes(cached[0])
