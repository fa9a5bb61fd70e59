"""Art on demand: settings and portraits drawn from SVG or PNG at the size needed, safely, once.

Names come from scenario files (`setting`, a cast member's `portrait`); they
are resolved by game.pictures, only inside the trainer's `art/` folder and
`assets/` (symlinks included), and checked before loading. Anything missing,
empty, mislabelled, oversized or broken becomes a placeholder and one logged
warning: play never stops for art.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from game.logs import Log
from game.ui.text import LRU, surface_bytes
from game.ui.theme import mix

log = Log("game.ui")

ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets"
ART_CACHE_BYTES = 40 * 1024 * 1024  # rendered images kept (at window scale), at most
PORTRAIT_VIEWBOX = (400, 500)  # units: the portraits' drawing size (width, height)


class Art:
    """Backgrounds and portraits as pygame surfaces sized for the window, cached."""

    def __init__(self, root: Path = ASSETS_DIR, own: Path | None = None) -> None:
        self.root = root
        # A trainer's own pictures (game.pictures.art_folder) come before the shipped ones.
        self._roots = (own, root) if own is not None else (root,)
        self._beside: tuple[Path | None] | None = None  # scenarios whose art folder comes first
        self._cache: LRU[tuple[str, str, tuple[int, int]], pygame.Surface] = LRU(
            ART_CACHE_BYTES, surface_bytes
        )
        self._warned: set[str] = set()
        self.warnings: list[str] = []  # every warning given, for tests and the log

    @classmethod
    def beside(cls, scenarios_dir: Path | None, root: Path = ASSETS_DIR) -> Art:
        """The pictures of the scenarios in `scenarios_dir` (None: the shipped ones) before
        `root`'s; game.pictures is asked where they are once a picture is looked for."""
        art = cls(root)
        art._beside = (scenarios_dir,)
        return art

    @property
    def roots(self) -> tuple[Path, ...]:
        """The folders searched for a picture, in order."""
        if self._beside is not None:
            from game.pictures import art_folder  # when a picture is first shown

            self._roots = (art_folder(self._beside[0]), self.root)
            self._beside = None
        return self._roots

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

    def release(self) -> None:
        """Forget the images drawn so far (a scenario ended; the next one has its own)."""
        self._cache.clear()

    # -- finding files ----------------------------------------------------------------------------
    def _find(self, kind: str, name: str | None, mood: str | None = None) -> Path | None:
        """The file for a name, only if it is a plain name that stays inside its folder."""
        if not name:
            return None
        from game.pictures import Found, Refused, find_picture  # when a picture is first shown

        found = find_picture(self.roots, kind, name, mood)
        if isinstance(found, Found):
            return found.path
        label = f"{name}/{mood}" if mood else name
        if isinstance(found, Refused):
            self._warn(f"{found.written} {found.reason}; showing a placeholder")
        else:
            self._warn(f"there is no picture for the {kind[:-1]} {label!r}; showing a placeholder")
        return None

    def _load(self, path: Path, size: tuple[int, int], opaque: bool) -> pygame.Surface | None:
        """Check and draw one SVG or PNG at `size`; None (with a warning) when it is unusable."""
        problem = svg_problem(path)
        if problem is not None:
            self._warn(f"{path} {problem}; showing a placeholder")
            return None
        try:
            if path.suffix == ".png":
                image = pygame.image.load(str(path))
            else:
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
    """What is wrong with a picture file before it is drawn, SVG or PNG (game.pictures)."""
    from game.pictures import picture_problem  # when a picture is first shown

    return picture_problem(path)


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
