"""Text for the canvas: fonts by weight and size, rendering a line, wrapping a paragraph, and the
bounded cache the canvas keeps its renderings in.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

import pygame

from game.ui.theme import Colour

log = logging.getLogger("game.ui")

K = TypeVar("K")
V = TypeVar("V")

FONT_CACHE_ENTRIES = 64  # font objects kept (one per weight and pixel size)
WEIGHT_FILES = {
    "regular": ("Regular",),
    "italic": ("Italic", "Regular"),
    "semibold": ("SemiBold", "Medium", "Bold", "Regular"),
    "bold": ("Bold", "SemiBold", "Regular"),
}


class LRU(Generic[K, V]):
    """A dictionary that forgets the least recently used entries past `limit`."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> V:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.limit:
            self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


class Fonts:
    """The bundled font in each weight, opened once per pixel size."""

    def __init__(self, folder: Path) -> None:
        self._files: dict[str, Path | None] = {}
        available: dict[str, Path] = {}
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.suffix.lower() in (".otf", ".ttf") and "-" in path.stem:
                    available.setdefault(path.stem.rsplit("-", 1)[1], path)
        for weight, names in WEIGHT_FILES.items():
            self._files[weight] = next((available[n] for n in names if n in available), None)
        if self._files["regular"] is None:
            log.warning("no font found in %s; using pygame's built-in font", folder)
        self._cache: LRU[tuple[str, int], pygame.font.Font] = LRU(FONT_CACHE_ENTRIES)

    def get(self, weight: str, px: int) -> pygame.font.Font:
        key = (weight, px)
        font = self._cache.get(key)
        if font is None:
            path = self._files.get(weight) or self._files.get("regular")
            try:
                font = pygame.font.Font(path, px)
            except (OSError, pygame.error):
                log.warning("the font %s could not be opened; using the built-in font", path)
                self._files[weight] = None
                font = pygame.font.Font(None, px)
            self._cache.put(key, font)
        return font


@dataclass(eq=False)
class TextBlock:
    """A paragraph wrapped to a width: its lines, size, and rendered lines per colour."""

    lines: list[str]
    font: pygame.font.Font
    line_px: int  # physical pixels from one baseline to the next
    scale: float  # physical pixels per logical pixel when it was wrapped
    width: float  # logical pixels: the widest line
    _surfaces: dict[Colour, list[pygame.Surface]] = field(default_factory=dict)
    _prefix_px: dict[int, list[int]] = field(default_factory=dict)

    @property
    def line_height(self) -> float:
        return self.line_px / self.scale

    @property
    def height(self) -> float:
        """Logical pixels from the top of the first line to the bottom of the last."""
        if not self.lines:
            return 0.0
        return ((len(self.lines) - 1) * self.line_px + self.font.get_height()) / self.scale

    @property
    def characters(self) -> int:
        return sum(len(line) for line in self.lines)

    def surfaces(self, colour: Colour) -> list[pygame.Surface]:
        rendered = self._surfaces.get(colour)
        if rendered is None:
            rendered = [render_text(self.font, line, colour) for line in self.lines]
            self._surfaces[colour] = rendered
        return rendered

    def prefix_px(self, line: int, characters: int) -> int:
        """Physical width of the first `characters` of a line, for the typewriter reveal."""
        widths = self._prefix_px.get(line)
        if widths is None:
            text = self.lines[line]
            widths = [0] + [self.font.size(text[: i + 1])[0] for i in range(len(text))]
            self._prefix_px[line] = widths
        return widths[min(characters, len(widths) - 1)]


def render_text(font: pygame.font.Font, text: str, colour: Colour) -> pygame.Surface:
    """Anti-aliased text; text pygame cannot draw (NUL, nothing visible) gives an empty surface."""
    if text:
        try:
            return font.render(text, True, colour)
        except (pygame.error, ValueError):
            pass
    return pygame.Surface((1, max(1, font.get_height())), pygame.SRCALPHA)


def wrap_lines(font: pygame.font.Font, text: str, max_px: int) -> list[str]:
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


def text_width(font: pygame.font.Font, text: str) -> int:
    try:
        return font.size(text)[0]
    except (pygame.error, ValueError):
        return 0
