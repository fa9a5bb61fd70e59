"""Text for the canvas: fonts by weight and size with their fallbacks for other scripts,
rendering a line run by run, wrapping a paragraph, and the bounded cache the canvas keeps its
renderings in.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Generic, TypeVar

import pygame

from game.fonts import FALLBACKS, PRIMARY, Coverage
from game.logs import Log
from game.ui.runs import PRIMARY_FACE, Run, faces_of, is_rtl_line, split
from game.ui.theme import Colour

log = Log("game.ui")

K = TypeVar("K")
V = TypeVar("V")

FONT_CACHE_ENTRIES = 64  # font objects kept (one per weight and pixel size)
RUN_CACHE_ENTRIES = 512  # lines split into runs, per font
WEIGHT_FILES = {
    "regular": ("Regular",),
    "italic": ("Italic", "Regular"),
    "semibold": ("SemiBold", "Medium", "Bold", "Regular"),
    "bold": ("Bold", "SemiBold", "Regular"),
}


class LRU(Generic[K, V]):
    """A dictionary that forgets the least recently used entries past `limit`: entries, or with
    `weigh`, bytes (what `weigh` says each value holds). With `grows`, a value may hold more
    after it was stored (a block renders a new colour): it is weighed again when read."""

    def __init__(
        self, limit: int, weigh: Callable[[V], int] | None = None, grows: bool = False
    ) -> None:
        self.limit = limit
        self._weigh = weigh
        self._grows = grows and weigh is not None
        self._items: OrderedDict[K, V] = OrderedDict()
        self._weights: dict[K, int] = {}
        self.bytes = 0  # what the values hold, when weighed

    def get(self, key: K) -> V | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
            if self._grows:
                self._weighed(key, value)
                self._shrink()
        return value

    def put(self, key: K, value: V) -> V:
        self._items[key] = value
        self._items.move_to_end(key)
        if self._weigh is not None:
            self._weighed(key, value)
        self._shrink()
        return value

    def _weighed(self, key: K, value: V) -> None:
        assert self._weigh is not None
        weight = self._weigh(value)
        self.bytes += weight - self._weights.get(key, 0)
        self._weights[key] = weight

    def _shrink(self) -> None:
        items = self._items
        used = len(items) if self._weigh is None else self.bytes
        while used > self.limit and len(items) > 1:  # the newest stays, however big
            key, _ = items.popitem(last=False)
            if self._weigh is None:
                used -= 1
            else:
                self.bytes -= self._weights.pop(key)
                used = self.bytes

    def clear(self) -> None:
        self._items.clear()
        self._weights.clear()
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._items)


def surface_bytes(surface: pygame.Surface) -> int:
    """The memory a surface's pixels take."""
    return surface.get_pitch() * surface.get_height()


