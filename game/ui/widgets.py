"""Reusable pieces of a screen with state: buttons and keyboard focus, a text field, scrolling.

Widgets hold a logical box and their own small state (focus, text, scroll);
scenes lay them out, feed them commands and draw them (the drawing helpers for
buttons, hints, bars and chips are in game.ui.drawing). Drawing reads state
only, through the Canvas with Palette colours.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, Literal, NamedTuple, TypeVar

from game.ui.canvas import Box, Canvas
from game.ui.commands import (
    Click,
    Command,
    Compose,
    Confirm,
    Erase,
    FocusNext,
    Hover,
    Move,
    Point,
    TypeText,
)
from game.ui.theme import (
    BUTTON_RADIUS,
    Colour,
    mix,
)

A = TypeVar("A")

SCROLL_LINE = 40.0  # logical pixels scrolled per wheel notch or line
# Seconds new options must have been on screen before they accept input, from any
# device: the click, tap or key that finished a line never also picks what appears.
SETTLE_S = 0.4
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


class Moved:
    """The focus went to another button (a screen plays the "select" sound)."""

    __slots__ = ()


MOVED = Moved()


class Activated(NamedTuple, Generic[A]):
    """A button was used: Enter on it, or a click."""

    action: A


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

    def handle(
        self, command: Command, pointable: Callable[[Point], bool] | None = None
    ) -> Moved | Activated[A] | None:
        """The one way every screen moves its focus and uses its buttons.

        Arrows move spatially, Tab and Shift+Tab in order, the mouse focuses
        what it points at, Enter or a click uses the focused button (a click on
        a text field only gives it the keyboard). `pointable` says where the
        mouse may point (not at buttons scrolled out of view). Returns what
        happened, or None when the command is not about focus.
        """
        if isinstance(command, Move):
            return MOVED if self.move(command.dx, command.dy) else None
        if isinstance(command, FocusNext):
            return MOVED if self.step(command.step) else None
        if isinstance(command, Hover | Click):
            if pointable is not None and not pointable(command.pos):
                return None
            button = self.at(command.pos)
            if button is None:
                return None
            changed = self.hover(command.pos)
            if isinstance(command, Click) and button.kind != "field":
                return Activated(button.action)
            return MOVED if changed else None
        if isinstance(command, Confirm) and self.focused is not None:
            return Activated(self.focused.action)
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


@dataclass(eq=False)
class InputGuard:
    """Options that accept input only once they have been on screen for `SETTLE_S`."""

    shown_s: float = 0.0
    wait_s: float = SETTLE_S

    def reset(self) -> None:
        """New options are on screen: wait again."""
        self.shown_s = 0.0

    def update(self, step_s: float) -> None:
        self.shown_s = min(self.wait_s, self.shown_s + step_s)

    @property
    def ready(self) -> bool:
        return self.shown_s >= self.wait_s


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

    def edit(self, command: Command) -> Literal["changed", "composing"] | None:
        """Apply a typing command: "changed" when the text changed, "composing" while an
        input method composes, None when the command is not typing (the scene handles it)."""
        if isinstance(command, TypeText):
            self.type(command.text)
            return "changed"
        if isinstance(command, Compose):
            self.compose(command.text)
            return "composing"
        if isinstance(command, Erase):
            self.erase()
            return "changed"
        return None

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
            canvas.focus_ring(self.box, BUTTON_RADIUS)
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

    def update(self, step_s: float, instant: bool = False) -> None:
        """Ease towards the target; `instant` (reduced motion) goes there at once."""
        gap = self.target - self.offset
        if instant or abs(gap) < 0.5:
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
