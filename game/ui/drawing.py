"""Drawing helpers every screen uses: buttons in their states, key hints, bars, score chips and
a padlock.

They draw through the Canvas with Palette colours, so everything scales and
follows high contrast by itself, and they read state only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

import pygame

from game.ui.canvas import Box, Canvas
from game.ui.theme import (
    BUTTON_RADIUS,
    CANVAS_H,
    CANVAS_W,
    COMPETENCY_LABELS,
    Colour,
    mix,
)
from game.ui.widgets import Button

if TYPE_CHECKING:
    from game.core.model import Scores
    from game.ui.scene import Notice

A = TypeVar("A")

# -- buttons --------------------------------------------------------------------------------------
BADGE_D = 34.0  # logical pixels: the number circle on choice buttons
CHOICE_PAD_X = 18.0  # logical pixels
CHOICE_PAD_Y = 14.0  # logical pixels


def badge_diameter(canvas: Canvas) -> float:
    """The number circle grows with the text so that the digit always fits."""
    return max(BADGE_D, canvas.line_height("choice") * 1.1)


def choice_text_width(canvas: Canvas, width: float) -> float:
    return width - 2 * CHOICE_PAD_X - badge_diameter(canvas) - 14


def choice_height(canvas: Canvas, text: str, width: float) -> float:
    block = canvas.wrap(text, "choice", choice_text_width(canvas, width))
    return max(badge_diameter(canvas), block.height) + 2 * CHOICE_PAD_Y


def button_height(canvas: Canvas, style: str = "button") -> float:
    return canvas.line_height(style) + 26


def draw_button(canvas: Canvas, button: Button[A], focused: bool) -> None:
    """A button in its state: focus ring, fill by kind, label, badge or value."""
    p = canvas.palette
    x, y, w, h = button.box
    if not button.enabled:
        fill, ink, border = p.disabled, p.disabled_ink, None
    elif button.kind == "primary":
        fill = mix(p.accent, (0, 0, 0), 0.12) if focused else p.accent
        ink, border = p.accent_ink, None
    elif button.kind == "quiet":
        fill = p.button_hover if focused else p.panel_alt
        ink, border = p.button_ink, None
    else:
        fill = p.button_hover if focused else p.button
        ink, border = p.button_ink, p.button_border
    if focused and button.enabled:
        canvas.focus_ring(button.box, BUTTON_RADIUS)
    canvas.panel(button.box, fill, BUTTON_RADIUS, shadow=p.shadow_alpha // 2, border=border)
    if button.kind == "choice":
        _draw_choice_body(canvas, button, ink, focused)
        return
    if button.kind == "row":
        canvas.text(button.label, "button", (x + 22, y + h / 2), ink, "midleft")
        if button.value is not None:
            arrows = p.accent if focused else p.ink_muted
            right = x + w - 22
            canvas.text("▶", "label", (right, y + h / 2), arrows, "midright")
            value_box = canvas.text(
                button.value, "button", (right - 34, y + h / 2), ink, "midright"
            )
            canvas.text("◀", "label", (value_box[0] - 14, y + h / 2), arrows, "midright")
        return
    label_x = x + w / 2
    if button.badge:
        key_hint(canvas, (x + 16, y + h / 2), button.badge, anchor="midleft", dark=True)
        label_x += 14
    canvas.text(button.label, button.style, (label_x, y + h / 2), ink, "center")


def _draw_choice_body(canvas: Canvas, button: Button[A], ink: Colour, focused: bool) -> None:
    p = canvas.palette
    x, y, w, _h = button.box
    badge = badge_diameter(canvas)
    centre = (x + CHOICE_PAD_X + badge / 2, y + CHOICE_PAD_Y + badge / 2)
    canvas.circle(centre, badge / 2, p.accent if focused else p.nametag)
    if button.badge:
        canvas.text(button.badge, "label", centre, p.ink_on_dark, "center")
    block = canvas.wrap(button.label, "choice", choice_text_width(canvas, w))
    text_y = y + CHOICE_PAD_Y + max(0.0, (badge - block.height) / 2)
    canvas.block(block, (x + CHOICE_PAD_X + badge + 14, text_y), ink)


def key_hint(
    canvas: Canvas,
    pos: tuple[float, float],
    key: str,
    label: str | None = None,
    anchor: str = "midleft",
    dark: bool = False,
    on_dark: bool = False,
) -> Box:
    """A small key cap ("Esc") with an optional label after it; returns the whole box."""
    p = canvas.palette
    text_w, text_h = canvas.measure(key, "key")
    cap_w = max(text_w + 14, text_h + 10)
    cap_h = text_h + 10
    label_w = canvas.measure(label, "caption")[0] + 8 if label else 0.0
    total_w = cap_w + label_w
    x, y = _anchored(pos, (total_w, cap_h), anchor)
    cap_colour = p.nametag if dark else mix(p.panel_alt, p.ink, 0.08)
    canvas.panel((x, y, cap_w, cap_h), cap_colour, 6)
    canvas.text(
        key, "key", (x + cap_w / 2, y + cap_h / 2), p.ink_on_dark if dark else p.ink, "center"
    )
    if label:
        colour = p.ink_on_dark if on_dark else p.ink_muted
        canvas.text(label, "caption", (x + cap_w + 8, y + cap_h / 2), colour, "midleft")
    return (x, y, total_w, cap_h)


def hint_row(
    canvas: Canvas,
    hints: Sequence[tuple[str, str]],
    pos: tuple[float, float],
    anchor: str = "midright",
    on_dark: bool = False,
) -> None:
    """Several key hints in a row, e.g. [("Esc", "back"), ("↑↓", "move")]."""
    widths = hint_widths(canvas, hints)
    gap = HINT_GAP
    total = hint_row_width(canvas, hints)
    x, y = _anchored(pos, (total, 0), anchor)
    for (key, label), width in zip(hints, widths, strict=True):
        key_hint(canvas, (x, y), key, label, "midleft", on_dark=on_dark)
        x += width + gap


HINT_GAP = 22.0  # logical pixels between key hints


def hint_widths(canvas: Canvas, hints: Sequence[tuple[str, str]]) -> list[float]:
    """The logical width of each key hint (its cap and its label)."""
    return [
        max(canvas.measure(k, "key")[0] + 14, canvas.measure(k, "key")[1] + 10)
        + canvas.measure(label, "caption")[0]
        + 8
        for k, label in hints
    ]


def hint_row_width(canvas: Canvas, hints: Sequence[tuple[str, str]]) -> float:
    """The logical width `hint_row` will use."""
    return sum(hint_widths(canvas, hints)) + HINT_GAP * (len(hints) - 1)


def _anchored(
    pos: tuple[float, float], size: tuple[float, float], anchor: str
) -> tuple[float, float]:
    x, y = pos
    w, h = size
    if anchor.endswith("right"):
        x -= w
    elif anchor in ("center", "midtop", "midbottom"):
        x -= w / 2
    if (anchor.startswith("mid") and anchor not in ("midtop", "midbottom")) or anchor == "center":
        y -= h / 2
    elif anchor.startswith("bottom") or anchor == "midbottom":
        y -= h
    return x, y


# -- bars and chips -------------------------------------------------------------------------------
def bar(canvas: Canvas, box: Box, fraction: float, colour: Colour) -> None:
    """A rounded progress bar filled to `fraction` (0–1)."""
    x, y, w, h = box
    canvas.rect(box, canvas.palette.track, radius=h / 2)
    fraction = min(1.0, max(0.0, fraction))
    if fraction > 0:
        canvas.rect((x, y, max(h, w * fraction), h), colour, radius=h / 2)


def chip(
    canvas: Canvas, pos: tuple[float, float], text: str, colour: Colour, style: str = "label"
) -> Box:
    """A pill with text on a colour; returns its box."""
    width, height = canvas.measure(text, style)
    box = (pos[0], pos[1], width + 24, height + 10)
    canvas.panel(box, colour, (height + 10) / 2)
    canvas.text(
        text, style, (pos[0] + 12, pos[1] + box[3] / 2), canvas.palette.ink_on_dark, "midleft"
    )
    return box


def score_changes(scores: Scores) -> list[tuple[str, int]]:
    """The competencies a decision changed, e.g. [("empathy", 2), ("upsell", -1)]."""
    from game.core.model import COMPETENCIES

    return [(c, v) for c, v in zip(COMPETENCIES, scores, strict=True) if v]


def score_text(competency: str, value: int) -> str:
    sign = "+" if value > 0 else "−"
    return f"{sign}{abs(value)} {COMPETENCY_LABELS[competency].lower()}"


def score_chips(
    canvas: Canvas, pos: tuple[float, float], scores: Scores, max_width: float
) -> float:
    """One chip per changed competency, green up and red down; returns the height used."""
    p = canvas.palette
    x, y = pos
    changes = score_changes(scores)
    if not changes:
        chip(canvas, (x, y), "no change", p.ink_muted)
        return canvas.measure("no change", "label")[1] + 10
    height = 0.0
    for competency, value in changes:
        text = score_text(competency, value)
        width = canvas.measure(text, "label")[0] + 24
        if x + width > pos[0] + max_width and x > pos[0]:
            x = pos[0]
            y += height + 8
        box = chip(canvas, (x, y), text, p.positive if value > 0 else p.negative)
        height = box[3]
        x += box[2] + 8
    return y - pos[1] + height


def chips_height(canvas: Canvas, scores: Scores, max_width: float) -> float:
    """The height `score_chips` will use, for layout."""
    changes = score_changes(scores) or [("", 0)]
    line = canvas.measure("+1", "label")[1] + 10
    x = 0.0
    lines = 1
    for competency, value in changes:
        text = score_text(competency, value) if competency else "no change"
        width = canvas.measure(text, "label")[0] + 24
        if x + width > max_width and x > 0:
            lines += 1
            x = 0.0
        x += width + 8
    return lines * line + (lines - 1) * 8


def draw_lock(canvas: Canvas, centre: tuple[float, float], size: float, colour: Colour) -> None:
    """A padlock drawn with shapes (the font has no lock glyph)."""
    cx, cy = centre
    body = (cx - size / 2, cy - size * 0.05, size, size * 0.6)
    shackle = canvas.physical((cx - size * 0.3, cy - size * 0.5, size * 0.6, size * 0.8))
    pygame.draw.ellipse(canvas.surface, colour, shackle, max(2, canvas.length(size * 0.12)))
    canvas.rect(body, colour, radius=size * 0.12)


def draw_notices(canvas: Canvas, notices: Sequence[Notice]) -> None:
    """The notices, newest lowest, centred above the key hints."""
    p = canvas.palette
    y = CANVAS_H - 64.0
    for notice in reversed(notices):
        block = canvas.wrap(notice.text, "small", 820)
        width = block.width + 48
        height = block.height + 24
        y -= height
        box = ((CANVAS_W - width) / 2, y, width, height)
        colour = p.negative if notice.error else p.nametag
        canvas.panel(box, colour, 14, alpha=240, shadow=p.shadow_alpha)
        canvas.block(block, (box[0] + 24, y + 12), p.ink_on_dark)
        y -= 10
