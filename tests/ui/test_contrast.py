"""Contrast by rule: every colour pair the screens draw reaches WCAG AA in both palettes, and
focus shows on every kind of button."""

from __future__ import annotations

import pygame
import pytest

from game.ui.assets import ASSETS_DIR
from game.ui.canvas import Canvas
from game.ui.drawing import draw_button
from game.ui.meeting.board import MEDALS
from game.ui.text import Fonts
from game.ui.theme import (
    CONTRAST_PAIRS,
    FOCUS_GAP,
    FOCUS_WIDTH,
    HIGH_CONTRAST,
    LARGE_AA,
    TEXT_AA,
    WARM,
    Palette,
    contrast,
    mix,
)
from game.ui.widgets import Button

PALETTES = {"warm": WARM, "high contrast": HIGH_CONTRAST}


def rgb(colour: pygame.Color) -> tuple[int, int, int]:
    return (colour.r, colour.g, colour.b)


def colour(palette: Palette, name: str) -> tuple[int, int, int]:
    value = getattr(palette, name)
    assert isinstance(value, tuple), name
    return value


@pytest.mark.parametrize("palette_name", PALETTES)
@pytest.mark.parametrize(("fg", "bg", "minimum"), CONTRAST_PAIRS)
def test_every_pair_the_screens_use_reaches_its_minimum(
    palette_name: str, fg: str, bg: str, minimum: float
) -> None:
    palette = PALETTES[palette_name]
    ratio = contrast(colour(palette, fg), colour(palette, bg))
    assert ratio >= minimum, f"{fg} on {bg} in {palette_name}: {ratio:.2f}:1 < {minimum}:1"


def test_the_ratios_are_wcags() -> None:
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    assert contrast((1, 2, 3), (1, 2, 3)) == 1.0


def test_the_numbers_once_measured_below_aa_now_pass() -> None:
    p = WARM
    for name in ("upsell", "partial", "empathy", "accent"):
        assert contrast(colour(p, name), p.panel) >= TEXT_AA, name
    assert contrast(p.disabled_ink, p.disabled) >= TEXT_AA  # locked cards


@pytest.mark.parametrize("palette_name", PALETTES)
def test_text_on_medals_and_soft_board_text_reach_aa(palette_name: str) -> None:
    palette = PALETTES[palette_name]
    for medal in MEDALS:
        assert contrast(palette.ink, medal) >= TEXT_AA
    soft = mix(palette.ink_on_dark, palette.backdrop, 0.25)  # labels on the dark board
    navy = (46, 59, 85)  # the lightest part of the meeting backdrop
    assert contrast(soft, navy) >= TEXT_AA
    mode = mix(palette.ink_on_dark, palette.nametag, 0.3)  # the mode beside a scenario's title
    assert contrast(mode, palette.nametag) >= TEXT_AA


@pytest.mark.parametrize("kind", ["primary", "normal", "quiet", "choice", "row"])
@pytest.mark.parametrize("palette_name", PALETTES)
def test_focus_is_obvious_on_every_kind_of_button(palette_name: str, kind: str) -> None:
    """Drawn focused and not, a button's surroundings change by 3:1 or more where the ring is
    (a ring touching an accent-filled button used to change it by 1.24:1)."""
    pygame.font.init()
    palette = PALETTES[palette_name]
    shown = {}
    for focused in (False, True):
        surface = pygame.Surface((1280, 720))
        canvas = Canvas(surface, Fonts(ASSETS_DIR / "fonts"), palette, 1.0)
        canvas.set_surface(surface)
        canvas.fill(palette.panel)
        button = Button("Play", "play", (100.0, 200.0, 300.0, 60.0), kind, badge="1")
        draw_button(canvas, button, focused)
        shown[focused] = surface
    # Just outside the button's edge, in the middle of its top and of its left side.
    x, y, w, h = canvas.physical((100.0, 200.0, 300.0, 60.0))
    ring = canvas.length(FOCUS_GAP + FOCUS_WIDTH / 2)
    gap = canvas.length(FOCUS_GAP / 2)
    for point, inside in (
        ((x + w // 2, y - ring), (x + w // 2, y - gap)),
        ((x - ring, y + h // 2), (x - gap, y + h // 2)),
    ):
        before = rgb(shown[False].get_at(point))
        after = rgb(shown[True].get_at(point))
        assert contrast(before, after) >= LARGE_AA, (point, before, after)
        # The ring stands apart from what it surrounds, even an accent-filled button.
        between = rgb(shown[True].get_at(inside))
        assert contrast(after, between) >= LARGE_AA, (inside, after, between)
