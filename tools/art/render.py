"""Pictures rendered from the SVGs with pygame-ce: the window icon as a PNG and the contact
sheets of every portrait and setting for the docs."""

from __future__ import annotations

import math
import os
from pathlib import Path

from art.build import ICON_PNG, ICON_SVG, ROOT
from art.cast import Person
from art.icon import PNG_SIZE
from art.palette import C
from art.portrait import MOODS
from art.settings import SETTINGS


def start_pygame() -> None:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def render_icon(assets: Path) -> Path:
    """The window icon as a PNG beside its SVG."""
    start_pygame()
    import pygame  # optional: only the rendered pictures need it

    icon = pygame.image.load_sized_svg(str(assets / ICON_SVG), (PNG_SIZE, PNG_SIZE))
    path = assets / ICON_PNG
    pygame.image.save(icon, str(path))
    return path


def render_sheets(assets: Path, dest: Path, cast: list[Person]) -> None:
    """Contact sheets of every portrait and setting (needs pygame-ce)."""
    start_pygame()
    import pygame  # optional: only the rendered pictures need it

    pygame.font.init()
    font = pygame.font.Font(str(ROOT / "assets" / "fonts" / "Inter-SemiBold.otf"), 20)
    bg, fg = pygame.Color(C["linen"]), pygame.Color(C["ink"])
    dest.mkdir(parents=True, exist_ok=True)

    cw, ch, label = 160, 200, 28
    sheet = pygame.Surface((90 + cw * len(MOODS), label + (ch + 8) * len(cast)))
    sheet.fill(bg)
    for j, mood in enumerate(MOODS):
        t = font.render(mood, True, fg)
        sheet.blit(t, (90 + j * cw + (cw - t.get_width()) // 2, 4))
    for i, p in enumerate(cast):
        y = label + i * (ch + 8)
        t = font.render(p.id, True, fg)
        sheet.blit(t, (8, y + ch // 2 - 10))
        for j, mood in enumerate(MOODS):
            img = pygame.image.load_sized_svg(
                str(assets / "portraits" / p.id / f"{mood}.svg"), (cw, ch)
            )
            sheet.blit(img, (90 + j * cw, y))
    pygame.image.save(sheet, str(dest / "art-portraits.png"))

    names = list(SETTINGS)
    tw, th, cols = 426, 240, 3
    rows = math.ceil(len(names) / cols)
    sheet = pygame.Surface((cols * (tw + 10) + 10, rows * (th + 40) + 10))
    sheet.fill(bg)
    for k, name in enumerate(names):
        x, y = 10 + (k % cols) * (tw + 10), 10 + (k // cols) * (th + 40)
        img = pygame.image.load_sized_svg(str(assets / "settings" / f"{name}.svg"), (tw, th))
        sheet.blit(img, (x, y))
        t = font.render(name, True, fg)
        sheet.blit(t, (x, y + th + 6))
    pygame.image.save(sheet, str(dest / "art-settings.png"))
