"""Art on demand: settings and portraits rendered from SVG at the size needed, safely and once.

Names come from scenario files (`setting`, a cast member's `portrait`); they
are resolved only inside `assets/` (symlinks included) and checked before
loading. Anything missing, empty, mislabelled, oversized or broken becomes a
placeholder and one logged warning: play never stops for art.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pygame

from game.ui.text import LRU
from game.ui.theme import mix

log = logging.getLogger("game.ui")

ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets"
MAX_SVG_BYTES = 2 * 1024 * 1024  # bytes; the shipped art is well under 100 KB each
MAX_DECLARED_PX = 8192  # pixels: an SVG declaring more than this on a side is refused
ART_CACHE_ENTRIES = 96  # rendered images kept (backgrounds and portraits at window scale)
PORTRAIT_VIEWBOX = (400, 500)  # units: the portraits' drawing size (width, height)
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")
_SIZE_ATTRIBUTE = re.compile(
    r"""\b(width|height)\s*=\s*["']\s*([0-9.]+)\s*(px)?\s*["']|\bviewBox\s*=\s*["']([^"']*)["']"""
)


class Art:
    """Backgrounds and portraits as pygame surfaces sized for the window, cached."""

    def __init__(self, root: Path = ASSETS_DIR) -> None:
        self.root = root
        self._cache: LRU[tuple[str, str, tuple[int, int]], pygame.Surface] = LRU(ART_CACHE_ENTRIES)
        self._warned: set[str] = set()
        self.warnings: list[str] = []  # every warning given, for tests and the log

    # -- what scenes ask for ----------------------------------------------------------------------
    def setting(self, name: str | None, size: tuple[int, int]) -> pygame.Surface:
        """The background `assets/settings/<name>.svg` filling `size` pixels."""
        key = ("setting", name or "", size)
        cached = self._cache.get(key)
        if cached is None:
            path = self._find("settings", name)
            surface = self._load(path, size, opaque=True) if path else None
            if surface is None:
                surface = self._placeholder("setting", size)
            cached = self._cache.put(key, surface)
        return cached

    def portrait(self, name: str | None, mood: str, size: tuple[int, int]) -> pygame.Surface:
        """`assets/portraits/<name>/<mood>.svg` at `size`; neutral when that mood is missing."""
        key = ("portrait", f"{name}/{mood}", size)
        cached = self._cache.get(key)
        if cached is None:
            surface = None
            path = self._find("portraits", name, mood)
            if path is None and mood != "neutral":
                path = self._find("portraits", name, "neutral")
            if path is not None:
                surface = self._load(path, size, opaque=False)
            if surface is None:
                surface = self._placeholder("portrait", size)
            cached = self._cache.put(key, surface)
        return cached

    # -- finding files ----------------------------------------------------------------------------
    def _find(self, kind: str, name: str | None, mood: str | None = None) -> Path | None:
        """The file for a name, only if it is a plain slug that stays inside assets/."""
        if not name:
            return None
        label = f"{name}/{mood}" if mood else name
        if not _SLUG.fullmatch(name) or (mood is not None and not _SLUG.fullmatch(mood)):
            self._warn(f"the {kind[:-1]} name {label!r} is not a plain name; showing a placeholder")
            return None
        relative = Path(kind, name, f"{mood}.svg") if mood else Path(kind, f"{name}.svg")
        candidate = self.root / relative
        try:
            resolved = candidate.resolve(strict=True)
        except (OSError, RuntimeError):
            self._warn(f"{candidate} is missing; showing a placeholder")
            return None
        if not resolved.is_relative_to(self.root.resolve()):
            self._warn(f"{candidate} points outside the assets folder; showing a placeholder")
            return None
        if not resolved.is_file():
            self._warn(f"{candidate} is not a file; showing a placeholder")
            return None
        return resolved

    def _load(self, path: Path, size: tuple[int, int], opaque: bool) -> pygame.Surface | None:
        """Check and rasterise one SVG at `size`; None (with a warning) when it is unusable."""
        problem = svg_problem(path)
        if problem is not None:
            self._warn(f"{path} {problem}; showing a placeholder")
            return None
        try:
            image = pygame.image.load_sized_svg(str(path), size)
        except (pygame.error, OSError, ValueError) as error:
            self._warn(f"{path} could not be drawn ({error}); showing a placeholder")
            return None
        if image.get_size() != size:
            image = pygame.transform.smoothscale(image, size)
        return image.convert() if opaque else image.convert_alpha()

    def _warn(self, message: str) -> None:
        if message not in self._warned:
            self._warned.add(message)
            self.warnings.append(message)
            log.warning("%s", message)

    # -- placeholders -----------------------------------------------------------------------------
    def _placeholder(self, kind: str, size: tuple[int, int]) -> pygame.Surface:
        path = self.root / "placeholder" / f"{kind}.svg"
        surface = None
        if path.is_file() and svg_problem(path) is None:
            try:
                surface = pygame.image.load_sized_svg(str(path), size)
            except (pygame.error, OSError, ValueError):
                surface = None
        if surface is not None and surface.get_size() == size:
            return surface.convert() if kind == "setting" else surface.convert_alpha()
        if kind == "setting":
            return drawn_setting(size)
        return drawn_portrait(size)


def svg_problem(path: Path) -> str | None:
    """Why an SVG file must not be loaded, or None: checks size, kind and declared pixels."""
    try:
        size = path.stat().st_size
        if size == 0:
            return "is empty"
        if size > MAX_SVG_BYTES:
            return f"is {size:,} bytes, far more than any artwork needs"
        with path.open("rb") as file:
            head = file.read(4096)
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").decode("utf-8", "replace")
    if not text.startswith("<") or "<svg" not in text:
        return "is not an SVG image"
    tag = text[text.index("<svg") :]
    tag = tag[: tag.find(">") + 1] if ">" in tag else tag
    for match in _SIZE_ATTRIBUTE.finditer(tag):
        numbers: list[float] = []
        if match.group(2):
            numbers = [_number(match.group(2))]
        elif match.group(4):
            numbers = [_number(part) for part in re.split(r"[\s,]+", match.group(4).strip())[2:]]
        if any(n > MAX_DECLARED_PX for n in numbers):
            return f"declares an image over {MAX_DECLARED_PX:,} pixels on a side"
    return None


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


def drawn_setting(size: tuple[int, int]) -> pygame.Surface:
    """A calm warm gradient with soft shapes, for a setting with no usable art."""
    width, height = size
    surface = pygame.Surface(size)
    top, bottom = (246, 222, 198), (226, 190, 160)
    for y in range(0, height, 4):
        colour = mix(top, bottom, y / max(1, height))
        surface.fill(colour, (0, y, width, 4))
    shapes = pygame.Surface(size, pygame.SRCALPHA)
    pygame.draw.circle(shapes, (255, 255, 255, 40), (width // 5, height // 3), height // 3)
    pygame.draw.circle(shapes, (200, 120, 90, 36), (width * 4 // 5, height // 4), height // 4)
    floor = height * 3 // 4
    pygame.draw.rect(shapes, (150, 80, 60, 90), (0, floor, width, height - floor))
    surface.blit(shapes, (0, 0))
    return surface


def drawn_portrait(size: tuple[int, int]) -> pygame.Surface:
    """A neutral silhouette (head and shoulders), for a portrait with no usable art."""
    width, height = size
    surface = pygame.Surface(size, pygame.SRCALPHA)
    colour = (120, 108, 116, 230)
    head = min(width, height) // 5
    centre_x = width // 2
    pygame.draw.circle(surface, colour, (centre_x, height * 2 // 5), head)
    body = pygame.Rect(0, 0, width * 7 // 10, height * 2 // 5)
    body.midbottom = (centre_x, height + head)
    pygame.draw.ellipse(surface, colour, body)
    return surface