class Fonts:
    """The bundled fonts in each weight, opened once per pixel size, with their fallbacks.

    `get(weight, px)` gives a `TextFont`: Inter in that weight, and for the
    characters Inter lacks the Noto fallbacks of game.fonts, chosen run by run
    (game.ui.runs). Fallbacks have one weight; bold text in them is emboldened.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._files: dict[str, Path | None] = {}
        available: dict[str, Path] = {}
        if folder.is_dir():
            for path in sorted(folder.glob(f"{PRIMARY}-*")):
                if path.suffix.lower() in (".otf", ".ttf"):
                    available.setdefault(path.stem.rsplit("-", 1)[1], path)
        for weight, names in WEIGHT_FILES.items():
            self._files[weight] = next((available[n] for n in names if n in available), None)
        if self._files["regular"] is None:
            log.warning("no font found in %s; using pygame's built-in font", folder)
        self._cache: LRU[tuple[str, int], TextFont] = LRU(FONT_CACHE_ENTRIES)
        self._faces: LRU[tuple[int, int, bool], pygame.font.Font] = LRU(FONT_CACHE_ENTRIES)
        coverage = Coverage.load(folder)
        primary = self._files["regular"]
        self.primary_chars = coverage.characters(primary.name) if primary else frozenset()
        self.fallbacks = [
            f for f in FALLBACKS if f.file in coverage.files and (folder / f.file).is_file()
        ]
        self.coverage = coverage
        self.rtl_faces = frozenset(i + 1 for i, f in enumerate(self.fallbacks) if f.rtl)
        self.emoji_face = next((i + 1 for i, f in enumerate(self.fallbacks) if f.bitmap), None)

    def get(self, weight: str, px: int) -> TextFont:
        key = (weight, px)
        font = self._cache.get(key)
        if font is None:
            font = self._cache.put(key, TextFont(self, weight, px, self._primary(weight, px)))
        return font

    def _primary(self, weight: str, px: int) -> pygame.font.Font:
        path = self._files.get(weight) or self._files.get("regular")
        try:
            return pygame.font.Font(path, px)
        except (OSError, pygame.error):
            log.warning("the font %s could not be opened; using the built-in font", path)
            self._files[weight] = None
            return pygame.font.Font(None, px)

    def has(self, face: int, code: int) -> bool:
        """True when `face` (0 the primary font, 1.. the fallbacks) draws the character."""
        if face == PRIMARY_FACE:
            return code in self.primary_chars or not self.primary_chars
        return self.coverage.has(self.fallbacks[face - 1].file, code)

    def fallback(self, face: int, px: int, bold: bool) -> pygame.font.Font | None:
        """A fallback face at `px` (emboldened for bold text), or None when it cannot be opened."""
        key = (face, px, bold)
        font = self._faces.get(key)
        if font is None:
            chosen = self.fallbacks[face - 1]
            try:
                font = pygame.font.Font(self.folder / chosen.file, px)
            except (OSError, pygame.error):
                log.warning("the font %s could not be opened", chosen.file)
                return None
            if chosen.script:
                font.set_script(chosen.script)
            font.set_direction(pygame.DIRECTION_RTL if chosen.rtl else pygame.DIRECTION_LTR)
            font.bold = bold and not chosen.bitmap
            self._faces.put(key, font)
        return font


class TextFont:
    """One weight at one pixel size: measures and renders a line, run by run across fonts.

    It answers like a pygame Font (`render`, `size`, `get_height`), so text
    entirely in the primary font costs what it always did.
    """

    def __init__(self, fonts: Fonts, weight: str, px: int, primary: pygame.font.Font) -> None:
        self.fonts = fonts
        self.weight = weight
        self.px = px
        self.primary = primary
        self._runs: LRU[str, list[Run]] = LRU(RUN_CACHE_ENTRIES)

    def get_height(self) -> int:
        return self.primary.get_height()

    def get_ascent(self) -> int:
        return self.primary.get_ascent()

    def simple(self, text: str) -> bool:
        """True when the primary font draws every character (one run, no fallback)."""
        chars = self.fonts.primary_chars
        return not chars or chars.issuperset(map(ord, text))

    def runs(self, text: str) -> list[Run]:
        """The line's runs in visual order (cached)."""
        known = self._runs.get(text)
        if known is None:
            fonts = self.fonts
            faces = faces_of(text, fonts.has, len(fonts.fallbacks) + 1, fonts.emoji_face)
            known = self._runs.put(text, split(text, faces, fonts.rtl_faces))
        return known

    def _face(self, face: int) -> pygame.font.Font | None:
        if face == PRIMARY_FACE:
            return self.primary
        return self.fonts.fallback(face, self.px, self.weight in ("bold", "semibold"))

    def _scale(self, face: int, font: pygame.font.Font) -> float:
        """Colour-bitmap faces come at one size: they are scaled to the primary font's height."""
        if face != PRIMARY_FACE and self.fonts.fallbacks[face - 1].bitmap:
            return self.primary.get_height() / max(1, font.get_height())
        return 1.0

    def size(self, text: str) -> tuple[int, int]:
        if self.simple(text):
            return self.primary.size(text)
        width = 0
        for run in self.runs(text):
            font = self._face(run.face) or self.primary
            width += round(font.size(run.text)[0] * self._scale(run.face, font))
        return (width, self.get_height())

    def render(self, text: str, antialias: bool, colour: Colour) -> pygame.Surface:
        if self.simple(text):
            return self.primary.render(text, antialias, colour)
        pieces: list[tuple[pygame.Surface, int]] = []  # a run's surface and its ascent
        for run in self.runs(text):
            font = self._face(run.face) or self.primary
            surface = font.render(run.text, antialias, colour)
            scale = self._scale(run.face, font)
            ascent = font.get_ascent()
            if scale != 1.0:
                size = (round(surface.get_width() * scale), round(surface.get_height() * scale))
                if surface.get_bitsize() < 24:  # smoothscale needs true colour
                    full = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
                    full.blit(surface, (0, 0))
                    surface = full
                surface = pygame.transform.smoothscale(surface, size)
                ascent = round(ascent * scale)
            pieces.append((surface, ascent))
        # Baselines line up; the line is as tall as its tallest script needs.
        top = max([self.primary.get_ascent(), *(a for _, a in pieces)])
        bottom = max(
            [
                self.get_height() - self.primary.get_ascent(),
                *(s.get_height() - a for s, a in pieces),
            ]
        )
        width = sum(s.get_width() for s, _ in pieces)
        line = pygame.Surface((max(1, width), top + bottom), pygame.SRCALPHA)
        x = 0
        for surface, ascent in pieces:
            line.blit(surface, (x, top - ascent))
            x += surface.get_width()
        # Fallback fonts reserve more room above and below than the primary font. Where no
        # letter uses it, it is cut off, so the baseline sits where a line in the primary font
        # has it (a name in Arabic lines up with one in Latin letters).
        primary_top = top - self.primary.get_ascent()
        ink = line.get_bounding_rect()
        first = min(primary_top, ink.top) if ink.height else primary_top
        last = max(primary_top + self.get_height(), ink.bottom)
        return line.subsurface((0, first, line.get_width(), last - first)).copy()


