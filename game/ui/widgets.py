"""Reusable pieces of a screen: buttons, keyboard focus, a text field, scrolling, bars and chips.

Widgets hold a logical box and their own small state (focus, text, scroll);
scenes lay them out, feed them commands and draw them. Drawing reads state
only. Every widget draws through the Canvas with Palette colours, so it scales
and follows high contrast by itself.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

import pygame

from game.ui.canvas import Box, Canvas
from game.ui.theme import (
    BUTTON_RADIUS,
    COMPETENCY_LABELS,
    FOCUS_WIDTH,
    Colour,
    competency_colour,
    mix,
)

if TYPE_CHECKING:
    from game.core.model import Scores

A = TypeVar("A")

SCROLL_LINE = 40.0  # logical pixels scrolled per wheel notch or line
SCROLL_EASE_PER_S = 14.0  # how fast the view catches up with the target (1/seconds)
CARET_BLINK_S = 0.55  # seconds the caret is on, then off


def inside(box: Box, pos: tuple[float, float]) -> bool:
    x, y, w, h = box
    return x <= pos[0] < x + w and y <= pos[1] < y + h


def inflate(box: Box, by: float) -> Box:
    x, y, w, h = box
    return (x - by, y - by, w + 2 * by, h + 2 * by)


@dataclass(eq=False)
class Button(Generic[A]):
    """Something to activate: with Enter when focused, a click, or its number key."""

    label: str
    action: A
    box: Box = (0.0, 0.0, 0.0, 0.0)
    kind: str = "normal"  # "primary", "normal", "quiet", "choice" or "row"
    enabled: bool = True
    badge: str | None = None  # a key shown in a circle at the left, e.g. "1"
    value: str | None = None  # "row" buttons: the current value, between ◀ ▶
    style: str = "button"


@dataclass(eq=False)
class FocusGroup(Generic[A]):
    """Keyboard focus over a set of buttons: arrows move spatially, Tab in reading order."""

    buttons: list[Button[A]] = field(default_factory=list)
    index: int = 0

    def set(self, buttons: Sequence[Button[A]], keep: A | None = None) -> None:
        """Replace the buttons, keeping the focus on the one with action `keep` if present."""
        self.buttons = list(buttons)
        target = keep
        self.index = 0
        for position, button in enumerate(self.buttons):
            if button.action == target and button.enabled:
                self.index = position
                return
        self.index = next((i for i, b in enumerate(self.buttons) if b.enabled), 0)

    @property
    def focused(self) -> Button[A] | None:
        if 0 <= self.index < len(self.buttons) and self.buttons[self.index].enabled:
            return self.buttons[self.index]
        return None

    def focus_action(self, action: A) -> bool:
        for position, button in enumerate(self.buttons):
            if button.action == action and button.enabled:
                self.index = position
                return True
        return False

    def move(self, dx: int, dy: int) -> bool:
        """Focus the nearest enabled button in the direction (dx, dy); False when none."""
        current = self.focused
        if current is None:
            return self._first()
        cx, cy = _centre(current.box)
        best: tuple[float, int] | None = None
        for position, button in enumerate(self.buttons):
            if position == self.index or not button.enabled:
                continue
            bx, by = _centre(button.box)
            along = (bx - cx) * dx + (by - cy) * dy
            if along <= 1:
                continue
            across = abs((bx - cx) * dy) + abs((by - cy) * dx)
            # Overlapping ranges across the direction (a row or a column) win.
            overlap = _overlaps(current.box, button.box, horizontal=dx != 0)
            score = along + across * (0.5 if overlap else 3.0)
            if best is None or score < best[0]:
                best = (score, position)
        if best is None:
            return False
        self.index = best[1]
        return True

    def step(self, step: int) -> bool:
        """Tab order: the list order, wrapping around."""
        count = len(self.buttons)
        for offset in range(1, count + 1):
            position = (self.index + step * offset) % count
            if self.buttons[position].enabled:
                changed = position != self.index
                self.index = position
                return changed
        return False

    def at(self, pos: tuple[float, float]) -> Button[A] | None:
        for button in self.buttons:
            if button.enabled and inside(button.box, pos):
                return button
        return None

    def hover(self, pos: tuple[float, float]) -> bool:
        """Focus follows the mouse; True when the focus changed."""
        button = self.at(pos)
        if button is None:
            return False
        position = self.buttons.index(button)
        changed = position != self.index
        self.index = position
        return changed

    def by_number(self, number: int) -> Button[A] | None:
        for button in self.buttons:
            if button.enabled and button.badge == str(number):
                return button
        return None

    def _first(self) -> bool:
        for position, button in enumerate(self.buttons):
            if button.enabled:
                self.index = position
                return True
        return False


def _centre(box: Box) -> tuple[float, float]:
    return (box[0] + box[2] / 2, box[1] + box[3] / 2)


def _overlaps(a: Box, b: Box, horizontal: bool) -> bool:
    if horizontal:
        return a[1] < b[1] + b[3] and b[1] < a[1] + a[3]
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2]


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
        canvas.panel(inflate(button.box, FOCUS_WIDTH + 1), p.focus, BUTTON_RADIUS + 4)
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
    widths = _hint_widths(canvas, hints)
    gap = HINT_GAP
    total = hint_row_width(canvas, hints)
    x, y = _anchored(pos, (total, 0), anchor)
    for (key, label), width in zip(hints, widths, strict=True):
        key_hint(canvas, (x, y), key, label, "midleft", on_dark=on_dark)
        x += width + gap


HINT_GAP = 22.0  # logical pixels between key hints


def _hint_widths(canvas: Canvas, hints: Sequence[tuple[str, str]]) -> list[float]:
    return [
        max(canvas.measure(k, "key")[0] + 14, canvas.measure(k, "key")[1] + 10)
        + canvas.measure(label, "caption")[0]
        + 8
        for k, label in hints
    ]


def hint_row_width(canvas: Canvas, hints: Sequence[tuple[str, str]]) -> float:
    """The logical width `hint_row` will use."""
    return sum(_hint_widths(canvas, hints)) + HINT_GAP * (len(hints) - 1)


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


# -- text field -----------------------------------------------------------------------------------
@dataclass(eq=False)
class TextField:
    """One line of typed text with IME composition, a caret and a character limit."""

    text: str = ""
    max_chars: int = 40
    box: Box = (0.0, 0.0, 0.0, 0.0)
    placeholder: str = ""
    composing: str = ""
    blink_s: float = 0.0

    def type(self, text: str) -> None:
        self.composing = ""
        room = self.max_chars - len(self.text)
        if room > 0:
            self.text += text[:room]
        self.blink_s = 0.0

    def compose(self, text: str) -> None:
        self.composing = text[: self.max_chars]

    def erase(self) -> None:
        if self.composing:
            return  # the input method handles its own backspace
        if self.text:
            # Remove a whole user-perceived character: a base and its combining marks.
            end = len(self.text) - 1
            while end > 0 and unicodedata.combining(self.text[end]):
                end -= 1
            self.text = self.text[:end]
        self.blink_s = 0.0

    def update(self, step_s: float) -> None:
        self.blink_s = (self.blink_s + step_s) % (2 * CARET_BLINK_S)

    def draw(self, canvas: Canvas, focused: bool) -> None:
        p = canvas.palette
        x, y, w, h = self.box
        if focused:
            canvas.panel(inflate(self.box, FOCUS_WIDTH + 1), p.focus, BUTTON_RADIUS + 4)
        canvas.panel(self.box, p.button, BUTTON_RADIUS, border=p.button_border)
        text_x = x + 18
        middle = y + h / 2
        caret_h = canvas.line_height("subheading") * 0.8
        shown = self.text + self.composing
        with canvas.clip((x + 12, y, w - 24, h)):
            if shown:
                width = canvas.measure(shown, "subheading")[0]
                shift = min(0.0, (x + w - 22) - (text_x + width))  # keep the end in view
                box = canvas.text(shown, "subheading", (text_x + shift, middle), p.ink, "midleft")
                caret_x = box[0] + box[2]
                if self.composing:
                    typed = canvas.measure(self.text, "subheading")[0] if self.text else 0.0
                    start = text_x + shift + typed
                    canvas.rect((start, middle + caret_h / 2, caret_x - start, 2), p.accent)
            else:
                canvas.text(
                    self.placeholder, "subheading", (text_x, middle), p.ink_muted, "midleft"
                )
                caret_x = text_x
            if focused and self.blink_s < CARET_BLINK_S:
                canvas.rect((caret_x + 1, middle - caret_h / 2, 2, caret_h), p.accent)


# -- scrolling ------------------------------------------------------------------------------------
@dataclass(eq=False)
class ScrollArea:
    """A viewport over taller content: eases towards the target offset, clamps at the ends."""

    box: Box = (0.0, 0.0, 0.0, 0.0)
    content_height: float = 0.0
    offset: float = 0.0
    target: float = 0.0

    @property
    def limit(self) -> float:
        return max(0.0, self.content_height - self.box[3])

    @property
    def scrollable(self) -> bool:
        return self.limit > 0.5

    @property
    def at_end(self) -> bool:
        return self.target >= self.limit - 0.5

    @property
    def settled(self) -> bool:
        return abs(self.offset - self.target) < 0.5

    def scroll(self, lines: float) -> None:
        self.target = min(self.limit, max(0.0, self.target + lines * SCROLL_LINE))

    def show(self, top: float, height: float, margin: float = 12.0) -> None:
        """Scroll just enough that content from `top` (content coordinates) is in view."""
        view = self.box[3]
        if top - margin < self.target:
            self.target = max(0.0, top - margin)
        elif top + height + margin > self.target + view:
            self.target = min(self.limit, top + height + margin - view)

    def clamp(self) -> None:
        self.target = min(self.limit, max(0.0, self.target))
        self.offset = min(self.limit, max(0.0, self.offset))

    def jump(self) -> None:
        self.offset = self.target

    def update(self, step_s: float) -> None:
        gap = self.target - self.offset
        if abs(gap) < 0.5:
            self.offset = self.target
        else:
            self.offset += gap * min(1.0, SCROLL_EASE_PER_S * step_s)

    def draw_indicators(self, canvas: Canvas, colour: Colour) -> None:
        """A slim scroll bar at the right edge when the content is taller than the view."""
        if not self.scrollable:
            return
        x, y, w, h = self.box
        thumb = max(40.0, h * h / self.content_height)
        top = y + (h - thumb) * (self.offset / self.limit)
        canvas.rect((x + w - 6, y, 4, h), mix(colour, (255, 255, 255), 0.7), radius=2)
        canvas.rect((x + w - 6, top, 4, thumb), colour, radius=2)


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


def competency_legend_colour(canvas: Canvas, competency: str) -> Colour:
    return competency_colour(canvas.palette, competency)


def draw_lock(canvas: Canvas, centre: tuple[float, float], size: float, colour: Colour) -> None:
    """A padlock drawn with shapes (the font has no lock glyph)."""
    cx, cy = centre
    body = (cx - size / 2, cy - size * 0.05, size, size * 0.6)
    shackle = canvas.physical((cx - size * 0.3, cy - size * 0.5, size * 0.6, size * 0.8))
    pygame.draw.ellipse(canvas.surface, colour, shackle, max(2, canvas.length(size * 0.12)))
    canvas.rect(body, colour, radius=size * 0.12)
