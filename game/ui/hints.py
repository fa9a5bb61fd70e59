"""Key hints that are also buttons: a row of "Esc back"-style pills a mouse or a finger can use.

A screen says which hints it shows (`Scene.hint_bars`); it draws them with
`draw_hint_bar`, and the app turns a click on one into the command its key
stands for (`hint_at`), so a pointer reaches everything the keyboard does. A
hint whose key means no single command ("↑↓ move") is drawn but not pointable.
Layout is a pure function of the canvas and the hints, so drawing and clicking
always agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, Protocol

from game.ui.canvas import Box, Canvas
from game.ui.commands import (
    Advance,
    Back,
    Click,
    Command,
    Confirm,
    Hover,
    Pause,
    Point,
    ShowHistory,
    ToggleFullscreen,
    ToggleVoice,
    Undo,
)
from game.ui.drawing import HINT_GAP, hint_widths, key_hint
from game.ui.theme import CANVAS_H, CANVAS_W, MARGIN
from game.ui.widgets import inside

Hint = tuple[str, str]  # (key caption, what it does), e.g. ("Esc", "back")

MIN_TARGET = 40.0  # logical pixels: the least height of a pointable hint (a fingertip)
PILL_PAD = 14.0  # logical pixels between a footer pill's edge and its hints


def command_for(key: str) -> Command | None:
    """The command a hint's key caption stands for, or None when it is not one action."""
    commands: dict[str, Command] = {
        "Esc": Back(),
        "Enter": Confirm(),
        "Space": Advance(),
        "H": ShowHistory(),
        "P": Pause(),
        "⌫": Undo(),
        "V": ToggleVoice(),
        "F11": ToggleFullscreen(),
    }
    return commands.get(key)


class HintBar(NamedTuple):
    """A row of hints anchored at `pos` ("midright": its right end, vertically centred)."""

    hints: tuple[Hint, ...]
    pos: Point
    anchor: str = "midright"
    pill: bool = False  # drawn on a light pill of its own (a footer)


class ShowsHints(Protocol):
    """A screen with key hints: the scene base class and the views that draw for a scene."""

    pointed_hint: Hint | None

    def hint_bars(self) -> Sequence[HintBar]: ...


def draw_hints(canvas: Canvas, screen: ShowsHints) -> None:
    """Draw a screen's key hints (`hint_bars`), the one under the pointer highlighted."""
    for bar in screen.hint_bars():
        draw_hint_bar(canvas, bar, screen.pointed_hint)


def footer_bar(canvas: Canvas, hints: Sequence[Hint]) -> HintBar:
    """The hints along the bottom right of a screen, on a light pill."""
    height = footer_height(canvas)
    return HintBar(tuple(hints), (CANVAS_W - MARGIN, CANVAS_H - 12 - height / 2), pill=True)


def footer_height(canvas: Canvas) -> float:
    """The height of a footer's pill (what a screen leaves free at the bottom for it)."""
    return max(MIN_TARGET, canvas.measure("Esc", "key")[1] + 18)


def hint_boxes(canvas: Canvas, bar: HintBar) -> list[tuple[Box, Hint]]:
    """Each hint's box (as tall as a fingertip needs), left to right."""
    widths = hint_widths(canvas, bar.hints)
    total = sum(widths) + HINT_GAP * (len(widths) - 1)
    x, y = bar.pos
    if bar.anchor.endswith("right"):
        x -= total
    elif bar.anchor in ("center", "midtop", "midbottom"):
        x -= total / 2
    height = max(MIN_TARGET, canvas.measure("Esc", "key")[1] + 10)
    boxes: list[tuple[Box, Hint]] = []
    for hint, width in zip(bar.hints, widths, strict=True):
        boxes.append(((x - HINT_GAP / 2, y - height / 2, width + HINT_GAP, height), hint))
        x += width + HINT_GAP
    return boxes


def hint_at(canvas: Canvas, bars: Sequence[HintBar], pos: Point) -> Hint | None:
    """The pointable hint at `pos`, if any."""
    for bar in bars:
        for box, hint in hint_boxes(canvas, bar):
            if inside(box, pos) and command_for(hint[0]) is not None:
                return hint
    return None


def point(canvas: Canvas, screen: ShowsHints, command: Command) -> Command:
    """What a pointer command means on `screen`: a click on a hint is its key's command. The
    hint under the pointer is kept on the screen, to be drawn as pointed."""
    if not isinstance(command, Hover | Click):
        return command
    hint = hint_at(canvas, screen.hint_bars(), command.pos)
    screen.pointed_hint = hint
    meant = command_for(hint[0]) if hint is not None and isinstance(command, Click) else None
    return meant or command


def draw_hint_bar(canvas: Canvas, bar: HintBar, pointed: Hint | None = None) -> None:
    """The hints, each pointable one outlined as a button (filled while the pointer is on it)."""
    p = canvas.palette
    boxes = hint_boxes(canvas, bar)
    if not boxes:
        return
    if bar.pill:
        left = boxes[0][0][0] + HINT_GAP / 2 - PILL_PAD
        right = boxes[-1][0][0] + boxes[-1][0][2] - HINT_GAP / 2 + PILL_PAD
        height = footer_height(canvas)
        top = bar.pos[1] - height / 2
        canvas.panel((left, top, right - left, height), p.panel, height / 2, alpha=p.panel_alpha)
    for box, hint in boxes:
        x, y, w, h = box
        if command_for(hint[0]) is not None:
            inner = (x + HINT_GAP / 2 - 6, y + 3, w - HINT_GAP + 12, h - 6)
            if hint == pointed:
                canvas.panel(inner, p.button_hover, 8, border=p.button_border)
            else:
                canvas.rect(inner, p.button_border, radius=8, width=1)
        key_hint(canvas, (x + HINT_GAP / 2, y + h / 2), hint[0], hint[1], "midleft")