@dataclass(eq=False)
class TextBlock:
    """A paragraph wrapped to a width: its lines, size, and rendered lines per colour."""

    lines: list[str]
    font: AnyFont
    line_px: int  # physical pixels from one baseline to the next
    scale: float  # physical pixels per logical pixel when it was wrapped
    width: float  # logical pixels: the widest line
    _surfaces: dict[Colour, list[pygame.Surface]] = field(default_factory=dict)
    _prefix_px: dict[int, list[int]] = field(default_factory=dict)
    bytes: int = 0  # what its rendered lines take

    @property
    def line_height(self) -> float:
        return self.line_px / self.scale

    @property
    def height(self) -> float:
        """Logical pixels from the top of the first line to the bottom of the last."""
        if not self.lines:
            return 0.0
        return ((len(self.lines) - 1) * self.line_px + self.font.get_height()) / self.scale

    @cached_property
    def characters(self) -> int:
        return sum(len(line) for line in self.lines)

    def surfaces(self, colour: Colour) -> list[pygame.Surface]:
        rendered = self._surfaces.get(colour)
        if rendered is None:
            rendered = [render_text(self.font, line, colour) for line in self.lines]
            self._surfaces[colour] = rendered
            self.bytes += sum(surface_bytes(s) for s in rendered)
        return rendered

    def prefix_px(self, line: int, characters: int) -> int:
        """Physical width of the first `characters` of a line, for the typewriter reveal."""
        widths = self._prefix_px.get(line)
        if widths is None:
            text = self.lines[line]
            widths = [0] + [self.font.size(text[: i + 1])[0] for i in range(len(text))]
            self._prefix_px[line] = widths
        return widths[min(characters, len(widths) - 1)]

    def right_to_left(self, line: int) -> bool:
        """True when the line reads from the right (its typewriter reveals from the right)."""
        return is_rtl_line(self.lines[line])


AnyFont = TextFont | pygame.font.Font


def render_text(font: AnyFont, text: str, colour: Colour) -> pygame.Surface:
    """Anti-aliased text; text pygame cannot draw (NUL, nothing visible) gives an empty surface."""
    if text:
        try:
            return font.render(text, True, colour)
        except (pygame.error, ValueError):
            pass
    return pygame.Surface((1, max(1, font.get_height())), pygame.SRCALPHA)


def wrap_lines(font: AnyFont, text: str, max_px: int) -> list[str]:
    """Greedy word wrap measured with `font`; words longer than a line are split."""
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").split("\n"):
        words = paragraph.split()
        if not words:
            lines.append("")
            continue
        current = ""
        for word in words:
            candidate = f"{current} {word}" if current else word
            if text_width(font, candidate) <= max_px:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = word
            while text_width(font, current) > max_px and len(current) > 1:
                cut = len(current) - 1
                while cut > 1 and text_width(font, current[:cut]) > max_px:
                    cut -= 1
                lines.append(current[:cut])
                current = current[cut:]
        lines.append(current)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def text_width(font: AnyFont, text: str) -> int:
    try:
        return font.size(text)[0]
    except (pygame.error, ValueError):
        return 0
